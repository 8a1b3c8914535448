"""Bylines, titles and article splitting on small invented issues (no corpus text)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rag.ingest.bylines import signature_line, signed_office, split_byline, split_caption, split_credit, split_signature
from rag.ingest.clean import repair
from rag.models import IssueText
from rag.ingest.continuations import join_continuations
from rag.ingest.parse import parse_issue
from rag.ingest.titles import lead_title

DAY = dt.date(2024, 3, 5)


def issue(raw: str, sha1: str = "a" * 40, source: str = "t.txt", date: dt.date = DAY) -> IssueText:
    return IssueText(source=source, path=f"/tmp/{source}", sha1=sha1, text=repair(raw), date=date,
                     issue_number="1234")


@pytest.mark.parametrize("text, reporters, correspondents", [
    ("本报讯（记者 张小明 李小红 通讯员 王一）3月4日", ("张小明", "李小红"), ("王一",)),
    ("本报讯（记者张小明）3月4日", ("张小明",), ()),
    ("本报讯（记者 张丽莹 徐俊 杰）3月4日", ("张丽莹", "徐俊杰"), ()),  # a name broken by the layout
    ("本报讯（记者 张小明、李小红）3月4日", ("张小明", "李小红"), ()),
    ("本报讯（通讯员 姚一一）近日", (), ("姚一一",)),
    ("本报讯（陈一 林二 赵三）近日", ("陈一", "林二", "赵三"), ()),  # unlabelled names count as reporters
    ("本报讯（见习记者 孙五 实习生 周六）近日", ("孙五",), ("周六",)),
    ("日前，测试镇召开会议。", (), ()),
])
def test_byline_variants(text, reporters, correspondents):
    b = split_byline(repair(text))
    assert (b.reporters, b.correspondents) == (reporters, correspondents)
    assert not b.rest.startswith("本报讯")


def test_signatures_and_captions():
    assert split_signature("相信，明天会更好。 林一") == ("相信，明天会更好。", "林一")
    assert split_signature("会议要求抓好落实。") == ("会议要求抓好落实。", None)
    assert split_credit(repair("卫生院送医送药，深入 偏远村庄为病 患送 测试县卫生健康局")) == (
        "卫生院送医送药，深入偏远村庄为病患送", "测试县卫生健康局")
    assert split_credit("会议要求抓好落实。") == ("会议要求抓好落实。", None)
    assert signature_line("柏一") == "柏一"
    assert signature_line("区委常委、测试镇党委书记 张小明") == "张小明"
    assert signed_office("区委常委、测试镇党委书记 张小明") == "区委常委、测试镇党委书记张小明"
    assert signed_office("柏一") is None
    assert signature_line("产业同心 服务五星") is None
    cap = split_caption("春耕 正忙 测试镇农民抢抓农时。 张小明 李小红 / 摄")
    assert (cap.heading, cap.text, cap.photographers) == ("春耕 正忙", "测试镇农民抢抓农时。", ("张小明", "李小红"))


def test_lead_title_drops_the_date_and_keeps_the_event():
    assert lead_title("3月4日上午，测试镇春耕动员会召开。会议要求抓好落实。") == "测试镇春耕动员会召开"
    assert lead_title("短评：人才是第一资源，测试镇要引才留才。", label="短评") == "短评：人才是第一资源，测试镇要引才留才"


HEADLINES_BEFORE = """测试镇春耕动员会召开
本报讯（记者 张小明 通讯员 李小红）3月4日，测试镇召开春耕动员会，部署全年粮食生产。
会议要求，各村抓好春耕备耕，确保粮食安全。
样例乡开展送医下乡义诊活动
本报讯（记者 王一）3月3日，样例乡卫生院医生来到示范村，为老人义诊。
村民说，在家门口就能看病，很方便。
"""


def test_headlines_printed_before_their_articles():
    arts = parse_issue(issue(HEADLINES_BEFORE))
    assert [a.title for a in arts] == ["测试镇春耕动员会召开", "样例乡开展送医下乡义诊活动"]
    assert [a.reporters for a in arts] == [("张小明",), ("王一",)]
    assert arts[0].correspondents == ("李小红",)
    assert arts[0].body.startswith("3月4日，测试镇召开春耕动员会")
    assert all("本报讯" not in a.body and a.date == DAY and a.issue_number == "1234" for a in arts)
    assert not any(a.title_inferred for a in arts)


HEADLINES_AFTER = """本报讯（记者 张小明）3月4日，测试镇召开春耕动员会，部署全年粮食生产。面对新的形势，测试镇
样例乡开展送医下乡义诊活动
本报讯（记者 王一）3月3日，样例乡卫生院医生来到示范村，为老人开展送医下乡义诊。
村民说，在家门口就能看病，很方便。
本报讯（记者 赵二）3月2日，示范村召开村民代表大会，选举产生新一届村务监督委员会。
测试镇召开春耕动员会
 要抓好春耕备耕，确保全年粮食安全，动员会要求各村落实责任。
