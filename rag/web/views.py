"""Pure HTML of the chat and the briefing: answers with citation pop-ups and source cards, the full article of a
source (its names linked), briefings.

Everything that comes from the archive or a model passes through `esc` before it reaches the page, so article text
such as `<img src=x onerror=alert(1)>` is shown, never run. Links to an article or to a name's page are made by
rag.web.links. No gradio here, so this module is tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..cite.citations import LINE_PREFIX_RE, MARKER_RE, REFUSAL_PREFIX, UNSURE_NOTE
from ..models import Answer, Article, Brief, Citation, credit_label
from .links import decorate, entity_link, esc, link_names, name_spans, read_link
from .messages import zh_error


@dataclass(frozen=True)
class Source:
    """What a citation card shows beyond the Citation: the paragraph holding the quote, the issue number and page
    of its article (None where unknown)."""

    paragraph: str
    issue_number: str | None = None
    page: int | None = None


def paragraph_of(quote: str, chunk: str, body: str | None = None) -> str:
    """The paragraph of `body` (or, failing that, of `chunk`) that holds `quote`; the chunk when none does."""
    for text in (body, chunk):
        if not text or not quote:
            continue
        for para in text.split("\n"):
            if quote in para:
                return para.strip()
        if quote in text:  # the quote spans a paragraph break: show the whole text around it
            return text.strip()
    return chunk


def highlight(paragraph: str, quote: str) -> str:
    """Escaped paragraph with the first occurrence of `quote` wrapped in <mark>."""
    at = paragraph.find(quote) if quote else -1
    if at < 0:
        return esc(paragraph)
    end = at + len(quote)
    return f"{esc(paragraph[:at])}<mark>{esc(quote)}</mark>{esc(paragraph[end:])}"


def issue_text(date: dt.date | str | None, issue_number: str | None = None, page: int | None = None) -> str:
    """"2025-05-20 · 第3854期 · 第2版" (the parts that are known), plain text."""
    day = date.isoformat() if isinstance(date, dt.date) else (date or "")
    parts = [day] if day else []
    if issue_number:
        parts.append(f"第{issue_number}期")
    if page:
        parts.append(f"第{page}版")
    return " · ".join(parts)


def _meta(c: Citation, source: Source | None) -> str:
    """Escaped "date · 第N期 · 第N版 · 记者 a、b" line of a citation (摄影 a、b for a picture)."""
    line = issue_text(c.date, source.issue_number if source else None, source.page if source else None)
    if c.reporters:
        line += " · " + c.credit
    return esc(line)


def _marker(c: Citation, source: Source | None, said: str = "") -> str:
    # A focusable span: the pop-up shows on hover and while the marker has focus (click/tap); static/app.js keeps
    # it inside the viewport. It shows the passage of the sentence the marker ends (`said`, when the cited text
    # holds it word for word), else the citation's quote: two sentences of one article marked [1] show each its own.
    quote = said if said and (said in c.chunk or (source is not None and said in source.paragraph)) else c.quote
    if source is not None and quote in source.paragraph:
        paragraph = source.paragraph
    else:
        paragraph = paragraph_of(quote, c.chunk)
    return (
        f'<span class="rag-cite" tabindex="0" role="button">[{c.n}]'
        f'<span class="rag-pop" role="tooltip"><span class="rag-pop-t">{esc(c.title)}</span>'
        f'<span class="rag-meta">{_meta(c, source)}</span>'
        f'<span class="rag-para">{highlight(paragraph, quote)}</span>'
        f'<a class="rag-open" href="{read_link(c.article_id, quote)}">阅读全文</a></span></span>'
    )


def _cited_sentence(text: str) -> str:
    """The sentence a marker ends, as the answer quotes it: the text since the last marker or line, without the
    line's report or date prefix."""
    return LINE_PREFIX_RE.sub("", text.rsplit("\n", 1)[-1].strip())


