"""Reading issue files: path -> IssueText (decoded, repaired, dated).

Supports .txt/.md (UTF-8 with or without BOM, GB18030/GBK, or lines of both), .pdf (text layer, via pypdf) and
.docx (paragraphs and table cells, via python-docx). Every failure is an InputFileError naming the file and one
reason. Work per file is bounded: a .docx may unpack to DOCX_MAX_UNPACKED bytes and hold DOCX_MAX_PARAGRAPHS
paragraphs, and reading one file may take ``max_seconds``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputFileError, MissingDateError
from ..models import IssueText
from .clean import boxes, repair

log = logging.getLogger(__name__)

SUPPORTED = {".txt", ".md", ".pdf", ".docx"}
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MASTHEAD_HINT = re.compile(r"星期|农历|主办|承办|总第|出版")
_ISSUE_NO = re.compile(r"总第\s*(\d+)\s*期")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
DOCX_MAX_UNPACKED = 200_000_000  # bytes of XML and media inside a .docx (a zip bomb unpacks to far more)
DOCX_MAX_PARAGRAPHS = 100_000  # a long issue has a few thousand
PDF_MAX_PAGES = 2_000


class _Budget:
    """The time one file may take to read; ``check()`` raises InputFileError once it is spent."""

    def __init__(self, where: str, seconds: float) -> None:
        self.where, self.seconds, self.end = where, seconds, time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise InputFileError(self.where, f"reading took longer than {self.seconds:.0f} s (RAG_FILE_SECONDS); "
                                             "split the file or export it again")


_NOT_ISSUE = re.compile(r"(readme|license|licence|changelog)$", re.I)


def iter_files(paths: list[Path]) -> list[Path]:
    """Expand folders recursively (files with a supported extension, sorted; hidden files and README/LICENSE
    files left out: they are never issues; a link that leads nowhere, or round in a loop, is kept so that
    read_issue reports it); keep files given directly as they are, whatever their extension, so that read_issue
    can report an unsupported one."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if (p.is_file() or _broken_link(p))
                              and p.suffix.lower() in SUPPORTED
                              and not _NOT_ISSUE.match(p.stem)
                              and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            out.append(path)
    return out


def _broken_link(path: Path) -> bool:
    """A symbolic link whose target is missing or a link loop (is_file() says False for both)."""
    return path.is_symlink() and not path.exists()


def detect_date(text: str) -> dt.date | None:
    """The masthead date (YYYY年M月D日) of an issue, or None. Only the first lines are searched, and a date there
    counts only on a masthead-like line (星期, 农历, 主办, 总第…) or a line holding nothing but the date, so that
    dates in article text are never taken for the issue date."""
    lines = [ln.strip() for ln in text.translate(_FULLWIDTH_DIGITS).splitlines() if ln.strip()][:15]
    for line in lines:
        for m in _DATE.finditer(line):
            rest = (line[:m.start()] + line[m.end():]).strip()
            if _MASTHEAD_HINT.search(line) or not rest:
                try:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
    return None


def detect_issue_number(text: str) -> str | None:
    """总第3684期 in the masthead -> "3684", or None."""
    head = "\n".join(text.translate(_FULLWIDTH_DIGITS).splitlines()[:15])
    m = _ISSUE_NO.search(head)
    return m.group(1) if m else None


