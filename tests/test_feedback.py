"""The query log and feedback on answers (stored in the archive's sqlite), and `rag feedback export`, which writes
eval candidates that load as an eval set."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from rag.cli import main
from rag.errors import NotFoundError
from rag.eval.candidates import eval_candidates
from rag.eval.metrics import load_set
from rag.index.usage import UsageLog
from rag.models import Answer, Citation
from rag.service import Service
from rag.settings import Settings


def answer(question: str = "峡川镇的民宿有多少家？", refused: bool = False) -> Answer:
    c = Citation(n=1, article_id="a1", title="峡川镇民宿集群带火乡村游", date=dt.date(2025, 6, 10),
                 source="qujiang-example-2025-06-10.txt", quote="峡川镇已发展民宿48家", chunk="截至6月初，峡川镇已发展民宿48家")
    if refused:
        return Answer(question=question, answer="档案中没有找到相关报道。", refused=True, engine="extractive")
    return Answer(question=question, answer="截至6月初，峡川镇已发展民宿48家。[1]", refused=False, engine="extractive",
                  citations=(c,))


def test_queries_and_feedback_are_kept_in_the_archive_sqlite(tmp_path):
    service = Service(Settings(home=tmp_path))
    qid = service.log_query(answer(), 0.21)
    fid = service.add_feedback(qid, good=False)
    service.update_feedback(fid, good=False, note=" 数字对，但日期没说 ", correction="截至6月初，48家。")
    (row,) = service.feedback()
    assert row["good"] is False and row["note"] == "数字对，但日期没说" and row["correction"] == "截至6月初，48家。"
    assert row["question"] == "峡川镇的民宿有多少家？" and row["engine"] == "extractive" and "48家" in row["answer"]
    assert row["citations"] == [{"n": 1, "article_id": "a1", "title": "峡川镇民宿集群带火乡村游", "date": "2025-06-10",
                                 "source": "qujiang-example-2025-06-10.txt", "quote": "峡川镇已发展民宿48家"}]
    (logged,) = service.queries()
    assert logged["id"] == qid and logged["seconds"] == 0.21 and logged["refused"] is False
    # another process (a second app, the CLI) reads the same rows from the same file
    assert UsageLog(tmp_path / "catalog.sqlite").feedback()[0]["id"] == fid
    assert (tmp_path / "catalog.sqlite").exists()
    with pytest.raises(NotFoundError):
        service.add_feedback(qid + 99, good=True)
    with pytest.raises(NotFoundError):
        service.update_feedback(fid + 99, good=True)


def test_feedback_survives_deleting_what_it_judged(tmp_path):
    log = UsageLog(tmp_path / "catalog.sqlite")
    fid = log.add_feedback(log.log_query(answer(), 0.1), good=True)
    assert log.feedback()[0]["id"] == fid and log.feedback()[0]["citations"][0]["quote"]  # its own copy


def test_many_sessions_log_at_once(tmp_path):
    log = UsageLog(tmp_path / "catalog.sqlite")

    def session(n: int) -> None:
        for i in range(20):
            qid = log.log_query(answer(f"问题{n}-{i}"), 0.1)
            log.add_feedback(qid, good=i % 2 == 0)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(log.queries(limit=None)) == 160 and len(log.feedback()) == 160
    assert {r["question"] for r in log.feedback()} == {r["question"] for r in log.queries(limit=None)}


def test_candidates_follow_the_eval_set_format():
    rows = [
        {"id": 3, "good": False, "question": "那里的床位有多少张？", "answer": "床位600张。[1]", "refused": False,
         "correction": "620张", "note": "数错了", "citations": [], "history": ["峡川镇的民宿有多少家？"],
         "asked_at": "2025-06-11T09:00:00+08:00", "engine": "extractive"},
        {"id": 1, "good": True, "question": "峡川镇的民宿有多少家？", "answer": "截至6月初，峡川镇已发展民宿48家。[1]",
         "refused": False, "correction": "", "note": "", "asked_at": "2025-06-11T08:00:00+08:00",
         "citations": [{"source": "x.txt", "quote": "峡川镇已发展民宿48家"}], "history": [], "engine": "extractive"},
        {"id": 2, "good": True, "question": "地铁什么时候通车？", "answer": "档案中没有找到相关报道。", "refused": True,
         "correction": "", "note": "", "citations": [], "history": [], "engine": "extractive"},
    ]
    out = eval_candidates(rows)
    assert [c["id"] for c in out] == ["fb0001", "fb0002", "fb0003"] and {c["split"] for c in out} == {"dev"}
    good, refusal, bad = out
    assert good["type"] == "factoid" and good["reference"] == "截至6月初，峡川镇已发展民宿48家。"
    assert good["evidence"] == [{"source": "x.txt", "quote": "峡川镇已发展民宿48家"}] and good["today"] == "2025-06-11"
    assert refusal["type"] == "unanswerable" and refusal["evidence"] == []
    assert bad["type"] == "followup" and bad["history"] == ["峡川镇的民宿有多少家？"] and bad["reference"] == "620张"
    assert bad["feedback"] == {"verdict": "bad", "note": "数错了", "answer": "床位600张。[1]", "refused": False,
                               "engine": "extractive"}
    assert [c["id"] for c in eval_candidates(rows, bad_only=True)] == ["fb0003"]


def test_rag_feedback_export_writes_a_loadable_eval_set(tmp_path, capsys):
    home = tmp_path / "home"
    service = Service(Settings(home=home))
    service.add_feedback(service.log_query(answer(), 0.2), good=True)
    fid = service.add_feedback(service.log_query(answer("衢江区的地铁什么时候通车？", refused=True), 0.1), good=False)
    service.update_feedback(fid, good=False, note="应该说没有", correction="档案中没有地铁通车的报道")
    out = tmp_path / "candidates.jsonl"
    assert main(["--home", str(home), "feedback", "export", "--out", str(out)]) == 0
    assert "2 eval candidates" in capsys.readouterr().err
    items = load_set(out)  # the eval runner reads it like evals/qa.jsonl
    assert [i.question for i in items] == ["峡川镇的民宿有多少家？", "衢江区的地铁什么时候通车？"]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(line["split"] == "dev" for line in lines) and lines[1]["reference"] == "档案中没有地铁通车的报道"
    assert main(["--home", str(home), "feedback", "export", "--bad-only"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 1 and json.loads(printed[0])["feedback"]["verdict"] == "bad"
