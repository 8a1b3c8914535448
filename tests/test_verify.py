"""The verifier passes sentences the cited text states and fails changed numbers, dates, names and inventions."""

from __future__ import annotations

import pytest

from rag.cite.verify import Verifier, numbers
from rag.index.tokenize import Tokenizer
from rag.text import cn_to_int

CITED = ("12月22日上午，中国科学院院士、浙大二院党委书记王建安率队来衢州分院对接深化合作帮扶事宜，并举行座谈。"
         "区委副书记、区长贵丽青，副区长徐东升等参加。今年是浙大二院对口帮扶衢州分院的第 15\n年。"
         "浙大二院与衢州分院自2010年合作至今，一直得到衢江区委、区政府的支持。")
TOKENIZER = Tokenizer()  # no archive: jieba's dictionary and the county's places
KNOWN_NAMES = ("王建安", "贵丽青", "徐东升", "李明华", "张伟")


def fixed_names(text: str) -> list[str]:
    """Stand-in name finder for the tests: the known names the text mentions."""
    return [n for n in KNOWN_NAMES if n in text]


@pytest.fixture
def verifier() -> Verifier:
    """The verifier as engines build it: real jieba words and names of a tokenizer, no embedder."""
    return Verifier.for_tokenizer(TOKENIZER)


@pytest.mark.parametrize("sentence", [
    "12月22日上午，王建安率队来衢州分院对接深化合作帮扶事宜，并举行座谈。",
    "区长贵丽青，副区长徐东升等参加。",
    "今年是浙大二院对口帮扶衢州分院的第15年。",  # the column break in the source is no obstacle
    "浙大二院对口帮扶衢州分院已进入第十五个年头。",  # Chinese numeral for a cited Arabic number
])
def test_supported_sentences_pass(verifier, sentence):
    ok, score = verifier.check(sentence, [CITED])
    assert ok and score >= verifier.min_score


@pytest.mark.parametrize("sentence", [
    "今年是浙大二院对口帮扶衢州分院的第16年。",  # changed number
    "12月23日上午，王建安率队来衢州分院对接深化合作帮扶事宜。",  # changed date
    "12月22日上午，李明华率队来衢州分院对接深化合作帮扶事宜。",  # changed name
    "张伟陪同王建安来衢州分院对接深化合作帮扶事宜。",  # added name
    "王建安率队来马溪村对接深化合作帮扶事宜。",  # changed place
    "浙大二院与衢州分院自2012年合作至今。",
    "衢江区今年新建了三所幼儿园，投入资金二千万元。",  # invented
    "会议要求各地做好秋季森林防火工作。",  # unrelated
])
def test_fabricated_sentences_fail(verifier, sentence):
    ok, score = verifier.check(sentence, [CITED])
    assert not ok and score < verifier.min_score


def test_paraphrase_with_ordinary_new_words_passes(verifier):
    ok, _ = verifier.check("此外，王建安率队来衢州分院对接深化合作帮扶事宜，高度重视。", [CITED])
    assert ok


def test_proper_noun_finder_demands_verbatim_names():
    strict = Verifier(names=fixed_names, words=None)
    assert strict.check("区长贵丽青，副区长徐东升等参加。", [CITED])[0]
    assert not strict.check("区长贵丽青，副区长张伟等参加。", [CITED])[0]


def test_several_cited_texts_count_together(verifier):
    ok, _ = verifier.check("王建安来衢州分院，张伟陪同。", ["王建安来衢州分院调研。", "张伟陪同调研。"])
    assert ok


def test_empty_citation_is_unsupported(verifier):
    assert verifier.check("今年是第15年。", []) == (False, 0.0)


def test_numbers_normalise_chinese_and_arabic():
    assert numbers("第十五年，一百零八人，3.50%，1,200元，二〇二三年") == {"15", "108", "3.5", "1200", "2023"}
    assert numbers("一一对应，十分重要") == set()
    assert cn_to_int("三万五千") == 35000


@pytest.fixture(scope="module")
def with_embedder() -> Verifier:
    from rag.index.embed import E5Embedding

    return Verifier.for_tokenizer(TOKENIZER, E5Embedding())  # the real bundled e5, as the LLM engines use it


@pytest.mark.parametrize("sentence,supported", [
    ("浙大二院帮扶衢州分院已经进入第十五个年头。", True),  # paraphrase
    ("浙大二院对衢州分院的帮扶已持续多年。", True),
    ("衢江区今年新建了三所幼儿园。", False),  # invented
    ("会议要求各地做好秋季森林防火工作。", False),  # unrelated
])
def test_embedding_similarity_separates_paraphrase_from_invention(with_embedder, sentence, supported):
    ok, score = with_embedder.check(sentence, [CITED])
    assert ok is supported and (score >= 0.5) is supported


def test_an_attribution_to_a_report_is_checked_against_its_date_and_headline(verifier):
    """据2022年8月30日《…》报道， before a short sentence: right date and headline, the sentence is checked alone;
    another date is a claim the cited article does not make."""
    cited = "衢江区召开安全生产工作部署会\n《衢江区召开安全生产工作部署会》刊于2022年8月30日《今日衢江》。\n区领导徐彪、周松祥、梁斌参加。"
    assert verifier.check("据2022年8月30日报道，区领导徐彪、周松祥、梁斌参加。", [cited])[0]
    assert verifier.check("据2022年8月30日《衢江区召开安全生产工作部署会》报道，区领导徐彪、周松祥、梁斌参加。", [cited])[0]
    assert not verifier.check("据2023年8月30日报道，区领导徐彪、周松祥、梁斌参加。", [cited])[0]
    assert not verifier.check("据2022年8月30日《区委全会召开》报道，区领导徐彪、周松祥、梁斌参加。", [cited])[0]
    assert not verifier.check("据2022年8月30日《今日衢江》报道，区领导徐彪、周松祥、梁斌参加。", [cited])[0]
    # two cited articles: the date of one and the headline of the other are no report
    other = "区委全会召开\n《区委全会召开》刊于2023年8月22日《今日衢江》。\n区领导徐彪参加。"
    assert not verifier.check("据2022年8月30日《区委全会召开》报道，区领导徐彪参加。", [cited, other])[0]
    assert verifier.check("据2023年8月22日《区委全会召开》报道，区领导徐彪参加。", [cited, other])[0]
