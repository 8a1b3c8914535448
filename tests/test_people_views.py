"""The HTML of the 人物·地点 tab and of the names and story threads the side panel adds (rag.web.people_views, and
the name links of rag.web.views), without a browser: every fact cited with date, 第N期 and headline, names linked
once and escaped, empty results as Chinese hints."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rag.models import (Answer, Article, Citation, Coverage, CoverageRow, EntityName, EntityProfile, Mention, PostSpan,
                        StoryThread, ThreadLink)
from rag.web import links, views
from rag.web import people_views as pv

EVIL = "<img src=x onerror=alert(1)>"
D1, D2, D3 = dt.date(2022, 8, 30), dt.date(2023, 8, 22), dt.date(2025, 5, 20)


def article(aid: str, day: dt.date, title: str, body: str = "正文。", number: str | None = None, **kw) -> Article:
    return Article(id=aid, title=title, body=body, date=day, source=f"{aid}.txt", position=0, issue_number=number, **kw)


def mention(aid: str, day: dt.date, title: str, sentence: str, name: str = "贵丽青", kind: str = "person",
            post: str | None = None, role: str | None = "subject", where: str = "body") -> Mention:
    return Mention(name, kind, aid, title, day, f"{aid}.txt", sentence, post, role, where)


ARTICLES = {"a1": article("a1", D1, "区政府召开常务会议"), "a2": article("a2", D2, "医师节走访慰问", number="3684"),
            "a3": article("a3", D3, "党政月度工作例会召开", number="3854")}
M1 = mention("a1", D1, "区政府召开常务会议", "区委副书记、代区长贵丽青主持会议。", post="区委副书记、代区长")
M2 = mention("a2", D2, "医师节走访慰问", "区委副书记、区长贵丽青到区中医院走访。", post="区委副书记、区长")
M3 = mention("a3", D3, "党政月度工作例会召开", "区委书记贵丽青主持会议并讲话。", post="区委书记")
PERSON = EntityProfile("贵丽青", "person", (M1, M2, M3),
                       posts=(PostSpan("区委副书记、代区长", M1, M1), PostSpan("区委副书记、区长", M2, M2),
                              PostSpan("区委书记", M3, M3)),
                       places=(mention("a2", D2, "医师节走访慰问", M2.sentence, name="区中医院", kind="org",
                                       role=None),))


def hrefs(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)


def test_name_links_round_trip_and_reject_garbage():
    assert links.parse_entity_link(links.entity_link("廿里镇", "place")) == ("廿里镇", "place")
    assert links.parse_entity_link(links.entity_link("王慧杰")) == ("王慧杰", "")
    for bad in ("#entity:", "#entity:%5B%5D", "#entity:%5B%22%22%2C%22x%22%5D", "#entity:notjson"):
        with pytest.raises(ValueError):
            links.parse_entity_link(bad)


def test_each_name_is_linked_once_longest_first_and_escaped():
    names = {"廿里": "place", "廿里镇": "place", "王慧杰": "person", EVIL: "org"}
    html = links.link_names(f"王慧杰到廿里镇调研，王慧杰说廿里发展快。{EVIL}", names)
    linked = re.findall(r'<a class="rag-name" href="[^"]+">([^<]*)</a>', html)
    assert linked == ["王慧杰", "廿里镇", "廿里", links.esc(EVIL)]  # not 廿里 inside 廿里镇
    assert "<img" not in html


def test_answer_links_names_in_its_text_not_in_its_popups_or_cards():
    c = Citation(1, "a2", "区中医院的故事", D2, "a2.txt", "区中医院开展义诊。", "区中医院开展义诊。")
    answer = Answer("q", "区中医院开展义诊。[1]", refused=False, engine="e", citations=(c,))
    html = views.render_answer(answer, names={"区中医院": "org"})
    text, cards = html.split('<div class="rag-cards">')
    assert len(hrefs(text.split('<span class="rag-pop"')[0], "#entity:")) == 1
    assert hrefs(cards, "#entity:") == []
    popup = html.split('<span class="rag-pop"')[1].split("</span></span>")[0]
    assert "rag-para" in popup and "rag-name" not in popup


def test_article_keeps_the_cited_passage_marked_with_its_names_linked():
    art = article("a2", D2, "医师节走访慰问", "8月18日，王慧杰到区中医院走访。\n区中医院院长介绍情况。", "3684",
                  reporters=("洪纲",))
    html = views.render_article(art, "王慧杰到区中医院走访。", {"王慧杰": "person", "区中医院": "org", "洪纲": "person"})
    hit = re.search(r'<mark id="rag-hit">(.*?)</mark>', html).group(1)
    assert re.fullmatch(r'<a class="rag-name"[^>]*>王慧杰</a>到<a class="rag-name"[^>]*>区中医院</a>走访。', hit)
    assert len(hrefs(html, "#entity:")) == 3  # 王慧杰, 区中医院 once (the first), the reporter 洪纲
    assert '记者 <a class="rag-name"' in html
    # a quote that ends inside a name: one mark, the name's link drawn in two pieces
    cut = views.render_article(art, "王慧杰到区中", {"区中医院": "org"})
    assert re.search(r'<mark id="rag-hit">王慧杰到<a[^>]*>区中</a></mark><a[^>]*>医院</a>', cut)


def test_a_persons_page_cites_posts_timeline_and_places():
    html = pv.render_profile(PERSON, ARTICLES)
    summary = re.search(r'class="rag-posts-line">([^<]*)<', html).group(1)
    assert summary == ("区委副书记、代区长（2022-08-30） → 区委副书记、区长（2023-08-22） → 区委书记（2025-05-20）")
    assert "最近的职务：<b>区委书记</b>（据 2025-05-20 报道）" in html
    timeline = html.split("<h4>时间线")[1].split("</ol>")[0]
    assert [d for d in re.findall(r"\d{4}-\d{2}-\d{2}", timeline)] == ["2022-08-30", "2023-08-22", "2025-05-20"]
    assert "2023-08-22 · 第3684期" in timeline and "《医师节走访慰问》" in timeline
    assert "区委书记<b>贵丽青</b>主持会议并讲话。" in timeline
    # the headline opens the article at the sentence that names the person
    assert links.parse_read_link(hrefs(timeline, "#read:")[0]) == ("a1", M1.sentence)
    places = html.split("<h4>到过的地方")[1]
    assert links.parse_entity_link(hrefs(places, "#entity:")[0]) == ("区中医院", "org")


def test_a_places_page_says_what_happened_there_and_a_reporter_lists_bylines():
    place = EntityProfile("廿里镇", "place", (mention("a1", D1, "区政府召开常务会议", "廿里镇汇报进展。", "廿里镇", "place", role=None),))
    assert "<h4>这里发生过的事（1篇，按日期）</h4>" in pv.render_profile(place, ARTICLES)
    byline = mention("a3", D3, "党政月度工作例会召开", "党政月度工作例会召开", "方心怡", role="reporter", where="byline")
    html = pv.render_profile(EntityProfile("方心怡", "person", (), bylines=(byline,)), ARTICLES)
    assert "署名报道1篇，2025-05-20" in html and "<h4>署名报道（1篇）</h4>" in html


def test_a_long_timeline_shows_the_latest_with_the_count_of_all():
    many = tuple(mention(f"x{i}", D1 + dt.timedelta(days=i), f"标题{i}", f"句子{i}贵丽青。") for i in range(250))
    html = pv.render_profile(EntityProfile("贵丽青", "person", many), {})
    assert f"时间线（250篇，列出最近 {pv.TIMELINE_SHOWN} 篇，按日期）" in html
    assert "《标题249》" in html and "《标题0》" not in html


def test_thread_lists_earlier_and_later_reports_or_says_there_are_none():
    link = ThreadLink("a1", "项目签约", D1, "a1.txt", ("恒川产业园", "林向东"), 4.2)
    later = ThreadLink("a3", "项目投产", D3, "a3.txt", ("恒川产业园",), 4.0)
    html = pv.render_thread(StoryThread("a2", (link,), (later,)), ARTICLES)
    before, after = html.split("后续（1篇）")
    assert "前情（1篇）" in before and "《项目签约》" in before and "共同：恒川产业园、林向东" in before
    assert "2025-05-20 · 第3854期" in after
    assert links.parse_read_link(hrefs(after, "#read:")[0]) == ("a3", "")
    assert "没有找到同一件事" in pv.render_thread(StoryThread("a2", (), ()), ARTICLES)
    assert pv.render_thread(None, ARTICLES) == ""


def test_coverage_says_which_day_it_counts_from_and_which_towns_went_unreported():
    towns = (CoverageRow("杜泽镇", (("2025-04", 1), ("2025-05", 4)), 5, D3), CoverageRow("周家乡", (("2024-12", 2),), 2,
                                                                                     dt.date(2024, 12, 24)))
    c = Coverage(dt.date(2024, 6, 1), D3, tuple(f"2024-{m:02d}" for m in range(6, 13)) + tuple(
        f"2025-{m:02d}" for m in range(1, 6)), towns, (), ("周家乡", "莲花镇"))
    html = pv.render_coverage(c, newest=D3)
    assert "以最新一期（2025-05-20）为准" in html and "近30天（2025-04-20 至 2025-05-20）" in html
    gap = html.split("</h4>")[1]
    assert [links.parse_entity_link(h)[0] for h in hrefs(gap.split("<h4>")[0], "#entity:")] == ["周家乡", "莲花镇"]
    assert "最近 2024-12-24" in gap
    assert 'title="2025-05：4篇">4</td>' in html and "rag-h4" in html and "rag-h1" in html
    assert "这段时间没有报道提到任何部门" in html
    assert "截至 2025-01-31" in pv.render_coverage(Coverage(D1, dt.date(2025, 1, 31), (), (), (), ()), newest=D3)


def test_lists_and_hints_are_chinese_and_escaped():
    names = [EntityName("王慧杰", "person", 10, D1, D3), EntityName(EVIL, "org", 1, D1, D1)]
    html = pv.render_names(names, EVIL)
    assert "档案里有 2 个名字包含" in html and "<img" not in html and "人物 · 10篇" in html
    assert "档案里还没有人物、地点或机构" in pv.render_landing({"person": [], "place": []})
    hint = pv.render_not_found(EVIL, "place")
    assert "没有找到名字包含" in hint and "的地点" in hint and "<img" not in hint
    holders = pv.render_holders("区委书记", [M3], ARTICLES)
    assert "担任「区委书记」的人" in holders and "2025-05-20 · 第3854期" in holders
    assert pv.render_article_names({}) == ""
    assert "地点" in pv.render_article_names({"廿里镇": "place"})


def test_a_persons_page_says_who_holds_their_post_since():
    later = mention("a3", D3, "党政月度工作例会召开", "区委书记贵丽青主持会议并讲话。", post="区委书记")
    earlier = mention("a1", D1, "区政府召开常务会议", "区委书记王慧杰讲话。", name="王慧杰", post="区委书记")
    page = EntityProfile("王慧杰", "person", (earlier,), posts=(PostSpan("区委书记", earlier, earlier),),
                         successor=later)
    html = pv.render_profile(page, ARTICLES)
    assert f"此后 {D3} 的报道中，区委书记为贵丽青。" in html
    assert "此后" not in pv.render_profile(PERSON, ARTICLES)
