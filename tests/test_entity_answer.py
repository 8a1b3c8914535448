"""An answer made of the entity index's facts (pure): dated lines, a direct line, the order asked for."""

from __future__ import annotations

import datetime as dt

from rag.answer.entity_answer import lines
from rag.models import EntityFacts, Hit, Mention


def mention(day: str, sentence: str, post: str | None = "区委书记", where: str = "body") -> Mention:
    return Mention("王小明", "person", f"a{day}", f"标题{day}", dt.date.fromisoformat(day), "s.txt", sentence,
                   post=post, where=where)


def hit(m: Mention) -> Hit:
    return Hit(f"{m.article_id}:0", m.article_id, m.sentence, 1.0, m.title, m.date, m.source)


def test_who_holds_a_post_starts_with_the_latest_holder_and_dates_every_line():
    facts = [mention("2023-08-22", "区委副书记、区长王小明主持会议。", "区委副书记、区长"),
             mention("2025-05-20", "区委书记王小明讲话。")]
    text = lines(EntityFacts("区委书记是谁", "holder", None, None, "区委书记", tuple(facts)), [hit(m) for m in facts])
    assert text.splitlines() == ["区委书记王小明。[2]", "据2025年5月20日报道，区委书记王小明讲话。[2]",
                                 "据2023年8月22日报道，区委副书记、区长王小明主持会议。[1]"]


def test_posts_over_time_read_oldest_first_and_a_fact_without_a_hit_is_left_out():
    facts = [mention("2025-05-20", "区委书记王小明讲话。"), mention("2022-08-30", "代区长王小明主持。", "代区长"),
             mention("2024-01-02", "区长王小明调研。", "区长")]
    text = lines(EntityFacts("职务怎么变的", "posts", "王小明", "person", None, tuple(facts)),
                 [hit(facts[0]), hit(facts[1]), None])
    assert text.splitlines() == ["据2022年8月30日报道，代区长王小明主持。[2]", "据2025年5月20日报道，区委书记王小明讲话。[1]"]


def test_who_someone_is_needs_a_printed_post_and_a_bare_post_line_is_not_said_twice():
    bare = mention("2022-08-30", "区委常委、某镇党委书记王小明。", "区委常委、某镇党委书记")
    text = lines(EntityFacts("王小明是什么职务", "who", "王小明", "person", None, (bare,)), [hit(bare)])
    assert text == "据2022年8月30日报道，区委常委、某镇党委书记王小明。[1]"
    nameless = mention("2023-01-01", "区领导王小明参加。", None)
    assert lines(EntityFacts("王小明是什么职务", "who", "王小明", "person", None, (nameless,)), [hit(nameless)]) == ""


def test_the_commentary_is_listed_newest_first_with_its_signatures():
    pieces = [Mention("希梦", "commentary", "c1", "短评：人才", dt.date(2023, 8, 22), "s.txt", "短评：人才", where="title"),
              Mention("", "commentary", "c2", "开栏语", dt.date(2024, 1, 2), "s.txt", "开栏语", where="title")]
    text = lines(EntityFacts("评论都是谁写的", "commentary", None, "commentary", None, tuple(pieces)),
                 [hit(m) for m in pieces])
    assert text.splitlines() == ["2024年1月2日刊发评论《开栏语》，未署名。[2]", "2023年8月22日刊发评论《短评：人才》，作者希梦。[1]"]


def test_only_the_facts_an_answer_shows_need_their_chunks():
    """A name in thousands of reports: the answer shows MAX_FACTS of them, so only those (and a few spare, for
    articles deleted since) are looked up, latest first, each report's sentence once."""
    import datetime as dt

    from rag.answer.entity_answer import MAX_FACTS, shown
    from rag.models import EntityFacts, Mention

    many = tuple(Mention("王慧杰", "person", f"a{i}", f"标题{i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), "s.txt",
                         f"王慧杰调研{i}。") for i in range(3000))
    facts = EntityFacts("王慧杰做了哪些事？", "deeds", "王慧杰", "person", None, many + many[-1:])
    kept = shown(facts).facts
    assert len(kept) == 2 * MAX_FACTS and kept[0].article_id == "a2999"
    assert [m.date for m in kept] == sorted((m.date for m in kept), reverse=True)


def test_a_deed_names_its_report_unless_the_sentence_tells_it_and_an_issue_gives_its_weekday():
    said = mention("2022-08-30", "区领导王小明参加。", None)
    said = Mention(said.name, said.kind, said.article_id, "衢江区召开安全生产工作部署会", said.date, said.source,
                   said.sentence, where="body")
    told = Mention("王小明", "person", "b", "王小明调研高质量发展工作", dt.date(2024, 12, 24), "s.txt",
                   "12月18日，区委书记王小明调研高质量发展工作。", where="body")
    text = lines(EntityFacts("王小明参加了哪些活动", "deeds", "王小明", "person", None, (said, told)),
                 [hit(said), hit(told)])
    assert text.splitlines() == ["据2024年12月24日报道，12月18日，区委书记王小明调研高质量发展工作。[2]",
                                 "据2022年8月30日《衢江区召开安全生产工作部署会》报道，区领导王小明参加。[1]"]
    issue = Mention("总第3684期", "issue", "c", "区委全会召开", dt.date(2023, 8, 22), "s.txt", "区委全会召开", where="title")
    assert lines(EntityFacts("总第3684期是哪天的", "issue", "总第3684期", "issue", None, (issue,)), [hit(issue)]) \
        .startswith("总第3684期是2023年8月22日（星期二）出版的《今日衢江》。[1]")


def test_a_sentence_that_only_says_who_spoke_comes_with_the_quote_before_it():
    from rag.text import with_quote
    body = "据了解，直通车将聚焦关键小事。“直通车更加灵活，可以直达一线解决问题。”区社会治理中心主任王小明表示。"
    start = body.index("区社会治理中心")
    assert with_quote(body, start, len(body)) == "“直通车更加灵活，可以直达一线解决问题。”区社会治理中心主任王小明表示。"
    plain = body.index("据了解")
    assert with_quote(body, plain, body.index("“")) == "据了解，直通车将聚焦关键小事。"
    said = Mention("王小明", "person", "q", "直通车发车", dt.date(2024, 12, 24), "s.txt",
                   with_quote(body, start, len(body)), post="区社会治理中心主任")
    text = lines(EntityFacts("王小明说了什么", "deeds", "王小明", "person", None, (said,)), [hit(said)])
    assert text == ("据2024年12月24日《直通车发车》报道，“直通车更加灵活，可以直达一线解决问题。”[1]"
                    "区社会治理中心主任王小明表示。[1]")


def test_every_sentence_of_a_quoted_fact_is_cited():
    quoted = Mention("王小明", "person", "q", "直通车发车", dt.date(2024, 12, 24), "s.txt",
                     "“直通车更加灵活。可以直达一线。”主任王小明表示。", post="主任")
    text = lines(EntityFacts("王小明是谁", "who", "王小明", "person", None, (quoted,)), [hit(quoted)])
    assert text.endswith("据2024年12月24日报道，“直通车更加灵活。[1]可以直达一线。”[1]主任王小明表示。[1]")
