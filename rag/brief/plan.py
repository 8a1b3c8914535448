"""What a briefing holds (pure, given a POS tagger and a name finder): every article of the period, once.

Main stories (the best-ranked news, at most `max_items`) get their lede and the sentences with their key figures
and named officials, in a section of the newsroom taxonomy; the other articles go to 简讯 (headline and one
line); commentary, short comments and column introductions go to 评论 (title and author). The overview points
at the top main stories by a short headline. Both engines build on this plan; the LLM engine only rewrites the
main stories' text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..index.entities.words import MEETING_ENDS
from ..models import Article, Progress
from ..text import char_ngrams, list_text, overlap
from . import sections as sec
from .assemble import ChangeDraft, Draft
from .cuts import Tagger, focus_cut, pointer, shorten
from .leads import DECISION_RE, key_sentences, lead_sentences, lede_index, news_sentences, quantities
from .stops import line_goes_after, opening_of, stops, stops_left, stops_line
from .stories import Story, overview_count, select_stories
from .subjects import name_subjects
from .threads import ArticleNames, Names, compare, report

_COLUMN_RE = re.compile(r"^\s*(开栏语|编者按|短评|评论员|本报评论员|编后)[：:]?")
_OPENS_RE = re.compile(r"(开设|开辟|推出).{0,30}(专栏|栏目|系列报道)")


@dataclass(frozen=True)
class Length:
    """How long a briefing is: main stories per week, key sentences per main story (and for the week's lead story,
    which an editor gives more room), characters of a lede and of a key sentence, and whether 简讯 entries carry a
    line under their headline."""

    name: str
    per_week: int
    keys: int
    lead_keys: int
    lede_chars: int
    key_chars: int
    short_line: bool


LENGTHS = {"full": Length("full", 12, 3, 4, 90, 80, True), "short": Length("short", 5, 1, 1, 50, 60, False)}


def main_count(days: int, length: Length, max_items: int | None = None) -> int:
    """How many main stories a briefing of `days` days carries: `length.per_week` a week (at most 40), or
    max_items when given."""
    if max_items is not None:
        return max(0, max_items)
    return min(40, length.per_week * max(1, math.ceil(days / 7)))


COMMENTARY_WORDS = 12  # the characters a made-up commentary headline shows at least, its label aside (see shown_headline)


def is_commentary(article: Article) -> bool:
    """Commentary, a signed comment or a column introduction (开栏语, 编者按, 短评): listed under 评论."""
    return article.kind == "commentary" or bool(_COLUMN_RE.match(article.body))


def shown_headline(article: Article) -> str:
    """The headline a briefing shows: as printed, or for a commentary whose headline was made from its text, its
    label and its first clauses until they hold COMMENTARY_WORDS characters besides the label (短评：春秋战国时期，
    魏国曾一度依靠人才率先崛起……: a short clause of time or place alone, 春秋战国时期, names no topic); "" for other
    made-up headlines."""
    if not article.title_inferred:
        return article.title
    if is_commentary(article):
        clauses = re.findall(r"[^，。；！？]+[，。；！？]?", article.title)
        first = ""
        for clause in clauses:
            first += clause
            if len(re.sub(r"^[^：:]{1,6}[：:]", "", first)) >= COMMENTARY_WORDS:  # the label (短评：) aside
                break
        first = first.rstrip("，。；！？")
        return first + ("……" if len(first) < len(article.title.rstrip("，。；！？")) else "")
    return ""


def short_headline(article: Article, lede: str, tagger: Tagger) -> str:
    """A short headline for the overview: the part of a multi-part headline that says the news (the one most like
    the lede), or the lede's main clause when the headline was made up."""
    if article.title_inferred or not article.title.strip():
        return pointer(lede, 30, tagger) if lede else article.title
    parts = [p for p in re.split(r"\s+", article.title.strip()) if p]
    lede_grams = char_ngrams(lede)
    return max(parts, key=lambda p: (overlap(char_ngrams(p), lede_grams) * min(len(p), 12), len(p)))


def list_line(article: Article) -> str:
    """A list (award winners, results) as one line: "“金牛奖”获奖名单：区住建局、区交投集团；…。"."""
    line = list_text(article.body)
    return line + "。" if line else ""


