"""Briefing -> Markdown, Word (.docx) and JSON. The only module that writes .docx (python-docx).

Renderers show only supported items; each sentence is followed by its [n] markers, and the 来源 list at the end
gives title, issue date, issue number and reporters of every cited article.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..errors import RagError
from ..models import Article, Brief, BriefItem, Citation
from .leads import sentences_of

log = logging.getLogger(__name__)

EAST_ASIA_FONT = "Noto Serif CJK SC"  # falls back to the viewer's CJK font (SimSun on Windows) when absent
LATIN_FONT = "Times New Roman"


def _marked(item: BriefItem) -> str:
    """Item text with its markers after every sentence: "甲。[1][2]乙。[1][2]"."""
    markers = "".join(f"[{n}]" for n in item.citations)
    return "".join(s + markers for s in sentences_of(item.text))


def _shown(items: tuple[BriefItem, ...]) -> list[BriefItem]:
    return [i for i in items if i.supported]


def _headline(brief: Brief, item: BriefItem) -> str | None:
    """Headline of the item's first cited article, unless the parser had to invent it from the lead."""
    if not item.citations:
        return None
    cited = {c.n: c for c in brief.citations}.get(item.citations[0])
    article = _article(brief, cited) if cited else None
    if cited is None or (article is not None and article.title_inferred):
        return None
    return cited.title


def _article(brief: Brief, citation: Citation) -> Article | None:
    return next((a for a in brief.sources if a.id == citation.article_id), None)


def source_line(brief: Brief, citation: Citation) -> str:
    """"区委十四届五次全体(扩大)会议举行（2023-08-22，第3684期，记者 刘威、邹洁）" for the 来源 list."""
    article = _article(brief, citation)
    parts = [citation.date.isoformat()]
    if article is not None and article.issue_number:
        parts.append(f"第{article.issue_number}期")
    if article is not None and article.page:
        parts.append(f"第{article.page}版")
    if citation.reporters:
        parts.append("记者 " + "、".join(citation.reporters))
    parts.append(citation.source)
    return f"{citation.title}（{'，'.join(parts)}）"


def to_markdown(brief: Brief) -> str:
    """The briefing as Markdown: title, 概要, topic sections with bullet items, 来源."""
    lines = [f"# {brief.title}", "", "## 概要", ""]
    lines.append("".join(_marked(i) for i in _shown(brief.overview)))
    for section in brief.sections:
        items = _shown(section.items)
        if not items:
            continue
        lines += ["", f"## {section.topic}", ""]
        for item in items:
            head = _headline(brief, item)
            lines.append(f"- **{head}** {_marked(item)}" if head else f"- {_marked(item)}")
    lines += ["", "## 来源", ""]
    lines += [f"[{c.n}] {source_line(brief, c)}  " for c in brief.citations]
    return "\n".join(lines).rstrip() + "\n"


def to_json(brief: Brief) -> str:
    """The briefing as the JSON document of issue 4 (UTF-8 text, Chinese unescaped)."""
    return json.dumps(brief.to_json(), ensure_ascii=False, indent=2)


def _east_asian(element, font: str = EAST_ASIA_FONT) -> None:
    """Set the East-Asian (and Latin) font on a run or style element so Word renders the Chinese text."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the explicit one
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _run(paragraph, text: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    _east_asian(run._element)


def to_docx(brief: Brief, path: Path) -> Path:
    """Write the briefing as a Word document (headings, bullets, sources) to `path`; returns the path."""
    doc = Document()
    for name in ("Normal", "Title", "Heading 1", "List Bullet", "List Number"):
        style = doc.styles[name]
        _east_asian(style.element)
    doc.styles["Normal"].font.size = Pt(11)
    heading = doc.add_heading(level=0)
    _run(heading, brief.title)
    _run(doc.add_heading(level=1), "概要")
    _run(doc.add_paragraph(), "".join(_marked(i) for i in _shown(brief.overview)))
    for section in brief.sections:
        items = _shown(section.items)
        if not items:
            continue
        _run(doc.add_heading(level=1), section.topic)
        for item in items:
            bullet = doc.add_paragraph(style="List Bullet")
            head = _headline(brief, item)
            if head:
                _run(bullet, head + "　", bold=True)
            _run(bullet, _marked(item))
    _run(doc.add_heading(level=1), "来源")
    for citation in brief.citations:
        _run(doc.add_paragraph(), f"[{citation.n}] {source_line(brief, citation)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
    except OSError as e:
        raise RagError(f"cannot write the Word file {path}: {e.strerror or e}; choose another --out") from e
    log.info("wrote %s (%d citations)", path, len(brief.citations))
    return path