"""


def test_headlines_after_or_away_from_their_articles_and_a_continuation():
    arts = parse_issue(issue(HEADLINES_AFTER))
    assert len(arts) == 3
    spring, clinic, village = arts
    assert spring.title == "测试镇召开春耕动员会" and not spring.title_inferred
    assert spring.body.endswith("面对新的形势，测试镇要抓好春耕备耕，确保全年粮食安全，动员会要求各村落实责任。")
    assert clinic.title == "样例乡开展送医下乡义诊活动"
    assert village.title_inferred and village.title == "示范村召开村民代表大会，选举产生新一届村务监督委员会"
    assert all("样例乡开展送医下乡义诊活动" not in a.body for a in arts)


def test_commentary_caption_list_and_subheads():
    raw = """春耕 正忙 测试镇农民抢抓农时，田间一片繁忙。 张小明 李小红 / 摄
勇立潮头 奋楫争先
评论
春天是播种的季节，测试镇的发展也要抢抓时机。
只有实干，才能赢得未来。 林一
2023年度先进集体名单
测试镇\t样例乡\t示范村
样例街道\t新村镇
# 一二三走出共富路
示范村把一二三的口令用在乡村建设上，走出了共富路。
第一步：干群合力 齐步走
党员带头干，群众跟着干，一二三齐步走。
"""
    photo, comment, table, feature = parse_issue(issue(raw))
    assert (photo.kind, photo.title, photo.reporters) == ("photo", "春耕 正忙", ("张小明", "李小红"))
    assert (comment.kind, comment.author, comment.title) == ("commentary", "林一", "勇立潮头 奋楫争先")
    assert "林一" not in comment.body and "评论" not in comment.body
    assert (table.kind, table.title) == ("list", "2023年度先进集体名单")
    assert "样例街道 新村镇" in table.body
    assert feature.title == "一二三走出共富路"
    assert "第一步：干群合力 齐步走" in feature.body  # an ordinal subhead stays inside its article


def test_ids_are_stable_for_the_same_file_and_change_with_its_content():
    first = [a.id for a in parse_issue(issue(HEADLINES_BEFORE))]
    again = [a.id for a in parse_issue(issue(HEADLINES_BEFORE))]
    other = [a.id for a in parse_issue(issue(HEADLINES_BEFORE, sha1="b" * 40))]
    assert first == again and len(set(first)) == 2 and len(first[0]) == 12
    assert not set(first) & set(other)


def test_continuation_is_joined_across_issues_of_one_ingest_and_markers_removed():
    page1 = issue("测试镇春耕动员会召开\n本报讯（记者 张小明）3月4日，测试镇召开春耕动员会，部署粮食生产。\n下转第二版\n"
                  "样例乡义诊\n本报讯（记者 王一）样例乡开展义诊。会议强调\n下转第三版\n", source="p1.txt")
    page2 = issue("上接第一版\n会议要求各村落实责任。\n", sha1="c" * 40, source="p2.txt")
    parts = parse_issue(page1) + parse_issue(page2)
    assert parts[0].body.endswith("下转第二版") and parts[2].body.startswith("上接第一版")
    joined = join_continuations(parts)
    assert len(joined) == 2
    assert joined[0].id == parts[0].id and joined[0].title == "测试镇春耕动员会召开"
    assert joined[0].body == "3月4日，测试镇召开春耕动员会，部署粮食生产。\n会议要求各村落实责任。"
    assert joined[1].body == "样例乡开展义诊。会议强调"  # no partner: marker removed, part kept


def test_an_issue_of_headlines_only_has_no_articles():
    assert parse_issue(issue("测试镇召开春耕动员会\n样例乡开展义诊活动\n")) == []


def test_a_countdown_box_is_kept_as_its_own_article_and_left_out_of_briefings():
    """Page furniture is dropped from the text, but a countdown box says something of its day ("离亚运会还剩几天"):
    it becomes a short "box" article after the others (their ids unchanged), and a briefing leaves it out."""
    from rag.brief.plan import plan_brief
    from rag.ingest.clean import boxes
    raw = ("2024年3月5日 星期二 总第1234期\n测试县运动会倒计时 12 天\n\n全县春耕工作会议召开\n"
           "本报讯（记者 张小明）3月4日，全县春耕工作会议召开，部署春耕备耕工作。\n")
    assert boxes(raw) == ["测试县运动会倒计时12天"]
    plain = parse_issue(issue(raw))
    boxed = parse_issue(dataclasses.replace(issue(raw), boxes=tuple(boxes(raw))))
    assert "倒计时" not in "".join(a.body for a in plain)  # repair drops it from the text
    assert [a.id for a in boxed[:len(plain)]] == [a.id for a in plain]
    box = boxed[-1]
    assert (box.kind, box.title, box.body, box.furniture) == ("box", "测试县运动会倒计时12天", "测试县运动会倒计时12天", True)
    plan = plan_brief(boxed, DAY, DAY, tagger=lambda s: [(w, "n") for w in s], names=lambda s: [])
    shown = [d.headline + d.text for _, drafts in plan.sections for d in drafts]
    assert shown and not any("倒计时" in s for s in shown)
