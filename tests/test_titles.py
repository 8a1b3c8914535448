"""Headlines the source printed cut (a headline line lost in conversion) are mended from the article's own lede,
and only where the lede shows the cut: the sample corpus's two, a hand-made issue through the archive, and
headlines that must stay as printed."""

from __future__ import annotations

import pytest

from rag.index.archive import Archive
from rag.index.tokenize import Tokenizer
from rag.ingest.continuations import join_continuations
from rag.ingest.parse import parse_issue
from rag.ingest.read import read_issue
from rag.ingest.titles import mend_title, mend_titles
from rag.settings import Settings

from conftest import corpus_dates


@pytest.fixture(scope="module")
def words():
    return Tokenizer().words


def test_a_headline_cut_inside_a_word_gets_the_rest_of_its_clause(words):
    body = "本报讯（记者 张三）为推动园区发展，6月3日，县政协主席李四带队开展全县工业平台民主监督活动。"
    assert mend_title("县政协开展全县工业平", body, words) == "县政协开展全县工业平台民主监督活动"


def test_a_headline_that_ends_on_a_word_stays_as_printed(words):
    # the lede goes on from the headline's last words, but at a word boundary: nothing was cut
    cases = [("平武县党政代表团来衢江考察", "12月19日，平武县党政代表团来衢江考察交流。"),
             ("院士来分院对接深化合作帮扶", "院士率队来分院对接深化合作帮扶事宜，并举行座谈。"),
             ("区人大常委会聚焦共享法庭建设", "听取代表对共享法庭建设的看法。")]
    for title, body in cases:
        assert mend_title(title, body, words) == title
    # without a tokenizer an end is never mended
    assert mend_title("县政协开展全县工业平", "开展全县工业平台民主监督活动。") == "县政协开展全县工业平"


def test_a_headline_that_lost_the_start_of_its_quotation_gets_it_from_the_body():
    body = "“一二三齐步走”是部队里常用的口令，白水村把“一二三齐步走”用在村庄建设上。"
    for printed in ("二三齐步走“走出共富路", "二三齐步走”走出共富路", '二三齐步走"走出共富路'):
        assert mend_title(printed, body) == "“一二三齐步走”走出共富路"
    # balanced quotes, or a body that does not quote the words whole: as printed
    assert mend_title("全旺镇做优“助老三件事”", body) == "全旺镇做优“助老三件事”"
    assert mend_title("二三齐步走”走出共富路", "二三齐步走的口令。") == "二三齐步走”走出共富路"


def test_the_sample_corpus_cut_headlines_are_mended_and_no_other(corpus, words):
    changed = {}
    for name, date in sorted(corpus_dates().items()):
        articles = join_continuations(parse_issue(read_issue(corpus / name, date=date)))
        for before, after in zip(articles, mend_titles(articles, words)):
            if before.title != after.title:
                changed[before.title] = after.title
    assert changed == {"区政协开展全区工业平": "区政协开展全区工业平台民主监督与视察活动",
                       "二三齐步走“走出共富路": "“一二三齐步走”走出共富路"}


def test_the_archive_stores_the_mended_headline(tmp_path):
    issue = ("今日衢江\n2023年8月22日 星期二 总第3684期\n\n# 县政协开展全县工业平\n\n"
             "本报讯（记者 张小明）为推动园区发展，6月3日，县政协主席李四带队开展全县工业平台民主监督活动。\n"
             "委员们先后来到三个产业园区，详细了解园区产业发展情况。\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(issue, encoding="utf-8")
    archive = Archive(Settings(home=tmp_path / "home"))
    archive.ingest([tmp_path / "in" / "a.txt"])
    assert [a.title for a in archive.articles()] == ["县政协开展全县工业平台民主监督活动"]
