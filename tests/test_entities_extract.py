"""The entity extractor on invented sentences in the paper's style: people with their posts, reporters apart,
lists, places and organisations by suffix, the spans never labelled (meetings, slogans), the lexicon."""

from __future__ import annotations

from rag.index.entities.extract import Lexicon, extract
from rag.index.entities.lexicon import learn, read_userdict


def found(text: str, lexicon: Lexicon = Lexicon()) -> list[tuple]:
    return [(f.text, f.kind) for f in extract(text, lexicon)]


def people(text: str, lexicon: Lexicon = Lexicon()) -> dict[str, tuple]:
    return {f.text: (f.post, f.role) for f in extract(text, lexicon) if f.kind == "person"}


def test_a_name_after_its_post_keeps_the_post_as_printed():
    p = people("3月2日上午，区委副书记、区长林向东主持会议，副区长吴海波等参加。")
    assert p == {"林向东": ("区委副书记、区长", "subject"), "吴海波": ("副区长", "subject")}


def test_the_next_word_decides_between_two_and_three_characters():
    assert "赵琳" in people("县长赵琳率领代表团来衢江考察。")
    assert "林向东" in people("区长林向东主持会议。")
    assert "周一" in people("区长周一说。")  # 说 ends the name: not 周一说


def test_a_post_before_a_list_applies_to_every_name_and_leaders_have_none():
    p = people("副主任严小平、余大林、李秋出席，区领导陆青峰、何丽等参加。")
    assert p["严小平"] == p["余大林"] == p["李秋"] == ("副主任", "subject")
    assert p["陆青峰"] == p["何丽"] == (None, "subject")


def test_byline_people_are_reporters_and_a_credit_org_is_an_org():
    text = "本报讯（记者 方小雨 通讯员 王 晓）12月2日，衢江区召开会议。"
    p = people(text)
    assert p == {"方小雨": (None, "reporter"), "王晓": (None, "reporter")}
    assert ("区卫生健康局", "org") in found("本报讯（通讯员 区卫生健康局）日前，会议召开。")


def test_a_signature_is_the_author():
    assert people("人才是发展的第一资源。 柏青")["柏青"] == (None, "author")
    signed = people("更好地服务群众。区委常委、廿里镇党委书记 毛小荣")
    assert signed["毛小荣"] == ("区委常委、廿里镇党委书记", "author")


def test_house_bodies_in_a_rank_title_are_no_organisation_but_a_named_one_is():
    assert ("区委", "org") not in found("区委书记王小杰主持会议。")
    assert ("衢江区委", "org") in found("衢江区委副书记、区长林向东讲话。")
    assert [k for k in found("落实区委、区政府部署。") if k[1] == "org"] == [("区委", "org"), ("区政府", "org")]


def test_the_maximal_span_wins_and_touching_places_are_one():
    assert found("他来到杜泽镇潜灵村走访。") == [("杜泽镇潜灵村", "place")]
    assert ("区中医院医共体大洲分院", "org") in found("先后来到区中医院医共体大洲分院、区妇幼保健院。")
    assert ("全旺镇楼山后村党支部", "org") in found("据全旺镇楼山后村党支部书记余国林介绍，")
    assert ("全旺镇", "place") not in found("据全旺镇楼山后村党支部书记余国林介绍，")


def test_villages_take_the_stem_their_boundary_allows():
    got = found("全旺镇在楼山后村、马溪村和全旺村打造了食堂。")
    assert got == [("全旺镇", "place"), ("楼山后村", "place"), ("马溪村", "place"), ("全旺村", "place")]


def test_generic_words_with_a_suffix_are_no_names():
    assert found("全镇上下发动村民，带动周边村民和乡村振兴，镇村干部到各村走访。") == []
    assert found("各部门和干部要做好工作。") == []


def test_nothing_inside_a_meeting_name_or_a_quoted_slogan():
    assert found("衢江区2025年项目谋划储备专题会议召开。") == []
    assert found("打造“青年衢江”。") == []
    assert ("浙大二院", "org") in found("浙江大学医学院附属第二医院（简称“浙大二院”）党委书记王大安来衢。")


def test_parks_and_companies_with_long_names():
    got = found("王小杰一行先后来到衢州侨宏智能终端产业园项目、浙江蓝歌新材料科技有限公司。")
    assert ("衢州侨宏智能终端产业园", "place") in got and ("浙江蓝歌新材料科技有限公司", "org") in got


def test_known_names_count_where_no_post_anchors_them():
    text = "朱建平带领村两委一边多次上门。"
    assert "朱建平" not in people(text)
    assert people(text, Lexicon(persons=frozenset({"朱建平"})))["朱建平"] == (None, "subject")


def test_a_list_holding_a_known_name_makes_its_other_names_people():
    lexicon = Lexicon(persons=frozenset({"胡木水"}))
    assert set(people("胡木水、姜文华应邀参加。", lexicon)) == {"胡木水", "姜文华"}


def test_only_names_the_text_anchors_are_learned():
    text = "区委书记王小杰主持会议。王小杰强调，朱建平带领村民增收。"
    lexicon = Lexicon(persons=frozenset({"朱建平"}))
    learned = learn(_Row(f.text, f.kind, f.how) for f in extract(text, lexicon))
    assert learned.persons == {"王小杰"}


def test_anonymised_names_and_honorifics_are_no_people():
    assert people("村民朱某说，邵先生也来了。") == {}


def test_user_dictionary_names_by_tag_or_suffix(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("银坑村 10 ns\n蓝歌科技 nt\n周小山 nr\n衢江区农投集团\n稻蛙\n", encoding="utf-8")
    lexicon = read_userdict(path)
    assert lexicon.places == {"银坑村"}
    assert lexicon.orgs == {"蓝歌科技", "衢江区农投集团"}
    assert lexicon.persons == {"周小山"}
    assert read_userdict(None) == Lexicon()


class _Row:
    def __init__(self, name: str, kind: str, how: str) -> None:
        self.name, self.kind, self.how = name, kind, how


def test_a_name_in_a_list_keeps_the_label_of_its_list():
    import datetime as dt

    from rag.index.entities.article import extract_article
    from rag.models import Article
    from rag.text import list_text

    body = "“金牛奖”获奖名单\n区住建局 莲花镇 湖南镇\n“流动红旗”获奖名单\n区招商中心 灰坪乡"
    awards = Article("l", "赛马考核结果公布", body, dt.date(2023, 8, 22), "a.txt", 0, kind="list")
    said = {m.name: list_text(body[m.sent_start:m.sent_end]) for m in extract_article(awards, Lexicon())
            if m.where == "body"}
    assert said["湖南镇"] == "“金牛奖”获奖名单：区住建局、莲花镇、湖南镇"
    assert said["灰坪乡"] == "“流动红旗”获奖名单：区招商中心、灰坪乡"
