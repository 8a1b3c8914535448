"""Pure HTML rendering for the web app: answers with citation pop-ups, briefings, library tables.

Everything that comes from the archive or a model passes through `esc` before it reaches the page, so article text
such as `<img src=x onerror=alert(1)>` is shown, never run. No gradio here (rag/web/ui.py owns it), so this module
is tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence

from ..cite.citations import MARKER_RE, REFUSAL_PREFIX
from ..models import Answer, Article, Brief, BriefItem, Citation


def esc(text: object) -> str:
    """Text -> HTML-safe text: &, <, >, quotes escaped; None becomes ''."""
    return "" if text is None else html.escape(str(text), quote=True)


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


def citation_meta(c: Citation) -> str:
    """Escaped "title · date · 记者 a、b · source" line of one citation."""
    parts = [f"<b>{esc(c.title)}</b>", esc(c.date.isoformat())]
    if c.reporters:
        parts.append("记者 " + esc("、".join(c.reporters)))
    parts.append(f'<span class="rag-src">{esc(c.source)}</span>')
    return " · ".join(parts)


def _marker(c: Citation, paragraph: str) -> str:
    # A focusable span: the pop-up shows on hover and stays open while the marker has focus (click/tap), pure CSS.
    return (
        f'<span class="rag-cite" tabindex="0" data-n="{c.n}">[{c.n}]'
        f'<span class="rag-pop" role="tooltip"><span class="rag-meta">{citation_meta(c)}</span>'
        f'<span class="rag-para">{highlight(paragraph, c.quote)}</span></span></span>'
    )


def _source_list(citations: Sequence[Citation], paragraphs: Mapping[int, str]) -> str:
    items = []
    for c in citations:
        para = paragraphs.get(c.n) or paragraph_of(c.quote, c.chunk)
        items.append(
            f'<details class="rag-source" data-n="{c.n}"><summary>[{c.n}] {citation_meta(c)}</summary>'
            f'<p class="rag-para">{highlight(para, c.quote)}</p></details>'
        )
    return f'<div class="rag-sources"><div class="rag-sources-h">来源</div>{"".join(items)}</div>' if items else ""


def marked_text(text: str, citations: Mapping[int, Citation], paragraphs: Mapping[int, str]) -> str:
    """Escaped text in which every known [n] marker becomes a citation pop-up; unknown markers stay plain text."""
    out, pos = [], 0
    for m in MARKER_RE.finditer(text):
        out.append(esc(text[pos:m.start()]))
        c = citations.get(int(m.group(1)))
        out.append(_marker(c, paragraphs.get(c.n) or paragraph_of(c.quote, c.chunk)) if c else esc(m.group(0)))
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def render_answer(answer: Answer, paragraphs: Mapping[int, str] | None = None) -> str:
    """One finished answer: refusals in a grey box, else text with citation pop-ups and a list of sources."""
    paragraphs = paragraphs or {}
    if answer.refused or not answer.citations:
        return f'<div class="rag-answer rag-refused">{esc(answer.answer or REFUSAL_PREFIX + "相关报道。")}</div>'
    by_n = {c.n: c for c in answer.citations}
    body = marked_text(answer.answer, by_n, paragraphs).replace("\n", "<br>")
    return (
        f'<div class="rag-answer"><div class="rag-text">{body}</div>'
        f"{_source_list(answer.citations, paragraphs)}"
        f'<div class="rag-engine">{esc(answer.engine)}</div></div>'
    )


def render_partial(text: str) -> str:
    """An answer still streaming: plain escaped text and a cursor."""
    body = esc(text).replace("\n", "<br>") or '<span class="rag-src">正在检索档案…</span>'
    cursor = '<span class="rag-cursor">▍</span>'
    return f'<div class="rag-answer rag-streaming"><div class="rag-text">{body}{cursor}</div></div>'


def render_error(message: str) -> str:
    return f'<div class="rag-answer rag-error">{esc(message)}</div>'


def render_chat(turns: Sequence[Mapping[str, str]], empty_hint: str = "") -> str:
    """The conversation: each turn is {"question": text, "html": rendered answer (already escaped HTML)}."""
    if not turns:
        return f'<div class="rag-chat rag-chat-empty">{esc(empty_hint)}</div>'
    rows = []
    for t in turns:
        rows.append(f'<div class="rag-q">{esc(t["question"])}</div>')
        rows.append(t["html"])
    return f'<div class="rag-chat">{"".join(rows)}</div>'


# --- briefing ---------------------------------------------------------------------------------------------

def _item(item: BriefItem, by_n: Mapping[int, Citation], paragraphs: Mapping[int, str]) -> str:
    marks = "".join(_marker(by_n[n], paragraphs.get(n) or paragraph_of(by_n[n].quote, by_n[n].chunk))
                    for n in item.citations if n in by_n)
    return f"<li>{esc(item.text)}{marks}</li>"


def render_brief(brief: Brief, paragraphs: Mapping[int, str] | None = None) -> str:
    """Briefing preview: title, overview, sections of cited items, sources."""
    paragraphs = paragraphs or {}
    by_n = {c.n: c for c in brief.citations}
    parts = [f'<div class="rag-brief"><h2>{esc(brief.title)}</h2>',
             f'<div class="rag-range">{brief.date_from.isoformat()} 至 {brief.date_to.isoformat()}</div>']
    if brief.overview:
        parts.append("<h3>概览</h3><ul>" + "".join(_item(i, by_n, paragraphs) for i in brief.overview
                                                   if i.supported) + "</ul>")
    for s in brief.sections:
        items = [_item(i, by_n, paragraphs) for i in s.items if i.supported]  # unverified items are not shown
        if items:
            parts.append(f"<h3>{esc(s.topic)}</h3><ul>{''.join(items)}</ul>")
    if not brief.overview and not brief.sections:
        parts.append(f'<div class="rag-refused">{REFUSAL_PREFIX}这段时间的报道。</div>')
    parts.append(_source_list(brief.citations, paragraphs))
    parts.append("</div>")
    return "".join(parts)


# --- library ----------------------------------------------------------------------------------------------

def render_issues(issues: Iterable[Mapping]) -> str:
    """Table of ingested issues (dicts with source, date, issue_number, articles)."""
    rows = []
    for i in issues:
        date = i.get("date")
        date = date.isoformat() if isinstance(date, dt.date) else (date or "")
        rows.append(f"<tr><td>{esc(date)}</td><td>{esc(i.get('issue_number') or '')}</td>"
                    f"<td>{esc(i.get('source'))}</td><td>{esc(i.get('articles', ''))}</td></tr>")
    if not rows:
        return '<div class="rag-empty">档案为空。</div>'
    return ('<table class="rag-table"><thead><tr><th>日期</th><th>期号</th><th>文件</th><th>文章数</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def render_articles(articles: Sequence[Article], limit: int = 300) -> str:
    """Table of articles (date, title, reporters, source); at most `limit` rows, with a count line."""
    rows = [
        f"<tr><td>{a.date.isoformat()}</td><td>{esc(a.title)}</td><td>{esc('、'.join(a.reporters))}</td>"
        f"<td>{esc(a.source)}</td><td><code>{esc(a.id)}</code></td></tr>"
        for a in articles[:limit]
    ]
    more = f"，显示前 {limit} 篇" if len(articles) > limit else ""
    head = f'<div class="rag-count">共 {len(articles)} 篇文章{more}</div>'
    if not rows:
        return head
    return (head + '<table class="rag-table"><thead><tr><th>日期</th><th>标题</th><th>记者</th><th>文件</th>'
            f'<th>编号</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


STATUS_ZH = {"added": "已导入", "replaced": "已替换旧版本", "unchanged": "内容未变，跳过", "failed": "导入失败"}


def render_ingest_report(report) -> str:
    """An IngestReport (files with source, status, articles, chunks, error) as one notice; warn when any failed."""
    lines = []
    for f in report.files:
        line = f"{f.source}：{STATUS_ZH.get(f.status, f.status)}"
        if f.status in ("added", "replaced"):
            line += f"，{f.articles} 篇文章，{f.chunks} 个片段"
        if f.error:
            line += f"。{f.error}"
        lines.append(line)
    failed = any(f.status == "failed" for f in report.files)
    return render_notice(lines or ["没有找到可导入的文件。"], "warn" if failed or not lines else "info")


def render_notice(lines: Sequence[str], kind: str = "info") -> str:
    """A box of escaped lines; kind is info | warn."""
    body = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return f'<div class="rag-notice rag-{esc(kind)}">{body}</div>'


CSS = """
.rag-chat { display: flex; flex-direction: column; gap: 10px; min-height: 160px; }
.rag-chat-empty { color: var(--body-text-color-subdued); padding: 24px; text-align: center; }
.rag-q { align-self: flex-end; max-width: 80%; background: var(--color-accent-soft); padding: 8px 12px;
  border-radius: 12px; white-space: pre-wrap; }
