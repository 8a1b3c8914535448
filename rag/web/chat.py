"""The 问答 tab: Gradio's Chatbot (messages) with the conversation kept in the browser (gr.BrowserState, so a
reload or a restart of the app keeps it), retry, copy, 👍/👎 with an optional note and the right answer, and
suggested questions the archive is known to answer.

Each turn the browser keeps: {"q": question, "html": rendered answer, "text": answer text, "refused": bool,
"qid": query-log id or None, "fid": feedback id once rated, "good": the rating}.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import gradio as gr

from ..errors import QuestionError, RagError
from ..service import MAX_QUESTION_CHARS, Service
from .forms import DATE_PLACEHOLDER, InputError, date_range, names_for, sources_for
from .messages import EMPTY_QUESTION, ERRORS_ZH, NO_ANSWER, zh_error
from .suggest import Suggestions
from .views import esc, render_answer, render_error, render_failure, render_notice, render_partial

log = logging.getLogger(__name__)

TURNS_KEPT = 40  # turns kept in the browser: enough for a day's work, far below what localStorage holds
STORAGE_KEY = "qujiang-chat"
PLACEHOLDER = ("**向档案提问**：回答只来自已导入的报纸，每句话后面的 [1] 标出出处，点「来源」卡片可以阅读原文；"
               "档案里没有的，会直说没有找到。")
ASKING = dict(concurrency_id="answer", concurrency_limit=4, show_progress="hidden")


def turns_of(saved) -> list[dict]:
    """The turns kept in the browser (tolerates an empty or foreign value)."""
    turns = saved.get("turns") if isinstance(saved, dict) else None
    return [t for t in turns if isinstance(t, dict) and "q" in t and "html" in t] if isinstance(turns, list) else []


def to_messages(turns: list[dict]) -> list[dict]:
    """Turns -> Chatbot messages (the question escaped: the Chatbot renders HTML)."""
    out = []
    for t in turns:
        out += [{"role": "user", "content": esc(t["q"])}, {"role": "assistant", "content": t["html"]}]
    return out


def _hint(text: str) -> str:
    return f'<div class="rag-hint">{esc(text)}</div>' if text else ""


def _turn_index(index) -> int:
    """A Chatbot message index (int, or [row, col]) -> the turn it belongs to."""
    return (index[0] if isinstance(index, (list, tuple)) else int(index)) // 2


def build(service: Service, suggestions: Suggestions, secret: str, ready: Callable[[], None]) -> SimpleNamespace:
    """The tab's components and events, inside the current gr.Tab (`ready` waits for the app's warm-up);
    returns the components others need."""
    saved = gr.BrowserState({"turns": []}, storage_key=STORAGE_KEY, secret=secret)
    rating = gr.State(None)  # {"fid", "good", "turn"} of the answer the feedback form is about
    chatbot = gr.Chatbot(label="对话", show_label=False, elem_id="chatbot", height="62vh", min_height=320,
                         render_markdown=False, sanitize_html=True, buttons=["copy"], placeholder=PLACEHOLDER,
                         feedback_options=("Like", "Dislike"), layout="bubble", autoscroll=False)
    # (app.js brings each new question to the top of the chat instead of following the answer down)
    with gr.Group(visible=False, elem_id="feedback-form") as form:
        form_title = gr.HTML(elem_id="feedback-title")
        note = gr.Textbox(label="哪里不对，或想补充什么（选填）", lines=2, elem_id="feedback-note")
        correction = gr.Textbox(label="正确的答案（选填）", lines=2, elem_id="feedback-correction")
        with gr.Row():
            form_send = gr.Button("保存评价", variant="primary", elem_id="feedback-save")
            form_close = gr.Button("关闭", elem_id="feedback-close")
    form_done = gr.HTML(elem_id="feedback-done", elem_classes="rag-quiet")
    with gr.Row(equal_height=True, elem_id="ask-row"):
        question = gr.Textbox(label="问题", placeholder="输入问题，回车发送", show_label=False, container=False, scale=5,
                              elem_id="question", max_lines=4, lines=1)
        send = gr.Button("提问", variant="primary", scale=1, min_width=72, elem_id="send")
    hint = gr.HTML("", elem_id="question-hint", elem_classes="rag-quiet")
    with gr.Row(equal_height=True, elem_id="chat-tools"):
        with gr.Accordion("按日期筛选（可选）", open=False, elem_id="chat-dates"):
            with gr.Row():
                chat_from = gr.Textbox(label="起始日期", placeholder=DATE_PLACEHOLDER, elem_id="chat-from", min_width=140)
                chat_to = gr.Textbox(label="结束日期", placeholder=DATE_PLACEHOLDER, elem_id="chat-to", min_width=140)
        new_chat = gr.Button("新对话", scale=0, min_width=96, elem_id="new-chat")

    def log_query(answer, seconds: float, history: list) -> int | None:
        try:
            return service.log_query(answer, seconds, [q for q, _ in history])
        except RagError as e:  # the answer is still shown; only its line in the query log is lost
            log.warning("query not logged: %s", e)
            return None

    def answer_turn(q: str, start, end, turns: list[dict]) -> Iterator:
        """Stream the answer to q after `turns`; yields (chatbot, saved, question box, hint)."""
        history = [(t["q"], t.get("text", "")) for t in turns if t.get("qid") and not t.get("refused")]
        pending = [*turns, {"q": q, "html": render_partial("")}]
        yield to_messages(pending), gr.skip(), "", ""
        ready()
        text, answer, t0 = "", None, time.perf_counter()
        try:
            for item in service.ask_stream(q, date_from=start, date_to=end, history=history):
                if isinstance(item, str):
                    text += item
                    pending[-1] = {"q": q, "html": render_partial(text)}
                    yield to_messages(pending), gr.skip(), gr.skip(), gr.skip()
                else:
                    answer = item
        except Exception as e:  # shown in Chinese in the turn; anything but a RagError is logged in full
            log.warning("ask failed: %r: %s", q, e)
            turn = {"q": q, "html": render_error(zh_error(e)), "text": "", "refused": True, "qid": None}
        else:
            if answer is None:
                turn = {"q": q, "html": render_error(NO_ANSWER), "text": "", "refused": True, "qid": None}
            else:
                qid = log_query(answer, time.perf_counter() - t0, history)
                names = names_for(service, [c.article_id for c in answer.citations])
                turn = {"q": q, "html": render_answer(answer, sources_for(service, answer.citations), names),
                        "text": answer.answer, "refused": answer.refused, "qid": qid}
        done = [*turns, turn][-TURNS_KEPT:]
        yield to_messages(done), {"turns": done}, gr.skip(), gr.skip()

    def answer_checked(q: str, date_from: str | None, date_to: str | None, turns: list[dict]) -> Iterator:
        """answer_turn once the question and the date fields are usable; else a hint under the box, and the
        conversation and the box stay as they are."""
        try:
            if not q:
                raise InputError(EMPTY_QUESTION)
            if len(q) > MAX_QUESTION_CHARS:
                raise InputError(ERRORS_ZH[QuestionError])
            start, end = date_range(date_from, date_to)
        except InputError as e:
            yield gr.skip(), gr.skip(), gr.skip(), _hint(str(e))
            return
        yield from answer_turn(q, start, end, turns)

    def ask(text: str | None, date_from: str | None, date_to: str | None, kept) -> Iterator:
        yield from answer_checked((text or "").strip(), date_from, date_to, turns_of(kept))

    def retry(date_from: str | None, date_to: str | None, kept, data: gr.RetryData) -> Iterator:
        turns, i = turns_of(kept), _turn_index(data.index)
        if i < len(turns):
            yield from answer_checked(turns[i]["q"], date_from, date_to, turns[:i])

    def suggested(date_from: str | None, date_to: str | None, kept, data: gr.SelectData) -> Iterator:
        value = data.value
        text = value.get("text") if isinstance(value, dict) else str(value or "")
        yield from ask(text, date_from, date_to, kept)

    def rate(kept, data: gr.LikeData):
        """👍/👎 on an answer: stored at once; the form for a note and the right answer opens."""
        turns = turns_of(kept)
        i = _turn_index(data.index)
        turn = turns[i] if i < len(turns) else {}
        hidden = gr.Group(visible=False)
        if data.liked not in (True, False):  # the thumb was clicked off again
            return gr.skip(), hidden, None, gr.skip(), gr.skip(), gr.skip(), ""
        if not turn.get("qid"):
            return (gr.skip(), hidden, None, gr.skip(), gr.skip(), gr.skip(),
                    render_notice(["这条回答没有完成，无法评价。"], "warn"))
        good = data.liked is True
        try:
            if turn.get("fid"):
                service.update_feedback(turn["fid"], good)
            else:
                turn["fid"] = service.add_feedback(turn["qid"], good)
        except RagError as e:
            return gr.skip(), hidden, None, gr.skip(), gr.skip(), gr.skip(), render_failure(e)
        turn["good"] = good
        title = ("已记下：这条回答有用。想补充的话写在下面（选填）。" if good else
                 "已记下：这条回答有误。能告诉我们哪里不对、正确的答案是什么吗？（选填）")
        return ({"turns": turns}, gr.Group(visible=True), {"fid": turn["fid"], "good": good, "turn": i},
                render_notice([title]), "", "", "")

    def save_rating(target, note_text: str, right: str):
        if not target:
            return gr.Group(visible=False), ""
        try:
            service.update_feedback(target["fid"], target["good"], note_text or "", right or "")
        except RagError as e:
            return gr.skip(), render_failure(e)
        return gr.Group(visible=False), render_notice(["谢谢！评价已保存，会用来改进回答。"])

    def clear():
        return gr.Chatbot(value=[], examples=examples()), {"turns": []}, "", gr.Group(visible=False), ""

    def examples() -> list[dict] | None:
        try:
            picks = suggestions.get()
        except RagError as e:
            log.warning("no suggested questions: %s", e)
            return None
        return [{"text": q} for q in picks] or None

    def restore(kept):
        return to_messages(turns_of(kept))

    def offer_examples():
        return gr.Chatbot(examples=examples())

    outputs = [chatbot, saved, question, hint]
    # UI events stay off the API page (ask and brief are the API); the load test drives "chat" and "new_chat"
    hidden = dict(api_visibility="undocumented")
    inputs = [chat_from, chat_to, saved]
    send.click(ask, [question, *inputs], outputs, api_name="chat", **hidden, **ASKING)
    question.submit(ask, [question, *inputs], outputs, api_name="chat_submit", **hidden, **ASKING)
    chatbot.retry(retry, inputs, outputs, api_name="chat_retry", **hidden, **ASKING)
    chatbot.example_select(suggested, inputs, outputs, api_name="chat_example", **hidden, **ASKING)
    chatbot.like(rate, [saved], [saved, form, rating, form_title, note, correction, form_done],
                 api_name="chat_rate", show_progress="hidden", **hidden).then(
        None, js="() => document.querySelector('#feedback-form')?.scrollIntoView({block: 'nearest'})")
    chatbot.clear(lambda: {"turns": []}, None, saved, api_name="chat_clear", **hidden)
    form_send.click(save_rating, [rating, note, correction], [form, form_done], api_name="chat_rate_note",
                    **hidden)
    form_close.click(lambda: gr.Group(visible=False), None, form, api_name="chat_rate_close", **hidden)
    new_chat.click(clear, None, [chatbot, saved, question, form, form_done], api_name="new_chat",
                   show_progress="hidden", **hidden)
    return SimpleNamespace(chatbot=chatbot, saved=saved, restore=restore, offer_examples=offer_examples)
