"""The 问答 tab in a real browser (Debian's chromium via Playwright), at 1280×900 and at 390×844, over the example
issues: cited answers with source cards, the full article in the side panel, pop-ups inside the window, the chat
kept across a reload, copy, retry, suggested questions, an empty question, feedback, and injection strings shown
as text."""

from __future__ import annotations

import json

import pytest

from app_process import ingest_examples, running_app
from web_pages import ANSWERED, CHROMIUM, ask, no_sideways_scroll, shots_dir, tab, wait_for_side_panel

pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]

EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "<script>alert(2)</script>"
INJECTION_ISSUE = f"""中共衢州市衢江区委主办 衢江传媒集团承办
2025年7月1日 星期二
今日衢江 今日4版 总第9100期

区信息中心演示网页防护

本报讯（记者 程安然）6月30日，区信息中心演示网页防护，测试字符串{EVIL_IMG}和{EVIL_SCRIPT}都应原样显示。演示共持续45分钟，参加人员32名。

区信息中心负责人表示，网页防护演练每季度举行一次。
"""


@pytest.fixture(scope="module")
def app_and_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("chat-home")
    ingest_examples(home)
    issue = tmp_path_factory.mktemp("issues") / "injection-2025-07-01.txt"
    issue.write_text(INJECTION_ISSUE, encoding="utf-8")
    from rag.service import Service
    from rag.settings import Settings

    Service(Settings(home=home)).ingest([issue])
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url, home


@pytest.fixture(scope="module")
def app(app_and_home):
    return app_and_home[0]


def last_answer(page):
    return page.locator(ANSWERED).last


def test_answer_cites_with_source_cards_and_opens_the_article(page):
    ask(page, "峡川镇的民宿有多少家？")
    answer = last_answer(page)
    assert "48" in answer.locator(".rag-text").inner_text()
    card = answer.locator(".rag-card").first
    card_text = card.inner_text()
    # headline, issue date, 第N期, reporters; no file name and no engine name
    assert "峡川镇民宿集群带火乡村游" in card_text and "2025-06-10" in card_text and "第9002期" in card_text
    assert "林晓雯" in card_text
    assert ".txt" not in answer.inner_text() and "extractive" not in answer.inner_text()
    card.click()
    wait_for_side_panel(page)
    panel = page.locator("#article-panel")
    assert "峡川镇民宿集群带火乡村游" in panel.locator("h3").inner_text()
    assert "48" in panel.locator("#rag-hit").inner_text()  # the cited passage, highlighted
    page.wait_for_function("""() => { const r = document.querySelector('#rag-hit').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""")  # scrolled to it
    page.screenshot(path=str(shots_dir() / f"chat-article-panel-{page.viewport_name}.png"))


def test_citation_popup_stays_inside_the_window(page):
    ask(page, "莲花镇的柑橘采摘节吸引了多少游客？")
    markers = last_answer(page).locator(".rag-text .rag-cite")
    assert markers.count() > 0
    for i in range(markers.count()):
        marker = markers.nth(i)
        marker.scroll_into_view_if_needed()
        marker.click()
        pop = marker.locator(".rag-pop")
        pop.wait_for(state="visible")
        page.wait_for_function("(el) => el.style.position === 'fixed'", arg=pop.element_handle())
        box, width, height = pop.bounding_box(), page.viewport_size["width"], page.viewport_size["height"]
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width
        assert box["y"] + box["height"] <= height
        assert pop.locator("mark").count() == 1 and pop.locator(".rag-open").inner_text() == "阅读全文"
        if i == markers.count() - 1:
            break
        page.keyboard.press("Escape")  # closes it (and the mouse leaves), so it covers no other marker
        page.mouse.move(0, 0)
        pop.wait_for(state="hidden")
    page.screenshot(path=str(shots_dir() / f"chat-popup-{page.viewport_name}.png"))


def test_chat_is_kept_across_a_reload_and_follow_ups_still_work(page, app_and_home):
    first = f"峡川镇的民宿有多少家？（{page.viewport_name}）"
    ask(page, first)
    page.reload()
    page.wait_for_selector(ANSWERED)
    assert first in page.inner_text("#chatbot")
    assert page.locator(ANSWERED).count() == 1
    ask(page, "床位呢？")  # a follow-up: the chat kept in the browser goes with it
    assert "620" in last_answer(page).locator(".rag-text").inner_text()
    from rag.service import Service
    from rag.settings import Settings

    logged = Service(Settings(home=app_and_home[1])).queries(limit=10)
    assert next(q for q in logged if q["question"] == "床位呢？")["history"] == [first]
    page.click("#new-chat")
    page.wait_for_function("(sel) => !document.querySelector(sel)", arg=ANSWERED)
    page.reload()
    page.wait_for_selector("#question textarea")
    assert page.locator(ANSWERED).count() == 0  # a new chat stays empty after a reload


def test_a_new_question_stays_in_view_while_its_answer_grows_below_it(page):
    # the chat does not follow a long answer down: the question just asked is at the top of the chat box, where a
    # phone shows it with the start of its answer
    for question in ("峡川镇的民宿有多少家？", "区图书馆夜读活动什么时候开始？", "这几期报纸都报道了哪些活动？"):
        ask(page, question)
        row = page.locator("#chatbot .user-row").last
        box, chat = row.bounding_box(), page.locator("#chatbot .bubble-wrap").bounding_box()
        assert chat["y"] - 1 <= box["y"] and box["y"] + box["height"] <= chat["y"] + chat["height"], (question, box, chat)
        below = page.evaluate("() => { const w = document.querySelector('#chatbot .bubble-wrap');"
                              " return w.scrollHeight - w.scrollTop - w.clientHeight; }")
        if below > 1:  # the answer runs on below the box: the chat was scrolled to the question, not past it
            assert box["y"] < chat["y"] + 40, (question, box, chat)
    page.screenshot(path=str(shots_dir() / f"chat-new-question-{page.viewport_name}.png"))


