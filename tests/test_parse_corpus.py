"""The five sample issues, parsed, pinned against a reading of each (docs/PARSING.md): article count, titles,
reporters, correspondents, kinds, authors; furniture and other articles' bylines never inside a body."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.errors import MissingDateError
from rag.ingest.read import read_issue
from rag.ingest.continuations import join_continuations
from rag.ingest.parse import parse_issue

from conftest import corpus_dates

# (title, or a fragment of an inferred one, kind, title_inferred, reporters, correspondents, author)
EXPECTED = {
    "000": [
        ("中国科学院院士、浙大二院党委书记王建安来浙大二院衢州分院对接深化合作帮扶", "news", False, "方心怡", "", None),
        ("衢江区委常委会召开会议 传达学习贯彻习近平总书记重要讲话精神", "news", False, "方心怡", "", None),
        ("述责述廉会议召开", "news", True, "方心怡", "", None),
        ("衢江区2025年项目谋划储备专题会议召开", "news", False, "洪纲", "", None),
        ("衢江区人大常委员会召开第二十四次会议", "news", False, "叶建康", "", None),  # sic, as printed
        ("王慧杰调研高质量发展工作", "news", False, "洪纲", "", None),
        ("衢江区级“民情直通车”发车", "news", False, "叶晓轩", "王正明", None),
        ("平武县党政代表团来衢江考察", "news", False, "方心怡", "", None),
    ],
    "001": [
        ("2023年二季度投资“赛马”考核结果和争先创优流动红旗评选结果公布", "list", False, "", "", None),
        ("区委十四届五次全体（扩大）会议举行", "news", False, "刘威 邹洁 邵秀清 李钱乾", "", None),
        ("区领导开展医师节走访慰问活动 持续营造尊医重卫的良好风尚", "news", False, "洪纲 周万", "", None),
        ("后浪拍岸 满城新景", "commentary", False, "", "", "余慧仙"),
        ("深化“五城”建设 打造“青年衢江”", "notice", False, "", "", None),
        ("衢江打造青年集聚“强磁场” 激发“五城”建设新活力", "news", False, "邹洁", "汤雨琦", None),
        ("短评：", "commentary", True, "", "", "希梦"),
        ("杭州亚运会倒计时32天", "box", False, "", "", None),  # the countdown box (page furniture), last
    ],
    "002": [
        ("全区党政月度工作例会召开", "news", False, "方心怡", "", None),
        ("区政协开展全区工业平", "news", False, "叶晓轩", "", None),  # printed truncated; mended at ingest (test_titles)
        ("衢江2家卫生院获全国表扬", "news", False, "", "区卫生健康局", None),  # contributing organisation
        ("衢江航运服务业迈入高质量发展新阶段", "news", False, "", "衢江区交投集团", None),
        ("湖南镇共富康养综合体5月底竣工", "news", False, "张丽莹 徐俊杰", "", None),
        ("招商引资工作例会", "news", True, "洪纲", "", None),  # its headline was set vertically (OCR garbage)
        ("走出共富路", "news", False, "", "", None),
    ],
    "003": [
        ("项目建设 稳步推进", "photo", False, "邵秀清 徐凌峰", "", None),
        ("推进产城融合大发展 加快建设城市副中心", "commentary", False, "", "", "毛晓荣"),
        ("王慧杰在调研重点项目工作时强调 聚焦项目 大干快上 以项目建设助推经济社会高质量发展", "news", False,
         "刘威 李钱乾", "", None),
        ("现代社区建设工作推进会召开", "news", True, "刘威 李钱乾", "", None),
        ("衢江区召开安全生产工作部署会", "news", False, "丰莉莎 邵秀清", "", None),
        ("区政府召开第11次常务会议", "news", False, "周万 邵秀清", "", None),
        ("衢江区上半年35项民生实事项目实现“双过半”", "news", False, "林楠 徐家和", "", None),
        ("奏响高品质衢江城市建设最强音", "commentary", False, "", "", "柏雷"),
    ],
    "004": [
        ("区人大常委会开展“智慧督政” 聚焦共享法庭建设", "news", False, "周万", "", None),
        ("王慧杰走访调研重点企业", "news", False, "林楠", "", None),
        ("走出去学 学回来用 衢江以赛促干 培育头雁", "news", False, "邹洁", "黄圣", None),
        ("直面急难愁盼 直指短板弱项 太真乡办实民生实事托起“稳稳的幸福”", "news", False, "吴婧涵 徐欣宇 徐展东", "",
         None),
        ("全旺镇做优“助老三件事” 让老人安享幸福晚年", "news", False, "王雨婷", "王伍岩 王晶", None),
        ("区水利局：为水库“强壮筋骨” 保灌溉、促民生", "news", False, "周万", "廖靖", None),
        ("学生拾金不昧 失主锦旗致谢", "news", False, "杨睿 王昕沂", "", None),
        ("区政府党组主题教育调研成果交流会召开", "news", False, "林楠", "", None),  # printed at the end
        ("产业同心 服务五星", "news", False, "", "姚时佳", None),
    ],
}
FURNITURE = ["富强", "民主 文明", "主办", "承办", "JIN RI", "今日4版", "总第", "农历", "倒计时", "Asian Games"]


def parsed(corpus, prefix: str):
    path = next(corpus.glob(f"{prefix}_*.txt"))
    return parse_issue(read_issue(path, date=corpus_dates()[path.name]))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_articles_of_each_sample_issue(corpus, prefix):
    arts = parsed(corpus, prefix)
    got = [(a.title, a.kind, a.title_inferred, " ".join(a.reporters), " ".join(a.correspondents), a.author)
           for a in arts]
    want = EXPECTED[prefix]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if w[2] or w[0] in ("短评：", "走出共富路"):  # inferred or mangled titles: pin a fragment
            assert w[0] in g[0]
            g = (w[0], *g[1:])
        assert g == w


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_bodies_hold_no_furniture_bylines_or_other_headlines(corpus, prefix):
    arts = parsed(corpus, prefix)
    headlines = [a.title for a in arts if not a.title_inferred and a.kind not in ("photo", "box")]
    assert [a.body for a in arts if a.furniture] == {"001": ["杭州亚运会倒计时32天"]}.get(prefix, [])
    for a in (a for a in arts if not a.furniture):
        assert a.body and "本报讯" not in a.body
        assert not [f for f in FURNITURE if f in a.body], a.title
        assert not [t for t in headlines if t != a.title and t in a.body], a.title
        assert a.issue_number is None or a.issue_number.isdigit()
    assert len({a.id for a in arts}) == len(arts)


def test_misplaced_headlines_and_the_continuation_land_on_the_right_articles(corpus):
    first, council, *_ = parsed(corpus, "000")
    assert first.body.startswith("12月22日上午，中国科学院院士")
    assert "衢州分院要鼓足信心" in first.body  # text resumed after the headline block joins its article
    assert first.body.endswith("送上鲜花与问候。")
    assert council.body.startswith("12月20日上午，衢江区委常委会召开会议")
    statement, visit = parsed(corpus, "003")[1:3]
    # the signature with its office closes the piece it signs (who speaks is part of it), and no other
    assert statement.body.startswith("廿里是衢江区的中心镇")
    assert statement.body.endswith("服务企业。\n区委常委、廿里镇党委书记毛晓荣。")
    assert "党委书记毛晓荣" not in visit.body
    meeting = parsed(corpus, "004")[7]
    assert meeting.body.startswith("12月11日，区政府党组主题教育调研成果交流会召开")


def test_vertical_headline_garbage_and_continuation_markers_are_gone(corpus):
    arts = join_continuations(parsed(corpus, "002") + parsed(corpus, "004"))
    assert not [a.title for a in arts if "下转" in a.body or "上接" in a.body or "슾" in a.body]
    feature = next(a for a in arts if "走出共富路" in a.title)
    assert "第一步：干群合力齐步走" in feature.body and feature.body.endswith("活动场所。")


def test_masthead_dates_and_refusal_without_one(corpus):
    dates = corpus_dates()
    for prefix, day in [("001", dt.date(2023, 8, 22)), ("002", dt.date(2025, 5, 20))]:
        path = next(corpus.glob(f"{prefix}_*.txt"))
        issue = read_issue(path)
        assert issue.date == day == dates[path.name]
        assert issue.issue_number == {"001": "3684", "002": "3854"}[prefix]
    for prefix in ["000", "003", "004"]:
        with pytest.raises(MissingDateError, match="--date"):
            read_issue(next(corpus.glob(f"{prefix}_*.txt")))
