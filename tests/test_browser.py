"""The web app in a real browser (Debian's chromium driven by Playwright): upload, ask, open a citation, brief,
download the .docx, and injection strings shown as text with no script run.

Screenshots of each tab go to $SCREENSHOT_DIR (or a temp dir); the path is printed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app_process import EXAMPLES, running_app

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "<script>alert(2)</script>"
EVIL_TEMPLATE = "${alert(3)}{{constructor.constructor('alert(4)')()}}"
INJECTION_ISSUE = f"""中共衢州市衢江区委主办 衢江传媒集团承办
2025年7月1日 星期二
今日衢江 今日4版 总第9100期

区信息中心演示网页防护

本报讯（记者 程安然）6月30日，区信息中心演示网页防护，测试字符串{EVIL_IMG}和{EVIL_SCRIPT}以及{EVIL_TEMPLATE}都应原样显示。演示共持续45分钟，参加人员32名。

区信息中心负责人表示，网页防护演练每季度举行一次。
"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser-home")
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log") as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg.dialogs = []  # every alert/confirm/prompt the page tries to open
        pg.confirm_answer = False  # confirm() dialogs are dismissed unless a test says to accept them

        def on_dialog(d) -> None:
            pg.dialogs.append(d.message)
            d.accept() if d.type == "confirm" and pg.confirm_answer else d.dismiss()

        pg.on("dialog", on_dialog)
        pg.set_default_timeout(120_000)  # the first answer loads the embedder
        pg.goto(url)
        pg.wait_for_selector("#question")
        yield pg
        browser.close()


def upload(page, path: Path, expect_date: str) -> None:
    page.get_by_role("tab", name="资料库").click()
    page.set_input_files("#upload input[type=file]", str(path))
    date_box = page.locator("#issue-date input").first
    page.wait_for_function("(d) => document.querySelector('#issue-date input').value === d", arg=expect_date)
    assert date_box.input_value() == expect_date  # pre-filled from the masthead
    page.click("#ingest")
    page.wait_for_function("(n) => document.querySelector('#issues').innerText.includes(n)", arg=path.name)
    assert f"{path.name}：已导入" in page.inner_text("#ingest-out")


def ask(page, question: str, new_chat: bool = True) -> None:
    """Ask in the Chat tab and wait until the answer has finished streaming."""
    page.get_by_role("tab", name="问答").click()
    if new_chat:
        page.click("#new-chat")
        page.wait_for_selector("#chat-log .rag-chat-empty")
    turns = page.locator("#chat-log .rag-q").count()
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#chat-log .rag-answer:not(.rag-streaming)').length === n", arg=turns + 1)


def test_empty_archive_explains_and_offers_examples(page, shots):
    assert "档案还是空的" in page.inner_text("#empty-notice")
    assert page.is_visible("#load-examples")
    page.screenshot(path=str(shots / "0-empty.png"), full_page=True)


def test_upload_ask_open_citation(page, shots, tmp_path):
    issue = tmp_path / "qujiang-2025-06-10.txt"
    shutil.copy(EXAMPLES / "qujiang-example-2025-06-10.txt", issue)
    upload(page, issue, "2025-06-10")
    assert "qujiang-2025-06-10.txt" in page.inner_text("#issues")
    assert "峡川镇民宿集群带火乡村游" in page.inner_text("#articles")
    assert not page.is_visible("#empty-notice")
    page.screenshot(path=str(shots / "1-library.png"), full_page=True)

    ask(page, "峡川镇的民宿有多少家？")
    answer = page.locator("#chat-log .rag-answer").last
    assert "48" in answer.inner_text() and "rag-refused" not in (answer.get_attribute("class") or "")
    marker = answer.locator(".rag-cite").first
    marker.click()
    pop = marker.locator(".rag-pop")
    assert pop.is_visible()
    assert "2025-06-10" in pop.inner_text() and "林晓雯" in pop.inner_text()
    assert "48" in pop.locator("mark").inner_text()  # the quoted passage, highlighted in its paragraph
    page.screenshot(path=str(shots / "2-chat-citation.png"), full_page=True)

    ask(page, "那里的床位有多少张？", new_chat=False)  # a follow-up: the history says where "there" is
    assert page.locator("#chat-log .rag-q").count() == 2
    assert "620" in page.locator("#chat-log .rag-answer").last.locator(".rag-text").inner_text()

    ask(page, "衢江区的地铁什么时候通车？")
    refused = page.locator("#chat-log .rag-answer").last
    assert "rag-refused" in refused.get_attribute("class") and "档案中没有找到" in refused.inner_text()
    page.screenshot(path=str(shots / "2b-chat-refused.png"), full_page=True)


