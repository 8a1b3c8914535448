"""Pure HTML of the 人物·地点 tab and of what the side panel adds to an article: a name's page (its timeline, a
person's posts over time, the places they went to, the articles they wrote; what happened at a place), lists of
names, the holders of a post, an article's names and story thread (前情 / 后续), and coverage balance.

Every line that states a fact cites its article: issue date, 第N期 (and 版 where known) and the headline, which
opens the article in the side panel at the sentence. Names link to their own pages (links.entity_link). Archive
text passes through `esc`. No gradio here, so this module is tested without a browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..models import Article, Coverage, CoverageRow, EntityName, EntityProfile, Mention, StoryThread
from .links import entity_link, esc, read_link
from .views import issue_text

KIND_ZH = {"person": "人物", "place": "地点", "org": "机构", "project": "项目", "meeting": "会议"}
TIMELINE_SHOWN = 200  # a name in thousands of articles shows its latest ones (with the count of all)


def name_chip(name: str, kind: str = "", note: str = "") -> str:
    """A name as a chip that opens its page; `note` (e.g. "9篇") in smaller type after it."""
    extra = f'<span class="rag-chip-n">{esc(note)}</span>' if note else ""
    return f'<a class="rag-chip" href="{entity_link(name, kind)}">{esc(name)}{extra}</a>'


def cite(m: Mention, article: Article | None, quote: bool = True) -> str:
    """"2025-05-20 · 第3854期 《headline》": the headline opens the article at the mention's sentence."""
    issue = issue_text(m.date, article.issue_number if article else None, article.page if article else None)
    at = m.sentence if quote and m.where == "body" else ""
    return (f'<span class="rag-when">{esc(issue)}</span> '
            f'<a class="rag-headline" href="{read_link(m.article_id, at)}">《{esc(m.title)}》</a>')


def said(sentence: str, name: str) -> str:
    """The sentence naming `name`, escaped, the name in bold."""
    if not name:
        return esc(sentence)
    return f"<b>{esc(name)}</b>".join(esc(part) for part in sentence.split(name))


def _item(m: Mention, articles: Mapping[str, Article], name: str) -> str:
    sentence = "" if m.where != "body" else f'<div class="rag-said">{said(m.sentence, name)}</div>'
    line = cite(m, articles.get(m.article_id))
    return f'<li class="rag-event"><div class="rag-cite-line">{line}</div>{sentence}</li>'


def _span(first: dt.date, last: dt.date) -> str:
    return f"{first}" if first == last else f"{first} 至 {last}"


def _posts(p: EntityProfile, articles: Mapping[str, Article]) -> str:
    if not p.posts:
        return ""
    summary = " → ".join(f"{s.post}（{_span(s.first.date, s.last.date)}）" for s in p.posts)
    steps = []
    for s in p.posts:
        seen = f'<div class="rag-cite-line">首见 {cite(s.first, articles.get(s.first.article_id))}</div>'
        if s.last.article_id != s.first.article_id:
            seen += f'<div class="rag-cite-line">最近 {cite(s.last, articles.get(s.last.article_id))}</div>'
        steps.append(f'<li class="rag-post"><div class="rag-post-t">{esc(s.post)}</div>{seen}</li>')
    return (f'<h4>职务变化</h4><div class="rag-posts-line">{esc(summary)}</div>'
            f'<ol class="rag-posts">{"".join(steps)}</ol>')


def _places(p: EntityProfile, articles: Mapping[str, Article]) -> str:
    if not p.places:
        return ""
    rows = "".join(f'<li class="rag-event">{name_chip(m.name, m.kind)} '
                   f'<span class="rag-cite-line">{cite(m, articles.get(m.article_id))}</span></li>'
                   for m in p.places)
    return f'<h4>到过的地方（{len(p.places)}处）</h4><ul class="rag-events">{rows}</ul>'


def _bylines(p: EntityProfile, articles: Mapping[str, Article]) -> str:
    if not p.bylines:
        return ""
    shown = p.bylines[-TIMELINE_SHOWN:]
    rows = "".join(f'<li class="rag-event">{cite(m, articles.get(m.article_id), quote=False)}</li>' for m in shown)
    more = f"，列出最近 {len(shown)} 篇" if len(shown) < len(p.bylines) else ""
    return f'<h4>署名报道（{len(p.bylines)}篇{more}）</h4><ul class="rag-events">{rows}</ul>'


def shown_mentions(p: EntityProfile) -> list[Mention]:
    """The mentions render_profile cites (the articles whose issue numbers it needs)."""
    posts = [m for s in p.posts for m in (s.first, s.last)]
    return [*p.timeline[-TIMELINE_SHOWN:], *posts, *p.places, *p.bylines[-TIMELINE_SHOWN:]]


