"""Rendering a hand-made briefing as Markdown, JSON and Word (read back with python-docx)."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest
from docx.oxml.ns import qn

from rag.errors import RagError
from rag.models import Article, Brief, BriefItem, BriefSection, Citation
from rag.brief.render import to_docx, to_json, to_markdown

D1, D2 = dt.date(2023, 8, 22), dt.date(2023, 8, 25)


def _article(id: str, title: str, date: dt.date, issue: str, reporters: tuple[str, ...] = ()) -> Article:
    return Article(id=id, title=title, body="正文。", date=date, source=f"{id}.txt", position=0,
                   reporters=reporters, issue_number=issue)


@pytest.fixture()
def brief() -> Brief:
    a1 = _article("a1", "区委全体会议举行", D1, "3684", ("刘威", "邹洁"))
    a2 = _article("a2", "全体会议精神传达", D2, "3685")
    a3 = _article("a3", "招商推进会召开", D1, "3684", ("张三",))
    cites = tuple(Citation(n=i, article_id=a.id, title=a.title, date=a.date, source=a.source, quote="引文。",
                           chunk="引文。", reporters=a.reporters) for i, a in enumerate((a1, a2, a3), 1))
    return Brief(
        date_from=dt.date(2023, 8, 21), date_to=dt.date(2023, 8, 27), title="今日衢江 本周要闻（2023年8月21日—8月27日）",
        overview=(BriefItem("8月18日，区委全体会议举行。", (1, 2)), BriefItem("招商推进会召开。", (3,))),
        sections=(
            BriefSection("会议、全会", (BriefItem("8月18日，区委全体会议举行。王慧杰作报告。", (1, 2)),)),
            BriefSection("招商", (BriefItem("招商推进会召开。", (3,)),
                                 BriefItem("编造的句子。", (3,), supported=False))),
        ),
        citations=cites, sources=(a1, a2, a3))


def test_markdown_has_title_overview_sections_and_sources(brief):
    md = to_markdown(brief)
    assert md.startswith("# 今日衢江 本周要闻（2023年8月21日—8月27日）\n")
    assert "## 概要" in md and "## 会议、全会" in md and "## 招商" in md
    # every sentence of an item is followed by its markers, merged items cite both reports
    assert "- **区委全体会议举行** 8月18日，区委全体会议举行。[1][2]王慧杰作报告。[1][2]" in md
    sources = md.split("## 来源", 1)[1]
    assert "[1] 区委全体会议举行（2023-08-22，第3684期，记者 刘威、邹洁，a1.txt）" in sources
    assert "[3] 招商推进会召开（2023-08-22，第3684期，记者 张三，a3.txt）" in sources


def test_unsupported_items_are_not_shown(brief):
    assert "编造的句子" not in to_markdown(brief)


def test_json_follows_the_issue_shape(brief):
    data = json.loads(to_json(brief))
    assert list(data) == ["from", "to", "title", "overview", "sections", "citations"]
    assert data["from"] == "2023-08-21" and data["to"] == "2023-08-27"
    assert data["overview"][0] == {"text": "8月18日，区委全体会议举行。", "citations": [1, 2], "supported": True}
    assert [s["topic"] for s in data["sections"]] == ["会议、全会", "招商"]
    assert data["sections"][1]["items"][1]["supported"] is False
    assert data["citations"][0]["date"] == "2023-08-22" and data["citations"][0]["title"] == "区委全体会议举行"
    assert "区委全体会议" in to_json(brief)  # Chinese is written as is, not \\u-escaped


def test_docx_reads_back_with_headings_bullets_sources_and_cjk_font(brief, tmp_path):
    path = to_docx(brief, tmp_path / "out" / "brief.docx")
    doc = docx.Document(str(path))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [t for s, t in styled if s.startswith("Heading") or s == "Title"]
    assert headings == ["今日衢江 本周要闻（2023年8月21日—8月27日）", "概要", "会议、全会", "招商", "来源"]
    bullets = [t for s, t in styled if s == "List Bullet"]
    assert bullets == ["区委全体会议举行　8月18日，区委全体会议举行。[1][2]王慧杰作报告。[1][2]",
                       "招商推进会召开　招商推进会召开。[3]"]
    assert any(t.startswith("[2] 全体会议精神传达（2023-08-25，第3685期") for _, t in styled)
    run = doc.paragraphs[-1].runs[0]
    assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_docx_to_an_unwritable_place_is_a_clear_error(brief, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RagError, match="cannot write the Word file"):
        to_docx(brief, blocker / "brief.docx")
