"""Briefing -> one layout -> Markdown, Word (.docx); and JSON. The only module that writes .docx (python-docx).

`blocks(brief)` is the one rendering: title, 导读 (the overview pointing at items by number), the sections with
their numbered items (headline in bold, then the text, then the [n] markers), 简讯, 评论 (title and author),
与上周相比, 来源. Markdown and Word only draw those blocks, and the app's preview should too, so the preview and
the downloads cannot drift apart. JSON is the Brief's own structure (Brief.to_json). Unsupported items are never
shown.
"""

from __future__ import annotations

import datetime as dt

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..errors import RagError
from ..models import Article, Brief, BriefChange, BriefItem, Citation
from .leads import sentences_of

log = logging.getLogger(__name__)

EAST_ASIA_FONT = "Noto Serif CJK SC"  # falls back to the viewer's CJK font (SimSun on Windows) when absent
LATIN_FONT = "Times New Roman"
OVERVIEW = "导读"
SOURCES = "来源"
_CHANGE_LABELS = {"moved": "数字变化", "continuing": "延续", "new": "新出现"}


@dataclass(frozen=True)
class Run:
    """A piece of a line: plain text, bold text (a headline) or citation markers ("[1][2]")."""

    text: str
    style: str = "plain"  # plain | bold | marker


@dataclass(frozen=True)
class Block:
    """A line of the briefing. kind: title | heading | item (numbered; `number`) | entry (a bulleted line) |
    note (a plain paragraph) | source."""

    kind: str
    runs: tuple[Run, ...]
    number: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _markers(numbers) -> Run:
    return Run("".join(f"[{n}]" for n in numbers), "marker")


def _marked(text: str, numbers) -> list[Run]:
    """Text with the markers after every sentence: "甲。[1][2]乙。[1][2]"."""
    return [run for s in sentences_of(text) for run in (Run(s), _markers(numbers))]


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
        parts.append(citation.credit)
    parts.append(citation.source)
    return f"{citation.title}（{'，'.join(parts)}）"


def _item_runs(item: BriefItem) -> list[Run]:
    if item.kind == "commentary":
        title = item.headline if "：" in item.headline[:5] else f"《{item.headline}》"
        runs = [Run(title, "bold")] + ([Run(f"（{item.author}）")] if item.author else [])
        return runs + ([Run("　"), *_marked(item.text, item.citations)] if item.text else [_markers(item.citations)])
    runs = [Run(item.headline, "bold"), Run("　")] if item.headline else []
    return runs + (_marked(item.text, item.citations) if item.text else [_markers(item.citations)])


def _change_runs(change: BriefChange, before: str, now: str) -> list[Run]:
    runs = [Run(_CHANGE_LABELS[change.kind], "bold"), Run(f"　第{change.item}条 {change.headline}")]
    when = f"（{change.previous_date.month}月{change.previous_date.day}日）" if change.previous_date else ""
    step = ""
    if change.stages:  # 签约 -> 开工 -> 封顶 -> 竣工 -> 投用
        step = f"进展：{change.stages[0]} → {change.stages[1]}；" if change.stages[0] else f"本期已{change.stages[1]}；"
    if change.kind == "moved":
        runs.append(Run(f"：{step}{before}{when}“{change.before}”，{now}“{change.after}”。"))
    elif change.kind == "continuing":
        runs.append(Run(f"：{step}{before}{when}《{change.previous}》。"))
    return runs + [_markers(change.citations)]


def _is_week(dates) -> bool:
    return dates[0].weekday() == 0 and (dates[1] - dates[0]).days == 6


def _period(dates) -> str:
    start, end = dates
    return f"{start.month}月{start.day}日—{end.month}月{end.day}日"