def render_profile(p: EntityProfile, articles: Mapping[str, Article], also: Sequence[EntityName] = ()) -> str:
    """A name's page: who or what it is and when it was reported; for a person the posts over time (each post
    with its first and latest report), the timeline (each article by date with the sentence naming them), the
    places they went to and the articles they wrote; for a place what happened there. `articles`: article id ->
    Article for 第N期 and 版; `also`: other names that contain the one asked for, as chips."""
    dates = [m.date for m in (*p.timeline, *p.bylines)]
    counts = [f"{len(p.timeline)}篇报道提到" if p.timeline else "", f"署名报道{len(p.bylines)}篇" if p.bylines else ""]
    counts.append(_span(min(dates), max(dates)) if dates else "")
    kind = KIND_ZH.get(p.kind, p.kind)
    head = [f'<div class="rag-entity-h"><h3>{esc(p.name)}</h3><span class="rag-kind">{esc(kind)}</span></div>',
            f'<div class="rag-muted">{esc("，".join(c for c in counts if c))}</div>']
    if p.posts:
        latest = max(p.posts, key=lambda s: (s.last.date, s.first.date))
        later = p.successor
        after = (f'<div class="rag-muted">此后 {later.date} 的报道中，{esc(later.post or latest.post)}为{esc(later.name)}。</div>'
                 if later else "")
        head.append(f'<div class="rag-latest">最近的职务：<b>{esc(latest.post)}</b>（据 {latest.last.date} 报道）</div>'
                    + after)
    parts = ['<div class="rag-entity">', *head, _posts(p, articles)]
    if p.timeline:
        heading = {"place": "这里发生过的事", "person": "时间线"}.get(p.kind, "报道时间线")
        shown = p.timeline[-TIMELINE_SHOWN:]
        more = f"，列出最近 {len(shown)} 篇" if len(shown) < len(p.timeline) else ""
        items = "".join(_item(m, articles, p.name) for m in shown)
        parts.append(f'<h4>{heading}（{len(p.timeline)}篇{more}，按日期）</h4><ol class="rag-events">{items}</ol>')
    elif not p.bylines:
        parts.append('<div class="rag-empty">档案里只在标题或署名中见到这个名字。</div>')
    parts += [_places(p, articles), _bylines(p, articles)]
    others = [n for n in also if (n.name, n.kind) != (p.name, p.kind)]
    if others:
        parts.append(f'<h4>相关的名字</h4><div class="rag-chips">{names_chips(others)}</div>')
    parts.append("</div>")
    return "".join(parts)


def names_chips(names: Sequence[EntityName], kinds: bool = True) -> str:
    """Names as chips with their number of articles (and their kind, unless a heading says it)."""
    return "".join(name_chip(n.name, n.kind, f"{KIND_ZH.get(n.kind, n.kind)} · {n.articles}篇" if kinds else
                             f"{n.articles}篇") for n in names)


def render_names(names: Sequence[EntityName], query: str) -> str:
    """Names containing what was typed, as chips to pick from."""
    return (f'<div class="rag-entity"><div class="rag-muted">档案里有 {len(names)} 个名字包含「{esc(query)}」，'
            f'点一个查看：</div><div class="rag-chips">{names_chips(names)}</div></div>')


def render_landing(groups: Mapping[str, Sequence[EntityName]]) -> str:
    """The tab before anything is looked up: how to use it and the most reported names of each kind."""
    parts = [('<div class="rag-entity"><div class="rag-muted">输入人名、地名或机构名查看它的时间线：每篇报道的日期、'
              '期号和提到它的原句；人物还列出职务变化和到过的地方。回答和原文里带下划线的名字也能直接点开。</div>')]
    for kind, names in groups.items():
        if names:
            parts.append(f'<h4>报道最多的{esc(KIND_ZH.get(kind, kind))}</h4><div class="rag-chips">'
                         f"{names_chips(names, kinds=False)}</div>")
    if not any(groups.values()):
        parts.append('<div class="rag-empty">档案里还没有人物、地点或机构：先到「资料库」导入报纸。</div>')
    parts.append("</div>")
    return "".join(parts)


def render_holders(post: str, holders: Sequence[Mention], articles: Mapping[str, Article]) -> str:
    """Who the paper printed with a post, each at their latest report, the latest first."""
    rows = "".join(f'<li class="rag-event">{name_chip(m.name, "person")} '
                   f'<span class="rag-cite-line">{cite(m, articles.get(m.article_id))}</span>'
                   f'<div class="rag-said">{said(m.sentence, m.name)}</div></li>' for m in holders)
    return (f'<div class="rag-entity"><h3>担任「{esc(post)}」的人</h3><div class="rag-muted">按最近一次报道的日期，'
            f'最近的在前</div><ul class="rag-events">{rows}</ul></div>')


def render_not_found(query: str, kind: str | None = None) -> str:
    """What staff read when no name contains what they typed."""
    what = KIND_ZH.get(kind or "", "人物、地点或机构")
    return (f'<div class="rag-notice rag-warn"><p>档案里没有找到名字包含「{esc(query)}」的{esc(what)}。</p>'
            "<p>试试更短的写法（如「王慧杰」而不是「王慧杰书记」），或换成“全部”再找。</p></div>")


# --- the side panel: an article's names and its story thread ----------------------------------------------------

