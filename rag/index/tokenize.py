"""Chinese word tokens for BM25 and keyword scoring (the only module that imports jieba).

Local names must stay whole ("廿里镇", not "廿里" + "镇"), so a :class:`Tokenizer` adds, on top of jieba's
dictionary: the county's place names below, a user dictionary file (``RAG_USERDICT``: one name a line, optional
frequency and POS tag as in jieba), and the names the archive learns from bylines and titles
(:meth:`Tokenizer.add_names`), which are kept in ``<home>/names.txt`` so they survive restarts.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba

from ..errors import ConfigError
from .entities.words import ADMIN_SUFFIXES, COMPOUND_SURNAMES, ORG_SUFFIXES, SURNAMES

log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict ..." to stderr at DEBUG otherwise

# Towns, townships and sub-districts of 衢江区 (public administrative names), and the district itself.
PLACES = (
    "衢江", "衢江区", "衢州", "樟潭街道", "浮石街道", "双港街道", "廿里镇", "高家镇", "莲花镇", "全旺镇",
    "大洲镇", "后溪镇", "杜泽镇", "上方镇", "峡川镇", "湖南镇", "云溪乡", "太真乡", "灰坪乡", "举村乡",
    "岭洋乡", "黄坛口乡", "周家乡", "横路办事处", "东港", "樟潭", "浮石", "双港", "廿里",
)

STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 等 也 都 就 而 并 或 又 将 把 被 对 从 向 于 以 为 由 其 之 这 那 这个 那个 "
    "一个 有 个 着 过 地 得 所 们 我 你 他 她 它 我们 你们 他们 吗 呢 吧 啊 哪 什么 怎么 如何 哪些 "
    "哪里 多少 是否 还 上 下 中 里 后 前 该 此 各 每 已 已经 要 会 能 可 可以 通过 进行 开展 "
    "关于 有关 一下 请问 请 介绍 报道".split()
)

_WORD = re.compile(r"[\w\u4e00-\u9fff]")  # a token must hold at least one letter, digit or CJK character
_NAME_FLAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,12}$")


def name_tag(name: str) -> str:
    """The POS flag a local name is tagged with: ns for a place, nt for an organisation, nr for a person's name
    (two or three characters after a surname: a byline's 王慧杰), nz for another proper noun (a headline's 项目为王).
    Without one jieba tags it x, like punctuation, and a sentence opening with 王慧杰 would read as having no
    subject."""
    if name in PLACES or name.endswith(tuple(ADMIN_SUFFIXES)):
        return "ns"
    if name.endswith(ORG_SUFFIXES):
        return "nt"
    person = len(name) <= 3 and name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES) and len(name) <= 4
    return "nr" if person else "nz"


class Tokenizer:
    """A jieba tokenizer with local names; safe to share between threads once built.

    ``home``: where learned names and jieba's dictionary cache are kept (None: names are not persisted and the
    cache goes to the system temp dir). ``userdict``: an optional user dictionary file.
    """

    def __init__(self, home: Path | None = None, userdict: Path | None = None) -> None:
        self.home = Path(home) if home else None
        self.userdict = Path(userdict) if userdict else None
        self._jieba: jieba.Tokenizer | None = None
        self._names: set[str] = set()
        self._lock = threading.Lock()
        self._pos = None  # jieba.posseg tokenizer, built on first proper_nouns()

    @property
    def names_file(self) -> Path | None:
        return self.home / "names.txt" if self.home else None

    def _ready(self) -> jieba.Tokenizer:
        """Build jieba's prefix dictionary on first use (about a second), then add every local name."""
        if self._jieba is not None:
            return self._jieba
        with self._lock:
            if self._jieba is not None:
                return self._jieba
            tok = jieba.Tokenizer()
            if self.home:
                cache = self.home / "cache"
                cache.mkdir(parents=True, exist_ok=True)
                tok.tmp_dir = str(cache)
            tok.initialize()
            for name in PLACES:
                tok.add_word(name, tag=name_tag(name))
            if self.userdict:
                if not self.userdict.is_file():
                    raise ConfigError(f"user dictionary {self.userdict} not found: fix or unset RAG_USERDICT")
                try:
                    tok.load_userdict(str(self.userdict))
                except (ValueError, UnicodeDecodeError) as e:
                    raise ConfigError(f"user dictionary {self.userdict} is not a jieba dictionary "
                                      f"(one 'name [freq] [tag]' a line, UTF-8): {e}") from e
            if self.names_file and self.names_file.is_file():
                learned = [n for n in self.names_file.read_text(encoding="utf-8").split() if n]
                for name in learned:
                    tok.add_word(name, tag=name_tag(name))
                self._names.update(learned)
            self._jieba = tok
            log.info("jieba ready: %d learned names, userdict=%s", len(self._names), self.userdict)
            return tok

    def tokenize(self, text: str) -> list[str]:
        """Search-mode words of ``text`` (whole words plus their dictionary sub-words), lower-cased, without
        punctuation, whitespace or stopwords. Order follows the text; repeats are kept (BM25 counts them)."""
        tok = self._ready()
        return [w.lower() for w in tok.cut_for_search(text) if _WORD.search(w) and w not in STOPWORDS]

    def words(self, text: str) -> list[str]:
        """Precise-mode words (no sub-words), for keyword checks such as 'does this name appear'."""
        return [w for w in self._ready().cut(text) if _WORD.search(w)]

    def tags(self, text: str) -> list[tuple[str, str]]:
        """(word, jieba POS flag) pairs of ``text`` in order, local names included (as whole words)."""
        return [(p.word, p.flag) for p in self._posseg().cut(text)]

    def _posseg(self):
        tok = self._ready()
        if self._pos is None:
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(tok)
        return self._pos

    def is_verb(self, word: str) -> bool:
        """True when the dictionary tags ``word`` as a verb (举行, 召开; not 座谈会, not 党委)."""
        pos = self._posseg()
        pos.makesure_userdict_loaded()
        return pos.word_tag_tab.get(word, "") == "v"

    def proper_nouns(self, text: str) -> list[str]:
        """Person, place and organisation names in ``text`` (jieba POS nr/ns/nt and the known local names),
        in order of appearance, without repeats."""
        found = [word for word, flag in self.tags(text)
                 if len(word) >= 2 and (flag in _NAME_FLAGS or word in self._names or word in PLACES)]
        return list(dict.fromkeys(found))

    @property
    def names(self) -> frozenset[str]:
        """The names learned so far (persisted ones included)."""
        self._ready()
        return frozenset(self._names)

    def is_word(self, word: str) -> bool:
        """True when the dictionary (jieba's, plus local names) already holds ``word`` as one word."""
        return bool(self._ready().FREQ.get(word))

    def reload_names(self) -> list[str]:
        """Add the names another process learned since this tokenizer was built (from names.txt); returns them."""
        if self._jieba is None or not self.names_file or not self.names_file.is_file():
            return []
        stored = set(self.names_file.read_text(encoding="utf-8").split())
        with self._lock:
            new = sorted(stored - self._names)
            for name in new:
                self._jieba.add_word(name, tag=name_tag(name))
            self._names.update(new)
        if new:
            log.info("loaded %d names learned elsewhere", len(new))
        return new

    def add_names(self, names: Iterable[str]) -> list[str]:
        """Teach the tokenizer person/place names (2-12 CJK characters); persist new ones. Returns the new
        ones."""
        tok = self._ready()
        new = sorted({n.strip() for n in names if n and _NAME.match(n.strip())} - self._names)
        if not new:
            return []
        with self._lock:
            for name in new:
                tok.add_word(name, tag=name_tag(name))
            self._names.update(new)
            if self.names_file:
                self.names_file.parent.mkdir(parents=True, exist_ok=True)
                with self.names_file.open("a", encoding="utf-8") as f:
                    f.write("".join(f"{n}\n" for n in new))
        log.info("learned %d names", len(new))
        return new
