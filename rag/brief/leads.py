"""What a briefing says of one article (pure): its news sentences, the lede, and the sentences with its key
figures and named officials.

An editor's line on a story is "who did what, when, and the one number that matters" (docs of the newsroom:
shared/newsroom/BRIEFING.md). The lede says who did what and when; the figure a reader needs is often further
down ("会上，8个项目进行了集中签约，总投资金额超45亿元。"), so `key_sentences` looks through the whole article.
Nothing here knows about the archive; it takes Articles and strings and returns strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..index.entities.words import COMPOUND_SURNAMES, SURNAMES
from ..ingest.bylines import CREDIT, CREDIT_IN_TEXT, strip_byline
from ..ingest.continuations import PAGE_REFERENCE
from ..models import Article
from ..text import ATTRIBUTION_RE, char_ngrams, overlap, split_sentences

# A briefing sentence ends at 。！？ and the closing quote or bracket after it (a straight quote starts the next).
_CLOSERS = "”’」』）)"
_SPACE_RE = re.compile(r"[ \t\u3000]+")

# Office titles whose presence marks a story as one an editor leads with.
OFFICIALS = (
    "区委书记", "区长", "区委副书记", "常务副区长", "副区长", "区人大常委会主任", "区政协主席",
    "市委书记", "市长", "省委", "省长", "区领导", "区委常委", "市领导",
)
# A post followed by the name it introduces: "区委书记王慧杰", "区人大常委会主任廖利军".
_POSTED_NAME_RE = re.compile(r"(书记|区长|县长|主任|主席|院士|局长|镇长|乡长|部长|组长)[\u4e00-\u9fff]{2,3}"
                             r"(?=[，、。等主出参讲带率调走来在与表指强要一代应到莅陪宣])")

_NOT_A_NAME = ("期间", "重要", "参加", "出席", "主持", "讲话", "指出", "强调", "要求", "表示", "同志", "一行", "带队",
               "应邀", "到会", "莅临", "陪同", "宣读",
               "率队", "任期", "职务", "和", "与", "及", "等", "的", "在", "是", "对", "向", "为")

DATE_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年")
_EVENT_DATE_RE = re.compile(r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?|\d{1,2}月(\d{1,2}日|底|初|中旬|上旬|下旬)?")
# A quantity: a number in digits with its unit, or a share; in Chinese numerals only a span of time (三年努力,
# 二十周年, 六个月): with other units they name slogans (两个维护, 四个自信, 一个首要任务), not figures.
QUANTITY_RE = re.compile(
    r"第?\d+(?:\.\d+)?\s*(?:%|％|[余多]?(?:万|亿|千|百)?(?:人次|人|名|个|项|家|座|所|条|间|户|元|吨|平方米|亩|公里|"
    r"千米|米|次|批|套|台|辆|天|周年|年|倍|件|场|处|份|位|期|届|栋|只|公斤|万|亿))"
    r"|(?<![第星])[一二两三四五六七八九十]{1,3}(?:周年|个月|年)(?!级|代|制|一度)")
# A figure stated as a total or a result (共引进, 累计开展, 总投资, 已完成, 突破至, 实现…全覆盖): what a briefing
# reports, rather than a detail of a scene ("30余名施工人员正在…").
_TOTAL_RE = re.compile(r"共|累计|总|全区|全年|已|突破|实现|覆盖|达到|超过|增长|同比|提前")
# what a figure tells, by its unit: money and people and shares first (BRIEFING.md: "how many projects, how much
# money, how many people, what share")
_UNIT_WEIGHT = (("元", 1.5), ("人", 1.3), ("名", 1.3), ("%", 1.3), ("％", 1.3))
# Things named by what they are: a project, a works, a park, a meeting series, a document in 《》.
NAMED_RE = re.compile(r"[\u4e00-\u9fff]{4,10}?(?:项目|工程|产业园|园区|综合体|基地|常委会|常务会议|例会|全会|大会|"
                      r"专题会议|推进会|直通车|文化节|行动)|《[^》]{2,60}》")
# A person's speech ("王慧杰强调，要…"), its continuation ("要…"), or a quote: what was said, not what happened.
# A sentence that opens with a quotation (quote marks holding a clause: "“我们基本拎包入驻，…”") is speech; one that
# opens with a quoted term ("“片区联建、抱团共赢”的发展模式，…") is not.
_SPEECH_RE = re.compile(r"^(?!会议)[^，。]{0,20}?(强调|指出|要求|表示|认为|希望|说|建议)[，：:]|^(要|必须|务必)"
                        r"|^[“\"「][^”\"」]*[，。！？；：,!?;:]|[：:][“\"]"
                        r"|^[^，。“]{1,12}?(?<![主重需只纲])要(?![求素点闻])")
# A scene a feature opens with ("近日，走进…" with no one doing it, "记者在…施工现场看到", "…工程现场，一台挖掘机…在施工
# 作业"): it sets the scene and says no news. ("王慧杰走进田间地头" is a visit, not a scene.)
_SCENE_RE = re.compile(r"^(?:[^，。]{0,12}，)?(走进|走入|步入|来到|漫步|行走在)|记者[^，。]{0,30}?(看到|见到)"
                       r"|现场，|正(在|忙着|紧张)")
# A sentence that leans on the one before it cannot open a story.
_LEANS_RE = re.compile(r"^(其中|此外|同时|另外|而且|而|但|这|该|他|她|此|对此|为此)")
# A sentence that only says who spoke ("太真乡党委书记徐芳说。"), cut off from the quote it closes.
# What a story is for: its aim or target (总体目标是, 通过三年努力, 到2027年) or the anniversary it marks
# (实施20周年, 对口帮扶的第15年). BRIEFING.md: a main story keeps its purpose with its figures.
# An anniversary is one the story marks when the sentence says so ("今年是…实施20周年。", "…20周年之际"), not an
# event named after one ("在庆祝…成立70周年大会上的讲话").
AIM_RE = re.compile(r"目标[是为]|通过[^，。]{0,4}努力|到\d{4}年|周年(?=[，。；！”]|之际|来临|到来|$)"
                    r"|第[\d一二三四五六七八九十]{1,3}年")
# A figure that moved (从不到4万元突破至50多万元, 由…增至…, 提升到…): BRIEFING.md asks "what changed in its numbers".
CHANGE_RE = re.compile(r"[从由][^，。；]{0,20}?\d[^，。；]{0,12}?(突破|增至|增加到|增长到|提升至|提升到|提高到|提高至|上升到|"
                       r"上升至|跃升至|降至|降到|减少到|下降到|到|至)[^，。；\d]{0,6}?\d+(?:\.\d+)?(?![\d.]*\s*[年月日号时])")
# A recognition won (被列为省级改革试点, 入选, 获评, 荣获…): results an editor reports with the awards (BRIEFING.md).
HONOUR_RE = re.compile(r"被?列为|列入|入选|获评|被评为|荣获|获得[^，。]{0,12}(称号|荣誉|表彰|奖)|授予|命名为|成功创建")
# What a meeting decided or took up (研究…事项, 审议通过…决议, 听取…汇报): BRIEFING.md puts meetings' decisions first.
DECISION_RE = re.compile(r"研究了?|审议|听取|通过了|决定|签约|印发|出台")
# What a meeting or an official asked for ("会议指出，要…", "王慧杰强调，要…", "区委书记王慧杰主持会议并讲话，他强调…"):
# BRIEFING.md leads with the meetings' decisions, and a meeting's demands are what it decided.
_DEMAND_RE = re.compile(r"^(?:[^。“]{0,40}?，)?(?!按照|根据|依照|对照|按)([^，。“]{1,16}?)(?<!符合|满足|达到)(?<!的)"
                        r"(强调|指出|要求)[，：:]")
# a catchphrase the paper quotes (“头等大事”, “五个不发生”, “零障碍”): what a meeting's demand is remembered by
# (a feature only in what someone demanded or said: elsewhere quotes mark terms, “一老一小”, “残疾人”之家)
# standing alone (followed by punctuation or 的要求), not a quoted name inside a noun phrase (“五城”建设, “两山”理念)
# nor an exclamation quoted (“真方便！”)
_SLOGAN_RE = re.compile(r"“([^“”，。！？!?]{2,10})”(?=[，。；、]|的要求)")
_WHEN_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|今年以来|近日|日前|近年来|上半年|截至|目前|\d{4}\s*年")


def clean_body(text: str) -> str:
    """Body text -> one line per paragraph, without page furniture or in-text reporter credits."""
    text = PAGE_REFERENCE.sub("", text)  # page furniture must never reach a briefing
    paragraphs = [_SPACE_RE.sub(" ", p).strip() for p in text.splitlines()]
    return "\n".join(p for p in paragraphs if p)


def sentences_of(text: str) -> list[str]:
    """The sentences of briefing text: each line split on its own, every sentence trimmed; a trailing fragment is
    kept as a sentence."""
    return split_sentences(text, closers=_CLOSERS, trim=True)


_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})
_HALF_PUNCT_RE = re.compile(r"(?<=[\u4e00-\u9fff\d）”])[,;:?!]|[()](?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[()]")


def full_width(text: str) -> str:
    """ASCII punctuation next to Chinese text -> its full-width form (OCR and PDFs mix the two)."""
    return _HALF_PUNCT_RE.sub(lambda m: m.group(0).translate(_HALF_TO_FULL), text)


def _is_news_sentence(sentence: str, staff: Sequence[str] = ()) -> bool:
    """False for fragments an editor would never quote: too short, unfinished, a credit ("记者李四报道"), or a
    sentence naming the article's own reporters (`staff`)."""
    body = sentence.rstrip("。！？!?”’」』）) ")
    if len(body) < 8 or not re.search(r"[。！？!?]", sentence):
        return False
    if CREDIT.search(sentence) or ATTRIBUTION_RE.match(sentence):
        return False
    return not any(name and name in sentence for name in staff)


