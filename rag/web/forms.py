"""What the web app's forms need besides HTML, kept apart from gradio so it is tested without a browser: reading
the date fields, checking uploads, choosing issues, the sources of citations, briefing downloads, long jobs
with progress, and the browser-side chat's key.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import MissingDateError, NotFoundError, RagError
from ..models import Article, Brief, Citation, Progress
from .views import Source, issue_text, paragraph_of

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx")
DATE_HINT = "年-月-日，如 2025-05-20"
DATE_PLACEHOLDER = "如 2025-05-20"
LINKED_KINDS = ("person", "place", "org", "project")  # names linked to their pages (meeting series are not)
# the county's own names are in every story: linking them would underline half of every answer
EVERYWHERE = frozenset({"中国", "浙江", "浙江省", "衢州", "衢州市", "衢江", "衢江区"})
_DAY_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


class InputError(ValueError):
    """What staff typed or picked cannot be used; the message (Chinese) says what to do instead."""


def parse_day(text: str | None, field: str) -> dt.date | None:
    """A date field -> date; None when empty. Takes 2025-05-20, 2025/5/20, 2025.5.20, 2025年5月20日, 20250520
    (a time part is ignored). InputError naming the field when it is not a date."""
    text = (text or "").strip()
    if not text:
        return None
    m = _DAY_RE.match(text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise InputError(f"{field}「{text}」不是有效的日期，请按“年-月-日”填写，如 2025-05-20。")


def date_range(date_from: str | None, date_to: str | None,
               required: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """The (from, to) of two date fields. InputError when one is unreadable, when from is after to, or (required)
    when one is empty."""
    start, end = parse_day(date_from, "起始日期"), parse_day(date_to, "结束日期")
    if required and (start is None or end is None):
        raise InputError(f"请填写起始日期和结束日期（{DATE_HINT}），或在上面选一期。")
    if start and end and start > end:
        raise InputError(f"起始日期 {start} 晚于结束日期 {end}，请把两个日期对调。")
    return start, end


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of the week that holds `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def check_uploads(files: Iterable[str | Path], max_mb: int) -> list[Path]:
    """Uploaded temp paths -> Paths, after checking type and size. InputError names the offending file."""
    paths = [Path(f) for f in files]
    if not paths:
        raise InputError("请先选择要导入的报纸文件（.txt .md .pdf .docx），再点「导入」。")
    for p in paths:
        if p.suffix.lower() not in UPLOAD_TYPES:
            raise InputError(f"{p.name}：不支持这种文件类型，只能导入 .txt、.md、.pdf、.docx 文件。")
        size = p.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise InputError(f"{p.name}：文件有 {size / 1048576:.1f} MB，超过了 {max_mb} MB 的上限。")
    return paths


def detect_upload_date(service, files: Sequence[str | Path]) -> tuple[dt.date | None, RagError | None]:
    """(masthead date, None) of the first uploaded file that prints one; (None, the error) when a file cannot be
    read as an issue at all; (None, None) when the files print no date."""
    for f in files:
        try:
            date = service.masthead_date(Path(f))
        except MissingDateError:
            continue
        except RagError as e:
            log.info("upload %s unreadable: %s", Path(f).name, e)
            return None, e
        if date:
            return date, None
    return None, None


def issue_choices(issues: Sequence[Mapping], value: str = "source", counts: bool = True) -> list[tuple[str, str]]:
    """(label, value) per issue, newest first: "2025-05-20 · 第3854期（7篇）". value is a key of the issue dicts
    (the source to delete or filter by, or the date to pick a week); labels are made unique."""
    out, seen = [], {}
    for i in sorted(issues, key=lambda i: (str(i.get("date")), str(i.get("source"))), reverse=True):
        label = issue_text(i.get("date") or "日期不详", i.get("issue_number"))
        if counts:
            label += f"（{i.get('articles', 0)}篇）"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label += f" 之{seen[label]}"
        out.append((label, str(i.get(value) or "")))
    return out


def sources_for(service, citations: Sequence[Citation]) -> dict[int, Source]:
    """Citation number -> Source: the paragraph of its article holding the quote (falls back to the chunk), and the
    article's issue number and page."""
    out: dict[int, Source] = {}
    for c in citations:
        try:
            article = service.article(c.article_id)
        except NotFoundError:
            log.info("article %s of citation [%d] is gone", c.article_id, c.n)
            out[c.n] = Source(paragraph_of(c.quote, c.chunk))
            continue
        out[c.n] = Source(paragraph_of(c.quote, c.chunk, article.body), article.issue_number, article.page)
    return out


