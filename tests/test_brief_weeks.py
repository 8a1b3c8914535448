"""Briefings through the Service over real archives: two synthetic issues a week apart (与上周相比 finds the
continuing, the new and the moved stories, citing both weeks), kept briefings (list, reopen, download), and the
five sample weeks (every article exactly once, every item cited and verified)."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

from rag.brief.dates import parse_week
from rag.brief.render import to_markdown
from rag.errors import NotFoundError
from rag.service import Service
from rag.settings import Settings

MASTHEAD = "中共衢州市衢江区委主办 衢江传媒集团承办\n{date} 星期二\n今日衢江 今日4版 总第{number}期\n\n"
STORY = "{title}\n\n本报讯（记者 {reporter}）{body}\n\n"

WEEK_ONE = [  # issue of 2025-06-03 (ISO week 2025-W23); invented text
    ("全区二季度招商引资工作例会召开", "林晓雯",
     "6月2日，全区二季度招商引资工作例会召开。区委书记周明远主持会议并讲话。会上，5个项目集中签约，总投资20亿元。"),
    ("第三届樱桃文化节在杜泽镇开幕", "陈思远", "6月1日，第三届樱桃文化节在杜泽镇桂岭村开幕，吸引游客8000余人次。"),
    ("区图书馆推出夜间阅读服务", "陈思远", "6月2日起，区图书馆每周五延长开放至晚上9点，为上班族提供夜间阅读服务。"),
]
WEEK_TWO = [  # issue of 2025-06-10 (2025-W24)
    ("全区招商引资工作推进会召开", "林晓雯",
     "6月9日，全区招商引资工作推进会召开。区委书记周明远主持会议并讲话。会上，8个项目集中签约，总投资32亿元。"),
    ("区图书馆夜间阅读服务新增周六时段", "陈思远", "6月9日，区图书馆宣布夜间阅读服务新增周六开放时段，方便读者周末借阅。"),
    ("峡川镇民宿发展到48家", "周可欣", "截至6月初，峡川镇已发展民宿48家，带动村民就业300余人。"),
]


def write_issue(path, date: str, number: str, stories) -> None:
    text = MASTHEAD.format(date=date, number=number)
    text += "".join(STORY.format(title=t, reporter=r, body=b) for t, r, b in stories)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Service:
    folder = tmp_path_factory.mktemp("issues")
    write_issue(folder / "issue-9101.txt", "2025年6月3日", "9101", WEEK_ONE)
    write_issue(folder / "issue-9102.txt", "2025年6月10日", "9102", WEEK_TWO)
    service = Service(Settings(home=tmp_path_factory.mktemp("two-weeks")))
    report = service.ingest([folder])
    assert not report.failed
    return service


def test_compared_with_last_week_finds_continuing_new_and_moved_stories(service):
    brief = service.brief(*parse_week("2025-W24"))
    assert brief.previous == (dt.date(2025, 6, 2), dt.date(2025, 6, 8))
    items = {i.number: i for i in brief.items()}
    by_headline = {items[c.item].headline: c for c in brief.changes}
    assert set(by_headline) == {"全区招商引资工作推进会召开", "区图书馆夜间阅读服务新增周六时段", "峡川镇民宿发展到48家"}

    moved = by_headline["全区招商引资工作推进会召开"]
    assert moved.kind == "moved" and "5个项目" in moved.before and "8个项目" in moved.after
    library = by_headline["区图书馆夜间阅读服务新增周六时段"]
    assert library.kind == "continuing" and library.previous == "区图书馆推出夜间阅读服务"
    assert library.previous_date == dt.date(2025, 6, 3)
    assert by_headline["峡川镇民宿发展到48家"].kind == "new"

    cited = {c.n: c for c in brief.citations}
    for change in (moved, library):  # both weeks cited: this week's report, then last week's
        assert [cited[n].date for n in change.citations] == [dt.date(2025, 6, 10), dt.date(2025, 6, 3)]
    # last week's articles are cited by 与上周相比 only; this week's items cite this week's articles once each
    this_week = {a.id for a in service.articles(*parse_week("2025-W24"))}
    assert {cited[n].article_id for i in brief.items() for n in i.citations} == this_week
    md = to_markdown(brief)
    assert "## 与上周相比" in md and "数字变化" in md and "延续" in md and "新出现" in md
    assert "上周（6月3日）《区图书馆推出夜间阅读服务》" in md and "上周（6月3日）“5个项目集中签约”，本周“8个项目集中签约”" in md


def test_a_week_with_nothing_before_it_says_so(service):
    brief = service.brief(*parse_week("2025-W23"))
    assert brief.previous == (dt.date(2025, 5, 26), dt.date(2025, 6, 1)) and brief.changes == ()
    assert "上周（5月26日—6月1日）档案中没有报道，无从比较。" in to_markdown(brief)


def test_kept_briefings_are_listed_reopened_and_downloaded(service):
    assert service.kept_briefs() == []
    made = service.brief(*parse_week("2025-W24"), keep=True)
    assert made.id.startswith("2025-W24-")
    listed = service.kept_briefs()
    assert [(k["id"], k["from"], k["to"], k["items"]) for k in listed] == [
        (made.id, "2025-06-09", "2025-06-15", len(made.items()))]
    reopened = service.kept_brief(made.id)
    assert reopened == made  # the whole briefing as it was made, citations and cited articles included
    assert to_markdown(reopened) == to_markdown(made)
    word = service.kept_brief_file(made.id, "docx")
    assert word.name == "2025-W24.docx"
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "与上周相比" in texts and any("峡川镇民宿发展到48家" in t for t in texts)
    data = json.loads(service.kept_brief_file(made.id, "json").read_text(encoding="utf-8"))
    assert data["id"] == made.id and data["changes"]
    assert service.kept_brief_file(made.id, "md").read_text(encoding="utf-8") == to_markdown(made)
    service.delete_kept_brief(made.id)
    assert service.kept_briefs() == []
    with pytest.raises(NotFoundError, match="no kept briefing"):
        service.kept_brief(made.id)
    with pytest.raises(NotFoundError):
        service.kept_brief("../../etc/passwd")


# --- the five sample weeks (archive built once per session by conftest) ---------------------------------

MAIN_STORIES = {  # from a reading of each issue: words an item about each main story must contain
    "000_7f99004face86581.txt": ["浙大二院", "述责述廉", "项目谋划", "人大常委会", "民情直通车", "平武"],
    "001_9376f15a92d3fe1a.txt": ["十四届五次全体", "医师节", "金牛奖", "余慧仙", "专栏"],
    "002_7ef5928998a3dc46.txt": ["月度工作例会", "毛卓战", "航运服务", "康养综合体", "招商引资", "白水村"],
    "003_7ace637069ccde80.txt": ["安全生产", "常务会议", "重点项目", "现代社区", "民生实事", "柏雷"],
    "004_a1394b6d0e0c442f.txt": ["共享法庭", "重点企业", "太真乡", "水库", "钱包", "调研成果"],
}


@pytest.mark.parametrize("source", sorted(MAIN_STORIES))
def test_each_sample_week_accounts_for_every_article_once(corpus_home, source):
    from conftest import corpus_dates

    service = Service(Settings(home=corpus_home))
    year, week, _ = corpus_dates()[source].isocalendar()
    start, end = parse_week(f"{year}-W{week}")
    brief = service.brief(start, end)
    items = brief.items()
    by_n = {c.n: c.article_id for c in brief.citations}
    placed = [by_n[n] for i in items for n in i.citations]
    assert sorted(placed) == sorted(a.id for a in service.articles(start, end) if not a.furniture)  # each once
    texts = [i.headline + i.text + i.author for i in items]
    missing = [story for story in MAIN_STORIES[source] if not any(story in t for t in texts)]
    assert not missing, f"stories missing from the briefing: {missing}"
    assert all(i.supported for i in items) and 3 <= len(brief.overview) <= 5
    overview = {p.text for p in brief.overview}
    assert not overview & {i.text for i in items}  # the overview points, it does not repeat
    for c in brief.citations:  # citations point at real chunks of the archive, quotes are verbatim
        assert c.source == source and c.chunk_id and c.quote in c.chunk
        assert c.chunk in [k.text for k in service.archive.chunks(c.article_id)]
    prose = "".join(i.text for i in items)
    reporters = {r for a in brief.sources for r in a.reporters}
    assert "本报讯" not in prose and "下转" not in prose and not any(r in prose for r in reporters)
    assert brief.previous is not None and brief.changes == ()  # no sample issue a week before another


def test_sample_weeks_keep_a_plenums_aim_and_lead_features_with_their_news(corpus_home):
    service = Service(Settings(home=corpus_home))
    plenum_week = service.brief(*parse_week("2023-W34"))
    lead = next(i for i in plenum_week.items() if i.kind == "story")  # the week's lead story: the plenary session
    assert "十四届五次全体" in lead.headline
    assert "20周年" in lead.text and "三年努力" in lead.text and "审议通过" in lead.text  # aim, anniversary, decision
    feature_week = service.brief(*parse_week("2023-W50"))
    stories = [i for i in feature_week.items() if i.kind == "story"]
    brand = next(i for i in stories if i.headline.startswith("产业同心"))
    assert brand.text.startswith("区委统战部") and "产业同心链" in brand.text  # the nut graf, not the scene


def test_sample_weeks_name_a_visits_stops_and_an_awards_winners(corpus_home):
    service = Service(Settings(home=corpus_home))
    visit = next(i for i in service.brief(*parse_week("2024-W52")).items() if i.headline.startswith("平武县党政代表团"))
    assert "考察：府前未来社区、美高短剧超级工厂" in visit.text and visit.supported
    tour = next(i for i in service.brief(*parse_week("2023-W50")).items() if i.headline.startswith("王慧杰走访调研"))
    # the companies are listed in one sentence mid-paragraph (先后来到A、B), not each opening a paragraph
    assert "中显光电科技（浙江）有限公司、浙江鸿邦源电子有限公司、天募控股直播培训基地" in tour.text and tour.supported
    award = next(i for i in service.brief(*parse_week("2025-W21")).items() if "卫生院获全国表扬" in i.headline)
    assert "获全国表扬：樟潭街道社区卫生服务中心、后溪镇卫生院。" in award.text and award.supported
    plenary = next(i for i in service.brief(*parse_week("2024-W52")).items() if "第二十四次会议" in i.headline)
    # the meeting's point is what the secretary said to it (王慧杰指出…), besides who attended
    assert "王慧杰指出" in plenary.text and plenary.supported


def test_the_secretarys_inspection_leads_the_visits_and_the_overview_goes_in_item_order(corpus_home):
    # BRIEFING.md: the principal leaders' inspections, 区委书记 first, before a visiting academician or delegation
    brief = Service(Settings(home=corpus_home)).brief(*parse_week("2024-W52"))
    visits = next(s for s in brief.sections if s.topic == "调研与走访")
    assert visits.items[0].headline.startswith("王慧杰调研高质量发展工作")
    numbers = [p.number for p in brief.overview]
    assert numbers == sorted(numbers) and len(numbers) >= 3