# A quotation introduced by a colon that closes without a stop, the next sentence run on after it ("徐秀萍说：“…送药上
# 门服务”为积极响应…，全旺镇…打造了3所老年幸福食堂。"): the quoted words were the whole utterance.
_RUN_ON_QUOTE_RE = re.compile(r"[：:]“[^“”]{10,}?[^。！？“”]”(?=[\u4e00-\u9fff])")


def _split_run_on(sentence: str) -> list[str]:
    """A sentence run on after a colon's quotation -> the quotation's sentence and the one after it."""
    m = _RUN_ON_QUOTE_RE.search(sentence)
    return [sentence] if m is None else [sentence[:m.end()], *_split_run_on(sentence[m.end():])]


def news_sentences(article: Article) -> list[str]:
    """The article's complete sentences in order: byline, furniture and credits removed, punctuation full-width."""
    body = full_width(clean_body(article.body))
    paragraphs = [strip_byline(p) for p in body.splitlines()]
    staff = article.reporters + article.correspondents
    pieces = [p for s in sentences_of("\n".join(paragraphs)) for p in _split_run_on(s)]
    return [CREDIT_IN_TEXT.sub("", s).strip() for s in pieces if _is_news_sentence(s, staff)]


def opens_feature(sentence: str) -> bool:
    """True for a feature's opening: a scene, a question, or a whole quotation. Its news is in a later sentence
    (the nut graf), the one that says what the headline says."""
    quoted = sentence.startswith(("“", '"')) and sentence.rstrip("。！？!?").endswith(("”", '"'))
    return quoted or "？" in sentence or "?" in sentence or bool(_SCENE_RE.search(sentence))