def _cut_keeping(sentence: str, max_chars: int, tagger: Tagger) -> str:
    """A sound cut of the sentence that keeps its figures (the whole sentence when every cut loses one). A long
    sentence that goes on to what a meeting decided keeps that with its subject ("会议传达学习A，研究B。" ->
    "会议研究B。"): a trailing cut would keep the boilerplate and drop the news."""
    focused = focus_cut(sentence, DECISION_RE, max_chars, tagger) if len(sentence) > max_chars else None
    cut = focused or shorten(sentence, max_chars, tagger)
    return cut if all(q in cut for q in quantities(sentence)) else sentence


DECISION_ROOM = 2.5  # key sentences' room that a meeting's list of decisions may take in a full briefing


def decision_room(article: Article, sentence: str, length: Length) -> int:
    """The characters a key sentence may keep: key_chars, or in a full briefing DECISION_ROOM times that for the
    sentence listing what a meeting took up (会议研究A、B、C…): what a meeting decided is its news (BRIEFING.md),
    and a list cut to its first items (…A、B等) drops the rest of it."""
    meeting = any(end in article.title for end in MEETING_ENDS)
    listing = length.name == "full" and meeting and DECISION_RE.search(sentence)
    return int(length.key_chars * DECISION_ROOM) if listing and sentence.count("、") >= 3 else length.key_chars


def story_draft(story: Story, length: Length, tagger: Tagger, lead: bool = False) -> Draft:
    """A main story: its lede (cut to its main clause) and its key sentences (`length.lead_keys` of them for the
    week's `lead` story), citing every report of it."""
    article = story.article
    sentences = news_sentences(article)
    lede = lede_index(sentences, article.title)
    cuts: dict[int, str] = {}

    def short_enough(i: int) -> bool:  # a key sentence no sound cut brings near its room is left out
        room = decision_room(article, sentences[i], length)
        cuts[i] = cuts.get(i) or _cut_keeping(sentences[i], room, tagger)
        return len(cuts[i]) <= room * 1.4

    k = length.lead_keys if lead else length.keys
    keys = key_sentences(sentences, lede, article.title, k, usable=short_enough) if lede is not None else []
    parts = {lede: shorten(sentences[lede], length.lede_chars, tagger)} if lede is not None else {}
    # a key sentence that leans on the one before names its subject (他 -> 〔张文〕), as an editor's digest does
    parts |= name_subjects({i: cuts[i] for i in keys}, sentences, lede, tagger)
    lede_text = sentences[lede] if lede is not None else ""
    # the news first: the lede, the stops of a visit or the winners of an award (those the key sentences do not
    # print already: a name an editor supplies does not count), then the key sentences as the article has them (a feature's nut graf may come after a key sentence in the article)
    said = [cuts[i] for i in keys]
    every = stops(article, tagger) if lede is not None else []
    line = stops_line(article, lede_text, tagger, said, every) if lede is not None else ""
    left = stops_left(every, lede_text, said)
    if line and len(left) == 1:
        # one stop left (a visit's: an award's winners are listed two or more together): its paragraph's opening
        # says what was done there ("在杜泽公路服务站，王慧杰现场检查低温雨雪冰冻天气道路交通安全保障工作"), where a line
        # would only name it
        opening = opening_of(article, left[0], tagger)
        line = _cut_keeping(opening, length.key_chars, tagger) if opening and opening not in said else line
    ordered = [parts[i] for i in sorted(parts, key=lambda i: (i != lede, i))]
    later = line_goes_after(line, every, said)  # the stops in the article's order
    text = "".join(ordered[:1] + ([] if later else [line]) + ordered[1:] + ([line] if later else []))
    required = ((line,) if line else ()) + tuple(parts[i] for i in keys)
    return Draft(text, story.cited, fallback=text, kind="story", headline=shown_headline(article),
                 required=required, pointer=short_headline(article, lede_text, tagger))


