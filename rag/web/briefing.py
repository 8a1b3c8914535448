"""The 简报 tab: the archive's range, a list of its issues to pick a week from, the week of the newest issue by
default, plain date fields with a Chinese hint, full or short, a progress bar, the preview with source cards,
downloads, and the briefings kept in the archive (save one, reopen and download a kept one).
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
from .tables import archive_range, render_progress
from .views import render_brief, render_failure, render_notice

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
    with gr.Accordion("已保存的简报", open=False, elem_id="kept-box"):
        with gr.Row(equal_height=True):
            kept_pick = gr.Dropdown(label="选一份", choices=[], elem_id="kept-briefs", scale=4)
            kept_open = gr.Button("打开", elem_id="kept-open", scale=1, min_width=80)
    status = gr.HTML(elem_id="brief-status", elem_classes="rag-quiet")
    with gr.Row():
        md_btn = gr.DownloadButton("下载文本版", visible=False, elem_id="dl-md")
        docx_btn = gr.DownloadButton("下载 Word 版", visible=False, elem_id="dl-docx")
        keep_btn = gr.Button("保存到简报库", visible=False, elem_id="brief-keep")
    view = gr.HTML(elem_id="brief-view")
    shown = gr.State(None)  # the Brief on screen, to keep it

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

    def show(brief, md_path, docx_path, note: str = "", keep: bool = True) -> tuple:
        """(status, preview, downloads, keep button, the Brief) of a briefing to show."""
        return (note, render_brief(brief, sources_for(service, brief.citations)),
                gr.DownloadButton(value=str(md_path), visible=True),
                gr.DownloadButton(value=str(docx_path), visible=True), gr.Button(visible=keep), brief)

    def make_brief(date_from: str | None, date_to: str | None, size: str | None) -> Iterator:
        hide = (gr.DownloadButton(visible=False), gr.DownloadButton(visible=False), gr.Button(visible=False), None)
        try:
            start, end = date_range(date_from, date_to, required=True)
        except InputError as e:
            yield render_notice([str(e)], "warn"), gr.skip(), *hide
            return
        options = {"length": size} if takes_length(service) and size else {}
        yield render_progress(0, 1, "正在读取文章…"), gr.skip(), *hide
        ready()
        for step in with_progress(lambda progress: service.brief(start, end, progress=progress, **options)):
            if isinstance(step, tuple):
                done, total, _ = step
                yield render_progress(done, total, "正在生成简报…"), *(gr.skip(),) * 5
            elif isinstance(step.get("error"), NotFoundError):
                yield render_notice([empty_range(service, start, end)], "warn"), "", *hide
            elif step.get("error") is not None:
                yield render_failure(step["error"]), gr.skip(), *hide
            else:
                try:
                    yield show(step["result"], *write_brief_files(step["result"], fresh_dir(downloads)))
                except (RagError, OSError) as e:
                    log.error("briefing files not written: %s", e)
                    yield render_failure(e), gr.skip(), *hide

    def keep(brief):
        if brief is None:
            return gr.skip(), gr.skip(), gr.skip()
        try:
            kept = service.keep_brief(brief)
        except RagError as e:
            return render_failure(e), gr.skip(), gr.skip()
        return (render_notice([f"已保存到简报库：{kept.title}"]), gr.Button(visible=False),
                gr.Dropdown(choices=kept_choices(), value=kept.id))

    def reopen(brief_id: str | None) -> tuple:
        if not brief_id:
            return render_notice(["请先在「选一份」里选择已保存的简报。"], "warn"), *(gr.skip(),) * 5
        try:
            brief = service.kept_brief(brief_id)
            files = service.kept_brief_file(brief_id, "md"), service.kept_brief_file(brief_id, "docx")
        except RagError as e:
            return render_failure(e), *(gr.skip(),) * 5
        return show(brief, *files, render_notice([f"已打开保存的简报：{brief.title}"]), keep=False)

    def kept_choices() -> list[tuple[str, str]]:
        out = []
        for k in service.kept_briefs():
            short = "（简要）" if k.get("length") == "short" else ""
            out.append((f"{k['title']}{short} · 保存于 {str(k.get('created', ''))[:16].replace('T', ' ')}", k["id"]))
        return out

    def defaults():
        issues = service.issues()
        start, end, newest = newest_week(issues)
        return (f'<div class="rag-range">{archive_range(issues)}</div>',
                gr.Dropdown(choices=issue_choices(issues, value="date"), value=newest), start, end,
                gr.Dropdown(choices=kept_choices(), value=None))

    quiet = dict(api_visibility="undocumented", show_progress="hidden")
    pick.input(pick_week, pick, [brief_from, brief_to], **quiet)
    prev_week.click(shift(-7), [brief_from, brief_to], [brief_from, brief_to, pick, status], **quiet)
    next_week.click(shift(7), [brief_from, brief_to], [brief_from, brief_to, pick, status], **quiet)
    shown_outputs = [status, view, md_btn, docx_btn, keep_btn, shown]
    make.click(make_brief, [brief_from, brief_to, length], shown_outputs, concurrency_limit=1, **quiet)
    keep_btn.click(keep, shown, [status, keep_btn, kept_pick], **quiet)
    kept_open.click(reopen, kept_pick, shown_outputs, **quiet)
    return SimpleNamespace(defaults=defaults, default_outputs=[range_line, pick, brief_from, brief_to, kept_pick])

