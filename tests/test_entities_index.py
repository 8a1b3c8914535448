"""The entity index in a real archive (catalog, Chroma in tmp_path, the bundled e5 embedder) over invented issues:
filled at ingest, kept consistent by delete and replace, names learned later read into earlier issues, rebuilt for
an older extractor; timelines and posts over time, the facts of person and post questions, story threads across
four issues with distractor projects that share words but not names, coverage balance."""

from __future__ import annotations

import datetime as dt

import pytest
from story_issues import ISSUES, write_issue

from rag.errors import NotFoundError
from rag.index.entities import build
from rag.service import Service
from rag.settings import Settings


@pytest.fixture(scope="module")
def built(story_home) -> Service:
    """The archive of the four issues (conftest.story_home; read-only for the tests using it)."""
    return Service(Settings(home=story_home))


def article(service: Service, title: str):
    [found] = [a for a in service.articles() if a.title == title]
    return found


def test_every_article_is_indexed_at_ingest(built):
    ids = [a.id for a in built.articles()]
    rows = built.archive.entities.of_articles(ids)
    assert {m.article_id for m in rows} == set(ids)
    reporters = {m.name for m in rows if m.role == "reporter"}
    assert reporters == {"方小雨", "周小万"}
    assert build.current(built.archive.catalog)


def test_a_timeline_cites_each_article_by_date_with_its_sentence(built):
    profile = built.entity("林向东")
    assert [m.date for m in profile.timeline] == sorted(m.date for m in profile.timeline)
    assert len(profile.timeline) == 8 and len({m.article_id for m in profile.timeline}) == 8
    first = profile.timeline[0]
    assert first.date == dt.date(2024, 1, 9) and "林向东出席" in first.sentence and first.source == "i1.txt"


def test_posts_over_time_each_cited(built):
    posts = built.entity("林向东").posts
    assert [(p.post, p.first.date) for p in posts] == [
        ("区委副书记、代区长", dt.date(2024, 1, 9)), ("区委副书记、区长", dt.date(2024, 4, 16)),
        ("区委书记", dt.date(2025, 3, 18))]
    assert posts[1].last.date == dt.date(2024, 9, 10) and "林向东" in posts[1].last.sentence


def test_facts_of_person_and_post_questions(built):
    who = built.entity_facts("林向东是谁？")
    assert who.asks == "who" and who.post == "区委书记" and who.facts[0].date == dt.date(2025, 3, 18)
    changes = built.entity_facts("林向东的职务是怎么变的？")
    # each post by its first report, and the latest post by its last too (that it was still held later)
    assert changes.asks == "posts" and [(m.post, m.date) for m in changes.facts[:3]] == [
        ("区委副书记、代区长", dt.date(2024, 1, 9)), ("区委副书记、区长", dt.date(2024, 4, 16)),
        ("区委书记", dt.date(2025, 3, 18))]
    assert all(m.post == "区委书记" and m.date >= dt.date(2025, 3, 18) for m in changes.facts[3:])
    holder = built.entity_facts("区委书记是谁？")
    assert holder.asks == "holder" and [m.name for m in holder.facts] == ["林向东", "王小杰"]
    assert holder.facts[0].date == dt.date(2025, 3, 18) and holder.facts[1].date == dt.date(2024, 4, 16)
    places = built.entity_facts("林向东去过哪些地方？")
    assert places.asks == "places"
    assert built.entity_facts("衢江今年的GDP是多少？") is None


def test_post_questions_read_the_posts_of_the_profile(built):
    # who / posts questions read only the first and last report of each post: the same as the whole profile
    posts = built.entity("林向东").posts
    changes = built.entity_facts("林向东的职务是怎么变的？")
    assert changes.facts[:3] == tuple(p.first for p in posts) and changes.kind == "person"
    # the 区长 post's last report (2024-09-10) is no fact of the answer: only the current post's is
    assert posts[1].last not in changes.facts
    who = built.entity_facts("林向东是什么职务？")
    latest = sorted(posts, key=lambda p: (p.last.date, p.first.date), reverse=True)
    assert who.facts == tuple(p.last for p in latest) and who.post == latest[0].post
    reporter = built.entity_facts("方小雨是谁？")  # printed with no post: the latest reports, none but bylines
    assert reporter.asks == "who" and reporter.post is None and reporter.facts == ()
    assert built.entity("方小雨").bylines


