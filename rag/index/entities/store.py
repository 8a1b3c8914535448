"""placeholder"""
from __future__ import annotations
from dataclasses import dataclass

@dataclass(frozen=True)
class Mention:
    article_id: str
    name: str
    kind: str
    post: str | None
    role: str | None
    how: str
    field: str
    start: int
    end: int
    sent_start: int
    sent_end: int

    @property
    def text(self):
        return self.name
