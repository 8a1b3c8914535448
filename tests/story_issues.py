"""Invented issues that carry one project (衢州恒川新材料产业园, 浙江恒川新材料有限公司) across four issues, with
distractor projects that share its words and leaders but not its names: for the entity index's tests and the
app's story threads."""

from __future__ import annotations

from pathlib import Path

MASTHEAD = "今日衢江\n{date} 星期二 总第{no}期\n\n"

# one project (衢州恒川新材料产业园, 浙江恒川新材料有限公司) across four issues: 签约 -> 开工 -> 封顶 -> 投产; the
# distractors share its words (新材料, 产业园, 项目, 签约, 开工, 封顶) and its leaders, not its names
ISSUES = {
    "i1.txt": ("2024年1月9日", "3800", [
        ("衢州恒川新材料产业园项目签约落户廿里镇",
         "本报讯（记者 方小雨）1月5日，衢州恒川新材料产业园项目签约仪式在区会议中心举行。区委书记王小杰、区委副书记、"
         "代区长林向东出席。该项目由浙江恒川新材料有限公司投资建设，总投资20亿元，选址廿里镇。\n"
         "浙江恒川新材料有限公司董事长胡新民表示，将加快推进项目前期工作。"),
        ("宏远新材料项目签约",
         "本报讯（记者 方小雨）1月6日，浙江宏远新材料有限公司年产5万吨新材料项目签约。区委副书记、代区长林向东出席。"
         "项目选址高家镇，总投资8亿元。"),
        ("陈晓峰带领村民种茶",
         "本报讯（记者 周小万）近日，在全旺镇，陈晓峰带领村民种植白茶三百亩，带动村民增收。"),
    ]),
    "i2.txt": ("2024年4月16日", "3814", [
        ("衢州恒川新材料产业园项目开工",
         "本报讯（记者 周小万）4月12日，衢州恒川新材料产业园项目在廿里镇开工。区委书记王小杰宣布开工，区委副书记、"
         "区长林向东致辞。浙江恒川新材料有限公司负责人介绍，项目一期计划明年建成投产。"),
        ("衢江锂电池产业园开工",
         "本报讯（记者 方小雨）4月13日，衢江锂电池产业园在高家镇开工，区委副书记、区长林向东出席。产业园规划面积"
         "一千亩。"),
        ("全旺镇白茶开采",
         "本报讯（记者 周小万）4月10日，全旺镇白茶开采。村党支部书记陈晓峰表示，今年白茶预计增收五十万元。"),
    ]),
    "i3.txt": ("2024年9月10日", "3835", [
        ("衢州恒川新材料产业园项目主体结构封顶",
         "本报讯（记者 方小雨）9月6日，衢州恒川新材料产业园项目主体结构顺利封顶。浙江恒川新材料有限公司负责人说，"
         "项目将于明年上半年投产。区委副书记、区长林向东到现场察看。"),
        ("宏远新材料项目厂房封顶",
         "本报讯（记者 周小万）9月7日，浙江宏远新材料有限公司新材料项目厂房封顶，区委副书记、区长林向东到现场察看。"),
    ]),
    "i4.txt": ("2025年3月18日", "3860", [
        ("衢州恒川新材料产业园项目投产",
         "本报讯（记者 周小万）3月14日，衢州恒川新材料产业园项目一期正式投产。区委书记林向东出席投产仪式。浙江恒川"
         "新材料有限公司将年产新型材料十万吨。"),
        ("锂电池产业园招商签约",
         "本报讯（记者 方小雨）3月15日，衢江锂电池产业园举行招商签约会，区委书记林向东出席，共签约项目5个。"),
    ]),
}


def write_issue(folder: Path, name: str) -> Path:
    date, number, articles = ISSUES[name]
    text = MASTHEAD.format(date=date, no=number) + "\n\n".join(f"{t}\n\n{b}" for t, b in articles) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name