def short_draft(story: Story, length: Length, tagger: Tagger) -> Draft:
    """A 简讯 entry: headline and one line (headline only in a short briefing, unless it has none)."""
    article = story.article
    headline = shown_headline(article)
    line = ""
    if length.short_line or not headline:
        line = list_line(article) if article.kind == "list" else ""
        if not line and story.lead:
            line = _cut_keeping(story.lead[0], length.key_chars, tagger)
    if not line and not headline:
        headline = article.title  # made from the text by the parser, but all there is
    return Draft(line, story.cited, fallback=line, kind="short", headline=headline,
                 pointer=headline or pointer(line, 30, tagger))


def commentary_draft(story: Story, length: Length, tagger: Tagger) -> Draft:
    """A 评论 entry: title and author; an unsigned column introduction also says in one line what it opens."""
    article = story.article
    label = _COLUMN_RE.match(article.body)
    headline = shown_headline(article)
    if label and label.group(1) not in headline:
        headline = f"{label.group(1)}：{headline}"
    line = ""
    if not article.author:  # an unsigned note: the sentence that says what it opens (本报开设…专栏), else its first
        sentences = [_COLUMN_RE.sub("", s) for s in news_sentences(article)]
        pick = next((s for s in sentences if _OPENS_RE.search(s)), sentences[0] if sentences else "")
        line = shorten(pick, length.key_chars // 2, tagger) if pick else ""
    return Draft(line, story.cited, fallback=line, kind="commentary", headline=headline,
                 author=article.signature, pointer=headline)



@dataclass
class Plan:
    """The drafts of a briefing: sections in reading order, the overview's targets, and 与上周相比."""

    sections: list[tuple[str, list[Draft]]]
    overview: list[Draft]
    changes: list[ChangeDraft]
    main: list[tuple[Story, Draft]]  # the main stories with their drafts (the LLM engine rewrites these)


def plan_brief(articles: Sequence[Article], date_from: dt.date, date_to: dt.date, tagger: Tagger, names: Names,
               previous: Sequence[Article] = (), length: Length = LENGTHS["full"], max_items: int | None = None,
               progress: Progress | None = None, entity_names: ArticleNames | None = None) -> Plan:
    """Plan a briefing of `articles` (the period's), compared with `previous` (the period before); entity_names:
    what the entity index names in an article, for 与上周相比 (None: the proper nouns `names` finds). Page
    furniture kept as articles (a countdown box) is no news: left out of both periods."""
    articles = [a for a in articles if not a.furniture]
    previous = [a for a in previous if not a.furniture]
    stories = select_stories(articles, progress)
    commentary = [s for s in stories if is_commentary(s.article)]
    news = [s for s in stories if s.article.kind == "news" and s.lead and not is_commentary(s.article)]
    main = news[:main_count((date_to - date_from).days + 1, length, max_items)]
    placed = {id(s) for s in main + commentary}
    shorts = sorted((s for s in stories if id(s) not in placed), key=lambda s: (s.article.date, s.article.position))
    drafts = [(s, story_draft(s, length, tagger, lead=i == 0)) for i, s in enumerate(main)]
    labels = [sec.section_of(s.article.title, "".join(s.lead)) for s in main]
    ledes = [s.lead[0] if s.lead else "" for s in main]
    sections = [(name, [drafts[i][1] for i in members]) for name, members in sec.group(labels, ledes)]
    short_drafts = [(s, short_draft(s, length, tagger)) for s in shorts]
    if short_drafts:
        sections.append((sec.SHORTS, [d for _, d in short_drafts]))
    if commentary:
        ordered = sorted(commentary, key=lambda s: (s.article.date, s.article.position))
        sections.append((sec.COMMENTARY, [commentary_draft(s, length, tagger) for s in ordered]))
    overview = [d for _, d in drafts[: overview_count(len(drafts))]]
    changes: list[ChangeDraft] = []
    if previous:
        compared = drafts + short_drafts
        of = entity_names or (lambda a: None)  # no entity index: the proper nouns `names` finds
        old = [report(a, "".join(lead_sentences(a)), names, of(a)) for a in previous if not is_commentary(a)]
        now = [report(s.article, "".join(s.lead), names, of(s.article)) for s, _ in compared]
        changes = [ChangeDraft(d, t) for (_, d), t in zip(compared, compare(now, old))]
    return Plan(sections, overview, changes, drafts)