def source_cards(citations: Sequence[Citation], sources: Mapping[int, Source], heading: str = "来源") -> str:
    """A card per cited article: [n], headline, date · 第N期 · 版 · reporters; a click opens the article."""
    cards = [
        f'<a class="rag-card" href="{read_link(c.article_id, c.quote)}">'
        f'<span class="rag-card-n">[{c.n}]</span><span class="rag-card-t">{esc(c.title)}</span>'
        f'<span class="rag-card-m">{_meta(c, sources.get(c.n))}</span></a>'
        for c in citations
    ]
    if not cards:
        return ""
    return f'<div class="rag-cards"><div class="rag-cards-h">{esc(heading)}</div>{"".join(cards)}</div>'


def marked_text(text: str, citations: Mapping[int, Citation], sources: Mapping[int, Source],
                names: Mapping[str, str] | None = None) -> str:
    """Escaped text in which every known [n] marker becomes a citation pop-up (unknown markers stay plain text)
    and the first occurrence of each of `names` (name -> kind) links to its page."""
    out, pos, done = [], 0, set()
    for m in MARKER_RE.finditer(text):
        out.append(link_names(text[pos:m.start()], names, done))
        c = citations.get(int(m.group(1)))
        out.append(_marker(c, sources.get(c.n), _cited_sentence(text[pos:m.start()])) if c else esc(m.group(0)))
        pos = m.end()
    out.append(link_names(text[pos:], names, done))
    return "".join(out).replace("\n", "<br>")


_LISTED_RE = re.compile(r"《[^》]+》（[^）]+）(\[\d+\])+")  # a related report as the engine lists it: title, date, marker


def render_answer(answer: Answer, sources: Mapping[int, Source] | None = None,
                  names: Mapping[str, str] | None = None) -> str:
    """One finished answer: its text with citation pop-ups, the names of its cited articles (name -> kind) linked
    to their pages, and a card per source. A refusal is a grey box; when the engine lists related reports with it,
    its first line (what was not found) comes with their cards under 相关报道 (the cards replace the engine's own
    list of them), and any line quoting what a report says stays."""
    sources = sources or {}
    by_n = {c.n: c for c in answer.citations}
    if answer.refused:
        text = answer.answer or REFUSAL_PREFIX + "相关报道。"
        if answer.citations:  # the cards list the reports; a line quoting what a report says (the newest plan
            # where a deed is asked: 最近的报道：《…》：预计5月底竣工[1]) stays
            first, *rest = text.split("\n")
            quoted = [line for line in rest if line.strip() and not _LISTED_RE.fullmatch(line.strip())]
            text = "\n".join([first.removesuffix("相关报道：").removesuffix("相关报道:"), *quoted])
        cards = source_cards(answer.citations, sources, "相关报道")
        return (f'<div class="rag-answer rag-refused"><div class="rag-text">{marked_text(text, by_n, sources)}'
                f"</div>{cards}</div>")
    unsure = f'<div class="rag-unsure">{UNSURE_NOTE}</div>' if answer.unsure else ""
    return (f'<div class="rag-answer">{unsure}<div class="rag-text">{marked_text(answer.answer, by_n, sources, names)}'
            f"</div>{source_cards(answer.citations, sources)}</div>")


def render_partial(text: str) -> str:
    """An answer still streaming: plain escaped text and a cursor."""
    body = esc(text).replace("\n", "<br>") or '<span class="rag-muted">正在查找档案…</span>'
    cursor = '<span class="rag-cursor">▍</span>'
    return f'<div class="rag-answer rag-streaming"><div class="rag-text">{body}{cursor}</div></div>'


def render_error(message: str) -> str:
    """A turn that could not be answered (the message is already Chinese for staff)."""
    return f'<div class="rag-answer rag-error">{esc(message)}</div>'


# --- the full article -------------------------------------------------------------------------------------