.rag-answer { align-self: flex-start; max-width: 92%; background: var(--background-fill-secondary);
  border: 1px solid var(--border-color-primary); padding: 10px 14px; border-radius: 12px; line-height: 1.7; }
.rag-refused { background: #eeeeee; color: #555; border: 1px dashed #aaa; padding: 10px 14px; border-radius: 12px; }
.rag-error { background: #fdecea; color: #8a1c1c; border-color: #f5c2c0; }
.rag-cursor { animation: rag-blink 1s step-start infinite; }
@keyframes rag-blink { 50% { opacity: 0; } }
.rag-cite { position: relative; color: var(--color-accent); font-weight: 600; cursor: pointer; font-size: 0.85em;
  vertical-align: super; padding: 0 1px; }
.rag-pop { display: none; position: absolute; z-index: 50; left: 0; top: 1.4em; width: 26em; max-width: 80vw;
  background: var(--background-fill-primary); color: var(--body-text-color);
  border: 1px solid var(--border-color-primary);
  box-shadow: 0 4px 16px rgba(0,0,0,.18); border-radius: 8px; padding: 8px 10px; font-weight: normal;
  font-size: 13px; line-height: 1.6; vertical-align: baseline; }
.rag-cite:hover .rag-pop, .rag-cite:focus .rag-pop, .rag-cite:focus-within .rag-pop { display: block; }
.rag-meta, .rag-para { display: block; }
.rag-para { margin-top: 4px; }
mark { background: #ffe58a; color: inherit; padding: 0 1px; }
.rag-src, .rag-engine, .rag-range, .rag-count { color: var(--body-text-color-subdued); font-size: 12px; }
.rag-sources { margin-top: 8px; border-top: 1px solid var(--border-color-primary); padding-top: 6px; font-size: 13px; }
.rag-sources-h { font-weight: 600; }
.rag-source summary { cursor: pointer; }
.rag-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.rag-table th, .rag-table td { border-bottom: 1px solid var(--border-color-primary); padding: 4px 6px;
  text-align: left; }
.rag-notice { padding: 10px 14px; border-radius: 8px; background: var(--color-accent-soft); }
.rag-warn { background: #fff4e5; }
.rag-brief h2 { margin: 4px 0; } .rag-brief h3 { margin: 12px 0 4px; }
"""
