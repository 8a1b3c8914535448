"""The entity index over the sample corpus (five issues, 2022-2025): timelines of three people and two places, a
post's holders, the CLI commands, and the extractor's score against the frozen gold sample (dev split, where it
was tuned; the test split's numbers are reported, not gated)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rag.cli import main
from rag.service import Service
from rag.settings import Settings

D = dt.date


@pytest.fixture(scope="module")
def service(corpus_home) -> Service:
    return Service(Settings(home=corpus_home))


def test_timeline_of_the_party_secretary_with_his_post_and_visits(service):
    p = service.entity("王慧杰")
    assert p.kind == "person" and len(p.timeline) == 10
    assert (p.timeline[0].date, p.timeline[-1].date) == (D(2022, 8, 30), D(2024, 12, 24))
    assert all("王慧杰" in m.sentence for m in p.timeline)
    assert [(s.post, s.first.date, s.last.date) for s in p.posts] == [("区委书记", D(2022, 8, 30), D(2024, 12, 24))]
    visited = {m.name: m.date for m in p.places}
    assert visited["马卜吴村"] == D(2022, 8, 30) and visited["区妇幼保健院"] == D(2023, 8, 22)
    assert visited["双桥乡双桥村"] == D(2024, 12, 24)


def test_posts_over_time_of_the_district_head_who_became_secretary(service):
    p = service.entity("贵丽青")
    assert [(s.post, s.first.date) for s in p.posts] == [
        ("区委副书记、代区长", D(2022, 8, 30)), ("区委副书记、区长", D(2023, 8, 22)), ("区委书记", D(2025, 5, 20))]
    assert p.posts[1].last.date == D(2024, 12, 24) and "贵丽青" in p.posts[1].last.sentence


def test_a_reporter_is_kept_apart_from_the_people_reported_on(service):
    p = service.entity("方心怡")
    assert p.timeline == () and p.posts == ()
    assert len(p.bylines) == 5 and {m.date for m in p.bylines} == {D(2024, 12, 24), D(2025, 5, 20)}
    assert "方心怡" not in {n.name for n in service.entity_names("方心怡")}  # lists show people reported on


def test_timelines_of_two_towns_include_the_places_and_bodies_inside_them(service):
    lili = service.entity("廿里镇")
    assert lili.kind == "place" and {m.date for m in lili.timeline} == {D(2022, 8, 30), D(2023, 8, 22)}
    assert len(lili.timeline) >= 4
    duze = service.entity("杜泽镇")
    assert [(m.date, m.name) for m in duze.timeline] == [
        (D(2023, 8, 22), "杜泽镇"), (D(2024, 12, 24), "杜泽镇"), (D(2025, 5, 20), "衢江区杜泽镇白水村")]


def test_who_held_a_post_latest_first(service):
    holders = service.post_holders("区委书记")
    assert [(m.name, m.date) for m in holders] == [("贵丽青", D(2025, 5, 20)), ("王慧杰", D(2024, 12, 24))]
    facts = service.entity_facts("王慧杰调研了哪些地方？")
    assert facts.asks == "places" and "马卜吴村" in {m.name for m in facts.facts}


def test_no_story_threads_between_unrelated_issues(service):
    # five issues years apart carry no continuing story; shared leaders alone must not make one
    linked = [a.id for a in service.articles() if service.threads(a.id).before or service.threads(a.id).after]
    assert linked == []


def test_cli_entity_thread_and_coverage(corpus_home, capsys):
    assert main(["--home", str(corpus_home), "entity", "贵丽青"]) == 0
    out = capsys.readouterr().out
    assert "职务：区委副书记、代区长（2022-08-30） → 区委副书记、区长（2023-08-22 至 2024-12-24） → 区委书记（2025-05-20）" in out
    assert "2025-05-20《全区党政月度工作例会召开》" in out
    assert main(["--home", str(corpus_home), "entity", "王慧杰", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["posts"][0]["post"] == "区委书记" and len(data["timeline"]) == 10
    # the paper prints someone else as 区委书记 after his last report: the profile says who and when
    assert data["successor"]["name"] == "贵丽青" and data["successor"]["date"] == "2025-05-20"
    assert main(["--home", str(corpus_home), "coverage", "--json", "--today", "2025-05-31", "--months", "36"]) == 0
    cov = json.loads(capsys.readouterr().out)
    towns = {r["name"]: r for r in cov["towns"]}
    assert towns["杜泽镇"]["months"] == {"2023-08": 1, "2024-12": 1, "2025-05": 1}
    assert "廿里镇" in cov["uncovered"] and "杜泽镇" not in cov["uncovered"]
    assert towns["双桥乡"]["months"] == {"2024-12": 1}  # one of the district's 8 乡, visited on 12月18日
    article = Service(Settings(home=corpus_home)).articles()[0].id
    assert main(["--home", str(corpus_home), "thread", article, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"article_id": article, "before": [], "after": []}
    assert main(["--home", str(corpus_home), "entity", "王慧洁"]) == 0  # one character off: read as 王慧杰
    captured = capsys.readouterr()
    assert "“王慧洁”按档案中的“王慧杰”查找" in captured.err and captured.out.startswith("王慧杰（人物")
    assert main(["--home", str(corpus_home), "entity", "无此人"]) == 2
    assert "rag entity --list" in capsys.readouterr().err


def test_the_extractor_meets_its_targets_on_the_dev_split(corpus, capsys):
    assert main(["eval", "--entities", "--json", "--no-save", "--corpus", str(corpus)]) == 0
    result = json.loads(capsys.readouterr().out)
    for kind in ("person", "place", "org"):
        assert result["dev"][kind]["precision"] >= 0.95 and result["dev"][kind]["recall"] >= 0.85, kind
    assert result["dev"]["post_accuracy"] >= 0.95
    assert {"precision", "recall", "tp", "fp", "fn"} <= set(result["test"]["all"])
