"""The 简报 tab: the archive's range, a list of its issues to pick a week from, the week of the newest issue by
default, plain date fields with a Chinese hint, a progress bar, the preview with source cards, and downloads.

Hooks for the kept briefings of issue 13: `length` passes through to Service.brief once it takes one (the
radio shows only then), and KEPT marks where the list of kept briefings goes.
"""

from __future__ import annotations

import datetime as dt
import inspect
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from ..errors import NotFoundError, RagError
from ..service import Service
from .forms import (DATE_HINT, DATE_PLACEHOLDER, InputError, date_range, fresh_dir, issue_choices, sources_for, week_of,
                    with_progress, write_brief_files)
from .messages import UNEXPECTED, zh_error
from .tables import archive_range, render_progress
from .views import render_brief, render_notice

log = logging.getLogger(__name__)

LENGTHS = [("简要", "short"), ("完整", "full")]


def takes_length(service: Service) -> bool:
    """Whether Service.brief takes a `length` (short | full) yet."""
    return "length" in inspect.signature(service.brief).parameters


def empty_range(service: Service, start: dt.date, end: dt.date) -> str:
    """What staff read when a date range holds no issue: the range, what the archive holds, what to do."""
    return f"{start} 至 {end} 没有收录的报道。本档案{archive_range(service.issues())}：请选一期，或换一个日期范围。"


def newest_week(issues: list[dict]) -> tuple[str, str, str | None]:
    """(from, to, date) of the week holding the newest issue; empty strings for an empty archive."""
    dates = sorted(str(i["date"]) for i in issues if i.get("date"))
    if not dates:
        return "", "", None
    monday, sunday = week_of(dt.date.fromisoformat(dates[-1]))
    return monday.isoformat(), sunday.isoformat(), dates[-1]


def build(service: Service, downloads: Path, ready: Callable[[], None]) -> SimpleNamespace:
    """The tab's components and events, inside the current gr.Tab (`ready` waits for the app's warm-up)."""
    range_line = gr.HTML(elem_id="archive-range")
    pick = gr.Dropdown(label="选一期：生成它所在那一周的简报", choices=[], elem_id="brief-issue", interactive=True)
    with gr.Row(equal_height=True, elem_id="brief-dates"):
        brief_from = gr.Textbox(label="起始日期", placeholder=DATE_PLACEHOLDER, elem_id="brief-from", min_width=140)
        brief_to = gr.Textbox(label="结束日期", placeholder=DATE_PLACEHOLDER, elem_id="brief-to", min_width=140)
    with gr.Row(equal_height=True):
        prev_week = gr.Button("◀ 前一周", elem_id="brief-prev", min_width=90)
        next_week = gr.Button("后一周 ▶", elem_id="brief-next", min_width=90)
        make = gr.Button("生成简报", variant="primary", elem_id="make-brief", min_width=120)
    length = gr.Radio(LENGTHS, value="full", label="篇幅", visible=takes_length(service), elem_id="brief-length")
    # KEPT: the list of kept briefings (reopen, download) goes here once the Service keeps them (issue 13).
    status = gr.HTML(elem_id="brief-status", elem_classes="rag-quiet")
    with gr.Row():
        md_btn = gr.DownloadButton("下载文本版", visible=False, elem_id="dl-md")
        docx_btn = gr.DownloadButton("下载 Word 版", visible=False, elem_id="dl-docx")
    view = gr.HTML(elem_id="brief-view")

    def pick_week(day: str | None):
        if not day:
            return gr.skip(), gr.skip()
        monday, sunday = week_of(dt.date.fromisoformat(day))
        return monday.isoformat(), sunday.isoformat()

    def shift(days: int):
        def move(date_from: str | None, date_to: str | None):
            try:
                start, end = date_range(date_from, date_to)
            except InputError as e:
                return gr.skip(), gr.skip(), gr.skip(), render_notice([str(e)], "warn")
            base = start or end
            if base is None:
                return (gr.skip(), gr.skip(), gr.skip(),
                        render_notice([f"请先填写日期（{DATE_HINT}），或选一期。"], "warn"))
            monday, sunday = week_of(base + dt.timedelta(days=days))
            inside = sorted(str(i["date"]) for i in service.issues()
                            if i.get("date") and monday.isoformat() <= str(i["date"]) <= sunday.isoformat())
            return monday.isoformat(), sunday.isoformat(), inside[-1] if inside else None, ""
        return move

    def make_brief(date_from: str | None, date_to: str | None, size: str | None) -> Iterator:
        hidden = gr.DownloadButton(visible=False)
        try:
            start, end = date_range(date_from, date_to, required=True)
        except InputError as e:
            yield render_notice([str(e)], "warn"), gr.skip(), hidden, hidden
            return
        options = {"length": size} if takes_length(service) and size else {}
        yield render_progress(0, 1, "正在读取文章…"), gr.skip(), hidden, hidden
        ready()
        for step in with_progress(lambda progress: service.brief(start, end, progress=progress, **options)):
            if isinstance(step, tuple):
                done, total, what = step
                yield render_progress(done, total, "正在生成简报…"), gr.skip(), gr.skip(), gr.skip()
                continue
            error = step.get("error")
            if isinstance(error, NotFoundError):
                yield render_notice([empty_range(service, start, end)], "warn"), "", hidden, hidden
                return
            if error is not None:
                if not isinstance(error, RagError):
                    log.error("briefing failed unexpectedly", exc_info=error)
                yield (render_notice([zh_error(error) if isinstance(error, RagError) else UNEXPECTED], "error"),
                       gr.skip(), hidden, hidden)
                return
            brief = step["result"]
        try:
            md_path, docx_path = write_brief_files(brief, fresh_dir(downloads))
        except (RagError, OSError) as e:
            log.error("briefing files not written: %s", e)
            yield render_notice(["简报已生成，但下载文件没有写成。请稍后再试。"], "warn"), gr.skip(), hidden, hidden
            md_path = docx_path = None
        preview = render_brief(brief, sources_for(service, brief.citations))
        if md_path is None:
            yield gr.skip(), preview, hidden, hidden
            return
        yield ("", preview, gr.DownloadButton(value=str(md_path), visible=True),
               gr.DownloadButton(value=str(docx_path), visible=True))

    def defaults():
        issues = service.issues()
        start, end, newest = newest_week(issues)
        return (f'<div class="rag-range">{archive_range(issues)}</div>',
                gr.Dropdown(choices=issue_choices(issues, value="date"), value=newest), start, end)

    quiet = dict(api_visibility="undocumented", show_progress="hidden")
    pick.input(pick_week, pick, [brief_from, brief_to], **quiet)
    prev_week.click(shift(-7), [brief_from, brief_to], [brief_from, brief_to, pick, status], **quiet)
    next_week.click(shift(7), [brief_from, brief_to], [brief_from, brief_to, pick, status], **quiet)
    make.click(make_brief, [brief_from, brief_to, length], [status, view, md_btn, docx_btn], concurrency_limit=1,
               **quiet)
    return SimpleNamespace(defaults=defaults, default_outputs=[range_line, pick, brief_from, brief_to])