def render_article(article: Article, quote: str = "", names: Mapping[str, str] | None = None) -> str:
    """The whole article for the side panel: headline, issue, reporters, every paragraph; the cited passage is
    marked (id rag-hit, where the panel scrolls to), also when it runs across a paragraph break. The first
    occurrence of each of `names` (name -> kind: its people, places, organisations) links to its page."""
    names = names or {}
    body = article.body
    at = body.find(quote) if quote else -1
    span = (at, at + len(quote)) if at >= 0 else None
    paras, offset, done = [], 0, set()
    for line in body.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        mark = None
        if span and span[0] < end and span[1] > start:
            mark = (max(span[0], start) - start, min(span[1], end) - start)
        text = decorate(line, name_spans(line, names, done), names, mark, mark_id=bool(mark) and span[0] >= start)
        paras.append(f"<p>{text}</p>")

    def who(label: str, people: Sequence[str]) -> str:
        linked = (f'<a class="rag-name" href="{entity_link(p, "person")}">{esc(p)}</a>' if p in names else esc(p)
                  for p in people)
        return esc(label) + "、".join(linked)

    meta = [esc(issue_text(article.date, article.issue_number, article.page))]
    if article.reporters:
        meta.append(who(credit_label(article.kind) + " ", article.reporters))
    if article.correspondents:
        meta.append(who("通讯员 ", article.correspondents))
    if article.author:
        meta.append(who("", [article.author]))
    missing = "" if span or not quote else '<div class="rag-muted">（引用的原句在全文中没有逐字找到。）</div>'
    return (f'<div class="rag-article"><h3>{esc(article.title)}</h3><div class="rag-article-m">{" · ".join(meta)}'
            f'</div>{missing}<div class="rag-article-b">{"".join(paras)}</div></div>')


# --- briefing ---------------------------------------------------------------------------------------------

def _runs(runs, by_n: Mapping[int, Citation], sources: Mapping[int, Source]) -> str:
    """A line of rag.brief.render's layout as HTML: bold headlines, plain text, markers as citation pop-ups."""
    out = []
    for r in runs:
        if r.style == "marker":
            out.append(marked_text(r.text, by_n, sources))
        elif r.style == "bold":
            out.append(f"<b>{esc(r.text)}</b>")
        else:
            out.append(esc(r.text))
    return "".join(out)


def render_brief(brief: Brief, sources: Mapping[int, Source] | None = None) -> str:
    """Briefing preview: the one layout of rag.brief.render.blocks (title, 导读, sections of numbered items, 简讯,
    评论, 与上周相比), so that it cannot drift from the downloads; the sources as cards (issue, not file)."""
    from ..brief.render import SOURCES, blocks

    sources = sources or {}
    by_n = {c.n: c for c in brief.citations}
    parts = ['<div class="rag-brief">']
    open_list = ""
    for block in blocks(brief):
        kind = {"item": "ol", "entry": "ul"}.get(block.kind, "")
        if open_list and kind != open_list:
            parts.append(f"</{open_list}>")
            open_list = ""
        if block.kind == "source" or (block.kind == "heading" and block.text == SOURCES):
            continue  # the cards below say where each passage comes from
        if kind and not open_list:
            parts.append(f"<{kind}>")
            open_list = kind
        line = _runs(block.runs, by_n, sources)
        if block.kind == "title":
            parts.append(f"<h2>{line}</h2><div class=\"rag-muted\">{brief.date_from} 至 {brief.date_to}</div>")
        elif block.kind == "heading":
            parts.append(f"<h3>{line}</h3>")
        elif block.kind == "item":
            parts.append(f'<li value="{block.number}">{line}</li>')
        elif block.kind == "entry":
            parts.append(f"<li>{line}</li>")
        else:
            parts.append(f'<p class="rag-note">{line}</p>')
    if open_list:
        parts.append(f"</{open_list}>")
    if not brief.items():
        parts.append(f'<div class="rag-refused">{REFUSAL_PREFIX}这段时间的报道。</div>')
    parts.append(source_cards(brief.citations, sources))
    parts.append("</div>")
    return "".join(parts)


def render_failure(error: BaseException) -> str:
    """An error as a notice in Chinese (rag.web.messages.zh_error; anything unexpected is logged in full)."""
    return render_notice([zh_error(error)], "error")


def render_notice(lines: Iterable[str], kind: str = "info") -> str:
    """A box of escaped lines; kind is info | warn | error."""
    body = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return f'<div class="rag-notice rag-{esc(kind)}">{body}</div>'
