"""Rendering a hand-made briefing: one layout (`blocks`) drawn as Markdown and Word (read back with python-docx),
and the Brief's JSON."""

from __future__ import annotations

import datetime as dt
import json
import re

import docx
import pytest
from docx.oxml.ns import qn

from rag.brief.render import blocks, to_docx, to_json, to_markdown
from rag.errors import RagError
from rag.models import Article, Brief, BriefChange, BriefItem, BriefSection, Citation

D1, D2 = dt.date(2023, 8, 22), dt.date(2023, 8, 25)


def _article(id: str, title: str, date: dt.date, issue: str, reporters: tuple[str, ...] = ()) -> Article:
    return Article(id=id, title=title, body="正文。", date=date, source=f"{id}.txt", position=0,
                   reporters=reporters, issue_number=issue)


@pytest.fixture()
def brief() -> Brief:
    a1 = _article("a1", "区委全体会议举行", D1, "3684", ("刘威", "邹洁"))
    a2 = _article("a2", "全体会议精神传达", D2, "3685")
    a3 = _article("a3", "招商推进会召开", D1, "3684", ("张三",))
    a4 = _article("a4", "荷花盛开", D1, "3684")
    a5 = _article("a5", "后浪拍岸 满城新景", D1, "3684")
    a6 = _article("a6", "招商例会召开", dt.date(2023, 8, 15), "3682")
    cites = tuple(Citation(n=i, article_id=a.id, title=a.title, date=a.date, source=a.source, quote="引文。",
                           chunk="引文。", reporters=a.reporters) for i, a in enumerate((a1, a2, a3, a4, a5, a6), 1))
    return Brief(
        date_from=dt.date(2023, 8, 21), date_to=dt.date(2023, 8, 27), title="今日衢江 本周要闻（2023年8月21日—8月27日）",
        overview=(BriefItem("区委全体会议举行", (1, 2), kind="pointer", number=1),
                  BriefItem("招商推进会召开", (3,), kind="pointer", number=2)),
        sections=(
            BriefSection("会议与部署", (
                BriefItem("8月18日，区委全体会议举行。王慧杰作报告。", (1, 2), headline="区委全体会议举行", number=1),
                BriefItem("招商推进会召开。会上8个项目签约。", (3,), headline="招商推进会召开", number=2),
                BriefItem("编造的句子。", (3,), supported=False, headline="不该出现", number=3))),
            BriefSection("简讯", (BriefItem("莲花镇荷花盛开。", (4,), headline="荷花盛开", kind="short", number=4),)),
            BriefSection("评论", (BriefItem("", (5,), headline="后浪拍岸 满城新景", kind="commentary", number=5,
                                          author="余慧仙"),)),
        ),
        citations=cites, sources=(a1, a2, a3, a4, a5, a6),
        changes=(BriefChange("moved", 2, "招商推进会召开", (3, 6), "招商例会召开", dt.date(2023, 8, 15),
                             "会上5个项目签约", "会上8个项目签约", stages=("签约", "开工")),
                 BriefChange("new", 1, "区委全体会议举行", (1,))),
        previous=(dt.date(2023, 8, 14), dt.date(2023, 8, 20)))


def test_markdown_draws_the_one_layout(brief):
    md = to_markdown(brief)
    assert md.startswith("# 今日衢江 本周要闻（2023年8月21日—8月27日）\n")
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == ["导读", "会议与部署", "简讯", "评论", "与上周相比", "来源"]
    assert "- 区委全体会议举行（第1条）\n- 招商推进会召开（第2条）" in md  # the overview points, it does not repeat
    # every sentence of an item is followed by its markers; merged items cite both reports; numbered items
    assert "1. **区委全体会议举行**　8月18日，区委全体会议举行。[1][2]王慧杰作报告。[1][2]" in md
    assert "4. **荷花盛开**　莲花镇荷花盛开。[4]" in md
    assert "5. **《后浪拍岸 满城新景》**（余慧仙）[5]" in md
    assert ("- **数字变化**　第2条 招商推进会召开：进展：签约 → 开工；上周（8月15日）“会上5个项目签约”，本周“会上8个项目签约”。"
            "[3][6]") in md
    assert "- **新出现**　第1条 区委全体会议举行[1]" in md
    sources = md.split("## 来源", 1)[1]
    assert "[1] 区委全体会议举行（2023-08-22，第3684期，记者 刘威、邹洁，a1.txt）" in sources
    assert "[6] 招商例会召开（2023-08-15，第3682期，a6.txt）" in sources