def test_a_name_learned_later_counts_in_earlier_issues(built):
    # i1 prints 陈晓峰 bare; i2 (ingested later) prints him with his post: i1 is read again
    timeline = built.entity("陈晓峰").timeline
    assert [m.date for m in timeline] == [dt.date(2024, 1, 9), dt.date(2024, 4, 16)]


def test_a_story_thread_links_one_project_across_four_issues_and_no_distractor(built):
    titles = [t for t, _ in ISSUES["i1.txt"][2][:1] + ISSUES["i2.txt"][2][:1] + ISSUES["i3.txt"][2][:1]
              + ISSUES["i4.txt"][2][:1]]
    ids = [article(built, t).id for t in titles]
    thread = built.threads(ids[1])
    assert [t.article_id for t in thread.before] == ids[:1]
    assert [t.article_id for t in thread.after] == ids[2:]
    assert "衢州恒川新材料产业园" in thread.after[0].shared or "浙江恒川新材料有限公司" in thread.after[0].shared
    assert [t.article_id for t in built.threads(ids[3]).before] == ids[:3]
    for title in ("宏远新材料项目签约", "衢江锂电池产业园开工", "宏远新材料项目厂房封顶"):
        linked = built.threads(article(built, title).id)
        assert not set(ids) & {t.article_id for t in linked.before + linked.after}, title


def test_coverage_counts_towns_and_departments_by_month(built):
    cov = built.coverage(today=dt.date(2025, 3, 31), months=18)
    towns = {r.name: r for r in cov.towns}
    assert dict(towns["廿里镇"].months) == {"2024-01": 1, "2024-04": 1}
    assert towns["全旺镇"].total == 3 - 1  # i1 and i2 name it
    assert "廿里镇" in cov.uncovered and "高家镇" in cov.uncovered  # nothing since 2025-03-01
    assert cov.months[0] == "2023-10" and cov.months[-1] == "2025-03"
    assert "区会议中心" in {r.name for r in cov.departments}


def test_unknown_names_say_what_to_do(built):
    with pytest.raises(NotFoundError, match="rag entity --list"):
        built.entity("无此人")


def test_delete_and_replace_keep_the_index_consistent(tmp_path):
    folder = tmp_path / "in"
    service = Service(Settings(home=tmp_path / "home"))
    service.ingest([write_issue(folder, "i1.txt"), write_issue(folder, "i2.txt")])
    i2 = [a.id for a in service.articles(source="i2.txt")]
    assert service.archive.entities.of_articles(i2)
    service.delete(sources=["i2.txt"])
    assert service.archive.entities.of_articles(i2) == []
    assert [m.date for m in service.entity("林向东").timeline] == [dt.date(2024, 1, 9)] * 2
    # a changed file replaces its articles' mentions, never adds to them
    path = folder / "i1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("胡新民", "胡新明"), encoding="utf-8")
    service.ingest([path])
    rows = service.archive.entities.of_articles([a.id for a in service.articles(source="i1.txt")])
    assert len(rows) == len({(m.article_id, m.where, m.start, m.name, m.kind) for m in rows})
    assert "胡新明" in {m.name for m in rows} and "胡新民" not in {m.name for m in rows}
    assert service.archive.entities.count() == len(rows)


def test_an_archive_of_an_older_extractor_is_read_again(tmp_path):
    folder = tmp_path / "in"
    home = tmp_path / "home"
    first = Service(Settings(home=home))
    first.ingest([write_issue(folder, "i3.txt")])
    rows = len(first.archive.entities.of_articles([a.id for a in first.articles()]))
    catalog = first.archive.catalog
    catalog.db.execute("DELETE FROM mentions")
    catalog.set_meta(build.META_KEY, "0")
    catalog.commit()
    again = Service(Settings(home=home))
    assert len(again.archive.entities.of_articles([a.id for a in again.articles()])) == rows
    assert build.current(again.archive.catalog)


def test_an_answer_reads_only_the_articles_it_can_show(built):
    """facts() for 去过哪些地方 / 做了哪些事 reads a name's earliest / latest ANSWER_ARTICLES articles, not all of
    them (seconds for a name in thousands of reports); the profile page still reads them all."""
    from rag.index.entities import query

    whole = built.entities.profile("林向东")
    saved = query.ANSWER_ARTICLES
    try:
        query.ANSWER_ARTICLES = 1
        deeds = built.entity_facts("林向东做了哪些事？")
    finally:
        query.ANSWER_ARTICLES = saved
    assert {m.article_id for m in deeds.facts} == {whole.timeline[-1].article_id}
    assert len({m.article_id for m in whole.timeline}) > 1
