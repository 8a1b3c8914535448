"""The LLM briefing engine: the extractive plan, with each main story's text written by a chat LLM.

What the briefing holds is the plan's (rag.brief.plan): every article once, the taxonomy sections, 简讯, 评论, the
overview's pointers and 与上周相比; the model only writes the one or two sentences of each main story (the map
step, prompt `brief_map`), told which key facts (figures, officials with their post) it must state. Provenance
never comes from the model: each summary cites its story's articles, the Assembler verifies every sentence
against them, falls back to the verbatim extractive text when nothing is supported, and adds back, verbatim, any
required fact the summary left out: the same coverage rules and checks as the extractive engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..cite.citations import MARKER_RE
from ..ingest.bylines import strip_byline
from ..llm.backends import chat_text, engine_label, make_llm
from ..llm.prompts import render_messages
from ..models import Article, Brief, Progress
from ..settings import Settings
from .assemble import Assembler, ChunksOf, Draft
from .dates import no_articles
from .engine import Words, length_of, previous_range
from .leads import clean_body
from .plan import plan_brief
from .threads import ArticleNames

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

    from ..cite.verify import Verifier

log = logging.getLogger(__name__)

MAP_PROMPT = "brief_map"
_MAP_CHARS = 900  # article text shown to the map step: the lead paragraphs carry the news
_SUMMARY_LABEL_RE = re.compile(r"^[-*#\s]*(摘要|概括|总结)\s*[：:]\s*")
_ECHO_RE = re.compile(r"^(标题|日期|正文|规则|关键事实|你是|你只|请用)|^\d+[.、]|^</?\s*报道")
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


class LLMBriefEngine:
    """The plan's briefing with main stories summarised by a chat LLM; same verification and output as the
    extractive engine."""

    def __init__(self, settings: Settings, verifier: Verifier, words: Words, chunks_of: ChunksOf | None = None,
                 llm: LLM | None = None, entity_names: ArticleNames | None = None) -> None:
        """words: the archive's tokenizer (POS tags and proper nouns); llm: the model (default: the one
        settings.engine names, made on first use); entity_names: as for the extractive engine."""
        self.settings = settings
        self.verifier = verifier
        self.tagger = words.tags
        self.names = words.proper_nouns
        self.chunks_of = chunks_of
        self.entity_names = entity_names
        self._llm = llm
        self.name = engine_label(settings)

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = make_llm(self.settings)
        return self._llm

    def summarize(self, article: Article, facts: Sequence[str]) -> tuple[str, str]:
        """Map step: (one/two-sentence summary of an article that states `facts`, prompt ref)."""
        messages, ref = render_messages(MAP_PROMPT, title=_TAG_RE.sub("", article.title),
                                        date=article.date.isoformat(), text=article_excerpt(article),
                                        facts="；".join(facts) or "无")
        return clean_summary(chat_text(self.llm, messages)), ref

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None, previous: Sequence[Article] | None = None,
              length: str = "full", max_items: int | None = None) -> Brief:
        """Articles of [date_from, date_to] -> verified Brief (LLMError when the backend fails)."""
        if not articles:
            raise no_articles(date_from, date_to)
        plan = plan_brief(articles, date_from, date_to, self.tagger, self.names, previous or (),
                          length_of(length), max_items, entity_names=self.entity_names)
        refs = set()
        rewritten: dict[int, Draft] = {}
        for done, (story, draft) in enumerate(plan.main, 1):
            text, ref = self.summarize(story.article, draft.required)
            refs.add(ref)
            # the extractive text stays the fallback; what it requires must be stated either way
            rewritten[id(draft)] = dataclasses.replace(draft, text=text or draft.text)
            if progress:
                progress(done, len(plan.main), "summaries")
        sections = [(name, [rewritten.get(id(d), d) for d in drafts]) for name, drafts in plan.sections]
        overview = [rewritten.get(id(d), d) for d in plan.overview]
        changes = [dataclasses.replace(c, draft=rewritten.get(id(c.draft), c.draft)) for c in plan.changes]
        engine = f"{self.name} ({', '.join(sorted(refs))})" if refs else self.name
        return Assembler(self.verifier, self.chunks_of).build(
            date_from, date_to, sections, overview, engine, changes,
            previous_range(date_from, date_to, previous), length, progress)
