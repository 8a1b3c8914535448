"""The LLM briefing engine: map (a one/two-sentence summary per story) then reduce (overview and topics).

Story selection and de-duplication are the extractive engine's (rag.brief.stories); the model only writes text.
Provenance never comes from the model: each map summary cites the articles of its story, each overview sentence
cites the stories whose [n] markers it carries (bounds-checked), and the Assembler verifies every sentence against
the articles it cites. A summary that fails verification falls back to the story's verbatim lead; a reduce reply
that cannot be parsed falls back to the extractive overview and topics.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..cite.citations import MARKER_RE, split_marked
from ..errors import NotFoundError
from ..ingest.bylines import strip_byline
from ..llm.backends import chat_text, engine_label, make_llm
from ..llm.prompts import render_messages
from ..models import Article, Brief, Progress
from ..settings import Settings
from .assemble import Assembler, ChunksOf, Draft
from .dates import no_articles
from .leads import clean_body
from .stories import Story, overview_count, select_stories, stories_for_range
from .topics import Tokenize, topic_sections

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

    from ..cite.verify import Verifier

log = logging.getLogger(__name__)

MAP_PROMPT = "brief_map"
REDUCE_PROMPT = "brief_reduce"
_MAP_CHARS = 900  # article text shown to the map step: the lead paragraphs carry the news
_TOPIC_RE = re.compile(r"^\s*[-*#]*\s*主题\s*[：:]\s*(?P<name>[^｜|]{1,12}?)\s*[｜|]\s*条目\s*[：:]\s*(?P<ids>[\d,，、\s]+)")
_SUMMARY_LABEL_RE = re.compile(r"^[-*#\s]*(摘要|概括|总结)\s*[：:]\s*")
_ECHO_RE = re.compile(r"^(标题|日期|正文|规则|你是|你只|请用)|^\d+[.、]|^</?\s*报道")
_TAG_RE = re.compile(r"</?\s*(报道|条目)[^>]*>")


def article_excerpt(article: Article, limit: int = _MAP_CHARS) -> str:
    """The article text the map step sees: byline and page furniture removed, cut to `limit` characters."""
    body = "\n".join(strip_byline(p) for p in clean_body(article.body).splitlines())
    return _TAG_RE.sub("", body)[:limit]


def clean_summary(reply: str) -> str:
    """A map reply without markers, "摘要：" labels, or echoed prompt lines (标题：/日期：/rules/<报道>), which
    small models tend to repeat."""
    lines = []
    for line in MARKER_RE.sub("", reply).splitlines():
        line = _SUMMARY_LABEL_RE.sub("", line.strip())
        if line and not _ECHO_RE.match(line):
            lines.append(line)
    return "".join(lines)


def parse_reduce(reply: str, count: int) -> tuple[list[tuple[str, tuple[int, ...]]], list[tuple[str, list[int]]]]:
    """Reduce reply -> (overview [(sentence, item numbers)], topics [(name, item numbers)]).

    Item numbers are 1-based and bounds-checked; an item claimed by two topics stays in the first.
    """
    overview: list[tuple[str, tuple[int, ...]]] = []
    topics: list[tuple[str, list[int]]] = []
    seen: set[int] = set()
    overview_lines = []
    for line in reply.splitlines():
        m = _TOPIC_RE.match(line)
        if m:
            ids = [n for n in dict.fromkeys(int(x) for x in re.findall(r"\d+", m["ids"]))
                   if 1 <= n <= count and n not in seen]
            seen.update(ids)
            name = m["name"].strip(" *#：:")
            if ids and name:
                topics.append((name, ids))
        elif not line.strip().startswith("主题"):
            overview_lines.append(re.sub(r"^\s*[-*#]*\s*概要\s*[：:]?", "", line))
    for sentence, numbers in split_marked("\n".join(overview_lines)):
        valid = tuple(n for n in numbers if 1 <= n <= count)
        if valid and MARKER_RE.sub("", sentence).strip():
            overview.append((sentence, valid))
    return overview, topics


class LLMBriefEngine:
    """Map-reduce briefing with a chat LLM; same verification and output as the extractive engine."""

    def __init__(self, settings: Settings, verifier: Verifier, tokenize: Tokenize, chunks_of: ChunksOf | None = None,
                 llm: LLM | None = None) -> None:
        """tokenize: text -> whole words (the archive tokenizer's `words`), for the fallback topics; llm: the model
        (default: the one settings.engine names, made on first use)."""
        self.settings = settings
        self.verifier = verifier
        self.tokenize = tokenize
        self.chunks_of = chunks_of
        self._llm = llm
        self.name = engine_label(settings)

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = make_llm(self.settings)
        return self._llm

    def summarize(self, story: Story) -> tuple[str, str]:
        """Map step: (one/two-sentence summary of the story's lead article, prompt ref)."""
        a = story.article
        messages, ref = render_messages(MAP_PROMPT, title=_TAG_RE.sub("", a.title), date=a.date.isoformat(),
                                        text=article_excerpt(a))
        return clean_summary(chat_text(self.llm, messages)), ref

    def organize(self, summaries: Sequence[tuple[Story, str]]) -> tuple[list, list, str]:
        """Reduce step: (overview [(sentence, item numbers)], topics [(name, item numbers)], prompt ref)."""
        items = "\n".join(f"[{n}] {_TAG_RE.sub('', s.article.title)}：{text}"
                          for n, (s, text) in enumerate(summaries, 1))
        messages, ref = render_messages(REDUCE_PROMPT, count=len(summaries), items=items)
        overview, topics = parse_reduce(chat_text(self.llm, messages), len(summaries))
        return overview, topics, ref

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None) -> Brief:
        """Articles of [date_from, date_to] -> verified Brief (LLMError when the backend fails)."""
        if not articles:
            raise no_articles(date_from, date_to)
        stories = select_stories(articles, stories_for_range((date_to - date_from).days + 1))
        if not stories:
            raise NotFoundError(f"the {len(articles)} articles between {date_from} and {date_to} have no "
                                "news text to brief")
        summaries, refs = [], set()
        for done, story in enumerate(stories, 1):
            text, ref = self.summarize(story)
            refs.add(ref)
            summaries.append((story, text or "".join(story.lead)))
            if progress:
                progress(done, len(stories), "summaries")
        overview, topics, ref = self.organize(summaries)
        refs.add(ref)
        drafts = [Draft(text, s.cited, fallback="".join(s.lead)) for s, text in summaries]
        over = [Draft(sentence, list(dict.fromkeys(a for n in ns for a in stories[n - 1].cited)),
                      fallback=stories[ns[0] - 1].lead[0])
                for sentence, ns in overview[:5]]
        if len(over) < min(3, len(stories)):  # the model gave no usable overview: the extractive one
            over = [Draft(s.lead[0], s.cited) for s in stories[: overview_count(len(stories))]]
        placed = {n for _, ns in topics for n in ns}
        sections = [(name, [drafts[n - 1] for n in ns]) for name, ns in topics]
        rest = [drafts[i] for i in range(len(stories)) if i + 1 not in placed]
        if not sections:  # unparseable grouping: the extractive topics over the mapped items
            index = {id(s): i for i, s in enumerate(stories)}
            sections = [(name, [drafts[index[id(s)]] for s in members])
                        for name, members in topic_sections(stories, self.tokenize)]
        elif rest:
            sections.append(("其他要闻", rest))
        engine = f"{self.name} ({', '.join(sorted(refs))})"
        return Assembler(self.verifier, self.chunks_of).build(date_from, date_to, over, sections, engine, progress)
