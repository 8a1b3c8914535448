"""What the 人物·地点 tab and the side panel show for what staff type or click, over a real archive of invented issues
(conftest.story_home: one project across four issues): a name's page, names to pick from, the holders of a post, a
hint when nothing matches; an article with its names linked and its 前情 / 后续; coverage balance relative to the
newest issue; the names of an answer's cited articles."""

from __future__ import annotations

import re

import pytest

from rag.service import Service
from rag.settings import Settings
from rag.web import people
from rag.web.forms import names_for
from rag.web.links import parse_entity_link, parse_read_link


@pytest.fixture(scope="module")
def service(story_home) -> Service:
    return Service(Settings(home=story_home))


def article_id(service: Service, title: str) -> str:
    [found] = [a.id for a in service.articles() if a.title == title]
    return found


def test_a_name_opens_its_page_with_posts_over_time(service):
    html = people.look_up(service, " 林向东 ", "all")
    assert "<h3>林向东</h3>" in html
    summary = re.search(r'class="rag-posts-line">([^<]*)<', html).group(1)
    assert summary.index("区委副书记、代区长") < summary.index("区委副书记、区长") < summary.index("区委书记（2025-03-18）")
    assert "2025-03-18 · 第3860期" in html  # cited by issue date and 第N期


def test_part_of_a_name_lists_the_names_or_opens_the_only_one(service):
    listing = people.look_up(service, "新材料", "all")
    picked = {parse_entity_link(h)[0] for h in re.findall(r'href="(#entity:[^"]+)"', listing)}
    assert {"浙江恒川新材料有限公司", "浙江宏远新材料有限公司"} <= picked
    assert "<h3>陈晓峰</h3>" in people.look_up(service, "晓峰", "person")


def test_a_post_lists_its_holders_and_nothing_found_is_a_chinese_hint(service):
    holders = people.look_up(service, "区委书记", "all")
    assert "担任「区委书记」的人" in holders
    assert holders.index("林向东") < holders.index("王小杰")  # the latest report first
    hint = people.look_up(service, "张三丰", "person")
    assert "档案里没有找到名字包含「张三丰」的人物" in hint and "rag-warn" in hint
    assert "报道最多的人物" in people.look_up(service, "  ", "all")  # nothing typed: the most reported names
    # a name typed one character off the one person the archive holds is read as theirs, as the chat reads it
    typo = people.look_up(service, "林向冬", "all")
    assert "“林向冬”按档案中的“林向东”查找。" in typo and "<h3>林向东</h3>" in typo


def test_a_place_page_says_what_happened_there(service):
    html = people.profile_page(service, "廿里镇", "place")
    assert "这里发生过的事" in html
    dates = re.findall(r'class="rag-when">(\d{4}-\d{2}-\d{2})', html)
    assert dates == sorted(dates) and dates[0] == "2024-01-09"


def test_the_article_view_links_its_names_and_shows_the_story_before_and_after(service):
    opened = article_id(service, "衢州恒川新材料产业园项目开工")
    html = people.article_page(service, opened, "4月12日")
    assert 'id="rag-hit"' in html
    before, after = html.split("这件事的前情和后续")[1].split("后续（")
    assert [parse_read_link(h)[0] for h in re.findall(r'href="(#read:[^"]+)"', before)] == [
        article_id(service, "衢州恒川新材料产业园项目签约落户廿里镇")]
    assert [parse_read_link(h)[0] for h in re.findall(r'href="(#read:[^"]+)"', after)] == [
        article_id(service, "衢州恒川新材料产业园项目主体结构封顶"), article_id(service, "衢州恒川新材料产业园项目投产")]
    linked = {parse_entity_link(h)[0] for h in re.findall(r'href="(#entity:[^"]+)"', html)}
    assert {"王小杰", "林向东", "廿里镇", "浙江恒川新材料有限公司", "周小万"} <= linked
    distractor = people.article_page(service, article_id(service, "衢江锂电池产业园开工"))
    assert "《衢州恒川新材料产业园" not in distractor


def test_names_of_cited_articles_leave_out_the_county_itself(service):
    names = names_for(service, [article_id(service, "衢州恒川新材料产业园项目签约落户廿里镇"), "no-such-article"])
    assert names["廿里镇"] == "place" and names["王小杰"] == "person"
    assert not {"衢江", "衢江区"} & set(names)


def test_coverage_counts_from_the_newest_issue_unless_a_day_is_given(service):
    html = people.coverage_page(service, "", 24)
    assert "以最新一期（2025-03-18）为准" in html and "近30天（2025-02-16 至 2025-03-18）" in html
    assert "廿里镇" in html.split("乡镇、街道每月见报篇数")[1]
    assert "截至 2024-04-30" in people.coverage_page(service, "2024/4/30", 12)
    bad = people.coverage_page(service, "明天", 12)
    assert "不是有效的日期" in bad and "rag-warn" in bad


def test_an_empty_archive_says_to_import_first(tmp_path):
    empty = Service(Settings(home=tmp_path / "home"))
    assert "先到「资料库」导入报纸" in people.coverage_page(empty, "", 12)
    assert "档案里还没有人物、地点或机构" in people.look_up(empty, "", "all")
    assert "没有找到名字包含「王」" in people.look_up(empty, "王", "all")
