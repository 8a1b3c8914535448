"""What a question asks for, without a model: its topic words, its focus and the shape of the answer. Pure.

"衢江区大学生创业园现在入驻了多少家企业？" -> topic words (衢江区, 大学生, 创业园, 入驻, 企业), focus words next to
the question word (入驻, 企业) and an answer pattern (a number followed by 家). The extractive engine scores
sentences with these; a sentence without any focus word does not answer the question (院长是谁 is not answered
by a sentence about the hospital that never names a 院长). For a question about what someone said, `speakers` reads
who holds the post it names in the texts found, and `speaker` who a sentence reports as speaking.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..index.entities.extract import extract
from ..index.entities.words import SURNAMES
from ..text import cn_to_int
from .direct import SAYS, SPEECH_RE
from .readings import (SAME_MEASURE, WHO_RE, asks_someone_else, done_asked, members_asked, people_named, per_units,
                       rank_asked, uncalled)



# Words of the question's form, not its topic: they must not count towards (or against) coverage.
QUESTION_WORDS = frozenset(
    "多少 几 几个 几家 几座 几年 第几 哪 哪天 哪些 哪个 哪几 哪两 哪三 哪家 谁 什么 时候 什么时候 何时 是否 怎么样 怎样 "
    "情况 进展 分别 都 呢 吗 区里 报道 报纸 报道里 说 现在 目前 一下 那天 那次 这个 那个 其中 多大 多宽 多长 多高 "
    "名字 叫 是 有 了 问 开 做 拿 给 哪里 一步 到 步 职务 身份 衢江 衢江区 "
    # what a question about the reports says of them (这几期里上过哪些新闻, 历次 报道): its form, not its topic
    "新闻 历次 各期 每期 这几期 几期 期里 上过 过 稿子 报上 报纸上 报上写 "
    # what staff ask the assistant to do with what it finds (汇总, 盘点 一下): an instruction, not a topic
    "汇总 梳理 盘点 列举 罗列 归纳".split()
)
_ASKING_RE = re.compile(r"[哪谁几]|什么|多少|怎么|如何|是否|多久|多长时间|为何")
_QWORD_RE = re.compile(r"为什么|为何|哪一?[天年]|什么时候|何时|多久|多长时间|多少钱?|(?<![这那近前])几(?:个?月份?|[个家座年次回趟场项件名位块所张])?|第几|多大|多宽|多长|多高|"
                       r"哪[一些个几两三]?(?:[个家所次回场]|位(?!置))?|谁|什么|怎么样|如何")
# nouns that only say "an item" (哪些单位, 哪些地方): the focus is the word after them
_GENERIC = frozenset("单位 地方 项目 事项 活动 工作 内容 东西 人 事 方面 措施 企业 部门".split())
# words that say a change is asked (收入前后变化有多大, 面积变了多少, 比22年多了多少): the focus is what changed
_CHANGE_WORDS = frozenset(("变化 变 变了 前后 比 多 少 多了 少了 增长 增加 减少 提高 差距 差 差了 涨 涨了 原来 以前 之前 "
                           "上次 去年 前年 上年 同期").split())
# what 哪个 asks for (哪个村拿的: a village), not a word the answer repeats
_NAMED_AS = {"学校": "学校|中学|小学|大学|学院|幼儿园", "医院": "医院|卫生院"}  # what the name of one ends in
_ANSWER_TYPE = frozenset("村 镇 乡 街道 学校 医院 公司 领导".split())  # (哪位领导主持的: 主持 is asked)
_SKIP = frozenset("是 叫 有 了 的 在 都 又 还 能 会 将 要 需要 得 被 把 给 对 为 个 家 拿 去 来 他 她 它 他们 这 那 "
                  "各有 各是 各拿 当时 到底 究竟 大概 大约 一共 总共 各 一年 每年 定 那边 这边 这话 这句话 那句话 "
                  "非要 非得 偏要 名叫 全 具体 确切 准确 还有 另外 其他 其余 别的 没 没有 啊 呀 吧 哈 嘛 啦 哦 些 跟".split())
# measure words after 多少/几 (多少张床位): the noun after them is the focus
_MEASURE = frozenset("张 座 名 位 块 所 项 件 次 回 趟 套 条 辆 台 间 户 人 元 万 亿 亩 米 吨 岁 天 年 月 批 类 种 场 支 "
                     "起 宗 处 篇 栋 幢 棵 株 只 艘 轮".split())
_LIST_RE = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|几个|有什么|都有|分别|几件事|哪[些个]地方|"
                      r"[去到跑逛]了哪|都[^，,。？?]{0,4}?哪(?![天年])")  # 都去了哪, 跑了哪: where to, all of it
_TOUR_RE = re.compile(r"去了|到了|去过|到过|跑了|去看|看了|考察|视察|察看|走访|慰问|参观|调研")
# 几点 asks the time of day, not 哪几点 / 几点要求 (points made)
_POINTS = r"(?!要求|意见|建议|做法|原则|内容|体会|思考|措施|举措|经验|希望|看法|启示)"
_WHEN_RE = re.compile(rf"哪一?[天年]|什么时候|何时|几月|几号|什么时间|(?<!哪)几点{_POINTS}")
_DATE = r"\d{1,2}月(\d{1,2}日|底|初|中旬|上旬|下旬)?|\d{4}年(\d{1,2}月)?|月底|年底"
CLOCK = r"(上午|下午|晚上|早上|中午)?\d{1,2}(点|时)(\d{1,2}分|半)?" + _POINTS  # 下午4点, 9时30分 (not 3点要求)
# a figure, and a round one (100余, 二十多, 三十几名工人); an ordinal is never round (十几次 is no 第几次)
_ROUND = r"(余|多|(?<=[十百千万\d])几)?"
_ORDINAL = r"(\d+(\.\d+)?|[一二两三四五六七八九十百千万]+)(余|多)?"
_NUM = rf"(\d+(\.\d+)?|[一二两三四五六七八九十百千万]+){_ROUND}"
# a count: a lone 一 before a measure word is mostly an article ("一家具有区域影响力的医院", "走出一条新路"), no count
_COUNT = rf"(\d+(\.\d+)?|[一二两三四五六七八九十百千万]{{2,}}|(?<![一二两三四五六七八九十百千万])[二两三四五六七八九十百千万]){_ROUND}"
# the unit a figure asked for comes in: the noun that names what is measured (库容) before the adjective (多大)
_UNITS = {"钱": "[万亿]?元", "收费": "元", "投资": "[万亿]?元", "投入": "[万亿]?元", "资金": "[万亿]?元",
          "金额": "[万亿]?元", "面积": "平方米|平方公里|公顷|亩|㎡", "库容": "万?方|立方米",
          "多大": "平方米|平方公里|公顷|亩|㎡|米", "多宽": "米", "多长": "米|公里|千米", "多高": "米"}
# what is paid or earned comes in money (流转费 is no count of 亩; 工资 no count of workers), when a figure is asked
# for it in so many words (多少, 金额, 标准: a search for 收入差距 or 红色薪火 asks no figure)
_MONEY_RE = re.compile(r"(?<![免消浪])费(?![力心劲])|租金|房租|工资|薪资|薪酬|价格|单价|收入|营收|成本|本钱|奖金|补贴|产值|"
                       r"销售额|利润")
_MONEY_ASKED = re.compile(r"多少|多高|几[千万百]|金额|标准|数额")
# people asked to be counted (多少医生, 几个老人, 多少位专家): the count comes in 人, 名 or 位
_PEOPLE_ASKED = re.compile(r"(多少|几)[个位名]?[\u4e00-\u9fff]{0,4}?(人(?![均口次])|医生|护士|医务人员|员工|工人|职工|老人|学生|"
                           r"大学生|村民|居民|群众|党员|干部|书记|支书|专家|院士|志愿者|游客|患者|病人|孩子|儿童|代表)"
                           # not a word describing the thing counted (多少个人大代表联络站, 多少个居民小区)
                           r"(?![\u4e00-\u9fff]{0,3}(站|小区|点|室|中心|团队|组|队|协会|馆|校|联络|之家|服务|档案|家庭))")
# units of measure a question may ask a figure in (多少标箱, 多少吨, 多少亩), and the ones a report may give it in
_UNIT_WORDS = "标箱|人次|平方米|立方米|公里|千米|公斤|千克|千瓦|吨|亩|斤"
_SAME_UNIT = {"公斤": "公斤|千克", "千克": "千克|公斤", "公里": "公里|千米", "千米": "千米|公里", "斤": "斤|公斤"}
# 几 asking how many: not 哪几 (which ones) nor 这几天 / 近几年 / 前几个月 (a time)
_JI = r"(?<![哪这近前])几"
# how long something took or lasted (闹了多久: 一年多; 八八战略实施多少年: 20周年; 历时5个月); a year-count asked
# (多少年, 几年) is no calendar year (2003年)
_SPAN = r"(?<![\d.])(\d{1,3}(\.\d+)?|[一二两三四五六七八九十]+)[余多]?"
_DURATION = rf"{_SPAN}(个多?月|周年|年|天|周|小时)[余多]?|半年|半个月"
_DURATION_ASKED = ((re.compile(r"多久|多长时间|多少时间"), rf"{_DURATION}|\d{{4}}年(\d{{1,2}}月)?(起|以来)"),  # or since when
                   (re.compile(rf"多少年|{_JI}年"), rf"{_SPAN}周?年[余多]?"),
                   (re.compile(rf"多少个月|{_JI}个月"), rf"{_SPAN}个多?月[余多]?|半年"),
                   (re.compile(rf"多少天|{_JI}天"), rf"{_SPAN}天[余多]?"))
# a word of Chinese numerals only (第二十四): in a session's number it is no topic (see topic_words)
_CN_NUMERAL_WORD = re.compile(r"第?[一二三四五六七八九十百零〇两]+")
# "that one" (那座桥, 这家企业, 好好的): pointing and filler, no topic
_POINTER = re.compile(r"[这那][座家位张篇条项件所间台辆批场回]|好好")
# a figure a question names to say which thing it means (85岁以上的老人, 投资2万元以上的项目); dates are the time's
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:岁|周岁|万元|亿元|元|万人|人|户|家|个(?!月)|项|座|所|米|公里|亩|吨|平方米|%)")
_QUOTED = re.compile(r"[“\"「『]([\u4e00-\u9fff]{2,8})[”\"」』]")
_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,}(公司|集团|企业|厂)")
_COUNTRY = re.compile(r"美国|英国|法国|德国|俄罗斯|日本|韩国|朝鲜|印度|印尼|印度尼西亚|越南|老挝|泰国|缅甸|柬埔寨|"
                      r"马来西亚|新加坡|菲律宾|巴基斯坦|哈萨克斯坦|蒙古|加拿大|墨西哥|巴西|阿根廷|智利|秘鲁|乌拉圭|"
                      r"澳大利亚|新西兰|芬兰|瑞典|挪威|丹麦|冰岛|瑞士|荷兰|比利时|意大利|西班牙|葡萄牙|波兰|奥地利|"
                      r"乌克兰|土耳其|伊朗|沙特|以色列|埃及|南非|尼日利亚|肯尼亚|埃塞俄比亚")
# a body's name: a run of characters ending in what names a body ("服务发展大局", "以人民为中心" end in none)
_ORG = re.compile(r"[\u4e00-\u9fff]{1,12}(?<![大格布结当])局|[\u4e00-\u9fff]{2,12}(?<!为)中心|"
                  r"[\u4e00-\u9fff]{1,12}(委员会|办公室|督查室|公司|集团|协会|研究院|设计院|医院|卫生院|学校|银行|"
                  r"派出所|服务站|事务所|大队|中队)|(?:区|县|市|镇|乡|街道)[\u4e00-\u9fff]{0,5}办(?![法理公事好成实])|"
                  r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道)(?=[，,、。；和与及]|$)")  # (区督考办: an office by its short name)


# colloquial and input-method forms read as the written ones (啥 = 什么, 咋 = 怎么, 几号 = 哪天); digits NFKC'd
_COLLOQUIAL = ((re.compile(r"啥时候"), "什么时候"), (re.compile(r"啥时间"), "什么时间"), (re.compile(r"几号"), "哪天"),
               (re.compile(r"是?干(啥|什么)的|是?(啥|什么)来头|是?做(啥|什么)的"), "是什么职务"),
               (re.compile(r"啥|嘛(?=[？?]?$)"), "什么"), (re.compile(r"咋样"), "怎么样"), (re.compile(r"咋"), "怎么"),
               (re.compile(r"多少号"), "哪天"), (re.compile(r"有活儿?干|有工作做|有饭吃"), "就业"), (re.compile(r"[呢啊呀吧嘛]+(?=[？?！!。]*$)|来着"), ""),
               (re.compile(r"^那么?(?![里边儿些个时年天样])"), ""))  # 那最后是怎么调解的: "then", not "that"
# keyword-only questions ("王建安 衢州分院 日期") say what they want with a noun, not a question word
_KEYWORD_WHEN = re.compile(r"日期|时间|年份|哪天|时候")
_KEYWORD_COUNT = re.compile(r"人数|户数|个数|家数|数量|份数|金额|投资额|总投资|规模|产能|面积|比例|占比|产值|产量|销量|"
                            r"销售额|营业额|营收|交易额|利润|租金|工资|收入")
_KEYWORD_LIST = re.compile(r"名单|有哪些|清单|都有|一览|分别")
_KEYWORD_WHO = re.compile(r"作者|署名|谁写|主持人|负责人|是谁|记者|通讯员")
# why something was done: the sentence that gives a cause or a purpose (原因 as a keyword too)
_WHY_RE = re.compile(r"为什么|为何|原因|缘由")
_CAUSE = r"因(?!此|素)|由于|原因|导致|造成|为了|为解决|之所以|以致|使得|随着"
# what a keyword names of the answer's form only (建成时间 -> 建成, 工位数 -> 工位, 签约金额 -> 签约)
_KEYWORD_FORM = re.compile(r"(日期|时间|年份|名单|清单|一览|作者|署名|数量|金额|标准|情况|详情|比例|占比|规模|原因|名称|全称|全名|额|数)$")
_ISSUES = r"这几期|各期|每期|历次"  # every issue, or every report (words the three patterns below share)
_CHANGE_RE = re.compile(rf"变化|前后|分别|怎么变|比上次|比原来|多了多少|少了多少|先后|两次|(?<!第)几次|{_ISSUES}")
# the question asks for the reports that name something (湖南镇在这几期里上过哪些新闻, 廿里镇 历次 报道)
_REPORTS_RE = re.compile(rf"{_ISSUES}|(哪些|什么|几篇)(报道|新闻|稿子)|上过.{{0,4}}(新闻|报|报道)|出现在?哪些|"
                         r"(报道|新闻)[？?]?$")
# a question across the reports (这几期, 各期, 前后两次, 历次, 哪几回): its answer spans more articles than one
_ACROSS_RE = re.compile(rf"{_ISSUES}|前后|两次|几次|几回|分别|哪些(报道|新闻|稿子|场合|会)")


_OVER_ISSUES_RE = re.compile(rf"{_ISSUES}|报上|报纸[上里]|几期")


def spans_reports(question: str) -> bool:
    """True for a question whose answer lies in several reports (这几期都报过哪些…, 两次会议分别是哪天)."""
    return bool(_ACROSS_RE.search(question))


_DEMANDS_RE = re.compile(r"要求|哪几点|几点|方面|几个要|强调|提了")
# what was required is asked (提了啥要求, 怎么要求的; not 符合要求的企业, 按照要求)
_DEMAND_ASKED = re.compile(r"(提|有|咋|怎么|什么|啥|哪些)[^，。？?]{0,3}要求|要求(了)?(什么|啥|哪)")
_MORE_RE = re.compile(r"还[有说讲提做去到干]|还要求|另外|其他|其余|别的|此外|再说|还有呢")  # (还要跟…融合: will also)
_OUTCOME_RE = re.compile(r"(最后|最终|后来|结果)[^，,。？?]{0,6}(怎么|如何|咋)|(怎么|如何)(解决|处理|调解|化解|摆平|收场)|"
                         r"结果(怎么样|如何)|解决了(没|吗)|处理结果")
_NOW_RE = re.compile(r"现在|目前|如今|当前|眼下|最新|最近|近期|今年|现任")
_DAY_RE = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_DAY_ASKED_RE = re.compile(r"哪一?天|几号|几月几[日号]|哪日|具体日期")


# the name of a thing asked (擂台赛全名叫什么, 那个模式叫什么, 名称)
_NAME_ASKED = re.compile(r"全名|全称|名称|叫什么")
# a person or a post asked, or the names of a list (获奖单位名称有哪些): no one quoted name
_PERSON_ASKED = re.compile(r"谁|哪位|人|名字|书记|支书|[镇乡区县市院校局厂]长|主任|主席|哪些|哪几")
# a name as the paper gives it: quoted, or after 全称/简称 ("全称为衢州市衢江区农业投资发展集团有限公司")
_QUOTED_NAME = re.compile(r"“[^”]{2,30}”|《[^》]{2,40}》|(全称|简称|名称)[为是叫]?[\u4e00-\u9fff（）()]{3,40}")
# what someone said (人大主任 表态 说了啥, 贵书记是咋说5月份的): a sentence reporting speech answers
_SAID_ASKED = re.compile(r"(?<!报道)(?<!报纸)(?<!报上)(?<!文章)(?<!新闻)(?:说了?(啥|什么|些什么)(?!时候|时间|地方)|说了哪些)|"
                         r"(咋|怎么|如何)(说|讲|表态|评价)|表态|讲了(啥|什么|哪些)|发言(内容|说)")  # 报道说了什么: the report
# who said something (这话是谁说的, “…”是哪位领导讲的, 谁在什么会上提出的): its speaker, not someone it names
_WHO_SAID = re.compile(r"(谁|哪位|哪个领导)[^，,。？?]{0,6}(说|讲|提出?)的|"  # 谁说的, 是哪位领导讲的, 谁在会上提出的
                       r"((这|那)句?话|“[^”]+”)[^？?]{0,12}(谁|哪位|哪个领导)[^，,。？?]{0,6}(说|讲|提|表示|强调|指出)|"
                       r"(说|讲|提出?)“[^”]+”的是(谁|哪位|哪个领导)")  # 提出“…”的是哪位领导
# a telephone number or contact (电话, 联系方式, 热线): digits of a phone
_PHONE_ASKED = re.compile(r"(电话|手机号?|号码)(是|为)?(多少|什么|啥)?[？?]?$|联系方式|联系电话|电话号码|(电话|手机)多少")
_PHONE = re.compile(r"(电话|热线|手机|联系)[^，。；]{0,8}?\d{5,}|\d{3,4}[-—]\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)")
# a share or rate (知晓率, 占比, 百分之多少): printed as a percentage or 几成
_RATE_ASKED = re.compile(r"率(?![队先领])|占比|比例|比重|百分之|百分比|百分点|几成")
_RATE = re.compile(r"\d+(\.\d+)?\s*([%％]|个百分点)|百分之[\d一二三四五六七八九十百点]+|[一二两三四五六七八九]成(?![员功立为])")
# a grade or rating (几级几等, 星级, 算不算三甲): 三级乙等, 四星级, 4A级
_GRADE_ASKED = re.compile(r"几级|等级|级别|几星|什么星级|几A|[一二三]甲")
_GRADE = re.compile(r"[一二三四五六七八九十\d]级[甲乙丙特]等|[一二三四五\d]星级|[1-5一二三四五]A级|A{3,5}级|"
                    r"(国家|省|市|区|县)级|[一二三][甲乙](?![子])")
_POST_ASKED = re.compile(r"(区委|县委|市委)?(副)?书记|(代|副)?区长|(代|副)?县长|主任|主席|局长|镇长|乡长|院长|校长|委员(?!会)")
_IDENTITY = re.compile(_POST_ASKED.pattern + r"|博士|硕士|专家|教授|院士|负责人|董事长|总经理|经理|厂长|站长|所长|"
                       r"医生|老师|创始人|法人")
_YEAR_NAMED = re.compile(r"\d{4}年|\d{2}年|去年|前年|那年|当时|那时")


def wants_latest(question: str) -> bool:
    """True when the question asks about the present state (现在/目前/最近/今年, or who holds a post, with no year
    named): the latest report that says it answers it, with its date."""
    q = normalise(question)
    if _NOW_RE.search(q):
        return True
    return bool(WHO_RE.search(q) and _POST_ASKED.search(q) and not _YEAR_NAMED.search(q))


def normalise(question: str) -> str:
    """The question with full-width forms folded (NFKC) and colloquial words in their written form."""
    text = unicodedata.normalize("NFKC", question).strip()
    for pattern, written in _COLLOQUIAL:
        text = pattern.sub(written, text)
    return text or question


@dataclass(frozen=True)
class Ask:
    """The analysed question."""

    words: tuple[str, ...]  # topic words (search tokens without question forms)
    focus: tuple[str, ...]  # the words next to the question word; one of them should be in an answer
    answer_re: re.Pattern | None  # what an answering sentence contains (a date, a number with its unit)
    is_list: bool
    is_tour: bool  # where did someone go (去了哪些地方, 考察了哪些): the items are in one article
    is_when: bool
    is_who: bool
    is_change: bool = False  # 前后变化 / 分别是哪天 / 职务怎么变的: one sentence per report, in date order
    # something of each of several is asked (分别, 各自): the ones as named (樟潭和后溪…分别建了多少份: 樟潭, 后溪), or
    # ("",) when the question does not name them (两次会议分别是哪天)
    each: tuple[str, ...] = ()
    asks_now: bool = False  # 现在 / 目前 / 最近: the latest report that says it
    day: str | None = None  # the day the question names ("12月22日"), as articles write it
    is_count: bool = False  # a number is asked (多少, 几家, 人数; not 哪几家, which asks for the items)
    series: tuple[str, ...] = ()  # the meeting or session numbers it names ("14届6次", "12次"; see series_marks)
    figures: tuple[str, ...] = ()  # the figures it names of what it asks about ("85岁", "2万元"; not dates)
    asks_clock: bool = False  # a time of day may answer (几点, 走访时间)
    asks_demands: bool = False  # what someone asked for (提了哪几方面要求, 强调了哪几点, 几个要)
    asks_day: bool = False  # which day is asked (哪天, 几号, 3月几号), not only a month or a year
    about_reports: bool = False  # the reports that name something are asked for (一期一条: each report's mention)
    done: re.Pattern | None = None  # whether something is done is asked: the words a report says so with (done_asked)
    members: tuple[int, str, str] | None = None  # the members of a set it counts are asked: (how many, measure, noun)
    rank: re.Pattern | None = None  # who holds a rank is asked (一等奖, 第一): the words a report prints it with
    over_issues: bool = False  # asked over the issues (这几期, 各期, 报上): a list's lines come from many reports
    asks_more: bool = False  # 还说了什么 / 另外 / 其他: more than the last answer gave
    per: tuple[str, ...] = ()  # the units a figure is asked per (一亩地多少钱, 一间多少平方: 亩, 间)
    asks_outcome: bool = False  # 最后怎么解决的 / 结果如何 / 后来怎么样: how a story ended
    asks_said: bool = False  # 说了啥 / 怎么表态: what someone said
    who_said: bool = False  # 这话是谁说的: the speaker of the sentence that holds it
    # a question asking two things (王建安哪天来的，专题会议哪天召开？): each part's topic words and answer pattern
    parts: tuple[tuple[tuple[str, ...], re.Pattern | None], ...] = ()
    # a who-question that names a person: who it asks about (周松祥是哪位副区长 -> 周松祥) or, asking someone else
    # (除了毛卓战还有谁, 王书记去的时候谁陪同), the people it names as written (毛卓战; 王书记 as 王 + 书记)
    asked_person: str | None = None
    post_place: str | None = None  # the place of the post asked (全旺镇的党委书记: 全旺镇)
    other_than: tuple[str, ...] = ()


def topic_words(question: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """Search tokens of the question without question forms (哪天, 多少, 哪几个), fillers and single characters;
    a bare 会 (开了哪些会) stands for 会议."""
    question = ISSUE_NUMBER_RE.sub(" ", question)  # 总第3684期 names an issue (its date), not a topic
    series = "".join(m.group(0) for m in _SERIES_RE.finditer(question))
    # a copula jieba glued onto a name it does not know (陈政是干啥的: 陈政是) is no part of the word
    words = [w for w in dict.fromkeys(w[:-1] if len(w) in (3, 4) and w.endswith("是") and w != "实事求是" else w
                                      for w in tokenize(question))
             if len(w) >= 2 and w not in QUESTION_WORDS and not _ASKING_RE.search(w) and not _POINTER.fullmatch(w)
             # the numerals of a session's number (第二十四次: 第二, 二十, 二十四…) are no topic: `series` reads it
             and not (_CN_NUMERAL_WORD.fullmatch(w) and w in series)]
    # a term the asker puts in quotes is one name, whatever pieces jieba cuts it into (“衢江山农”, besides 江山)
    words += [t for t in _QUOTED.findall(question) if t not in words]
    # a place's own name that jieba cuts into single characters (府前 of 府前未来社区: 府 / 前) is a word too (not
    # one it keeps whole that the filters above leave out: 衢江区)
    words += [lead for lead in (_leading_uncut(f.text, words) for f in extract(question) if f.kind == "place")
              if lead and lead not in words and all(len(w) == 1 for w in tokenize(lead))]
    if re.search(r"开了?(哪些|什么|哪?几个)会|(哪些|什么)会[？?]?$", question) and "会议" not in words:
        words.append("会议")
    return words


_NOT_IN_NAME = re.compile(r"[哪啥谁么是不他她们这那个月的了\d]")


def _leading_uncut(name: str, words: Sequence[str]) -> str | None:
    """The characters a name leads with that none of the words holds (府前 of 府前未来社区 among 未来, 社区), when
    there are at least two; else None."""
    held = [any(w in name and name.find(w) <= i < name.find(w) + len(w) for w in words) for i in range(len(name))]
    lead = name[:held.index(True)] if True in held else name
    # (not what the extractor takes for a name in a question: 哪些村, 他们村, 是不是白水村, 3月衢江)
    return lead if len(lead) >= 2 and not _NOT_IN_NAME.search(lead) else None


def keyword_focus(question: str, words: Callable[[str], list[str]]) -> list[str]:
    """The focus of a keyword-only question (大学生创业园 面积 工位数): staff type the subject first and what
    they ask of it last, so the words of the last keyword after the first, without what only names the answer's
    form (日期, 名单, 金额, 数); the keyword before it when nothing is left (安仁水库 加固 投资 金额 -> 投资)."""
    keys = question.split()
    for key in reversed(keys[1:]):
        stem = _KEYWORD_FORM.sub("", key)
        found = [w for w in words(stem) if len(w) >= 2 and w not in QUESTION_WORDS] if len(stem) >= 2 else []
        if found:
            return found
    return []


FOCUS_WINDOW = 24  # characters either side of a question word that focus_words reads


def focus_words(question: str, words: Callable[[str], list[str]],
                verb: Callable[[str], bool] | None = None) -> list[str]:
    """Content words right before and after each question word (within its clause and FOCUS_WINDOW characters),
    skipping fillers and looking past a generic noun (哪些单位拿了金牛奖 -> 金牛奖), and the verb right before a
    noun before a question word asking when (`verb`: the dictionary's verb tag): what was done with it then (王建安当选院士是哪一年:
    当选 and 院士; a report naming him 院士 does not date his election). Linear in the question's length: each
    question word reads only its window."""
    focus: list[str] = []
    for m in _QWORD_RE.finditer(question):
        left = question[max(0, m.start() - FOCUS_WINDOW):m.start()]
        left = left[max(left.rfind(p) for p in "，,。；;、") + 1:]
        right = question[m.end():m.end() + FOCUS_WINDOW]
        stops = [right.find(p) for p in "，,。；;？?！"]
        right = right[:min([s for s in stops if s >= 0] or [len(right)])]
        before = [w for w in words(left) if w not in _SKIP and w not in _CHANGE_WORDS and not _ASKING_RE.search(w)
                  and not re.fullmatch(r"\d+年?|年", w)]
        after = [w for w in words(right) if w not in _SKIP and not _ASKING_RE.search(w)]
        if after and after[0] in _MEASURE and len(after) > 1:
            after = after[1:]
        if m.group(0).startswith("哪") and after[:1] and after[0] in _ANSWER_TYPE:
            after = after[1:]
        if m.group(0).startswith("哪") and after[:1] and after[0] in _GENERIC and len(after) == 1:
            continue  # 参加了哪些活动, 开展了哪些工作: the verb says nothing the answer must repeat
        focus += before[-1:] + after[:1]
        if after and after[0] in _GENERIC:
            focus += after[1:2]
        if before and before[-1] in _GENERIC:
            focus += before[-2:-1]
        elif verb is not None and _WHEN_RE.fullmatch(m.group(0)) and len(before) >= 2 and \
                left.rstrip("是的").endswith(before[-2] + before[-1]) and before[-1] not in QUESTION_WORDS and \
                len(before[-2]) >= 2 and verb(before[-2]) and not verb(before[-1]):
            focus += before[-2:-1]  # (when it was done is asked: 当选院士是哪一年)
    focus = [_ASPECT.sub("", w) or w for w in focus]
    return [w for w in dict.fromkeys(focus) if w not in QUESTION_WORDS and w not in _GENERIC and w not in _SKIP]


# a modal before or an aspect particle after a spoken verb, which jieba keeps in one piece (能蓄, 投了, 拿过, 开了个)
# (会 is no modal before a noun: 会议 stays whole), and a copula jieba glued on (期是哪天: 期)
_ASPECT = re.compile(r"^(能|要(?!求|点|素)|会(?!议|见|谈|场|展|前|后|上|长|员|计|所)|可以|可)(?=.)|(?<=.)(了个|了|过|着|个|下|是)$")
# spoken words and the written ones a report uses for them (投了多少钱 -> 投资; 涨了多少 -> 增长; 盖到哪一步 -> 施工)
WRITTEN = {"投": ("投资", "投入"), "花": ("投资", "投入", "花费", "资金"), "涨": ("增长", "增加", "提高", "提升", "突破"),
           "省": ("节约", "节省"), "盖": ("建设", "施工", "封顶", "建成"), "建好": ("建成", "竣工", "完工", "投用"),
           "修好": ("建成", "竣工", "完工", "通车"), "蓄": ("库容", "蓄水"), "搬": ("搬迁", "迁入", "迁建"),
           "交": ("缴纳", "缴"), "赚": ("收入", "增收", "营收"), "招来": ("引进", "招引", "吸引"),
           "拿": ("获", "荣获", "获得"), "建了": ("建立", "建成"), "收": ("收费", "收取"),
           "招进来": ("引进", "招引", "吸引", "入驻"), "动工": ("开工", "启动"), "开始": ("启动", "开工"),
           "小孩": ("儿童", "小儿", "孩子"), "看病": ("诊疗", "就诊", "接诊"), "摄影": ("拍摄",), "拍": ("拍摄",),
           "照片": ("图片",), "相片": ("图片",), "卖": ("销售", "售出", "销量"), "卖出去": ("销售", "售出", "销量"),
           "卖了": ("销售", "售出", "销量"), "到位": ("拨付", "到账", "下达"),
           "屋子": ("居室", "房间", "住房"), "房子": ("住房", "房屋", "居室"), "院子": ("庭院", "院落"),
           "饭碗": ("就业岗位", "岗位", "就业"), "活儿": ("岗位", "就业"), "添": ("提供", "新增", "增加", "带来"),
           "要求": ("要求", "强调", "提出"), "陪": ("陪同", "参加"),
           # one-character verbs a report writes in two (签了几个项目 -> 会上，8个项目进行了集中签约)
           "签": ("签约", "签订", "签署"), "招": ("招引", "招商", "引进"), "引": ("引进", "引入", "招引"),
           "种": ("种植",), "养": ("养殖", "饲养"), "修": ("修建", "修缮", "建设"), "办": ("举办", "办理", "开办"),
           "登": ("刊于", "刊登", "刊发"), "全会": ("全体",)}
# (要求: what a meeting asked, 会议强调，…要加快速度; 陪: 陪着去的, whose 着 _ASPECT drops)


def written_forms(word: str) -> tuple[str, ...]:
    """A spoken word and the written ones a report uses for it (投 -> 投, 投资, 投入: WRITTEN)."""
    return (word, *WRITTEN.get(word, ()))


# what names one meeting, session, batch or quarter among its series (十四届六次全会, 第12次常务会议, 三季度赛马)
# an issue of the paper, no session or batch: 总第3684期, 第3684期, a bare number of four or five digits (3854期那份报纸);
# not a phase (二期), a batch (第3期) or a time (2023期间). Group 1 or 2 holds the number
ISSUE_NUMBER_RE = re.compile(r"(?:(?:总第|第)\s*(\d{3,5})|(?<![\d.第])(\d{4,5}))\s*期(?!间)")
_SERIES_RE = re.compile(r"(?<![哪几每这上下同\d第总])第?[\d一二三四五六七八九十百零〇]+(?:届[\d一二三四五六七八九十]+次|次|届|期|批)|第?[1-4一二三四]季度")
_CN_NUMERAL_RE = re.compile(r"[一二三四五六七八九十百零〇]+")


def holds_figure(text: str, figure: str) -> bool:
    """True when the text gives the figure ("85岁"), whole (not inside 185岁) and however its numeral is written
    (八十五岁)."""
    pattern = re.compile(rf"(?<![\d.]){re.escape(figure)}")
    return bool(pattern.search(text) or pattern.search(_CN_NUMERAL_RE.sub(_as_digits, text)))


def _as_digits(m: re.Match) -> str:
    value = cn_to_int(m.group(0), positional=False)
    return str(value) if value is not None else m.group(0)


def asks_clock(question: str) -> bool:
    """True when a time of day may answer (几点, 走访时间, 什么时间); 通关时间要几天 asks a duration, 时间差了多少 a
    change, 哪几点 / 几点要求 the points made, 第一时间 / 时间段 no time at all."""
    asked = re.search(rf"(?<!哪)几点{_POINTS}|(?<!第一)(?<!同一)时间(?![段内])|钟点", question)
    return bool(asked) and not re.search(r"多少|(?<!哪)几(?!点)|多久|多长|差|变|缩短|压", question)


def speakers(question: str, texts: Sequence[str]) -> list[tuple[str, str]]:
    """(the post as the question words it, the name) of whoever holds a post the question names without a name,
    and speaks in `texts` (人大常委会主任 … 表态 说了啥 -> (人大常委会主任, 廖利军), printed "区人大常委会主任廖利军"
    and "廖利军表示，…"; 贵书记是咋说的 -> (贵书记, 贵丽青)): the question asks what that person said, and the
    sentences that answer it name only them. A post after a full name (王慧杰书记怎么说) adds no one: the name is
    in the question already."""
    found: list[tuple[str, str]] = []
    joined = "\n".join(texts)  # a name never runs from one text into the next
    for post in _POST_ASKED.finditer(question):
        before = question[max(0, post.start() - 6):post.start()]
        if any(len(n) >= 2 and n[0] in SURNAMES and re.search(rf"(?:{_POST_ASKED.pattern}){re.escape(n)}", joined)
               for n in (before[-3:], before[-2:])):
            continue  # 王慧杰书记: named already (the texts print that name after a post)
        deputy = "" if "副" in post.group(0) else "(?<!副)"
        # 贵书记: a surname, then the post; else the longest stretch of the question before the post that the texts
        # print with it (人大常委会主任)
        readings = ([("", before[-1])] if before and before[-1] in SURNAMES else []) + \
            [(before[k:], "") for k in range(len(before) + 1)]
        for head, surname in readings:
            name = rf"{re.escape(surname)}[\u4e00-\u9fff]{{1,2}}" if surname else r"[\u4e00-\u9fff]{2,3}"
            printed = re.compile(rf"{deputy}{re.escape(head + post.group(0))}({name})")
            names = [n2 for m in printed.finditer(joined) for n2 in (m.group(1), m.group(1)[:-1])
                     if len(n2) >= 2 and re.search(re.escape(n2) + SAYS, joined)]
            if names:
                found += [(surname + head + post.group(0), names[0])] if names[0] not in (n for _, n in found) else []
                break
    return found


def series_marks(text: str) -> list[str]:
    """The series numbers a text names, numerals as digits and 第 dropped ("十四届六次" -> "14届6次")."""
    text = ISSUE_NUMBER_RE.sub(" ", text)  # 第3684期 is an issue of the paper
    text = re.sub(r"届\s+(?=[\d一二三四五六七八九十]+次)", "届", text)  # typed as keywords: 十四届 五次 全会
    return [_CN_NUMERAL_RE.sub(_as_digits, m.group(0)).lstrip("第") for m in _SERIES_RE.finditer(text)]


def each_asked(question: str) -> tuple[str, ...]:
    """The ones a question asks something of each of, as it names them (樟潭和后溪这两家卫生院分别建了多少份 -> 樟潭,
    后溪; 湖南镇共富康养综合体和白水村“1+10”共富工坊的建筑面积分别是多少 -> both names); () when it asks none
    that way (两次会议分别是哪天: the ones are not named)."""
    m = re.search(r"(?:分别|各自)", question)
    if m is None:
        return ()
    head = re.split(r"[，,。？?\s]", question[:m.start()])[-1]
    head = re.split(r"这|那|的", head)[0] if re.search(r"[和与、及跟]", head) else ""
    names = [n for n in re.split(r"和|与|、|及|跟", head) if len(n) >= 2]
    return tuple(names) if len(names) >= 2 else ("",)


def post_place(question: str) -> str | None:
    """The place a who-question names the asked post of (全旺镇的党委书记是谁 -> 全旺镇); None without one."""
    post = _POST_ASKED.search(question)
    if not post or not WHO_RE.search(question):
        return None
    # (the name right before the post: 请问全旺镇, 衢江区全旺镇 and 高家镇白水村 name 全旺镇 and 白水村)
    place = re.search(r"([\u4e00-\u9fff]{2}(?:镇|乡|街道|村|社区))的?(党委|党工委)?$", question[:post.start()])
    return place.group(1) if place else None


def answer_pattern(question: str) -> re.Pattern | None:
    """A regex that an answering sentence matches: a milestone for 进展, a date for 哪天, a number with the
    asked unit for 多少家, a village name for 哪个村."""
    if re.search(r"开了?(哪些|什么|哪?几个)会|(哪些|什么)会[？?]?$", question):
        return re.compile(r"会议|全会|例会|常委会.{0,6}召开")
    if re.search(r"哪一?期|第几期|哪天的报纸", question):  # which issue carried it: the line of what the paper prints
        return re.compile(r"刊于.{0,30}《今日衢江》")
    if re.search(r"进展|进度|到哪一步|怎么样了", question):
        # a milestone with its date ("已于4月21日顺利封顶", "预计在5月底实现竣工"), or a share done
        return re.compile(rf"({_DATE})[^，。；,;]{{0,6}}(封顶|竣工|完工|投用|投入使用|开工|建成|完成)|"
                          r"过半|\d+(\.\d+)?%")
    full = re.search(r"全名|全称|名称", question)
    if full and not _POST_ASKED.search(question[max(0, full.start() - 5):full.start()]) and \
            not _PERSON_ASKED.search(question[full.start():]):
        return _QUOTED_NAME  # 擂台赛全名叫啥 (not 乡党委书记全名): the paper quotes a name (“共富领头雁·强基PK赛”)
    if re.search(r"身份|干啥的|干什么的|什么人|来头", question):
        return _IDENTITY  # who someone is: a post, or what else the paper calls them (博士, 专家, 负责人)
    if _PHONE_ASKED.search(question):
        return _PHONE
    if re.search(r"职务|什么官|什么职位", question):
        return _POST_ASKED
    # (王书记…谁陪着去的: 王书记 names the person it is not about; no post is asked)
    post = _POST_ASKED.search(uncalled(question) if asks_someone_else(question) else question)
    if post and WHO_RE.search(question):  # 太真乡的乡长叫什么: that post printed before a name
        # (with another post between: 区委副书记、区长贵丽青)
        return re.compile(rf"{post.group(0)}(、[\u4e00-\u9fff]{{2,8}}?)?[\u4e00-\u9fff]{{2,3}}")
    if _WHEN_RE.search(question) or (not _ASKING_RE.search(question) and _KEYWORD_WHEN.search(question)):
        # a time of day may answer too (每天下午4点走访)
        return re.compile(rf"{_DATE}|{CLOCK}") if asks_clock(question) else re.compile(_DATE)
    if _WHY_RE.search(question):  # after the date: 原因调查结果什么时候公布 asks when
        return re.compile(_CAUSE)
    if _NAME_ASKED.search(question) and not _PERSON_ASKED.search(question):
        return _QUOTED_NAME  # what a programme, model or contest is called (叫什么 of a post is a who-question)
    m = re.search(r"哪[个所家座]?(村|镇|乡|街道|学校|中学|小学|医院|县|市)(?![场民级区])", question)
    if m:  # 哪所学校: a school's name ends in 学校, 中学, 小学, 大学, 学院 or 幼儿园
        ends = _NAMED_AS.get(m.group(1), m.group(1))
        return re.compile(rf"[\u4e00-\u9fff]{{2,8}}(?<![乡农])(?<!各)({ends})(?![庄民级])")
    if re.search(r"(建|设)在(哪|什么地方)|(位于|坐落|落户|选址|落地)在?(哪|什么地方)|(哪个?|什么)位置|选址|地点在哪",
                 question):
        # where a thing stands: a place named after 位于/坐落/落户, or its town, village or road
        return re.compile(r"(位于|坐落|地处|落户|选址|建在)[^，。；]{0,4}[\u4e00-\u9fff]{2,}|"
                          r"[\u4e00-\u9fff]{2,8}(镇|乡|村|街道|(?<![思新出之道套])路|大道|园区|新城|片区)(?![长民级])")
    if _SAID_ASKED.search(question):  # after the date and the place: 哪天表态的, 哪个村的 说了啥 ask those
        return SPEECH_RE
    if _GRADE_ASKED.search(question) and not re.search(r"多少|几(?![级星A等])", question):  # 三甲医院有几家: a count
        return _GRADE
    m = re.search(r"第几(\w)", question)
    if m:
        # 第几次全会: "十四届二次全会" prints no 第, and its session goes with it
        # and 第几届 of a festival is counted with 个 (第六个“中国医师节”)
        return re.compile(rf"(第?{_ORDINAL}届)?第?{_ORDINAL}{m.group(1)}|第{_ORDINAL}个")
    if re.search(r"哪条(路|街)|地址", question):
        return re.compile(r"[\u4e00-\u9fff]{1,8}(路|街|大道|大街)(\d+号)?|\d+号")  # an address
    if re.search(r"哪[家个]?(公司|企业)", question):
        return _COMPANY
    if re.search(r"哪[个一些几]?国家(?!级)|哪国|什么国家", question):
        return _COUNTRY  # 从哪个国家进口的: a country's name
    if re.search(r"(哪[个家一]?|什么)(单位|部门|机构)", question) and not _LIST_RE.search(question):
        return _ORG  # 哪个单位派的, 由哪个部门通报: a body's name (区发改局, 区政府办公室督查室, 廿里镇)
    m = re.search(r"哪[家个所座]?(超市|商场|银行|酒店|饭店|宾馆|工厂|厂|派出所|法院)", question)
    if m:  # 哪家超市: a name that ends with what is asked (no name is just the word itself)
        return re.compile(rf"[\u4e00-\u9fff]{{2,10}}(?<![一这那该此各本家某]){m.group(1)}")
    for asked, span in _DURATION_ASKED:
        if asked.search(question):
            return re.compile(span)
    m = re.search(rf"(多少|{_JI})(个月|[个家座年次回项件名位块所人户万亿张趟套条辆台间批类种场支起宗处篇栋幢棵株只艘轮份])",
                  question)
    if (not m or m.group(2) in "个位名") and _PEOPLE_ASKED.search(question):
        return re.compile(rf"{_COUNT}(人|名|位)")  # 多少医生护士, 多少个医生: in 人, 名 or 位 (not 5个家庭医生团队)
    if m:
        return re.compile(rf"{_COUNT}({SAME_MEASURE.get(m.group(2), m.group(2))})")
    m = re.search(r"(?<![多少])(人|份|户|家|件|起|次|篇|座|所|项|名|间|条|个)数(?!字|据|码|量)", question)
    if m and not _ASKING_RE.search(question):  # 份数, 户数, 人数 as keywords (健康档案 份数): a count in that measure
        measure = "人|名|位" if m.group(1) in "人名" else SAME_MEASURE.get(m.group(1), m.group(1))
        return re.compile(rf"{_COUNT}({measure})")
    m = re.search(rf"多少({_UNIT_WORDS})", question)
    if m:  # a unit of measure asked (多少标箱, 多少吨): the figure must be in it ("3100万吨" is no count of 标箱)
        return re.compile(rf"{_NUM}[万亿千百]?({_SAME_UNIT.get(m.group(1), m.group(1))})")
    if re.search(r"(变化|差距|变|涨|增长|提高|增加|减少)[了得]?有?多[大少]", question):
        return re.compile(r"\d")  # 收入变化有多大: a change in any unit, not an area
    counted = re.search(r"多少|多大|多宽|多长|多高", question) or not _ASKING_RE.search(question)
    if (counted or "几成" in question) and _RATE_ASKED.search(question):  # 知晓率 百分之多少: a share, not any figure
        return _RATE
    for key, unit in _UNITS.items():
        if key in question and counted:
            return re.compile(rf"{_NUM}个?[余多]?({unit})")  # 三个多平方公里: spoken, as a leader says it
    if _MONEY_RE.search(question) and (_MONEY_ASKED.search(question) or (
            not _ASKING_RE.search(question) and _KEYWORD_COUNT.search(question))):
        # (a money word among keywords asks its figure: 直播基地 年销售额, 人才公寓 租金)
        return re.compile(rf"{_NUM}([万亿千百]?元)")
    if re.search(rf"多少|{_JI}", question) or _KEYWORD_COUNT.search(question):
        return re.compile(r"\d")
    return None


def _parts_pattern(question: str) -> re.Pattern | None:
    """answer_pattern of a question, or of each of its parts when it asks two things (二期投了多少钱？什么时候能建好？):
    a sentence that answers either matches; None when a part asks for something of no set shape."""
    parts = [p for p in re.split(r"(?<=[？?])", question) if p.strip()]
    found = [answer_pattern(p) for p in parts]
    patterns = list(dict.fromkeys(p.pattern for p in found if p is not None))
    if len(parts) >= 2 and patterns and None in found and _ASKING_RE.search(parts[found.index(None)]):
        return None  # a part asking for something of no set shape (哪个古代国家？为什么衰落？): any sentence may answer
    if len(parts) < 2 or len(patterns) < 2:
        return answer_pattern(question)
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def question_parts(question: str, tokenize: Callable[[str], list[str]]) -> list[tuple[tuple[str, ...], re.Pattern | None]]:
    """The parts of a question that asks two or more things, each a clause with its own question word (二期投了
    多少钱？啥时候能建好？ / 王建安哪天来的衢州分院，专题会议哪天召开？): (its topic words, its answer pattern).
    Empty for a question asking one thing."""
    clauses = [c for c in re.split(r"[，,；;？?。]", question) if _QWORD_RE.search(c)]
    if len(clauses) < 2:
        return []
    return [(tuple(topic_words(c, tokenize)), answer_pattern(c)) for c in clauses]


def analyse(question: str, tokenize: Callable[[str], list[str]], words: Callable[[str], list[str]],
            verb: Callable[[str], bool] | None = None) -> Ask:
    """Ask for a question: `tokenize` gives search tokens, `words` precise-mode words, `verb` whether the
    dictionary tags a word as a verb (rag.index.tokenize; None: no verb is read into the focus). Colloquial forms
    are read as written ones first (see `normalise`)."""
    q = normalise(question)
    keywords_only = not _ASKING_RE.search(q)
    keyword_visit = (keywords_only and len(q.split()) > 1 and _TOUR_RE.search(q) and not _KEYWORD_WHEN.search(q)
                     and not _KEYWORD_COUNT.search(q))  # "王慧杰 走访 重点企业": where did the visit go
    is_list = bool(_LIST_RE.search(q) or (keywords_only and _KEYWORD_LIST.search(q)) or re.search(r"都有谁|哪几位", q)
                   or keyword_visit)
    day = _DAY_RE.search(q)
    members = members_asked(q)  # the set counted is the one asked about: its count names no subject (figures)
    focus = keyword_focus(q, words) if keywords_only and len(q.split()) > 1 else focus_words(q, words, verb)
    if _DEMAND_ASKED.search(q) and "要求" not in focus:  # 怎么要求的: what was required is asked, however the
        focus.append("要求")  # question word stands (a report says it with 要求, 强调 or 提出: WRITTEN)
    asked_person, other_than = people_named(q, words)
    return Ask(words=tuple(topic_words(q, tokenize)), focus=tuple(focus), asked_person=asked_person,
               post_place=post_place(q),
               other_than=other_than,
               answer_re=_parts_pattern(q), is_list=is_list,
               is_tour=bool(is_list and _TOUR_RE.search(q)),
               is_when=bool(_WHEN_RE.search(q) or (keywords_only and _KEYWORD_WHEN.search(q))),
               is_who=bool(WHO_RE.search(q) or (keywords_only and _KEYWORD_WHO.search(q))),
               is_change=bool(_CHANGE_RE.search(q)), each=each_asked(q), asks_now=wants_latest(question),
               day=f"{int(day.group(1))}月{int(day.group(2))}日" if day else None,
               series=tuple(series_marks(q)), figures=tuple(f for f in dict.fromkeys(_FIGURE.findall(q))
                                                       if not (members and re.match(rf"{members[0]}(?![\d.万亿])", f))),
               asks_day=bool(_DAY_ASKED_RE.search(q)), asks_clock=asks_clock(q),
               asks_demands=bool(_DEMANDS_RE.search(q)), about_reports=bool(_REPORTS_RE.search(q)),
               over_issues=bool(_OVER_ISSUES_RE.search(q)), done=done_asked(q), members=members,
               rank=rank_asked(q), per=per_units(q),
               asks_more=bool(_MORE_RE.search(q)),
               asks_outcome=bool(_OUTCOME_RE.search(q)), parts=tuple(question_parts(q, tokenize)),
               asks_said=bool(_SAID_ASKED.search(q)), who_said=bool(_WHO_SAID.search(q)),
               is_count=bool(re.search(rf"多少|{_JI}[个家座年次回项件名位块所人户起宗处篇栋幢]|第几|多大|多宽|多长|多高|多久", q) or
                             (keywords_only and _KEYWORD_COUNT.search(q))))