def render_article_names(names: Mapping[str, str]) -> str:
    """The people, places and organisations of an article (name -> kind) as chips, by kind."""
    rows = []
    for kind in ("person", "place", "org", "project"):
        chips = "".join(name_chip(n, k) for n, k in names.items() if k == kind)
        if chips:
            rows.append(f'<div class="rag-chips"><span class="rag-chips-h">{KIND_ZH[kind]}</span>{chips}</div>')
    if not rows:
        return ""
    return f'<div class="rag-side-box"><h4>文中的人物、地点、机构</h4>{"".join(rows)}</div>'


def render_thread(thread: StoryThread | None, articles: Mapping[str, Article]) -> str:
    """前情 / 后续 of an article: earlier and later reports of the same story, each opening that article, with the
    names they share; a hint when the archive holds none."""
    if thread is None:
        return ""
    parts = ['<div class="rag-side-box rag-thread"><h4>这件事的前情和后续</h4>']
    for label, links in (("前情", thread.before), ("后续", thread.after)):
        if not links:
            continue
        rows = []
        for t in links:
            a = articles.get(t.article_id)
            issue = issue_text(t.date, a.issue_number if a else None, a.page if a else None)
            shared = f'<div class="rag-muted">共同：{esc("、".join(t.shared[:4]))}</div>' if t.shared else ""
            rows.append(f'<li class="rag-event"><span class="rag-when">{esc(issue)}</span> '
                        f'<a class="rag-headline" href="{read_link(t.article_id, "")}">《{esc(t.title)}》</a>{shared}'
                        "</li>")
        parts.append(f'<div class="rag-thread-h">{label}（{len(links)}篇）</div>'
                     f'<ul class="rag-events">{"".join(rows)}</ul>')
    if not thread.before and not thread.after:
        parts.append('<div class="rag-empty">档案里没有找到同一件事更早或更晚的报道。</div>')
    parts.append("</div>")
    return "".join(parts)


# --- coverage balance ----------------------------------------------------------------------------------------

def _heat(rows: Sequence[CoverageRow], months: Sequence[str], kind: str, label: str) -> str:
    """A table of rows (town or department) by month, each cell the month's articles, darker for more."""
    if not rows:
        return f'<div class="rag-empty">这段时间没有报道提到任何{esc(label)}。</div>'
    top = max((n for r in rows for _, n in r.months), default=1)
    years: dict[str, int] = {}
    for m in months:
        years[m[:4]] = years.get(m[:4], 0) + 1
    # a year over one or two months gets a short label or none (it would wrap in one narrow column)
    year_row = "".join(f'<th colspan="{n}" class="rag-heat-y" title="{y}年">{y if n > 2 else y[2:] if n == 2 else ""}'
                       f'{"年" if n > 1 else ""}</th>' for y, n in years.items())
    month_row = "".join(f"<th>{int(m[5:])}</th>" for m in months)
    body = []
    for r in rows:
        per = dict(r.months)
        cells = []
        for m in months:
            n = per.get(m, 0)
            level = 0 if not n else 1 + min(3, (4 * n - 1) // top)
            cells.append(f'<td class="rag-h{level}" title="{m}：{n}篇">{n or ""}</td>')
        body.append(f'<tr><th class="rag-heat-name">{name_chip(r.name, kind)}</th>{"".join(cells)}'
                    f'<td class="rag-heat-total">{r.total}</td></tr>')
    return (f'<h4>{esc(label)}每月见报篇数</h4><div class="rag-heat-wrap"><table class="rag-heat">'
            f'<thead><tr><th rowspan="2"></th>{year_row}<th rowspan="2" class="rag-heat-sum">合计</th></tr>'
            f"<tr>{month_row}</tr></thead>"
            f'<tbody>{"".join(body)}</tbody></table></div>')


def render_coverage(c: Coverage, newest: dt.date | None = None) -> str:
    """Coverage balance: the towns not named in the 30 days up to `c.today` (the date it is relative to said
    first: the newest issue's when the archive is older than today), then articles per town and per department
    by month."""
    since = c.today - dt.timedelta(days=30)
    relative = f"以最新一期（{c.today}）为准" if newest == c.today else f"截至 {c.today}"
    last = {r.name: r.last for r in c.towns}
    chips = "".join(name_chip(t, "place", f"最近 {last[t]}" if last.get(t) else "") for t in c.uncovered)
    gap = (f'<div class="rag-chips">{chips}</div>' if c.uncovered
           else '<div class="rag-empty">每个乡镇、街道在这30天里都见了报。</div>')
    return ('<div class="rag-coverage">'
            f'<div class="rag-range">{esc(relative)}：统计 {c.date_from} 至 {c.today} 的报道。</div>'
            f'<h4>近30天（{since} 至 {c.today}）没有见报的乡镇、街道（{len(c.uncovered)}个）</h4>{gap}'
            f'{_heat(c.towns, c.months, "place", "乡镇、街道")}{_heat(c.departments, c.months, "org", "部门")}</div>')