def test_copy_gives_the_answer_as_text_and_retry_answers_again(page):
    ask(page, "夏季招聘会提供了多少个岗位？")
    page.locator("#chatbot button[aria-label='复制']").last.click()
    page.wait_for_function("() => document.querySelector('.rag-copied') !== null")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "3100" in copied and "来源" in copied and "第9003期" in copied
    assert "<" not in copied and "阅读全文" not in copied  # text as staff read it, no HTML, no pop-up contents
    page.locator("#chatbot button[aria-label='重新回答']").click()
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length === 1 && "
                           "document.querySelector('#chatbot .rag-streaming') === null", arg=ANSWERED)
    assert page.locator("#chatbot .user-row").count() == 1 and "3100" in last_answer(page).inner_text()


def test_suggested_questions_come_from_headlines_and_are_answered(page):
    examples = page.locator("#chatbot .example, #chatbot button.example-content, #chatbot .examples button")
    examples.first.wait_for()
    offered = [t.strip() for t in examples.all_inner_texts() if t.strip()]
    assert offered, "no suggested questions in an empty chat"
    page.screenshot(path=str(shots_dir() / f"chat-empty-{page.viewport_name}.png"), full_page=True)
    examples.first.click()
    page.wait_for_selector(ANSWERED)
    answer = last_answer(page)
    assert "rag-refused" not in (answer.get_attribute("class") or "") and answer.locator(".rag-card").count() > 0


def test_an_empty_question_gets_a_hint_and_nothing_else(page):
    ask(page, "峡川镇的民宿有多少家？")
    before = page.locator("#chatbot .message-row").all_inner_texts()
    page.fill("#question textarea", "   ")
    page.click("#send")
    page.wait_for_selector("#question-hint .rag-hint")
    assert "请先输入问题" in page.inner_text("#question-hint")
    assert page.is_visible("#question textarea")
    assert page.locator("#chatbot .message-row").all_inner_texts() == before  # the conversation is untouched
    assert page.locator(".error, .toast-body").count() == 0  # no error badges, no toast
    ask(page, "莲花镇的柑橘采摘节吸引了多少游客？")
    assert page.inner_text("#question-hint").strip() == ""  # gone once a question is asked


def test_feedback_is_stored_with_note_and_right_answer_and_listed_in_the_library(page, app_and_home):
    question = f"区图书馆夜读活动什么时候开始？（{page.viewport_name}）"
    ask(page, question)
    page.locator("#chatbot button[aria-label='有误']").last.click()
    page.wait_for_selector("#feedback-form", state="visible")
    assert "有误" in page.inner_text("#feedback-title")
    page.fill("#feedback-note textarea", "日期说错了")
    page.fill("#feedback-correction textarea", "6月14日晚开始")
    page.click("#feedback-save")
    page.wait_for_selector("#feedback-form", state="hidden")
    assert "已保存" in page.inner_text("#feedback-done")
    tab(page, "资料库")
    page.click("#feedback-log-box .label-wrap")
    page.wait_for_function("(q) => document.querySelector('#feedback-log')?.innerText.includes(q)", arg=question)
    log_text = page.inner_text("#feedback-log")
    assert "有误" in log_text and "日期说错了" in log_text and "6月14日晚开始" in log_text
    page.click("#query-log-box .label-wrap")
    page.wait_for_function("(q) => document.querySelector('#query-log')?.innerText.includes(q)", arg=question)
    assert no_sideways_scroll(page)

    from rag.service import Service
    from rag.settings import Settings

    rows = [r for r in Service(Settings(home=app_and_home[1])).feedback() if r["question"] == question]
    assert len(rows) == 1 and rows[0]["good"] is False and rows[0]["correction"] == "6月14日晚开始"
    assert rows[0]["answer"] and rows[0]["engine"] and rows[0]["citations"]  # stored with what was judged
    assert json.dumps(rows[0]["citations"], ensure_ascii=False).count("quote") >= 1


def test_refusal_is_shown_apart(page):
    ask(page, "衢江区的地铁什么时候通车？")
    answer = last_answer(page)
    assert "rag-refused" in answer.get_attribute("class") and "档案中没有找到" in answer.inner_text()
    assert "未找到" in page.evaluate("(el) => getComputedStyle(el.querySelector('.rag-text'), '::before').content",
                                   answer.element_handle())


def test_injection_strings_are_shown_not_run(page):
    ask(page, "区信息中心的网页防护演示持续了多少分钟？")
    answer = last_answer(page)
    assert "45" in answer.locator(".rag-text").inner_text()
    marker = answer.locator(".rag-cite").first
    marker.click()
    shown = marker.locator(".rag-pop").inner_text()  # the cited paragraph
    assert EVIL_IMG in shown or EVIL_SCRIPT in shown  # visible as text
    page.mouse.move(0, 0)  # the pop-up closes when the pointer and the focus leave its marker
    page.evaluate("document.activeElement.blur()")
    answer.locator(".rag-card").first.click()
    wait_for_side_panel(page)
    assert EVIL_IMG in page.inner_text("#article-panel")
    assert page.locator("#chatbot img, #chatbot script, #article-panel img, #article-panel script").count() == 0
    page.wait_for_timeout(500)  # give an injected handler the chance to fire
    assert page.dialogs == []
