"""Non-HTML helpers of the web app, kept out of rag/web/ui.py so they are tested without gradio.

Upload checks, masthead date detection, date fields, citation paragraphs and briefing downloads.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import InputFileError, NotFoundError, RagError
from ..models import Brief, Citation
from ..settings import Settings
from .views import paragraph_of

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx")


def parse_day(text: str | None, field: str) -> dt.date | None:
    """A date field's text ("YYYY-MM-DD", time part ignored) -> date; None when empty. RagError when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise RagError(f"{field}：无法识别的日期 {text!r}，请用 YYYY-MM-DD 格式") from None


def check_uploads(files: Iterable[str | Path], max_mb: int) -> list[Path]:
    """Uploaded temp paths -> Paths, after checking type and size. InputFileError names the offending file."""
    paths = [Path(f) for f in files]
    if not paths:
        raise InputFileError("（无文件）", "请先选择要上传的期刊文件")
    for p in paths:
        if p.suffix.lower() not in UPLOAD_TYPES:
            raise InputFileError(p.name, f"不支持的文件类型，只接受 {' '.join(UPLOAD_TYPES)}")
        size = p.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise InputFileError(p.name, f"文件 {size / 1048576:.1f} MB，超过上限 {max_mb} MB（RAG_MAX_UPLOAD_MB）")
    return paths


def detect_upload_date(service, files: Sequence[str | Path]) -> dt.date | None:
    """Masthead date of the first uploaded file that prints one; None when none does or a file is unreadable."""
    for f in files:
        try:
            date = service.masthead_date(Path(f))
        except RagError as e:  # MissingDateError too: the user fills the field in
            log.info("no masthead date in %s: %s", Path(f).name, e)
            continue
        if date:
            return date
    return None


def paragraphs_for(service, citations: Sequence[Citation]) -> dict[int, str]:
    """Citation number -> the paragraph of its article that holds the quote (falls back to the chunk)."""
    out: dict[int, str] = {}
    for c in citations:
        body = None
        try:
            body = service.article(c.article_id).body
        except NotFoundError:
            log.info("article %s of citation [%d] is gone", c.article_id, c.n)
        out[c.n] = paragraph_of(c.quote, c.chunk, body)
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
    """Write the briefing as .md and .docx into `folder`; returns both paths."""
    from ..brief.render import to_docx, to_markdown

    stem = f"briefing-{brief.date_from.isoformat()}-{brief.date_to.isoformat()}"
    md = folder / f"{stem}.md"
    md.write_text(to_markdown(brief), encoding="utf-8")
    docx = to_docx(brief, folder / f"{stem}.docx")
    return md, Path(docx)


def config_lines(settings: Settings) -> list[str]:
    """What the Library tab shows about the configured embedder and answer engine."""
    engine = settings.engine
    if engine == "openai":
        engine += f"（{settings.llm_model or '未设置模型'} @ {settings.llm_base_url or '未设置地址'}）"
    elif engine == "llamacpp":
        engine += f"（{settings.llm_gguf or '未设置 GGUF 文件'}）"
    embedder = "multilingual-e5-small（内置）" if settings.embed_model == "e5" else settings.embed_model
    return [f"向量模型：{embedder}", f"回答与简报引擎：{engine}", f"档案目录：{settings.home}"]