def _lead_score(sentence: str, index: int, title_grams: set[str], pegged: bool = True) -> float:
    """How much a sentence reads like the lede: says when (in a news report, `pegged`; a feature's news is not
    pegged to a date), echoes the headline, is not a quote, a question or a scene."""
    when = _WHEN_RE.search(sentence) if pegged else None
    if when is None:
        score = 0.0
    elif "月" in when.group(0):
        score = 1.5  # "8月18日": the news peg
    else:
        score = 0.5 if re.fullmatch(r"\d{4}\s*年", when.group(0)) else 1.0  # a bare year says least
    if title_grams:
        score += 3.0 * len(title_grams & char_ngrams(sentence)) / len(title_grams)
    if (sentence.startswith(("“", '"')) or "？" in sentence or "?" in sentence or not _balanced(sentence)
            or _SCENE_RE.search(sentence)):
        score -= 2.0
    if _LEANS_RE.match(sentence):
        score -= 1.5
    if len(sentence) < 15:
        score -= 1.0
    return score - 0.3 * index if pegged else score  # a feature's nut graf may come anywhere in its opening


def lede_index(sentences: Sequence[str], title: str) -> int | None:
    """Index of the lede: the best of the first five sentences by `_lead_score`; in a feature (one that opens with
    a scene, a question or a quotation) neither the date nor the order says where the news is, the headline's
    words do. None when there is no sentence."""
    if not sentences:
        return None
    grams = char_ngrams(title)
    pegged = not opens_feature(sentences[0])
    first = range(min(5, len(sentences)))
    if pegged:
        return max(first, key=lambda i: (_lead_score(sentences[i], i, grams), -i))
    # a feature: the nut graf, the sentence that says most of what the headline says (the shorter one on a tie)
    return max(first, key=lambda i: (_lead_score(sentences[i], i, grams, pegged=False), -len(sentences[i]), -i))


