"""repair() on small invented snippets that reproduce each layout problem of the sample issues."""

from __future__ import annotations

from rag.ingest.clean import normalize_width, repair


def test_column_broken_lines_join_without_spaces_and_paragraphs_survive():
    raw = "本报讯（记者 张小明）3月4日，测试镇召开春\n\n耕动员会，部署全\n\n镇春耕生产。\n\n会议要求，抓好\n\n粮食安全。\n"
    assert repair(raw) == "本报讯（记者 张小明）3月4日，测试镇召开春耕动员会，部署全镇春耕生产。\n会议要求，抓好粮食安全。"


def test_spaces_between_chinese_from_joined_columns_are_removed_latin_kept():
    raw = "会议 召开，围绕重点 工作，听取 推进情况。采用 New York 经验 和 AI 技术。"
    assert repair(raw) == "会议召开，围绕重点工作，听取推进情况。采用New York经验和AI技术。"


def test_width_is_unified():
    assert repair("测试镇于５月 16日召开会议,到会１２０人(含代表)。") == "测试镇于5月16日召开会议，到会120人（含代表）。"
    assert repair("全年投资 2024 年达 1,000 万元,增长 3.5%!") == "全年投资2024年达1,000万元，增长3.5%！"
    assert normalize_width("Ｈｅｌｌｏ，ＡＢＣ") == "Hello，ABC"


def test_straight_quotes_are_curled_across_a_joined_paragraph():
    raw = '村民说:"我们\n\n很满意。"他还提到\'老三样\'的做法。'
    assert repair(raw) == "村民说：“我们很满意。”他还提到‘老三样’的做法。"


def test_page_furniture_is_dropped():
    raw = (
        "富强 民主 文明 和谐\n自由 平等 公正 法治\n爱国 敬业 诚信 友善\n"
        "中共测试县委主办 测试传媒集团承办\n2024年3月5日 星期二 农历甲辰年正月廿五\n"
        "JIN RI CE SHI 今日4版 总第1234期\n"
        "本报讯（记者 张小明）测试镇召开会议。\n"
        "测试运动会倒计时 32 天\nTo the Opening Ceremony of the Games 32 Days\n"
    )
    assert repair(raw) == "本报讯（记者 张小明）测试镇召开会议。"


def test_markdown_heading_marks_are_dropped_and_headings_stay_on_their_own_line():
    raw = "# 测试镇春耕动员会召开\n\n## 样例乡获得表扬\n> 活动是**国家**开展的\n\n举措。\n### 第一步:抓好准备\n"
    assert repair(raw).split("\n") == ["测试镇春耕动员会召开", "样例乡获得表扬", "活动是国家开展的举措。", "第一步：抓好准备"]


def test_vertical_headline_ocr_garbage_is_dropped():
    raw = "测试镇开展活动，群众参与。\n\n招\n\n商\n\n项\n\nX\n\n会\n\n슾\n\n会议要求抓好落实。\n"
    assert repair(raw) == "测试镇开展活动，群众参与。\n会议要求抓好落实。"


def test_headline_printed_between_articles_is_not_glued_to_the_text_around_it():
    raw = (
        "本报讯（记者 张小明）测试镇召开会议，会\n\n议指出，要抓好落实。面对新的形势，测试镇\n\n"
        "测试镇党委书记张小明带队前往样例乡\n考察春耕生产工作\n\n"
        "本报讯（记者 李小红）样例乡开展义诊。\n"
        "测试镇召开春耕动员会\n部署全年粮食生产工作\n\n"
        "本报讯（记者 王一）样例村举行运动会。\n"
    )
    assert repair(raw).split("\n") == [
        "本报讯（记者 张小明）测试镇召开会议，会议指出，要抓好落实。面对新的形势，测试镇",
        "测试镇党委书记张小明带队前往样例乡考察春耕生产工作",  # one headline wrapped over two lines
        "本报讯（记者 李小红）样例乡开展义诊。",
        "测试镇召开春耕动员会 部署全年粮食生产工作",  # a short main title and its subtitle
        "本报讯（记者 王一）样例村举行运动会。",
    ]


def test_short_headline_lines_after_an_article_stay_separate_and_an_indented_box_starts_anew():
    raw = "会议还研究了其他事项。\n\n测试镇召开会议\n\n样例乡义诊活动举行\n 要鼓足信心，靶向发\n\n力，抓好落实。\n"
    assert repair(raw).split("\n") == ["会议还研究了其他事项。", "测试镇召开会议", "样例乡义诊活动举行",
                                       "要鼓足信心，靶向发力，抓好落实。"]


def test_byline_split_over_two_lines_keeps_the_names_apart():
    raw = "本报讯 （记者 张小明\n李小红）测试镇 召开会议。\n本报讯（记者 王一 通讯员\n赵二）样例乡开展义诊。"
    assert repair(raw).split("\n") == ["本报讯（记者 张小明 李小红）测试镇召开会议。",
                                       "本报讯（记者 王一 通讯员 赵二）样例乡开展义诊。"]


def test_signature_and_photo_credit_keep_their_space():
    assert repair("相信，明天会更好。 林一") == "相信，明天会更好。 林一"
    assert repair("春耕 忙 测试镇农民抢抓农时，田间一片繁忙。 张小明 李小红 / 摄") == (
        "春耕 忙 测试镇农民抢抓农时，田间一片繁忙。张小明 李小红 / 摄")


def test_table_rows_keep_their_cells():
    assert repair("获奖名单\n\n测试镇\t样例乡\t示范村\t\n") == "获奖名单\n测试镇\t样例乡\t示范村"


def test_continuation_marker_stays_on_its_own_line():
    assert repair("会议要求抓好落实\n\n下转第二版\n") == "会议要求抓好落实\n下转第二版"