def test_unsupported_items_are_not_shown(brief):
    assert "编造的句子" not in to_markdown(brief) and "不该出现" not in to_markdown(brief)


def test_json_is_the_briefs_structure(brief):
    data = json.loads(to_json(brief))
    assert list(data)[:6] == ["from", "to", "title", "overview", "sections", "citations"]
    assert data["from"] == "2023-08-21" and data["previous"] == {"from": "2023-08-14", "to": "2023-08-20"}
    assert data["overview"][0] == {"text": "区委全体会议举行", "citations": [1, 2], "supported": True,
                                   "kind": "pointer", "number": 1}
    assert [s["topic"] for s in data["sections"]] == ["会议与部署", "简讯", "评论"]
    assert data["sections"][2]["items"][0] == {"text": "", "citations": [5], "supported": True,
                                               "headline": "后浪拍岸 满城新景", "kind": "commentary", "number": 5,
                                               "author": "余慧仙"}
    assert data["changes"][0]["kind"] == "moved" and data["changes"][0]["previous_date"] == "2023-08-15"
    assert "区委全体会议" in to_json(brief)  # Chinese is written as is, not \\u-escaped


def test_docx_reads_back_with_the_same_lines_as_the_markdown(brief, tmp_path):
    path = to_docx(brief, tmp_path / "out" / "brief.docx")
    doc = docx.Document(str(path))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [t for s, t in styled if s.startswith("Heading") or s == "Title"]
    assert headings == ["今日衢江 本周要闻（2023年8月21日—8月27日）", "导读", "会议与部署", "简讯", "评论", "与上周相比", "来源"]
    items = [t for _, t in styled if re.match(r"^\d+．", t)]
    assert items == ["1．区委全体会议举行　8月18日，区委全体会议举行。[1][2]王慧杰作报告。[1][2]",
                     "2．招商推进会召开　招商推进会召开。[3]会上8个项目签约。[3]",
                     "4．荷花盛开　莲花镇荷花盛开。[4]", "5．《后浪拍岸 满城新景》（余慧仙）[5]"]
    first = next(p for p in doc.paragraphs if p.text.startswith("1．"))
    assert [r.text for r in first.runs if r.bold] == ["区委全体会议举行"]  # headlines bold, as in the Markdown
    # one layout: every line of the Word file is a line of the Markdown without its markup
    plain = {re.sub(r"\*\*|^#+ |^- |^\d+\. |  $", "", line) for line in to_markdown(brief).splitlines()}
    for _, text in styled:
        assert re.sub(r"^\d+．", "", text) in plain, text
    assert [b.text for b in blocks(brief) if b.kind == "title"] == [headings[0]]
    run = doc.paragraphs[-1].runs[0]
    assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    # the file says what it is and when it was made, not python-docx's template (author "python-docx", 2013)
    props = doc.core_properties
    assert props.title == headings[0] and props.author == "今日衢江" and props.created.year >= 2026


def test_docx_to_an_unwritable_place_is_a_clear_error(brief, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RagError, match="cannot write the Word file"):
        to_docx(brief, blocker / "brief.docx")


def test_a_pictures_source_line_credits_its_photographers_and_a_kept_briefing_keeps_it(brief):
    import dataclasses

    from rag.brief.render import source_line
    from rag.brief.store import from_record, to_record

    photo = dataclasses.replace(brief.citations[3], reporters=("邵秀清", "徐凌峰"), kind="photo")
    assert "摄影 邵秀清、徐凌峰" in source_line(brief, photo) and "记者" not in source_line(brief, photo)
    assert "记者 刘威、邹洁" in source_line(brief, brief.citations[0])
    kept = dataclasses.replace(brief, citations=(*brief.citations[:3], photo, *brief.citations[4:]))
    again = from_record(to_record(kept, dt.datetime(2023, 8, 28, 9, 0)))
    assert again.citations[3].credit == "摄影 邵秀清、徐凌峰"