def lead_sentences(article: Article) -> list[str]:
    """The article's lede as a one-sentence list, verbatim and uncut; [] when the body has no full sentence."""
    sentences = news_sentences(article)
    i = lede_index(sentences, article.title)
    return [] if i is None else [sentences[i]]


def _balanced(sentence: str) -> bool:
    """False for a piece of a longer quotation (its opening or closing quote mark is in another sentence)."""
    return sentence.count("“") == sentence.count("”")


def quantities(text: str) -> list[str]:
    """The quantities a sentence states ("8个", "45亿元", "80%", "第15年", "三年"), event dates left out."""
    plain = _EVENT_DATE_RE.sub(" ", re.sub(r"\s+", "", text))
    return list(dict.fromkeys(m.group(0) for m in QUANTITY_RE.finditer(plain)))


def posted_names(text: str) -> list[str]:
    """Names introduced by their post ("区委书记王慧杰" -> "书记王慧杰"), in order; words that follow a post
    without being a name ("书记期间", "书记重要指示", "书记轮训班") are left out."""
    return list(dict.fromkeys(m.group(0) for m in _POSTED_NAME_RE.finditer(text)
                              if _is_name(m.group(0)[len(m.group(1)):])))


def _is_name(word: str) -> bool:
    """Two or three characters after a post that can be a name: they begin with a surname ("书记分两批",
    "书记轮训班" are no names) and are not a word printed after posts ("书记期间")."""
    return (word[0] in SURNAMES or word.startswith(COMPOUND_SURNAMES)) and not word.startswith(_NOT_A_NAME)


# Weights of the key-sentence features (see `key_features`), fitted on the dev facts of evals/brief.jsonl by
# evals/fit_key_sentences.py (logistic regression, L2 3.0; the test facts are never used). "aim" was fitted alone
# (--only aim), the others kept: leave-one-week-out dev coverage 0.956, against 0.867-0.911 for a full refit (--cv).
# "change" was fitted alone the same way (session 6); on 30 key facts a fresh editor wrote afterwards, not yet
# tuned on, coverage went from 0.367 to 0.400. "honour" (a recognition won) was fitted alone on the 115 dev facts
# with those 30 in them: leave-one-week-out dev coverage unchanged (0.835), in sample 0.835 -> 0.843.
# "slogan" (a quoted catchphrase in what someone demanded or said) was fitted alone on 145 dev facts, 30 of them
# written in session 9 and run held out first (0.433): leave-one-week-out dev coverage 0.807 -> 0.814.
KEY_FEATURES = ("figure", "more_figures", "total", "names", "named_thing", "decision", "aim", "headline", "speech",
                "long", "repeats", "position", "change", "honour", "demand", "slogan")
KEY_WEIGHTS = {"figure": 0.97, "more_figures": -0.09, "total": 0.47, "names": 3.19, "named_thing": 0.24,
               "decision": 0.92, "aim": 1.63, "headline": 1.47, "speech": -1.04, "long": -0.19, "repeats": -0.04,
               "position": -0.4, "change": 0.88, "honour": 1.02, "demand": 0.82, "slogan": 1.49}
