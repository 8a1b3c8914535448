"""Eval scoring on hand-made answers, the eval set's own integrity, and the results diff."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rag.cite.citations import REFUSAL
from rag.eval.metrics import (TYPES, BriefExpectation, EvalItem, Evidence, KeyFact, brief_coverage, diff,
                              evidence_found, fact_recall, first_line_fact, load_briefs, load_set, norm, quote_problems, score_item, summarize,
                              summarize_by_type, threshold_failures)
from rag.errors import ConfigError
from rag.eval.runner import EVALS_DIR, format_report, save_result
from rag.models import Answer, Brief, BriefItem, BriefSection, Citation, Sentence

DAY = dt.date(2024, 12, 24)
CHUNK = "12月22日上午，中国科\n学院院士、浙江大学医学院附属第二医院（简称“浙大二院”）党委书记王建安率队来衢州分院。"


def citation(chunk: str, n: int = 1) -> Citation:
    return Citation(n=n, article_id="a1", title="t", date=DAY, source="000.txt", quote=chunk[:10], chunk=chunk)


def item(**kw) -> EvalItem:
    base = dict(id="x", type="factoid", question="王建安是哪天来衢州分院的？", reference="12月22日",
                facts=("12月22日",), evidence=(Evidence("000.txt", "12月22日上午，中国科学院院士"),))
    return EvalItem(**{**base, **kw})


def test_norm_ignores_width_whitespace_punctuation_and_markers():
    assert norm("8 月 18 日,区委(扩大)会议。[1]") == norm("8月18日，区委（扩大）会议")
    assert norm("M０") == "m0"


def test_evidence_found_across_line_breaks_but_not_in_other_text():
    assert evidence_found("12月22日上午，中国科学院院士", [CHUNK])
    assert not evidence_found("12月20日上午，中国科学院院士", [CHUNK])
    assert not evidence_found("", [CHUNK])


def test_score_of_a_correct_cited_answer():
    ans = Answer(question="q", answer="王建安12月22日上午来衢州分院。[1]", refused=False, engine="extractive",
                 citations=(citation(CHUNK),), sentences=(Sentence("王建安12月22日上午来衢州分院。", (1,)),))
    rec = score_item(item(), ans, retrieved=["无关", CHUNK], latency_ms=12.0)
    assert rec["citation_hit"] == 1.0 and rec["recall_at_k"] == 1.0
    assert rec["fact_recall"] == 1.0 and rec["citation_precision"] == 1.0
    assert rec["refused"] is False and rec["facts_missing"] == []
    assert rec["first_line"] == 1.0


def test_first_line_reads_what_staff_see_first():
    # the fact lower down counts for fact recall, not for the first line; a typo notice is no first line
    wrong_first = "12月20日。[1]\n王建安12月22日上午来衢州分院。[1]"
    assert first_line_fact(wrong_first, ["12月22日"]) == 0.0 and fact_recall(wrong_first, ["12月22日"]) == 1.0
    noticed = "（“王建按”按档案中的“王建安”查找。）\n12月22日。[1]\n王建安12月22日上午来衢州分院。[1]"
    assert first_line_fact(noticed, ["12月22日"]) == 1.0
    assert first_line_fact("任何回答。", []) is None


def test_score_of_a_wrong_answer_with_an_unsupported_sentence():
    ans = Answer(question="q", answer="王建安12月20日来过。[1]", refused=False, engine="extractive",
                 citations=(citation("另一篇报道的内容。"),),
                 sentences=(Sentence("王建安12月20日来过。", (1,), supported=False, score=0.1),
                            Sentence("没有引用的句子。", ())))
    rec = score_item(item(), ans, retrieved=["另一篇报道的内容。"], latency_ms=5.0)
    assert rec["citation_hit"] == 0.0 and rec["recall_at_k"] == 0.0
    assert rec["fact_recall"] == 0.0 and rec["facts_missing"] == ["12月22日"]
    assert rec["citation_precision"] == 0.0
    # a test item keeps its numbers and loses what was asked, answered and missed: test is reported, not read
    held = score_item(item(split="test"), ans, retrieved=["另一篇报道的内容。"], latency_ms=5.0)
    assert held["fact_recall"] == 0.0 and held["question"] is None and held["facts_missing"] is None


def test_refusals_count_for_unanswerable_and_against_answerable():
    refusal = Answer(question="q", answer=REFUSAL, refused=True, engine="extractive")
    records = [score_item(item(id="u", type="unanswerable", facts=(), evidence=()), refusal, [], 1.0),
               score_item(item(id="f"), refusal, [CHUNK], 3.0)]
    assert records[1]["fact_recall"] == 0.0 and records[1]["citation_precision"] is None
    assert records[1]["first_line"] is None  # a refusal counts as refused, not as a wrong first line
    s = summarize(records)
    assert s["refusal_accuracy"] == 1.0 and s["false_refusal"] == 1.0
    assert s["recall_at_k"] == 1.0 and s["fact_recall"] == 0.0  # means over answerable items only
    assert s["latency_p50_ms"] == 2.0
    # an answer that merely starts with the refusal text is a refusal too
    soft = Answer(question="q", answer="档案中没有找到关于此事的报道。", refused=False, engine="openai:x")
    assert score_item(item(id="u2", type="unanswerable", facts=(), evidence=()), soft, [], 1.0)["refused"]


def test_summary_by_type_and_thresholds():
    ok = Answer(question="q", answer="12月22日。[1]", refused=False, engine="e", citations=(citation(CHUNK),),
                sentences=(Sentence("12月22日。", (1,)),))
    records = [score_item(item(id="a"), ok, [CHUNK], 10.0), score_item(item(id="b", type="list"), ok, [], 30.0)]
    table = summarize_by_type(records)
    assert set(table["by_type"]) == {"factoid", "list"}
    assert table["by_type"]["list"]["recall_at_k"] == 0.0 and table["overall"]["recall_at_k"] == 0.5
    assert threshold_failures(table, {"overall": {"min_fact_recall": 1.0, "max_latency_p95_ms": 100}}) == []
    failures = threshold_failures(table, {"_note": "x", "overall": {"min_recall_at_k": 0.6, "min_refusal_accuracy": 0.5},
                                          "by_type": {"list": {"min_recall_at_k": 0.1}, "multi": {"min_fact_recall": 0}}})
    assert failures == ["overall.recall_at_k = 0.5 (threshold min 0.6)",
                        "overall.refusal_accuracy = None (threshold min 0.5)",
                        "list.recall_at_k = 0.0 (threshold min 0.1)", "multi.fact_recall = None (threshold min 0)"]
    assert threshold_failures(table, {"overall": {"max_latency_p95_ms": 20}}) == [
        "overall.latency_p95_ms = 29.0 (threshold max 20)"]
    with pytest.raises(ConfigError):
        threshold_failures(table, {"overall": {"recall_at_k": 0.5}})


def test_brief_coverage_per_split_needs_all_keywords_in_one_item_and_each_article_once():
    cite = Citation(n=1, article_id="a1", title="t", date=DAY, source="000.txt", quote="q", chunk="q")
    brief = Brief(date_from=DAY, date_to=DAY, title="本周要闻", citations=(cite,),
                  overview=(BriefItem("民情直通车", (1,), kind="pointer", number=2),),
                  sections=(BriefSection("调研与走访", (BriefItem("12月18日调研高质量发展工作。", (1,),
                                                                 headline="王慧杰调研", number=1),)),
                            BriefSection("党建与治理", (BriefItem("民情直通车发车。", (), supported=False,
                                                                 number=2),))))
    exp = BriefExpectation("000.txt", "2024-12-23", "2024-12-29",
                           (KeyFact("调研", ("王慧杰", "高质量发展"), split="dev"),  # headline + text: covered
                            KeyFact("直通车", ("民情直通车",), split="test"),
                            KeyFact("平武", ("平武", "王慧杰"), split="test")))
    cov = brief_coverage(brief, exp, ["a1", "a2"])
    assert cov["coverage"] == pytest.approx(2 / 3, abs=1e-3)
    assert (cov["coverage_dev"], cov["coverage_test"]) == (1.0, 0.5)
    assert cov["missing"] == ["1 test fact(s)"] and cov["supported"] == 0.5  # a test fact is counted, not named
    assert (cov["articles"], cov["once"], cov["absent"], cov["repeated"]) == (2, 0.5, ["a2"], [])


def test_diff_and_report(tmp_path):
    result = {"engine": "extractive", "k": 8,
              "summary": {"overall": {"n": 2, "fact_recall": 0.5, "latency_p95_ms": 40.0}, "by_type": {}},
              "briefs": [], "items": [{"id": "f01", "answer": "原文句子。[1]", "fact_recall": 1.0}]}
    path, changes = save_result(result, tmp_path)
    assert path.name == "eval-extractive.json" and changes["fact_recall"] == (None, 0.5)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["summary"]["overall"]["n"] == 2
    assert saved["items"] == [{"id": "f01", "fact_recall": 1.0}]  # no archive text in committed results
    newer = json.loads(json.dumps(result))
    newer["summary"]["overall"]["fact_recall"] = 0.75
    assert diff(newer, result) == {"fact_recall": (0.5, 0.75)}
    report = format_report(newer, diff(newer, result))
    assert "0.500 -> 0.750" in report and "overall" in report


def test_load_set_rejects_malformed_lines(tmp_path):
    bad = tmp_path / "qa.jsonl"
    bad.write_text('{"id": "a", "type": "factoid"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks field"):
        load_set(bad)
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="qa.jsonl:1"):
        load_set(bad)


def test_eval_set_shape():
    items = load_set(EVALS_DIR / "qa.jsonl")
    assert len(items) >= 250 and len({i.id for i in items}) == len(items)
    for t in TYPES:
        for split in ("dev", "test"):
            assert sum(i.type == t and i.split == split for i in items) >= 6, (t, split)
    groups: dict[str, set[str]] = {}
    for i in items:
        groups.setdefault(i.group, set()).add(i.split)
        if i.type == "unanswerable":
            assert not i.facts and not i.evidence, i.id
        else:
            assert 1 <= len(i.facts) <= 8 and i.evidence, i.id
        if i.type == "temporal":
            assert i.today and dt.date.fromisoformat(i.today), i.id
        if i.type == "followup":
            assert i.history, i.id
    # every phrasing of a fact is in one split: a test fact is never tuned on through another wording
    assert all(len(splits) == 1 for splits in groups.values())


@pytest.mark.corpus
def test_every_evidence_quote_is_verbatim_in_its_source(corpus: Path):
    items = load_set(EVALS_DIR / "qa.jsonl")
    assert quote_problems(items, corpus) == []
    # the checker itself catches a quote that is not in the file
    fake = EvalItem(id="z", type="factoid", question="q", reference="r", facts=("x",),
                    evidence=(Evidence(items[0].evidence[0].source, "衢江区举办了火星登陆仪式"),))
    assert len(quote_problems([fake], corpus)) == 1


@pytest.mark.corpus
def test_brief_expectations_name_real_stories_of_their_week(corpus: Path):
    from rag.eval.runner import corpus_dates

    dates = corpus_dates(corpus)
    for exp in load_briefs(EVALS_DIR / "brief.jsonl"):
        text = norm((corpus / exp.source).read_text(encoding="utf-8"))
        assert dt.date.fromisoformat(exp.date_from) <= dates[exp.source] <= dt.date.fromisoformat(exp.date_to)
        assert {f.split for f in exp.stories} == {"dev", "test"}
        for fact in exp.stories:
            assert all(norm(k) in text for k in fact.keywords), fact.label
    for line in (EVALS_DIR / "brief.jsonl").read_text(encoding="utf-8").splitlines():  # evidence is verbatim
        week = json.loads(line)
        text = norm((corpus / week["source"]).read_text(encoding="utf-8"))
        assert all(norm(e["quote"]) in text for f in week["stories"] for e in f["evidence"]), week["source"]


def test_brief_expectations_of_one_split_leave_the_others_facts_out():
    """`rag eval --split dev` checks briefings on the dev facts only: tuning never shows a test number."""
    everything = load_briefs(EVALS_DIR / "brief.jsonl")
    dev = load_briefs(EVALS_DIR / "brief.jsonl", "dev")
    test = load_briefs(EVALS_DIR / "brief.jsonl", "test")
    assert [e.source for e in dev] == [e.source for e in everything]
    for a, d, t in zip(everything, dev, test):
        assert {f.split for f in d.stories} == {"dev"} and {f.split for f in t.stories} == {"test"}
        assert len(d.stories) + len(t.stories) == len(a.stories)


def test_eval_cache_key_follows_every_module_that_builds_an_archive(tmp_path, monkeypatch):
    """A change to any module of the ingest or index packages (titles and continuations were once left out)
    rebuilds the cached eval archive; a change to the web app does not."""
    import shutil

    from rag.eval import runner
    from rag.settings import Settings

    rag_copy = tmp_path / "rag"
    shutil.copytree(runner.RAG_DIR, rag_copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(runner, "RAG_DIR", rag_copy)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dates.tsv").write_text("file\tdate\na.txt\t2024-01-02\n", encoding="utf-8")
    (corpus / "a.txt").write_text("本报讯 新闻。", encoding="utf-8")
    settings = Settings(home=tmp_path / "home")
    key = runner.cache_key(settings, corpus)
    for changed, rebuilds in (("web/views.py", False), ("ingest/titles.py", True), ("ingest/continuations.py", True),
                              ("index/update.py", True), ("models.py", True),
                              ("text.py", True)):
        with (rag_copy / changed).open("a", encoding="utf-8") as f:
            f.write("\n# changed\n")
        assert (runner.cache_key(settings, corpus) != key) == rebuilds, changed
        key = runner.cache_key(settings, corpus)