def names_for(service, article_ids: Iterable[str]) -> dict[str, str]:
    """Name -> kind of the people, places, organisations and projects of some articles (Service.article_entities),
    to link them to their pages. Empty for an article that is gone; the names are an extra, so an archive that
    cannot be read leaves them out (logged) rather than the answer or article."""
    out: dict[str, str] = {}
    for article_id in dict.fromkeys(article_ids):
        try:
            mentions = service.article_entities(article_id)
        except RagError as e:
            log.info("names of article %s not linked: %s", article_id, e)
            continue
        for m in mentions:
            if m.kind in LINKED_KINDS and len(m.name) >= 2 and m.name not in EVERYWHERE:
                out.setdefault(m.name, m.kind)
    return out


def articles_for(service, article_ids: Iterable[str]) -> dict[str, Article]:
    """Article id -> Article of the ids still in the archive (for the 第N期 and 版 of a citation)."""
    out: dict[str, Article] = {}
    for article_id in dict.fromkeys(article_ids):
        try:
            out[article_id] = service.article(article_id)
        except NotFoundError:
            log.info("article %s is gone", article_id)
    return out


def fresh_dir(root: Path, keep_seconds: float = 3600) -> Path:
    """A new folder under `root` for one download; folders older than keep_seconds are removed first."""
    root.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in root.iterdir():
        if old.is_dir() and now - old.stat().st_mtime > keep_seconds:
            shutil.rmtree(old, ignore_errors=True)  # a download still being served is at most an hour old
    return Path(tempfile.mkdtemp(dir=root))


def write_brief_files(brief: Brief, folder: Path) -> tuple[Path, Path]:
    """Write the briefing as .md and .docx into `folder` (named 今日衢江要闻-2025-W24); both paths."""
    from ..brief.dates import file_stem
    from ..brief.render import write

    stem = f"今日衢江要闻-{file_stem(brief.date_from, brief.date_to)}"
    return write(brief, folder / f"{stem}.md", "md"), write(brief, folder / f"{stem}.docx", "docx")


def browser_secret(home: Path) -> str:
    """The key the browser-side chat history is encrypted with: made once per archive and kept in it, so that
    chats survive a restart of the app (a key made at each start would make them unreadable)."""
    path = Path(home) / "web-secret"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(24)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
        return key


def with_progress(job: Callable[[Progress], Any], poll: float = 0.25) -> Iterator[tuple[int, int, str] | dict]:
    """Run `job(progress)` in a thread; yield (done, total, what) while it runs (at most every `poll` seconds),
    then {"result": value} or {"error": exception}. Lets a page show one progress bar that moves."""
    state: dict[str, Any] = {"progress": (0, 0, "")}

    def progress(done: int, total: int, what: str) -> None:
        state["progress"] = (done, total, what)

    def run() -> None:
        try:
            state["result"] = job(progress)
        except Exception as e:  # handed to the page, which shows it in Chinese (and logs anything unexpected)
            state["error"] = e

    worker = threading.Thread(target=run, name="web-job", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(poll)
        if worker.is_alive():
            yield state["progress"]
    yield {"error": state["error"]} if "error" in state else {"result": state.get("result")}
