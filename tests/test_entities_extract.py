"""The entity extractor on invented sentences in the paper's style: people with their posts, reporters apart,
lists, places and organisations by suffix, the spans never labelled (meetings, slogans), the lexicon."""

from __future__ import annotations

from rag.index.entities.extract import Lexicon, extract
from rag.index.entities.lexicon import learn, read_userdict, short_names


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


def test_named_areas_and_a_village_after_its_town_or_city():
    assert found("在双桥乡铜山源休闲度假旅游区，大家交流。") == [("双桥乡铜山源休闲度假旅游区", "place")]
    assert ("大路章作业区", "place") in found("提升港口水平，大路章作业区开展示范应用。")
    assert ("府前未来社区", "place") in found("对衢江及府前未来社区布局给予肯定。")
    assert found("前往永康园周村、东阳花园村学习。") == [("永康园周村", "place"), ("东阳花园村", "place")]
    assert found("峡川镇后山村汲取经验。") == [("峡川镇后山村", "place")]
    assert ("信安大道", "place") in found("在城区信安大道北侧，项目完工。")


def test_a_platform_is_a_place_only_after_a_known_place():
    assert ("廿里工业平台", "place") in found("提升绩效。廿里工业平台总的是三平方公里。")
    assert found("要求搭建工业平台。") == []


def test_inside_a_facility_name_only_a_place_with_its_suffix_counts():
    assert found("随后来到杜泽镇杜泽公路服务站，检查工作。") == [("杜泽镇", "place")]
    assert found("将村内打造的衢州数字文教综合体串珠成链。") == []
    assert found("在周家乡稻蛙养殖基地，大家察看。") == [("周家乡", "place")]


def test_a_body_named_after_another_body_or_a_place_it_serves():
    assert ("农投集团智联小组", "org") in found("通过成立农投集团智联小组，凝聚共识。")
    got = found("引进九学社省农科院专家团入驻。")
    assert ("九学社", "org") in got and ("省农科院", "org") in got
    assert ("驻南京招商组", "org") in found("区招商中心、驻南京招商组作交流发言。")
    assert found("驻村工作组进村入户。") == []
    assert ("新农都分会", "org") in found("充分发挥新农都分会会员的作用。")


def test_a_firm_that_begins_with_a_place_may_hold_a_boundary_character():
    assert found("与浙江六和律师事务所签订协议。") == [("浙江六和律师事务所", "org")]
    assert ("浙江", "place") in found("在衢江和浙江各地，律师事务所落户。")


def test_venues_named_by_what_they_hold_but_not_kinds_of_body():
    assert found("新建的文化艺术中心主体结构封顶。") == [("文化艺术中心", "org")]
    assert found("区主会场设在区会议中心。") == [("区会议中心", "org")]
    assert found("村里的党群服务中心和社区活动中心很热闹。") == []


def test_short_names_given_and_lists_of_enterprises():
    assert ("华东院", "org") in found("与华东勘测设计研究院有限公司（简称：华东院）签约。")
    got = found("重点走访了中显光电、鸿邦源、川马和智赋等4家企业。")
    assert got == [("中显光电", "org"), ("鸿邦源", "org"), ("川马", "org"), ("智赋", "org")]
    assert found("鸿邦源、川马等企业负责人参加。") == []  # people or firms: nothing says
    assert found("鸿邦源、川马等单位领导参加。") == []
    assert found("鸿邦源、川马等单位参加。") == [("鸿邦源", "org"), ("川马", "org")]


def test_a_company_short_name_is_learned_from_its_full_name():
    full = "浙江昉智连科技有限责任公司专家团队定制方案。"
    learned = learn(_Row(f.text, f.kind, f.how) for f in extract(full))
    assert learned.orgs == {"昉智连科技", "昉智连"}
    assert short_names("衢州市衢江区海川工艺品有限公司") == {"海川工艺品", "海川"}
    assert short_names("中显光电科技（浙江）有限公司") == {"中显光电科技", "中显光电", "中显"}
    assert short_names("区农投集团") == set()  # no company's full name
    text = "走进昉智连，昉智连首批设备进场，智连科技的昉智连公司。"
    got = [k for k in found(text, learned) if k[1] == "org"]
    assert got == [("昉智连", "org"), ("昉智连", "org"), ("昉智连公司", "org")]
    assert found("走进昉智连，", Lexicon()) == []
    assert found("昉智连首批设备运抵厂区。", learned) == [("昉智连", "org")]  # 厂区 is no 厂
    two = Lexicon(orgs=frozenset({"中显"}))
    assert found("中显等企业参加，中显示屏幕。", two) == [("中显", "org")]  # a two-character name must end


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


def test_a_project_is_a_name_not_an_action_or_a_kind_of_project():
    from rag.index.entities.article import topics
    named = lambda text: [key for key, *_ in topics(text)]  # noqa: E731
    assert named("加快推进衢州侨宏智能终端产业园项目建设") == ["衢州侨宏智能终端产业园"]
    assert named("湖南镇共富康养综合体项目的建成") == ["湖南镇共富康养综合体"]
    # what is done to projects (全力冲刺, 牢固树立) and a kind of them (科创项目) name none
    for text in ("吊装机械精准调运建材，全力冲刺项目竣工节点。", "要牢固树立项目为王理念", "专注于引进高新技术企业、孵化科创项目"):
        assert named(text) == [], text