def read_issue(path: Path, date: dt.date | None = None, max_bytes: int = 20_000_000,
               stored_date: Callable[[str, str], dt.date | None] | None = None,
               max_seconds: float = 60) -> IssueText:
    """Read one issue file into an IssueText: decoded, repaired (rag.ingest.clean.repair), dated.

    `date` overrides the masthead date; without either, `stored_date(file name, sha1)` may give the date this
    very file was ingested with before (re-ingesting a folder must not ask again); else a MissingDateError says
    to pass --date. Raises
    InputFileError for an unsupported extension, a missing, too large, binary, corrupt or empty file, a symlink
    loop, or a file over the limits of the module doc.
    """
    path = Path(path)
    where = str(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        raise InputFileError(where, f"unsupported file type {ext or '(none)'}; supported: "
                             + ", ".join(sorted(SUPPORTED)))
    try:
        resolved = path.resolve(strict=True)
        if not resolved.is_file():
            raise InputFileError(where, "not a regular file")
        size = resolved.stat().st_size
        if size > max_bytes:
            raise InputFileError(where, f"file too large: {size / 1e6:.1f} MB, limit {max_bytes / 1e6:.0f} MB "
                                        "(RAG_MAX_FILE_MB)")
        data = resolved.read_bytes()
    except RuntimeError as e:  # Python < 3.13 raises RuntimeError for a symlink loop
        raise InputFileError(where, "symbolic link loop; point the link at a file") from e
    except OSError as e:
        reason = {2: "no such file", 40: "symbolic link loop; point the link at a file"}.get(e.errno)
        raise InputFileError(where, reason or f"cannot read the file ({e.strerror})") from e
    budget = _Budget(where, max_seconds)
    if ext == ".pdf":
        raw = _pdf_text(where, data, budget)
    elif ext == ".docx":
        raw = _docx_text(where, data, budget)
    else:
        raw = decode_text(where, data)
    if not raw.strip():
        raise InputFileError(where, "empty file (no text)" if ext in (".txt", ".md") else "no text found")
    text = repair(raw)
    if not text.strip():
        raise InputFileError(where, "no article text left after removing page furniture")
    sha1 = hashlib.sha1(data).hexdigest()
    issue_date = date or detect_date(raw) or (stored_date(path.name, sha1) if stored_date else None)
    if issue_date is None:
        raise MissingDateError(where, "no issue date found in the masthead; pass --date YYYY-MM-DD")
    issue = IssueText(source=path.name, path=str(resolved), sha1=sha1, text=text,
                      date=issue_date, issue_number=detect_issue_number(raw), boxes=tuple(boxes(raw)))
    log.info("read %s: %d chars, date %s, issue %s", issue.source, len(text), issue_date, issue.issue_number)
    return issue


def decode_text(where: str, data: bytes) -> str:
    """Bytes of a text file -> str: UTF-8 (BOM or not), else GB18030 (a superset of GBK/GB2312) line by line with
    UTF-8 lines kept as UTF-8 (a file pasted together from both), else what charset-normalizer detects. NUL bytes
    or undecodable bytes mean a binary file."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(where, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_lines(data)  # GBK, or lines of UTF-8 and GBK pasted together
    if mixed is not None:
        log.info("%s: decoded as GB18030 (line by line where lines are UTF-8)", where)
        return mixed
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else ""
    controls = len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]", text))
    if best is None or controls > 0.01 * max(1, len(text)):
        raise InputFileError(where, "binary file (not decodable as UTF-8, GB18030 or any known text encoding)")
    log.info("%s: decoded as %s", where, best.encoding)
    return text


def _chinese_share(text: str) -> float:
    visible = re.sub(r"\s", "", text)
    return len(re.findall(r"[\u4e00-\u9fff，。、“”：；！？（）]", visible)) / len(visible) if visible else 0.0


def _mixed_lines(data: bytes) -> str | None:
    """Each line as UTF-8, else GB18030; None unless every line decodes and the text reads as Chinese."""
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    text = "\n".join(lines).lstrip("\ufeff")
    return text if _chinese_share(text) >= 0.3 else None


def _pdf_text(where: str, data: bytes, budget: _Budget) -> str:
    """Text layer of a PDF, pages separated by blank lines. Corrupt or truncated files, and files over pypdf's
    limits or PDF_MAX_PAGES, raise InputFileError."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > PDF_MAX_PAGES:
            raise InputFileError(where, f"{len(reader.pages)} pages, more than {PDF_MAX_PAGES}; split the PDF")
        pages = []
        for page in reader.pages:
            budget.check()
            pages.append(page.extract_text() or "")
    except LimitReachedError as e:
        raise InputFileError(where, f"the PDF unpacks to more than a PDF reader allows ({e}); export it again "
                                    "without embedded oddities, or as text") from e
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as e:
        raise InputFileError(where, f"corrupt or truncated PDF ({type(e).__name__}: {e})") from e
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputFileError(where, "no text layer; export the PDF with text or OCR it first")
    return text


def _check_docx_size(where: str, data: bytes) -> None:
    """InputFileError when the .docx would unpack to more than DOCX_MAX_UNPACKED bytes or its document holds more
    than DOCX_MAX_PARAGRAPHS paragraphs (checked on the zip directory and the raw XML, before any parsing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > DOCX_MAX_UNPACKED:
                raise InputFileError(where, f"the .docx unpacks to {unpacked / 1e6:.0f} MB, more than "
                                            f"{DOCX_MAX_UNPACKED / 1e6:.0f} MB; save it again from Word")
            xml = z.read("word/document.xml") if "word/document.xml" in z.namelist() else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as e:
        raise InputFileError(where, f"corrupt .docx file ({type(e).__name__}: {e})") from e
    paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")
    if paragraphs > DOCX_MAX_PARAGRAPHS:
        raise InputFileError(where, f"{paragraphs} paragraphs, more than {DOCX_MAX_PARAGRAPHS}; split the document")
    if b"<!ENTITY" in xml[:4096]:  # XML entity definitions have no place in Word's XML (billion laughs)
        raise InputFileError(where, "the .docx defines XML entities, which Word never writes; save it again "
                                    "from Word")


def _docx_text(where: str, data: bytes, budget: _Budget) -> str:
    """Paragraphs and table cells (a row's cells tab-separated) of a .docx, in document order; paragraphs in a
    heading style come out as markdown headings so that repair() keeps them apart from the text."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    _check_docx_size(where, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError, KeyError, OSError) as e:
        raise InputFileError(where, f"corrupt .docx file ({type(e).__name__}: {e})") from e
    except etree.LxmlError as e:  # XML over lxml's limits (entity expansion, depth) or not XML at all
        raise InputFileError(where, f"the .docx holds XML that cannot be read safely ({e}); save it again "
                                    "from Word") from e
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = document.element.body
    for n, child in enumerate(body.iterchildren()):
        if n % 1000 == 0:
            budget.check()
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            style = (Paragraph(child, document).style.name or "").lower()
            heading = style.startswith(("heading", "title")) or "标题" in style
            lines.append(f"# {text}" if heading and text.strip() else text)  # repair() reads it as a headline
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                             for tc in row if tc.tag.endswith("}tc")]
                    lines.append("\t".join(c.strip() for c in cells if c.strip()))
    return "\n".join(lines)
