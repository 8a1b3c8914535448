"""The Gradio web app: Chat, Briefing and Library tabs, and the `ask` / `brief` API. The only gradio import.

`build_app(service)` returns the Blocks; `serve(service)` queues and launches them with the Settings' host, port,
login and upload limit. All page content is built by rag.web.views, which escapes archive text and model output.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import gradio as gr

from ..errors import ConfigError, RagError
from ..service import Service
from . import views as ui
from .login import LoginThrottle
from .forms import (EXAMPLES_DIR, check_uploads, config_lines, detect_upload_date, fresh_dir, paragraphs_for,
                    parse_day, write_brief_files)

log = logging.getLogger(__name__)

ANSWER_CONCURRENCY = 4  # answering is CPU-bound; more parallel work only slows every answer down
QUEUE_MAX = 256  # 20+ sessions wait in line instead of being refused
CANCELLED = "\u0000cancelled"  # what the delete button's confirm() sends when the user says no
# deleting an issue cannot be undone: the browser asks first (the dropdown value reaches the Python side only on OK)
CONFIRM_DELETE_JS = (f"(s) => (s && !window.confirm('确定删除 ' + s + ' 及其全部文章？此操作不能撤销。'))"
                     f" ? {CANCELLED!r} : s")
EXAMPLE_WEEK = ("2025-06-09", "2025-06-15")  # Monday..Sunday of the example issues of 10 and 13 June
EMPTY_HINT = "在下方输入问题，例如：峡川镇的民宿有多少家？回答中的 [1] 可以悬停或点击查看出处。"
EMPTY_ARCHIVE = [
    "档案还是空的。到「资料库」页上传报纸期刊（.txt .md .pdf .docx），或在命令行运行 rag ingest 文件或文件夹。",
    "想先看看效果？点下面的按钮载入三期示例报纸（为本项目编写的虚构新闻），然后试着提问。",
]


def _fail(e: Exception) -> gr.Error:
    """A domain error as the message the user sees. Gradio renders error messages as HTML, and ours may quote
    a file name or a typed value, so they are escaped like everything else."""
    return gr.Error(ui.esc(str(e)), print_exception=False)


def build_app(service: Service, today: Callable[[], dt.date] = dt.date.today) -> gr.Blocks:
    """Blocks of the whole app for one Service; `today` decides the default briefing week."""
    settings = service.settings
    downloads = Path(tempfile.gettempdir()) / f"rag-briefs-{os.getpid()}"  # pruned as briefings are made

    def archive_empty() -> bool:
        return not service.issues()

    # --- chat -------------------------------------------------------------------------------------------
    def chat(question: str, date_from: str | None, date_to: str | None, turns: list[dict]) -> Iterator:
        question = (question or "").strip()
        if not question:
            raise gr.Error("请输入问题。")
        try:
            start, end = parse_day(date_from, "起始日期"), parse_day(date_to, "结束日期")
        except RagError as e:
            raise _fail(e) from None
        history = [(t["question"], t["answer"]) for t in turns if not t.get("refused")]
        pending = {"question": question, "html": ui.render_partial("")}
        yield turns, ui.render_chat([*turns, pending]), ""
        text, answer = "", None
        try:
            for item in service.ask_stream(question, date_from=start, date_to=end, history=history):
                if isinstance(item, str):
                    text += item
                    pending["html"] = ui.render_partial(text)
                    yield turns, ui.render_chat([*turns, pending]), ""
                else:
                    answer = item
        except RagError as e:
            log.warning("ask failed: %s", e)
            done = [*turns, {"question": question, "html": ui.render_error(str(e)), "answer": "", "refused": True}]
            yield done, ui.render_chat(done), ""
            return
        if answer is None:
            raise gr.Error("回答引擎没有返回结果。")
        html = ui.render_answer(answer, paragraphs_for(service, answer.citations))
        done = [*turns, {"question": question, "html": html, "answer": answer.answer, "refused": answer.refused}]
        yield done, ui.render_chat(done), ""

    def new_chat() -> tuple[list, str]:
        return [], ui.render_chat([], EMPTY_HINT)

    # --- briefing ---------------------------------------------------------------------------------------
    def make_brief(date_from: str | None, date_to: str | None, progress=gr.Progress()):
        try:
            start, end = parse_day(date_from, "起始日期"), parse_day(date_to, "结束日期")
            if not start or not end:
                raise gr.Error("请选择简报的起止日期。")
            progress(0, desc="读取文章…")
            brief = service.brief(start, end, progress=lambda done, total, what: progress((done, total), desc=what))
            md_path, docx_path = write_brief_files(brief, fresh_dir(downloads))
        except RagError as e:
            raise _fail(e) from None
        preview = ui.render_brief(brief, paragraphs_for(service, brief.citations))
        return (preview, gr.DownloadButton(value=str(md_path), visible=True),
                gr.DownloadButton(value=str(docx_path), visible=True))

    # --- library ----------------------------------------------------------------------------------------
    def library_view(date_from: str | None = None, date_to: str | None = None, source: str | None = None,
                     title: str | None = None):
        try:
            start, end = parse_day(date_from, "起始日期"), parse_day(date_to, "结束日期")
        except RagError as e:
            raise _fail(e) from None
        issues = service.issues()
        articles = service.articles(date_from=start, date_to=end, source=source or None)
        if title and title.strip():
            articles = [a for a in articles if title.strip() in a.title]
        sources = [i["source"] for i in issues]
        notice = ui.render_notice(EMPTY_ARCHIVE, "warn") if not issues else ""
        return (ui.render_issues(issues), ui.render_articles(articles),
                gr.Dropdown(choices=sources, value=source if source in sources else None),
                gr.Dropdown(choices=sources, value=None),
                gr.HTML(notice, visible=bool(notice)), gr.Button(visible=not issues))

    def on_files(files: list[str] | None) -> tuple[str | None, str]:
        files = files or []
        if len(files) != 1:  # one date for several issues would override each one's own masthead
            return None, ui.render_notice(["多个文件：每期使用自己报头上的日期；日期栏留空。"]) if files else ""
        date = detect_upload_date(service, files)
        if date:
            return date.isoformat(), ui.render_notice([f"报头日期：{date.isoformat()}（可修改）"])
        return None, ui.render_notice(["报头上没有找到日期，请填写期刊日期后再导入。"], "warn")

    def ingest(files: list[str] | None, date: str | None, progress=gr.Progress()) -> tuple:
        try:
            paths = check_uploads(files or [], settings.max_upload_mb)
            day = parse_day(date, "期刊日期")
            progress(0, desc="导入中…")
            report = service.ingest(paths, date=day,
                                    progress=lambda done, total, what: progress((done, total), desc=what))
        except RagError as e:
            raise _fail(e) from None
        log.info("ingested %d upload(s)", len(paths))
        return ui.render_ingest_report(report), None, None, ""  # empty the upload box for the next issue

    def load_examples(progress=gr.Progress()) -> tuple[str, str, str]:
        try:
            report = service.ingest(sorted(EXAMPLES_DIR.glob("*.txt")),
                                    progress=lambda done, total, what: progress((done, total), desc=what))
        except RagError as e:
            raise _fail(e) from None
        notice = ui.render_notice(["已载入示例期刊，可以提问了，例如：莲花镇的柑橘采摘节吸引了多少游客？"])
        notice += ui.render_ingest_report(report)
        return notice, EXAMPLE_WEEK[0], EXAMPLE_WEEK[1]  # the briefing tab then shows the examples' week

    def delete_issue(source: str | None) -> str:
        if source == CANCELLED:
            return ui.render_notice(["已取消，没有删除任何内容。"])
        if not source:
            raise gr.Error("请先选择要删除的期刊文件。")
        try:
            n = service.delete(sources=[source])
        except RagError as e:
            raise _fail(e) from None
        return ui.render_notice([f"已删除 {source}（{n} 篇文章）。"])

    # --- API: same operations as JSON ---------------------------------------------------------------------
    def api_ask(question: str, date_from: str | None = None, date_to: str | None = None) -> dict:
        """Answer a question from the archive; returns the answer JSON with cited passages."""
        try:
            answer = service.ask(question, date_from=parse_day(date_from, "date_from"),
                                 date_to=parse_day(date_to, "date_to"))
        except RagError as e:
            raise _fail(e) from None
        return answer.to_json()

    def api_brief(date_from: str, date_to: str) -> dict:
        """Briefing of the issues dated in [date_from, date_to] (YYYY-MM-DD); returns the briefing JSON."""
        try:
            start, end = parse_day(date_from, "date_from"), parse_day(date_to, "date_to")
            if not start or not end:
                raise ConfigError("date_from and date_to are required (YYYY-MM-DD)")
            return service.brief(start, end).to_json()
        except RagError as e:
            raise _fail(e) from None

    def defaults():
        monday, sunday = _last_week(today())
        return monday.isoformat(), sunday.isoformat()

    # delete_cache: uploads and downloads Gradio keeps are removed after a day (checked hourly)
    with gr.Blocks(title="今日衢江 档案助手", delete_cache=(3600, 86400)) as demo:
        gr.Markdown("## 今日衢江 档案助手\n回答只来自已导入的报纸；每句话都标出处，找不到就直说。")
        empty_notice = gr.HTML(visible=False, js_on_load=None, elem_id="empty-notice")
        examples_btn = gr.Button("载入示例期刊", variant="primary", visible=False, elem_id="load-examples")
        examples_out = gr.HTML(js_on_load=None)
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                turns = gr.State([])
                transcript = gr.HTML(ui.render_chat([], EMPTY_HINT), js_on_load=None, elem_id="chat-log",
                                     autoscroll=True)
                with gr.Row():
                    question = gr.Textbox(placeholder="输入问题，回车发送", show_label=False, scale=5,
                                          elem_id="question", max_lines=4)
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                with gr.Row():
                    chat_from = gr.DateTime(include_time=False, type="string", label="起始日期（可选）",
                                            elem_id="chat-from")
                    chat_to = gr.DateTime(include_time=False, type="string", label="结束日期（可选）", elem_id="chat-to")
                    clear = gr.Button("新对话", elem_id="new-chat")
            with gr.Tab("简报", id="brief"):
                with gr.Row():
                    brief_from = gr.DateTime(include_time=False, type="string", label="起始日期", elem_id="brief-from")
                    brief_to = gr.DateTime(include_time=False, type="string", label="结束日期", elem_id="brief-to")
                    brief_btn = gr.Button("生成简报", variant="primary", elem_id="make-brief")
                with gr.Row():
                    md_btn = gr.DownloadButton("下载 Markdown", visible=False, elem_id="dl-md")
                    docx_btn = gr.DownloadButton("下载 Word (.docx)", visible=False, elem_id="dl-docx")
                brief_view = gr.HTML(js_on_load=None, elem_id="brief-view")
            with gr.Tab("资料库", id="library"):
                gr.HTML(ui.render_notice(config_lines(settings)), js_on_load=None, elem_id="config")
                with gr.Row():
                    files = gr.File(label=f"上传期刊（.txt .md .pdf .docx，每个不超过 {settings.max_upload_mb} MB）",
                                    file_count="multiple", file_types=[".txt", ".md", ".pdf", ".docx"],
                                    elem_id="upload")
                    with gr.Column():
                        issue_date = gr.DateTime(include_time=False, type="string", elem_id="issue-date",
                                                 label="期刊日期（从报头读出；读不出时请填写）")
                        date_hint = gr.HTML(js_on_load=None, elem_id="date-hint")
                        ingest_btn = gr.Button("导入", variant="primary", elem_id="ingest")
                ingest_out = gr.HTML(js_on_load=None, elem_id="ingest-out")
                gr.Markdown("### 期刊")
                issues_view = gr.HTML(js_on_load=None, elem_id="issues")
                with gr.Row():
                    delete_src = gr.Dropdown(label="删除一期（文件名）", choices=[], elem_id="delete-source",
                                             allow_custom_value=True)  # the confirm step may send CANCELLED
                    delete_btn = gr.Button("删除这一期", variant="stop", elem_id="delete")
                gr.Markdown("### 文章")
                with gr.Row():
                    f_from = gr.DateTime(include_time=False, type="string", label="起始日期")
                    f_to = gr.DateTime(include_time=False, type="string", label="结束日期")
                    f_source = gr.Dropdown(label="文件", choices=[])
                    f_title = gr.Textbox(label="标题包含", elem_id="articles-title")
                    f_btn = gr.Button("筛选", elem_id="filter")
                articles_view = gr.HTML(js_on_load=None, elem_id="articles")

        lib_in = [f_from, f_to, f_source, f_title]
        lib_out = [issues_view, articles_view, f_source, delete_src, empty_notice, examples_btn]
        ui_only = dict(api_visibility="undocumented")  # UI events stay out of the API page; ask/brief are the API
        answering = dict(concurrency_id="answer", concurrency_limit=ANSWER_CONCURRENCY)
        writing = dict(concurrency_id="write", concurrency_limit=1, **ui_only)  # one ingest/delete at a time
        chat_io = dict(fn=chat, inputs=[question, chat_from, chat_to, turns], outputs=[turns, transcript, question])
        send.click(api_name="chat", **chat_io, **answering, **ui_only)
        question.submit(api_name="chat_submit", **chat_io, **answering, **ui_only)
        clear.click(new_chat, outputs=[turns, transcript], **ui_only)
        brief_btn.click(make_brief, [brief_from, brief_to], [brief_view, md_btn, docx_btn], concurrency_limit=1,
                        **ui_only)
        files.upload(on_files, files, [issue_date, date_hint], **ui_only)
        ingest_btn.click(ingest, [files, issue_date], [ingest_out, files, issue_date, date_hint], **writing).then(
            library_view, lib_in, lib_out, **ui_only)
        examples_btn.click(load_examples, None, [examples_out, brief_from, brief_to], **writing).then(
            library_view, lib_in, lib_out, **ui_only)
        delete_btn.click(delete_issue, delete_src, ingest_out, js=CONFIRM_DELETE_JS, **writing).then(
            library_view, lib_in, lib_out, **ui_only)
        f_btn.click(library_view, lib_in, lib_out, **ui_only)
        demo.load(defaults, None, [brief_from, brief_to], **ui_only)
        demo.load(library_view, lib_in, lib_out, **ui_only)
        gr.api(api_ask, api_name="ask", **answering)
        gr.api(api_brief, api_name="brief", concurrency_limit=1)
    return demo


def _last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    from ..brief.dates import last_week

    return last_week(today)


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """RAG_AUTH "user:password" -> (user, password); None when unset. ConfigError when malformed."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ConfigError("RAG_AUTH must look like user:password")
    return user, password


def serve(service: Service, block: bool = True) -> gr.Blocks:
    """Queue and launch the app on settings.host:settings.server_port; returns the running Blocks."""
    s = service.settings
    demo = build_app(service)
    demo.queue(max_size=QUEUE_MAX, default_concurrency_limit=2)
    credentials = parse_auth(s.auth)
    auth = LoginThrottle(*credentials) if credentials else None  # wrong passwords in a row lock the login a while
    demo.launch(server_name=s.host, server_port=s.server_port, auth=auth,
                auth_message="今日衢江 档案助手：请登录", max_file_size=f"{s.max_upload_mb}mb",
                prevent_thread_lock=not block, show_error=True, quiet=False, css=ui.CSS,
                footer_links=["api"], ssr_mode=False)
    return demo