def test_briefing_preview_and_docx_download(page, shots):
    page.get_by_role("tab", name="简报").click()
    # the tab mounts its date fields with the default range (last week); typing before that is overwritten
    page.wait_for_function("() => ['#brief-from', '#brief-to'].every(b => document.querySelector(b + ' input')?.value)")
    for box, day in (("#brief-from", "2025-06-09"), ("#brief-to", "2025-06-15")):
        page.fill(f"{box} input", day)
        page.press(f"{box} input", "Enter")
    assert [page.input_value(f"{box} input") for box in ("#brief-from", "#brief-to")] == ["2025-06-09", "2025-06-15"]
    page.click("#make-brief")
    try:
        page.wait_for_selector("#brief-view .rag-brief", timeout=60_000)
    except sync_api.TimeoutError:
        page.screenshot(path=str(shots / "3-briefing-FAILED.png"), full_page=True)
        inputs = [page.input_value(f"{box} input") for box in ("#brief-from", "#brief-to")]
        raise AssertionError(f"no briefing after 60 s; dates {inputs}; view: {page.inner_text('#brief-view')!r}; "
                             f"page: {page.inner_text('body')[-600:]!r}") from None
    assert "峡川镇" in page.inner_text("#brief-view") and page.locator("#brief-view .rag-cite").count() > 0
    page.wait_for_selector("#dl-docx", state="visible")
    with page.expect_download() as info:
        page.click("#dl-docx")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    assert Path(download.path()).read_bytes()[:2] == b"PK"  # a zip container, i.e. a Word file
    page.screenshot(path=str(shots / "3-briefing.png"), full_page=True)


def test_injection_strings_are_shown_not_run(page, shots, tmp_path):
    issue = tmp_path / "injection-2025-07-01.txt"
    issue.write_text(INJECTION_ISSUE, encoding="utf-8")
    upload(page, issue, "2025-07-01")
    articles = page.inner_text("#articles")
    assert "区信息中心演示网页防护" in articles
    ask(page, "区信息中心的网页防护演示持续了多少分钟？")
    answer = page.locator("#chat-log .rag-answer").last
    answer.locator(".rag-cite").first.click()
    shown = answer.inner_text()
    assert "45" in shown
    assert EVIL_IMG in shown or EVIL_SCRIPT in shown  # the characters are visible as text
    assert page.locator("#chat-log img, #chat-log script, #articles img").count() == 0
    page.wait_for_timeout(1000)  # give any injected handler time to fire
    page.screenshot(path=str(shots / "4-injection.png"), full_page=True)
    assert page.dialogs == []


def test_delete_issues_then_load_examples(page, shots):
    page.get_by_role("tab", name="资料库").click()
    # deleting asks first; saying no deletes nothing
    page.click("#delete-source input")
    page.get_by_role("option", name="qujiang-2025-06-10.txt").click()
    page.click("#delete")
    page.wait_for_function("() => document.querySelector('#ingest-out').innerText.includes('已取消')")
    assert "确定删除 qujiang-2025-06-10.txt" in page.dialogs[-1]
    assert "qujiang-2025-06-10.txt" in page.inner_text("#issues")
    page.confirm_answer = True
    for name in ("injection-2025-07-01.txt", "qujiang-2025-06-10.txt"):
        page.click("#delete-source input")
        page.get_by_role("option", name=name).click()
        page.click("#delete")
        page.wait_for_function("(n) => !document.querySelector('#issues').innerText.includes(n)", arg=name)
        assert f"确定删除 {name}" in page.dialogs[-1]
    assert "档案为空" in page.inner_text("#issues")
    page.wait_for_selector("#load-examples", state="visible")  # the empty-archive offer is back
    page.click("#load-examples")
    page.wait_for_function("() => document.querySelector('#issues').innerText.includes('qujiang-example-2025-06-13')")
    assert page.locator("#issues tbody tr").count() == 3 and not page.is_visible("#empty-notice")
    page.fill("#articles-title textarea, #articles-title input", "峡川")
    page.click("#filter")
    page.wait_for_function("() => document.querySelector('#articles').innerText.includes('共 2 篇文章')")
    page.screenshot(path=str(shots / "5-library-examples.png"), full_page=True)
