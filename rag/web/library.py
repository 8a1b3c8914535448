"""The 资料库 tab: import issues (the date read from the masthead, one progress bar that moves, a failed file kept
in the box with the reason in Chinese), the issues by date and 第N期 with their article counts, deleting an issue
after a confirmation in the page, the articles, the query log and the feedback on answers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from ..errors import RagError
from ..service import Service
from .forms import (DATE_HINT, DATE_PLACEHOLDER, EXAMPLES_DIR, InputError, check_uploads, date_range,
                    detect_upload_date, issue_choices, parse_day, with_progress)
from .messages import WAITING_FOR_WRITER, zh_error
from .tables import (render_articles, render_feedback, render_ingest_report, render_issues, render_progress,
                     render_queries)
from .views import render_failure, render_notice

log = logging.getLogger(__name__)

WRITING = dict(concurrency_id="write", concurrency_limit=1, api_visibility="undocumented", show_progress="hidden")
QUIET = dict(api_visibility="undocumented", show_progress="hidden")
WAITING = "\0waiting"  # the progress step's `what` while another process holds the writer lock


def run_ingest(service: Service, paths, day=None) -> Iterator[tuple[str, object]]:
    """Ingest with one moving progress bar: yields (html, None) while it runs, then (html, report or None). While
    another process writes (`rag ingest` from a terminal), the bar says that the import waits for it."""
    yield render_progress(0, 1, "正在读取文件…"), None

    def job(progress):
        return service.ingest(paths, date=day, progress=progress, notice=lambda _: progress(0, 1, WAITING))

    for step in with_progress(job):
        if isinstance(step, tuple):
            done, total, what = step
            yield render_progress(done, total, WAITING_FOR_WRITER if what == WAITING else "正在导入…"), None
        elif "error" in step:
            yield render_failure(step["error"]), None
        else:
            yield render_ingest_report(step["result"]), step["result"]


def build(service: Service, ready: Callable[[], None]) -> SimpleNamespace:
    """The tab's components and events, inside the current gr.Tab (`ready` waits for the app's warm-up);
    `refresh` redraws what changed after a write."""
    mb = service.settings.max_upload_mb
    with gr.Row(equal_height=False):
        # no file_types: Gradio would refuse other files with an English message; check_uploads says it in Chinese
        files = gr.File(label=f"选择报纸文件（.txt .md .pdf .docx，每个不超过 {mb} MB）", file_count="multiple",
                        elem_id="upload", scale=3)
        with gr.Column(scale=2, min_width=200):
            issue_date = gr.Textbox(label="期刊日期", placeholder=f"从报头读出；读不出时请填写，{DATE_PLACEHOLDER}",
                                    elem_id="issue-date")
            date_hint = gr.HTML(elem_id="date-hint", elem_classes="rag-quiet")
            ingest_btn = gr.Button("导入", variant="primary", elem_id="ingest")
    ingest_out = gr.HTML(elem_id="ingest-out", elem_classes="rag-quiet")
    gr.HTML("<h3>已收录的期刊</h3>")
    issues_view = gr.HTML(elem_id="issues")
    with gr.Row(equal_height=True, elem_id="delete-row"):
        delete_pick = gr.Dropdown(label="删除一期", choices=[], elem_id="delete-issue", scale=3)
        delete_btn = gr.Button("删除这一期…", variant="stop", elem_id="delete", scale=1, min_width=120)
    with gr.Group(visible=False, elem_id="delete-confirm") as confirm:
        confirm_text = gr.HTML(elem_id="delete-question")
        with gr.Row():
            delete_yes = gr.Button("确定删除", variant="stop", elem_id="delete-yes")
            delete_no = gr.Button("取消", elem_id="delete-no")
    with gr.Accordion("文章", open=False, elem_id="articles-box"):
        with gr.Row(equal_height=True):
            f_from = gr.Textbox(label="起始日期", placeholder=DATE_PLACEHOLDER, min_width=140, elem_id="articles-from")
            f_to = gr.Textbox(label="结束日期", placeholder=DATE_PLACEHOLDER, min_width=140, elem_id="articles-to")
            f_issue = gr.Dropdown(label="期刊", choices=[], min_width=160, elem_id="articles-issue")
            f_title = gr.Textbox(label="标题包含", min_width=140, elem_id="articles-title")
            f_btn = gr.Button("筛选", min_width=80, elem_id="filter")
        articles_view = gr.HTML(elem_id="articles")
    with gr.Accordion("提问记录", open=False, elem_id="query-log-box"):
        queries_view = gr.HTML(elem_id="query-log")
    with gr.Accordion("回答评价", open=False, elem_id="feedback-log-box"):
        feedback_view = gr.HTML(elem_id="feedback-log")

    def labels() -> dict[str, str]:
        return {source: label for label, source in issue_choices(service.issues())}

    def articles(date_from, date_to, source, title) -> str:
        try:
            start, end = date_range(date_from, date_to)
        except InputError as e:
            return render_notice([str(e)], "warn")
        found = service.articles(date_from=start, date_to=end, source=source or None)
        if title and title.strip():
            found = [a for a in found if title.strip() in a.title]
        return render_articles(found)

    def on_files(uploaded: list[str] | None):
        uploaded = uploaded or []
        if len(uploaded) != 1:  # one date for several issues would override each one's own masthead
            return "", render_notice(["多个文件：每期用自己报头上的日期，日期栏留空。"]) if uploaded else ""
        date, problem = detect_upload_date(service, uploaded)
        if date:
            return date.isoformat(), render_notice([f"报头上的日期：{date.isoformat()}（如有错可以修改）"])
        if problem is not None:
            return "", render_notice([f"{Path(uploaded[0]).name}：{zh_error(problem)}"], "warn")
        return "", render_notice([f"报头上没有找到日期，请填写这一期的日期（{DATE_HINT}）再导入。"], "warn")

    def ingest(uploaded: list[str] | None, date: str | None) -> Iterator:
        try:
            paths = check_uploads(uploaded or [], mb)
            day = parse_day(date, "期刊日期")
        except InputError as e:
            yield render_notice([str(e)], "warn"), gr.skip(), gr.skip(), gr.skip()
            return
        ready()
        for html, report in run_ingest(service, paths, day):
            if report is None:
                yield html, gr.skip(), gr.skip(), gr.skip()
            elif report.failed:  # the files stay in the box, to fix the date or take the failed one out
                yield html, gr.skip(), gr.skip(), gr.skip()
            else:
                yield html, None, "", ""
        log.info("ingested %d upload(s)", len(paths))

    def ask_delete(source: str | None):
        if not source:
            return gr.Group(visible=False), "", render_notice(["请先在「删除一期」里选择要删除的那一期。"], "warn")
        label = labels().get(source)
        if label is None:
            return gr.Group(visible=False), "", render_notice(["这一期已经不在档案里了。"], "warn")
        question = f"确定删除 {label} 及其全部文章吗？删除后不能恢复，需要时可以重新导入。"
        return gr.Group(visible=True), render_notice([question], "warn"), ""

    def delete(source: str | None):
        label = labels().get(source or "", "这一期")
        try:
            n = service.delete(sources=[source], wait=False) if source else 0  # busy: say so, never hang
        except RagError as e:
            return gr.Group(visible=False), render_failure(e)
        return gr.Group(visible=False), render_notice([f"已删除 {label}（{n} 篇文章）。"])

    def refresh(date_from=None, date_to=None, source=None, title=None):
        """Every list of this tab, after an import or a delete (and on load)."""
        issues = service.issues()
        by_label = issue_choices(issues)
        sources = {s for _, s in by_label}
        return (render_issues(issues), articles(date_from, date_to, source if source in sources else None, title),
                gr.Dropdown(choices=by_label, value=None), gr.Dropdown(choices=by_label, value=source
                                                                       if source in sources else None),
                render_queries(service.queries()), render_feedback(service.feedback()))

    def logs():
        return render_queries(service.queries()), render_feedback(service.feedback())

    files.upload(on_files, files, [issue_date, date_hint], **QUIET)
    ingest_event = ingest_btn.click(ingest, [files, issue_date], [ingest_out, files, issue_date, date_hint],
                                    **WRITING)
    delete_btn.click(ask_delete, delete_pick, [confirm, confirm_text, ingest_out], **QUIET)
    delete_no.click(lambda: (gr.Group(visible=False), render_notice(["已取消，没有删除任何内容。"])), None,
                    [confirm, ingest_out], **QUIET)
    delete_event = delete_yes.click(delete, delete_pick, [confirm, ingest_out], **WRITING)
    f_btn.click(articles, [f_from, f_to, f_issue, f_title], articles_view, **QUIET)
    return SimpleNamespace(
        refresh=refresh, refresh_inputs=[f_from, f_to, f_issue, f_title],
        refresh_outputs=[issues_view, articles_view, delete_pick, f_issue, queries_view, feedback_view],
        writes=[ingest_event, delete_event], logs=logs, log_outputs=[queries_view, feedback_view],
        ingest_out=ingest_out)


def example_paths():
    """The three invented example issues that ship with the project."""
    return sorted(EXAMPLES_DIR.glob("*.txt"))
