"""What a question about a person, a place or a post asks of the entity index (pure)."""

from __future__ import annotations

import pytest

from rag.answer.entity_question import EntityQuestion, candidates, commentary_asked, pieces_named, read

NAMES = {"王慧杰": "person", "廿里镇": "place", "廿里": "place", "区委": "org"}


def known(question: str) -> dict[str, str]:
    """What the index would say of the question's pieces."""
    return {c: NAMES[c] for c in candidates(question) if c in NAMES}


@pytest.mark.parametrize("question, asks", [
    ("王慧杰是谁？", "who"), ("王慧杰现任什么职务", "who"),
    ("王慧杰的职务是怎么变的？", "posts"), ("王慧杰担任过哪些职务", "posts"),
    ("王慧杰调研了哪些地方？", "places"), ("王慧杰去过哪些村", "places"),
    ("王慧杰参加了哪些活动？", "deeds"), ("王慧杰做了哪些事", "deeds"),
    ("王慧杰 廿里镇 职务", "who"), ("王慧杰 身份", "who"),  # keywords: the post asked as a keyword of its own
])
def test_person_questions(question, asks):
    assert read(question, known(question)) == EntityQuestion(asks, "王慧杰", "person")


def test_a_place_question_asks_what_happened_there_and_the_longest_name_is_meant():
    assert read("廿里镇发生过什么？", known("廿里镇发生过什么？")) == EntityQuestion("events", "廿里镇", "place")


def test_a_post_without_a_name_asks_for_its_holder():
    assert read("区委书记是谁？", known("区委书记是谁？")) == EntityQuestion("holder", None, None, "区委书记")
    assert read("现任区长是谁", {}) == EntityQuestion("holder", None, None, "区长")


def test_other_questions_are_left_to_the_search():
    assert read("廿里镇的蓝莓基地亩产多少？", known("廿里镇的蓝莓基地亩产多少？")) is None
    assert read("王慧杰强调要抓好什么？", known("王慧杰强调要抓好什么？")) is None
    assert read("上周开了哪些会？", {}) is None


def test_a_question_about_one_deed_of_a_name_is_left_to_the_search():
    """The index's facts answer a question about the name as a whole; one trip or one number is searched."""
    for q in ("王慧杰调研高质量发展工作，都去了哪些地方？", "王慧杰当过多少年兵？", "廿里镇的民生实事进展怎么样？"):
        assert read(q, known(q)) is None, q
    assert read("王慧杰的职务有什么变化？", known("王慧杰的职务有什么变化？")).asks == "posts"


@pytest.mark.parametrize("question, post", [
    ("现在衢江区委书记是谁？", "区委书记"), ("2024年底的时候区人大常委会主任是谁？", "区人大常委会主任"),
    ("现在衢江的区委书记是谁", "区委书记"), ("浙大二院衢州分院的院长是谁？", "浙大二院衢州分院院长"),
])
def test_the_post_asked_is_read_without_time_and_county_words(question, post):
    assert read(question, {}) == EntityQuestion("holder", None, None, post)


def test_candidates_are_the_pieces_of_the_chinese_runs():
    assert candidates("王慧杰是谁") == ["王慧", "慧杰", "杰是", "是谁", "王慧杰", "慧杰是", "杰是谁", "王慧杰是",
                                       "慧杰是谁", "王慧杰是谁"]


def test_a_question_about_the_commentary_and_its_authors():
    assert commentary_asked("这几期报纸上的评论都是谁写的？") and commentary_asked("评论 短评 署名 作者")
    assert not commentary_asked("王慧杰在评论会上说了什么？") and not commentary_asked("衢江港区有哪些报道？")
    assert commentary_asked("这几期有哪些评论？") and commentary_asked("短评有几篇？")
    assert not commentary_asked("柏雷那篇评论举了衢江哪些地方当例子？")  # what one piece says: the search answers
    titles = ["短评：春秋战国时期，魏国曾一度依靠人才率先崛起", "后浪拍岸 满城新景", "奏响高品质衢江城市建设最强音"]
    assert pieces_named("后浪拍岸那篇评论是谁写的", titles) == [1]
    assert pieces_named("魏国人才那篇短评作者是谁", titles) == [0]
    assert pieces_named("这几期的评论都是谁写的", titles) == []
    # a place in the paper: appearing in these issues asks what happened there
    assert read("廿里镇在这几期里都上过哪些新闻？", known("廿里镇在这几期里都上过哪些新闻？")) == \
        EntityQuestion("events", "廿里镇", "place")


def test_a_name_the_index_does_not_hold_may_be_a_typo_of_one_it_does():
    from rag.answer.entity_question import misspelt_names

    surnames = set("王毛张杨")
    assert misspelt_names("毛小荣是干啥的？", {}, surnames) == ["毛小荣"]
    assert misspelt_names("王慧杰调研了哪些地方？", {"王慧杰": "person"}, surnames) == []  # known
    assert misspelt_names("张文是啥来头？", {"张文": "person"}, surnames) == []  # 张文是: a known name and 是


def test_a_post_typed_as_keywords_asks_for_its_holder():
    assert read("衢江 区委书记", {}) == EntityQuestion("holder", None, None, "区委书记")
    assert read("衢江区委书记", {}) == EntityQuestion("holder", None, None, "区委书记")
    assert read("区委书记王慧杰讲话", {"王慧杰": "person"}) is None


def test_appearances_across_issues_are_read_as_the_name_as_a_whole():
    """Staff ask how a name appeared over the issues (前后几次上报纸, 因为啥事出现过, 以啥身份参加了哪些会): the
    index's facts, one report a line, answer that; a post asked beside the meetings is printed in each line."""
    for q, asks in (("王慧杰前后几次上报纸，身份有没有变化？", "posts"),
                    ("王慧杰在去年底和今年的报纸上都以啥身份、参加了哪些会？", "deeds"),
                    ("廿里镇前后几年在报上都因为啥事出现过？", "events")):
        got = read(q, known(q))
        assert got is not None and got.asks == asks, (q, got)
    assert read("王慧杰是什么身份？", known("王慧杰是什么身份？")).asks == "who"  # no deed asked: who he is