KEY_BIAS = -0.11


def key_features(sentence: str, index: int, title_grams: set[str], said: str) -> dict[str, float]:
    """What a sentence offers an editor's line, given what is `said` already: the weight of its most telling new
    figure (money, people and shares above counts), how many more figures, whether it states a total or result,
    officials named with their post (not yet given with it), a named project or document, what a meeting decided or
    took up, the aim or anniversary it states, its share of the headline's words; whether it reports speech or a
    quote, is very long, repeats the lede; its place in the article (tens of sentences)."""
    weights = [next((w for unit, w in _UNIT_WEIGHT if unit in q), 1.0) for q in quantities(sentence) if q not in said]
    names = [n for n in posted_names(sentence) if n not in said]  # a name first given with its post
    known = char_ngrams(said) | title_grams
    things = [t for t in NAMED_RE.findall(sentence) if overlap(char_ngrams(t), known) < 0.6]
    return {"figure": max(weights, default=0.0), "more_figures": max(0, min(len(weights), 3) - 1),
            "total": float(bool(weights) and bool(_TOTAL_RE.search(sentence))),
            "names": min(len(names), 2), "named_thing": float(bool(things)),
            "decision": float(bool(DECISION_RE.search(sentence))), "aim": float(bool(AIM_RE.search(sentence))),
            "headline": len(title_grams & char_ngrams(sentence)) / len(title_grams) if title_grams else 0.0,
            "speech": float(bool(_SPEECH_RE.search(sentence))), "long": float(len(sentence) > 110),
            "repeats": float(overlap(char_ngrams(sentence), char_ngrams(said)) > 0.7), "position": index / 10,
            "change": float(bool(CHANGE_RE.search(sentence))), "honour": float(bool(HONOUR_RE.search(sentence))),
            "demand": float(is_demand(sentence)),
            "slogan": float((is_demand(sentence) or bool(_SPEECH_RE.search(sentence))) and any(
                q not in said and overlap(char_ngrams(q), title_grams) < 0.6 for q in _SLOGAN_RE.findall(sentence)))}


def is_demand(sentence: str) -> bool:
    """True for what a meeting or an official asked for: a sentence whose speaker 强调 / 指出 / 要求 (see
    _DEMAND_RE). The paper mostly keeps these verbs for meetings and officials (others 表示 or 说); 要求 as a noun
    (按照区委要求，…; 各项指标均符合要求，…) is no demand."""
    return _DEMAND_RE.match(sentence) is not None


def _key_score(sentence: str, index: int, title_grams: set[str], said: str) -> float:
    features = key_features(sentence, index, title_grams, said)
    return KEY_BIAS + sum(KEY_WEIGHTS[k] * v for k, v in features.items())


def key_sentences(sentences: Sequence[str], lede: int, title: str, k: int, min_score: float = 0.8,
                  usable: Callable[[int], bool] | None = None) -> list[int]:
    """Indexes (in article order) of up to k sentences besides the lede that carry the story's key figures and
    named officials; each must score at least min_score (see `_key_score`) given what is chosen before it, and
    pass `usable` (e.g. short enough once cut)."""
    grams = char_ngrams(title)
    said = sentences[lede] if sentences else ""
    chosen: list[int] = []
    for _ in range(k):
        rest = [i for i in range(len(sentences)) if i != lede and i not in chosen and _balanced(sentences[i])
                and not _SCENE_RE.search(sentences[i])]  # a scene's figures are details of the scene
        if not rest:
            break
        ranked = sorted(rest, key=lambda i: (-_key_score(sentences[i], i, grams, said), i))
        ranked = [i for i in ranked if _key_score(sentences[i], i, grams, said) >= min_score]
        best = next((i for i in ranked if usable is None or usable(i)), None)
        if best is None:
            break
        chosen.append(best)
        said += sentences[best]
    return sorted(chosen)


def officials_in(text: str) -> int:
    """How many distinct senior office titles the text mentions (a ranking signal)."""
    return sum(1 for title in OFFICIALS if title in text)
