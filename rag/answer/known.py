"""What the archive's indexes already know about a question, before any search: the entity index's dated facts
(who holds a post, who someone is, how their post changed, where they went, what happened at a place), the
catalog's commentary pieces and an issue's articles; and the question with a person's name typed as an
input-method homophone written as the archive prints it.

rag.answer.ask calls a KnownFacts once per question (spellings) and once per reading (the facts); the answer is then
made of these facts (rag.answer.entity_answer) instead of a search, when they answer the question.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..cite.verify import COMMON_SURNAMES
from ..models import EntityFacts, Hit, Mention
from ..text import sound
from .entity_answer import MAX_FACTS
from .entity_question import (
    candidates,
    commentary_asked,
    issue_asked,
    misspelt_names,
    pieces_named,
    read,
)

if TYPE_CHECKING:
    from ..index.archive import Archive
    from ..index.entities.query import EntityQueries

log = logging.getLogger(__name__)


class KnownFacts:
    """The archive's catalog and entity index, asked about one question at a time."""

    def __init__(self, archive: Archive, entities: EntityQueries) -> None:
        self.archive = archive
        self.entities = entities

    def spellings(self, question: str) -> list[tuple[str, str]]:
        """(as typed, as the archive prints it) for each person's name in the question that the archive does not
        hold and that is one character off a single name it does hold (毛小荣 -> 毛晓荣)."""
        known = self.archive.entities.kinds_of(candidates(question))
        out = []
        for piece in misspelt_names(question, known, COMMON_SURNAMES):
            meant = self.archive.entities.people_one_off(piece)
            if len(meant) > 1:  # 毛小荣: of 毛晓荣 and 毛小明, the one that sounds alike
                meant = [m for m in meant if sound(m) == sound(piece)]
            if len(meant) == 1:
                log.info("name %s read as %s", piece, meant[0])
                out.append((piece, meant[0]))
        # a two-character name jieba tags as a person's (刘伟 记者; not a place, 江山): the one person of that surname
        # who sounds alike
        for piece in (w for w, flag in self.archive.tokenizer.tags(question) if flag == "nr"):
            if len(piece) == 2 and piece[0] in COMMON_SURNAMES and piece not in known \
                    and not any(piece in n for n in known) and all(piece not in p for p, _ in out):
                meant = self.archive.entities.people_sounding(piece)
                if len(meant) == 1:
                    log.info("name %s read as %s", piece, meant[0])
                    out.append((piece, meant[0]))
        return out

    def spelled(self, question: str, fixes: Sequence[tuple[str, str]] | None = None) -> str:
        """The question with each name of `spellings` (or of `fixes`, when found already) written as the archive
        prints it (毛小荣是干啥的 -> 毛晓荣是干啥的)."""
        for piece, meant in self.spellings(question) if fixes is None else fixes:
            question = question.replace(piece, meant)
        return question

    def entity_facts(self, question: str) -> EntityFacts | None:
        """The entity index's facts for a question about a person, a place or a post, each with its article, date
        and sentence; None when the question names no known person, place or post."""
        asked = read(question, self.archive.entities.kinds_of(candidates(question)))
        if asked is None:
            return None
        return self.entities.facts(question, asked.asks, asked.name, asked.kind, asked.post)

    def hits(self, mentions: Sequence[Mention]) -> list[Hit | None]:
        """The chunk of each fact to cite (None for an article no longer stored)."""
        return self.entities.hits_of(mentions)

    def __call__(self, question: str) -> EntityFacts | None:
        """The facts that answer a question: the commentary pieces for 评论是谁写的, an issue's articles for
        总第3684期, else the entity index's facts; None when none of them is about the question."""
        if commentary_asked(question):  # newest first (the answer keeps those of the dates asked, up to MAX_FACTS)
            pieces = self.archive.articles(kind="commentary")[::-1][:10 * MAX_FACTS]
            named = pieces_named(question, [a.title for a in pieces])  # 后浪拍岸那篇评论是谁写的: that one
            pieces = [pieces[i] for i in named] or pieces
            facts = tuple(Mention(a.signature, "commentary", a.id, a.title, a.date, a.source, a.title,
                                  role="author", where="title") for a in pieces)
            found = EntityFacts(question, "commentary", None, "commentary", None, facts)
            return found if facts else None
        number = issue_asked(question)
        issue = next((i for i in self.archive.issues() if i["issue_number"] == number), None) if number else None
        if issue is not None:
            facts = tuple(Mention(f"总第{number}期", "issue", a.id, a.title, a.date, a.source, a.title, where="title")
                          for a in self.archive.articles(source=issue["source"]) if not a.furniture)
            return EntityFacts(question, "issue", f"总第{number}期", "issue", None, facts)
        found = self.entity_facts(question)
        return found if found is not None and found.facts else None
