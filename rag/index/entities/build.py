"""Filling the entity index: the mentions of an ingest's articles (with what the archive and the batch have
learned), the stored articles that must be read again when a name is newly learned, and a whole re-extraction
when the extractor changed. Rows go through the catalog (Catalog.put_mentions / delete_mentions), so they are
written in the catalog's transaction; the caller commits."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from ...models import Article
from ..catalog import Catalog
from .article import extract_article
from .extract import Lexicon
from .lexicon import learn
from .store import VERSION, StoredMention

log = logging.getLogger(__name__)

META_KEY = "entities_version"


def extract_batch(articles: Sequence[Article], lexicon: Lexicon) -> tuple[dict[str, list[StoredMention]], Lexicon]:
    """Mentions of each article, and the lexicon the batch taught. A first reading learns the names the batch
    anchors (a post here lets a bare name count there); a second uses them."""
    t0 = time.perf_counter()
    first = {a.id: extract_article(a, lexicon) for a in articles}
    taught = learn(m for ms in first.values() for m in ms)
    full = lexicon | taught
    if full != lexicon:
        first = {a.id: extract_article(a, full) for a in articles}
    log.info("entities: %d articles, %d mentions in %.2fs", len(articles), sum(map(len, first.values())),
             time.perf_counter() - t0)
    return first, full


def rows(mentions: Sequence[StoredMention], article: Article) -> list[tuple]:
    return [m.row(article.date) for m in mentions]


def reextract(catalog: Catalog, articles: Sequence[Article], lexicon: Lexicon) -> int:
    """Replace the stored mentions of ``articles`` with a new reading (not committed); the rows written."""
    catalog.delete_mentions([a.id for a in articles])
    written = 0
    for article in articles:
        found = rows(extract_article(article, lexicon), article)
        catalog.put_mentions(found)
        written += len(found)
    return written


def refresh(catalog: Catalog, lexicon: Lexicon, new_names: set[str], skip: set[str]) -> int:
    """Read again the stored articles (not in ``skip``) whose title or body holds a newly learned person or
    body, so a name learned today counts in last year's issues too (not committed). The articles read."""
    if not new_names:
        return 0
    ids = set()
    names = sorted(new_names)
    for i in range(0, len(names), 40):
        part = names[i:i + 40]
        cond = " OR ".join(["instr(title, ?) > 0 OR instr(body, ?) > 0"] * len(part))
        ids |= {r[0] for r in catalog.db.execute(f"SELECT id FROM articles WHERE {cond}",
                                                 [n for n in part for _ in (0, 1)])}
    ids -= skip
    if ids:
        reextract(catalog, catalog.articles(ids=sorted(ids)), lexicon)
        log.info("entities: %d stored articles read again for %d new names", len(ids), len(new_names))
    return len(ids)


def current(catalog: Catalog) -> bool:
    """True when the stored mentions were made by this extractor version (or there is nothing to extract)."""
    return catalog.get_meta(META_KEY) == VERSION


def rebuild(catalog: Catalog, base: Lexicon) -> int:
    """Extract every stored article again (an archive from before the entity index, or of an older extractor)
    and commit; the articles read."""
    t0 = time.perf_counter()
    articles = catalog.articles()
    if not articles:
        catalog.set_meta(META_KEY, VERSION)
        catalog.commit()
        return 0
    mentions, _ = extract_batch(articles, base)
    catalog.db.execute("DELETE FROM mentions")
    for article in articles:
        catalog.put_mentions(rows(mentions[article.id], article))
    catalog.set_meta(META_KEY, VERSION)
    catalog.commit()
    log.warning("entity index built for %d stored articles in %.1fs", len(articles), time.perf_counter() - t0)
    return len(articles)
