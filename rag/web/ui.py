"""The Gradio web app: the 问答, 简报, 人物·地点 and 资料库 tabs (rag.web.chat, .briefing, .people, .library), the side
panel with the full article of a source (its names linked, its 前情 / 后续), and the `ask` / `brief` API.

`build_app(service)` returns the Blocks; `serve(service)` queues and launches them with the Settings' host, port,
login and upload limit, the page's own CSS and JS (rag/web/static) and Gradio's own words in Chinese. All page
content is built by rag.web.views and rag.web.tables, which escape archive text and model output.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from ..errors import ConfigError, NotFoundError, RagError
from ..service import Service
from . import briefing, chat, library, people
from .forms import InputError, browser_secret, date_range
from .lang import CHINESE_FIRST, ChinesePages
from .links import parse_read_link
from .login import LoginThrottle
from .messages import GRADIO_ZH, zh_error
from .suggest import Suggestions, Warmup
from .views import esc, render_failure, render_notice

log = logging.getLogger(__name__)

QUEUE_MAX = 256  # 20+ sessions wait in line instead of being refused
STATIC = Path(__file__).resolve().parent / "static"
EMPTY_ARCHIVE = [
    "档案还是空的。到「资料库」页选择报纸文件（.txt .md .pdf .docx）导入。",
    "想先看看效果？点下面的按钮载入三期示例报纸（为本项目编写的虚构新闻），然后试着提问。",
]


def _api_error(e: Exception) -> gr.Error:
    """An error of the API as Chinese text. Gradio renders error messages as HTML, so they are escaped."""
    return gr.Error(esc(str(e) if isinstance(e, InputError) else zh_error(e)), print_exception=False)


def build_app(service: Service, warm: bool = False) -> gr.Blocks:
    """Blocks of the whole app for one Service; warm: open the archive and models in the background now (the
    answering events wait for that rather than open them a second time)."""
    downloads = Path(tempfile.gettempdir()) / f"rag-briefs-{os.getpid()}"  # pruned as briefings are made
    suggestions = Suggestions(service)
    warmup = Warmup(suggestions)

    def open_article(ref: str):
        try:
            article_id, quote = parse_read_link(ref or "")
            html = people.article_page(service, article_id, quote)
        except (ValueError, NotFoundError):
            html = render_notice(["这篇文章已不在档案里（所在的那一期可能已被删除）。"], "warn")
        except RagError as e:
            html = render_failure(e)
        return gr.Sidebar(open=True), html

    def load_examples():
        warmup.wait()
        for html, report in library.run_ingest(service, library.example_paths()):
            if report is None or report.failed:
                yield html
            else:
                yield render_notice([f"已载入示例期刊（{len(report.files)}期，{report.articles}篇文章），可以提问了，"
                                     "例如：莲花镇的柑橘采摘节吸引了多少游客？"])

    def empty_state():
        empty = not service.issues()
        notice = render_notice(EMPTY_ARCHIVE, "warn") if empty else ""
        return gr.HTML(notice, visible=empty), gr.Button(visible=empty)

    # --- API: the same operations as JSON -------------------------------------------------------------
    def api_ask(question: str, date_from: str | None = None, date_to: str | None = None) -> dict:
        """Answer a question from the archive; returns the answer JSON with cited passages."""
        warmup.wait()
        try:
            start, end = date_range(date_from, date_to)
            return service.ask(question, date_from=start, date_to=end).to_json()
        except (InputError, RagError) as e:
            raise _api_error(e) from None

    def api_brief(date_from: str, date_to: str) -> dict:
        """Briefing of the issues dated in [date_from, date_to] (YYYY-MM-DD); returns the briefing JSON."""
        try:
            start, end = date_range(date_from, date_to, required=True)
        except InputError as e:
            raise _api_error(e) from None
        try:
            return service.brief(start, end).to_json()
        except NotFoundError:
            raise gr.Error(esc(briefing.empty_range(service, start, end)), print_exception=False) from None
        except RagError as e:
            raise _api_error(e) from None

    # delete_cache: uploads and downloads Gradio keeps are removed after a day (checked hourly)
    with gr.Blocks(title="今日衢江 档案助手", delete_cache=(3600, 86400)) as demo:
        gr.HTML("<h2>今日衢江 档案助手</h2><p>回答只来自已导入的报纸；每句话都标出处，找不到就直说。</p>",
                elem_id="app-title")
        empty_notice = gr.HTML(visible=False, elem_id="empty-notice", elem_classes="rag-quiet")
        examples_btn = gr.Button("载入示例期刊", variant="primary", visible=False, elem_id="load-examples")
        examples_out = gr.HTML(elem_id="examples-out", elem_classes="rag-quiet")
        with gr.Sidebar(label="原文", open=False, position="right", width=520, elem_id="article-side") as side:
            close_side = gr.Button("关闭原文", size="sm", elem_id="article-close")
            article_panel = gr.HTML(render_notice(["点回答或简报下方的来源卡片，在这里阅读原文。"]),
                                    elem_id="article-panel")
        open_ref = gr.Textbox(visible="hidden", elem_id="open-ref")  # filled by static/app.js from a card's link
        open_btn = gr.Button("打开原文", visible="hidden", elem_id="open-ref-btn")
        name_ref = gr.Textbox(visible="hidden", elem_id="open-name")  # filled by static/app.js from a name's link
        name_btn = gr.Button("打开", visible="hidden", elem_id="open-name-btn")
        with gr.Tabs() as tabs:
            with gr.Tab("问答", id="chat"):
                chat_tab = chat.build(service, suggestions, browser_secret(service.settings.home), warmup.wait)
            with gr.Tab("简报", id="brief"):
                brief_tab = briefing.build(service, downloads, warmup.wait)
            with gr.Tab("人物·地点", id="people"):
                people_tab = people.build(service)
            with gr.Tab("资料库", id="library") as library_tab_item:
                library_tab = library.build(service, warmup.wait)

        quiet = dict(api_visibility="undocumented", show_progress="hidden")
        open_btn.click(open_article, open_ref, [side, article_panel], **quiet)
        close_side.click(lambda: gr.Sidebar(open=False), None, side, **quiet)

        def open_name(ref: str):
            """A name's link in an answer, an article or a page -> its page in the 人物·地点 tab (side panel shut)."""
            return gr.Tabs(selected="people"), gr.Sidebar(open=False), *people_tab.open_name(ref)

        name_btn.click(open_name, name_ref, [tabs, side, *people_tab.open_outputs], **quiet).then(
            None, js="() => document.querySelector('#people-tabs')?.scrollIntoView({block: 'start'})")
        lists = [dict(fn=library_tab.refresh, inputs=library_tab.refresh_inputs,
                      outputs=library_tab.refresh_outputs, **quiet),
                 dict(fn=brief_tab.defaults, outputs=brief_tab.default_outputs, **quiet),
                 dict(fn=people_tab.defaults, inputs=people_tab.default_inputs, outputs=people_tab.default_outputs,
                      **quiet),
                 dict(fn=empty_state, outputs=[empty_notice, examples_btn], **quiet)]
        for event in library_tab.writes:  # after an import or a delete every list is redrawn
            for step in lists:
                event.then(**step)
        examples_event = examples_btn.click(load_examples, None, examples_out, **library.WRITING)
        for step in lists:
            examples_event.then(**step)
        examples_event.then(chat_tab.offer_examples, None, chat_tab.chatbot, **quiet)
        library_tab_item.select(library_tab.logs, None, library_tab.log_outputs, **quiet)
        demo.load(chat_tab.restore, chat_tab.saved, chat_tab.chatbot, **quiet)
        for step in lists:
            demo.load(**step)
        demo.load(chat_tab.offer_examples, None, chat_tab.chatbot, **quiet)
        gr.api(api_ask, api_name="ask", concurrency_id="answer", concurrency_limit=chat.ASKING["concurrency_limit"])
        gr.api(api_brief, api_name="brief", concurrency_limit=1)
    if warm:
        warmup.start()
    return demo


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
    service.issues()  # opens the catalog (milliseconds) before any page can; the rest opens in the background
    demo = build_app(service, warm=True)
    demo.queue(max_size=QUEUE_MAX, default_concurrency_limit=2)
    zh = gr.I18n(**{lang: GRADIO_ZH for lang in ("en", "zh-CN", "zh")})
    credentials = parse_auth(s.auth)
    auth = LoginThrottle(*credentials) if credentials else None  # wrong passwords in a row lock the login a while
    demo.launch(server_name=s.host, server_port=s.server_port, auth=auth,
                app_kwargs={"middleware": [Middleware(ChinesePages)]},  # the login page too
                auth_message="今日衢江 档案助手：请登录", max_file_size=f"{s.max_upload_mb}mb",
                prevent_thread_lock=not block, show_error=True, quiet=False, ssr_mode=False, footer_links=[],
                css=(STATIC / "app.css").read_text(encoding="utf-8"),
                js=(STATIC / "app.js").read_text(encoding="utf-8"), i18n=zh,
                head=CHINESE_FIRST + f"<script>window.RAG_MAX_UPLOAD_MB = {int(s.max_upload_mb)};</script>"
                f"<style>{(STATIC / 'page.css').read_text(encoding='utf-8')}</style>")
    return demo