def blocks(brief: Brief) -> list[Block]:
    """The briefing as a list of lines, in reading order: the one layout every output draws."""
    out = [Block("title", (Run(brief.title),))]
    if brief.overview:
        out.append(Block("heading", (Run(OVERVIEW),)))
        out += [Block("entry", (Run(p.text), Run(f"（第{p.number}条）"))) for p in brief.overview if p.supported]
    for section in brief.sections:
        items = [i for i in section.items if i.supported]
        if items:
            out.append(Block("heading", (Run(section.topic),)))
            out += [Block("item", tuple(_item_runs(i)), i.number) for i in items]
    if brief.previous is not None:
        before, now = ("上周", "本周") if _is_week(brief.previous) else ("上期", "本期")
        out.append(Block("heading", (Run(f"与{before}相比"),)))
        order = {"moved": 0, "continuing": 1, "new": 2}
        changes = sorted((c for c in brief.changes if c.supported), key=lambda c: (order[c.kind], c.item))
        if changes:
            out += [Block("entry", tuple(_change_runs(c, before, now))) for c in changes]
        else:
            out.append(Block("note", (Run(f"{before}（{_period(brief.previous)}）档案中没有报道，无从比较。"),)))
    out.append(Block("heading", (Run(SOURCES),)))
    out += [Block("source", (Run(f"[{c.n}] {source_line(brief, c)}"),)) for c in brief.citations]
    return out


def _md_runs(block: Block) -> str:
    return "".join(f"**{r.text}**" if r.style == "bold" else r.text for r in block.runs)


def to_markdown(brief: Brief) -> str:
    """The briefing as Markdown (see `blocks`)."""
    lines: list[str] = []
    previous = ""
    for block in blocks(brief):
        if block.kind == "title":
            lines += [f"# {block.text}", ""]
        elif block.kind == "heading":
            if previous in ("item", "entry", "source", "note"):
                lines.append("")
            lines += [f"## {block.text}", ""]
        elif block.kind == "item":
            lines.append(f"{block.number}. {_md_runs(block)}")
        elif block.kind == "entry":
            lines.append(f"- {_md_runs(block)}")
        elif block.kind == "source":
            lines.append(f"{block.text}  ")
        else:
            lines.append(block.text)
        previous = block.kind
    return "\n".join(lines).rstrip() + "\n"


def to_json(brief: Brief) -> str:
    """The briefing as JSON (Brief.to_json: UTF-8 text, Chinese unescaped)."""
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


def _runs(paragraph, runs) -> None:
    for r in runs:
        run = paragraph.add_run(r.text)
        run.bold = r.style == "bold"
        if r.style == "marker":
            run.font.size = Pt(8)
        _east_asian(run._element)


def to_docx(brief: Brief, path: Path) -> Path:
    """Write the briefing as a Word document (the `blocks` layout) to `path`; returns the path."""
    doc = Document()
    # the file's own properties, which Word shows and searches by (python-docx's template says "python-docx", 2013)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = brief.title, "今日衢江", "今日衢江"
    props.subject, props.keywords = "本周要闻", "今日衢江,本周要闻"
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.comments = f"{brief.date_from.isoformat()} — {brief.date_to.isoformat()}"
    for name in ("Normal", "Title", "Heading 1", "List Bullet", "List Number"):
        _east_asian(doc.styles[name].element)
    doc.styles["Normal"].font.size = Pt(11)
    for block in blocks(brief):
        if block.kind == "title":
            paragraph = doc.add_heading(level=0)
        elif block.kind == "heading":
            paragraph = doc.add_heading(level=1)
        elif block.kind == "item":
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Pt(18)
            paragraph.paragraph_format.first_line_indent = Pt(-18)
            _runs(paragraph, [Run(f"{block.number}．")])
        elif block.kind == "entry":
            paragraph = doc.add_paragraph(style="List Bullet")
        else:
            paragraph = doc.add_paragraph()
        _runs(paragraph, block.runs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
    except OSError as e:
        raise RagError(f"cannot write the Word file {path}: {e.strerror or e}; choose another --out") from e
    log.info("wrote %s (%d citations)", path, len(brief.citations))
    return path


def write(brief: Brief, path: Path, fmt: str) -> Path:
    """Write the briefing to `path` as md, docx or json; returns the path."""
    if fmt == "docx":
        return to_docx(brief, path)
    text = to_markdown(brief) if fmt == "md" else to_json(brief) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise RagError(f"cannot write {path}: {e.strerror or e}; choose another --out") from e
    return path
