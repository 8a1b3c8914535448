"""The 人物·地点 tab: look up a person, place or organisation and read its page (timeline, posts over time, places
visited, what happened at a place; every line cited), open a name from a link in an answer or an article, and
coverage balance (articles per town and department by month, the towns not covered in the last 30 days). Also
what the side panel shows with an article: its names and its story thread (前情 / 后续).

The functions that read the Service and return HTML (look_up, profile_page, article_page, coverage_page) take no
gradio, so they are tested without a browser; `build` lays out the tab.
"""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import gradio as gr

from ..errors import NotFoundError, RagError
from ..service import Service
from .forms import InputError, articles_for, names_for, parse_day
from .links import parse_entity_link
from .people_views import (render_article_names, render_coverage, render_holders, render_landing, render_names,
                           render_not_found, render_profile, render_thread, shown_mentions)
from .views import render_article, render_failure, render_notice

log = logging.getLogger(__name__)

KINDS = [("全部", "all"), ("人物", "person"), ("地点", "place"), ("机构", "org")]
MONTHS = [("近6个月", 6), ("近12个月", 12), ("近24个月", 24)]
NAMES_LISTED = 40
LANDING_NAMES = 12
QUIET = dict(api_visibility="undocumented", show_progress="hidden")


def _profile(service: Service, name: str, kind: str | None, also=()) -> str | None:
    try:
        profile = service.entity(name, kind or None)
    except NotFoundError:
        return None
    return render_profile(profile, articles_for(service, [m.article_id for m in shown_mentions(profile)]), also)


def profile_page(service: Service, name: str, kind: str | None = None, also=()) -> str:
    """The page of a name (of `kind`, else its most reported kind), every line cited; a hint when the archive
    names nothing so. `also`: other names to offer on it."""
    return _profile(service, name, kind, also) or render_not_found(name, kind)


def landing(service: Service) -> str:
    """The tab before a look-up: the most reported people, places and organisations."""
    return render_landing({k: service.entity_names("", k, LANDING_NAMES) for k in ("person", "place", "org")})


def look_up(service: Service, text: str | None, kind: str | None = "all") -> str:
    """What staff typed -> the page to show: the name's page when one name matches (exactly, or the only one
    containing the text), the names to pick from when several do, the holders of a post (区委书记), or a hint."""
    text = (text or "").strip()
    kind = None if kind in (None, "", "all") else kind
    try:
        if not text:
            return landing(service)
        names = service.entity_names(text, kind, NAMES_LISTED)
        exact = [n for n in names if n.name == text]
        if exact or len(names) == 1:
            pick = (exact or names)[0]
            return profile_page(service, pick.name, pick.kind, names)
        if names:
            return render_names(names, text)
        found = _profile(service, text, kind)  # a reporter is in no list of names, only in bylines
        if found:
            return found
        holders = service.post_holders(text)
        if holders:
            return render_holders(text, holders, articles_for(service, [m.article_id for m in holders]))
        meant = service.name_meant(text)  # 王慧洁: one character off 王慧杰, as the chat reads it
        if meant:
            return render_notice([f"“{text}”按档案中的“{meant}”查找。"], "info") + profile_page(service, meant)
        return render_not_found(text, kind)
    except RagError as e:
        return render_failure(e)


def article_page(service: Service, article_id: str, quote: str = "") -> str:
    """The side panel's article: the whole text at the cited passage with its names linked, its names by kind,
    and its 前情 / 后续. NotFoundError when the article is gone; a thread that cannot be read is left out."""
    article = service.article(article_id)
    names = names_for(service, [article_id])
    try:
        thread = service.threads(article_id)
    except RagError as e:
        log.warning("no story thread for %s: %s", article_id, e)
        thread = None
    linked = [t.article_id for t in thread.before + thread.after] if thread else []
    return (render_article(article, quote, names) + render_thread(thread, articles_for(service, linked))
            + render_article_names(names))


def coverage_page(service: Service, until: str | None, months: int | None = 12) -> str:
    """Coverage balance up to `until` (empty: the newest issue's date, said on the page)."""
    dates = sorted(str(i["date"]) for i in service.issues() if i.get("date"))
    if not dates:
        return render_notice(["档案还是空的：先到「资料库」导入报纸，这里就会统计各乡镇、街道和部门的见报情况。"], "warn")
    newest = dt.date.fromisoformat(dates[-1])
    try:
        day = parse_day(until, "截至日期") or newest
    except InputError as e:
        return render_notice([str(e)], "warn")
    try:
        return render_coverage(service.coverage(today=day, months=int(months or 12)), newest)
    except RagError as e:
        return render_failure(e)


def build(service: Service) -> SimpleNamespace:
    """The tab's components and events, inside the current gr.Tab; returns what the app needs to open a name
    from a link (`open_name`, `open_outputs`) and to redraw after a write (`defaults`, `default_inputs`,
    `default_outputs`)."""
    with gr.Tabs(elem_id="people-tabs", selected="find") as inner:
        with gr.Tab("查找", id="find"):
            with gr.Row(equal_height=True, elem_id="people-search"):
                query = gr.Textbox(label="名字", show_label=False, container=False, scale=5, max_lines=1,
                                   elem_id="people-query",
                                   placeholder="人名、地名或机构名，如 廿里镇")
                go = gr.Button("查找", variant="primary", scale=1, min_width=72, elem_id="people-go")
            kind = gr.Radio(KINDS, value="all", label="类别", show_label=False, container=False, elem_id="people-kind")
            view = gr.HTML(elem_id="people-view")
        with gr.Tab("报道均衡", id="coverage") as coverage_tab:
            with gr.Row(equal_height=True, elem_id="coverage-form"):
                until = gr.Textbox(label="截至日期", placeholder="留空为最新一期", min_width=150,
                                   elem_id="coverage-until")
                months = gr.Dropdown(MONTHS, value=12, label="统计范围", min_width=120, elem_id="coverage-months")
                show = gr.Button("查看", variant="primary", min_width=80, elem_id="coverage-go")
            coverage_view = gr.HTML(elem_id="coverage-view")

    def find(text: str | None, which: str | None):
        return look_up(service, text, which)

    def open_name(ref: str):
        """A name's link (links.entity_link) -> (inner tabs, search box, page)."""
        try:
            name, which = parse_entity_link(ref or "")
        except ValueError:
            return gr.Tabs(selected="find"), gr.skip(), render_not_found(ref or "")
        try:
            page = profile_page(service, name, which or None)
        except RagError as e:
            page = render_failure(e)
        return gr.Tabs(selected="find"), name, page

    def defaults(text: str | None):
        """After a load or a write: the landing, unless a name is on screen."""
        return gr.skip() if (text or "").strip() else landing(service)

    def coverage(day: str | None, n: int | None):
        return coverage_page(service, day, n)

    go.click(find, [query, kind], view, **QUIET)
    query.submit(find, [query, kind], view, **QUIET)
    kind.input(find, [query, kind], view, **QUIET)
    coverage_tab.select(coverage, [until, months], coverage_view, **QUIET)
    show.click(coverage, [until, months], coverage_view, **QUIET)
    until.submit(coverage, [until, months], coverage_view, **QUIET)
    return SimpleNamespace(open_name=open_name, open_outputs=[inner, query, view], defaults=defaults,
                           default_inputs=[query], default_outputs=[view])
