"""The sections of a briefing (pure): a small newsroom taxonomy, decided from a story's headline and lede.

A county paper's desk orders its week as: the Party committee's and government's meetings and decisions, the
principal leaders' inspections and visits, projects and investment, people's livelihood, Party building and
grassroots governance, society and culture (shared/newsroom/BRIEFING.md). Each section has the words that mark it;
a story goes to the section whose words its headline (counted twice) and lede use most, ties to the earlier
section. A story no section's words describe goes to the fallback, 其他要闻. Section names are fixed: never a
stray word of the week's articles. 简讯 and 评论 follow the topic sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FALLBACK = "其他要闻"
SHORTS = "简讯"
COMMENTARY = "评论"
VISITS = "调研与走访"  # the principal leaders' inspections and visits: ordered by the leader's rank (see group)

TAXONOMY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("会议与部署", ("会议", "全会", "例会", "常委会", "常务会", "部署会", "推进会", "交流会", "座谈会", "动员会", "调度会",
                "专题会", "工作会", "大会", "述责述廉", "述职", "审议", "传达学习", "决议", "人事任免", "召开", "全体")),
    (VISITS, ("调研", "走访", "慰问", "考察", "视察", "督政", "督查", "检查", "代表团", "对接", "看望", "来衢")),
    ("经济与项目", ("项目", "招商", "签约", "开工", "封顶", "竣工", "投用", "投产", "产业", "企业", "园区", "经济", "投资",
                "工业", "航运", "港区", "物流", "电商", "赛马", "金牛奖", "产值", "营商", "数字经济", "开发区")),
    ("民生", ("民生", "养老", "助老", "老人", "老年", "医疗", "医院", "卫生", "健康", "教育", "学校", "幼儿园", "就业",
            "住房", "食堂", "水库", "供水", "灌溉", "共富", "增收", "乡村振兴", "村集体", "康养", "残疾人", "医师", "交通")),
    ("党建与治理", ("党建", "党组织", "支部", "党员", "统战", "主题教育", "基层治理", "治理", "矛盾纠纷", "调解", "法庭",
               "民情", "头雁", "干部", "村书记")),
    ("社会与文化", ("拾金不昧", "好人", "志愿", "文明", "平安", "安全", "消防", "文化", "旅游", "体育", "非遗", "节日",
               "演出", "展览", "比赛", "学生", "市民", "锦旗", "图书馆", "阅读", "博物馆", "民宿", "景区")),
)
ORDER = tuple(name for name, _ in TAXONOMY) + (FALLBACK, SHORTS, COMMENTARY)


def section_of(headline: str, lede: str) -> str:
    """The section a story belongs to, from the words of its headline (weight 2) and lede (weight 1)."""
    best, best_score = FALLBACK, 0
    for name, words in TAXONOMY:
        score = sum(2 * (w in headline) + (w in lede) for w in words)
        if score > best_score:
            best, best_score = name, score
    return best


# the principal leaders, in the order an editor puts their inspections and visits (BRIEFING.md: 区委书记, then
# 区长, then other leaders); a post the lede names (not 区委副书记, 副区长)
_LEADERS = (re.compile(r"区委书记"), re.compile(r"(?<!副)区长"))


def leader_rank(lede: str) -> int:
    """0 when a story's lede names the 区委书记, 1 the 区长, 2 neither (a visiting delegation, another leader)."""
    return next((i for i, post in enumerate(_LEADERS) if post.search(lede)), len(_LEADERS))


def group(labels: Sequence[str], ledes: Sequence[str] = ()) -> list[tuple[str, list[int]]]:
    """Indexes grouped by section label in the taxonomy's order (order within a section kept, but for 调研与走访,
    whose stories go by the rank of the leader their `ledes` name: the 区委书记's inspection before a visiting
    delegation)."""
    out = []
    for name in ORDER:
        members = [i for i, label in enumerate(labels) if label == name]
        if name == VISITS and ledes:
            members.sort(key=lambda i: leader_rank(ledes[i]))
        if members:
            out.append((name, members))
    return out
