"""No English reaches staff: an empty archive, then every error path of the three tabs walked in a real browser
(Debian's chromium via Playwright, with an English browser language) at 1280×900 and at 390×844, checking the
text, labels, tooltips and placeholders the page shows after each step. Screenshots of each tab at both sizes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app_process import running_app
from web_pages import (CHROMIUM, VIEWPORTS, ask, no_sideways_scroll, pick, shots_dir, tab, upload, visible_english,
                       wait_for_side_panel)

pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]

MAX_MB = 1  # the app's upload limit here, so that a file over it is small


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("errors-home")  # empty: the first tests see a new archive


@pytest.fixture(scope="module")
def app(home, tmp_path_factory):
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log",
                     env={"RAG_MAX_UPLOAD_MB": str(MAX_MB)}) as url:
        yield url


def box(name: str) -> str:
    """The text field of the component #name."""
    return f"#{name} textarea, #{name} input"


class Walk:
    """Steps of an error walk: after each, the page must show no English; what it said is kept for the report."""

    def __init__(self, page) -> None:
        self.page, self.said = page, []

    def step(self, step: str, fills: dict[str, str], click: str, selector: str, expect: str,
             file_name: str = "") -> None:
        """Fill the fields (component id -> text), click, then check what `selector` says."""
        for name, text in fills.items():
            self.fill(name, text)
        self.page.click(click)
        self.check(step, selector, expect, file_name)

    def fill(self, name: str, text: str) -> None:
        """Fill a field and see that it still holds the text a moment later: an update the page was still making
        (the briefing tab's default dates) may land after the fill, and is filled over again."""
        for _ in range(5):
            self.page.fill(box(name), text)
            self.page.wait_for_timeout(300)
            if self.page.input_value(box(name)) == text:
                return
        raise AssertionError(f"#{name} did not keep the text {text!r}")

    def check(self, step: str, selector: str, expect: str, file_name: str = "") -> None:
        self.page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                                    arg=[selector, expect])
        self.said.append((step, self.page.inner_text(selector).strip()))
        english = visible_english(self.page, tuple(re.findall(r"[A-Za-z]+", file_name)))  # their own file name
        assert english == [], f"{step}: English on the page: {english}"
        assert self.page.locator(".toast-body").count() == 0, f"{step}: a toast appeared"


def test_an_empty_archive_says_what_to_do_in_chinese(page):
    page.wait_for_selector("#empty-notice .rag-notice")
    assert "档案还是空的" in page.inner_text("#empty-notice") and page.is_visible("#load-examples")
    assert "rag ingest" not in page.inner_text("body")  # no command line in a web page
    assert visible_english(page) == []
    page.screenshot(path=str(shots_dir() / f"empty-archive-{page.viewport_name}.png"), full_page=True)
    tab(page, "简报")
    page.wait_for_function("() => document.querySelector('#archive-range')?.innerText.includes('档案还是空的')")
    page.click("#make-brief")
    page.wait_for_function("() => document.querySelector('#brief-status')?.innerText.includes('请填写')")
    assert visible_english(page) == []
    ask(page, "峡川镇的民宿有多少家？")
    assert "档案中没有找到" in page.inner_text("#chatbot") and visible_english(page) == []


def test_the_examples_load_with_one_click(page):
    if page.viewport_name == "phone":
        pytest.skip("the examples are loaded once, at the desktop size")
    page.click("#load-examples")
    page.wait_for_function("() => document.querySelector('#examples-out')?.innerText.includes('已载入示例期刊')")
    page.wait_for_selector("#load-examples", state="hidden")
    assert not page.is_visible("#empty-notice .rag-notice") and visible_english(page) == []


def test_every_error_path_speaks_chinese(page, tmp_path):
    walk = Walk(page)
    # chat: an empty question, an unreadable date, dates the wrong way round
    walk.step("empty question", {"question": "  "}, "#send", "#question-hint", "请先输入问题")
    walk.step("a question too long", {"question": "峡川镇" * 200}, "#send", "#question-hint", "问题太长")
    page.click("#chat-dates .label-wrap")
    walk.step("unreadable chat date", {"chat-from": "上周", "question": "峡川镇的民宿有多少家？"}, "#send",
              "#question-hint", "不是有效的日期")
    walk.step("chat dates reversed", {"chat-from": "2025-06-20", "chat-to": "2025-06-01"}, "#send",
              "#question-hint", "晚于结束日期")
    page.fill(box("chat-from"), "")
    page.fill(box("chat-to"), "")

    # briefing: no dates, an unreadable date, a range without issues
    tab(page, "简报")
    page.wait_for_function("(sel) => document.querySelector(sel)?.value", arg=box("brief-from"))
    page.wait_for_function("() => document.querySelector('#archive-range')?.innerText.includes('收录')")
    walk.step("briefing without dates", {"brief-from": ""}, "#make-brief", "#brief-status", "请填写起始日期和结束日期")
    walk.step("unreadable briefing date", {"brief-from": "6月9日"}, "#make-brief", "#brief-status", "不是有效的日期")
    walk.step("empty briefing range", {"brief-from": "2020-01-06", "brief-to": "2020-01-12"}, "#make-brief",
              "#brief-status", "没有收录的报道")
    assert "收录 2025-06-03 至 2025-06-13" in page.inner_text("#brief-status")
    page.click("#brief-next")  # from a date far from any issue: a week later, still nothing picked
    page.wait_for_function("(sel) => document.querySelector(sel).value === '2020-01-13'", arg=box("brief-from"))

    # library: nothing chosen, a wrong type, a broken PDF, an empty file, a binary file, no date, a bad date,
    # a file over the limit, deleting without choosing
    tab(page, "资料库")
    page.click("#ingest")
    walk.check("import without a file", "#ingest-out", "请先选择")
    cases = [("program.exe", b"MZ\x90\x00", "不支持这种文件类型"),
             ("broken.pdf", b"%PDF-1.4\n1 0 obj << >> truncated", "PDF 文件已损坏"),
             ("empty.txt", b"", "文件是空的"),
             ("binary.txt", b"\x00\x01\x02binary", "这不是文字文件"),
             ("nodate.txt", "区里召开会议\n\n本报讯（记者 张三）会议召开。参加人员30名。".encode(), "报头上没有找到出版日期")]
    for name, data, expect in cases:
        page.reload()  # an empty upload box
        page.wait_for_selector("#question textarea")
        f = tmp_path / name
        f.write_bytes(data)
        upload(page, f)
        page.click("#ingest")
        walk.check(f"upload {name}", "#ingest-out", expect, file_name=name)
    walk.step("unreadable issue date", {"issue-date": "昨天"}, "#ingest", "#ingest-out", "不是有效的日期",
              file_name="nodate.txt")
    big = tmp_path / "big.txt"
    big.write_bytes("今日衢江".encode() * (MAX_MB * 1024 * 1024 // 12 + 10))
    page.set_input_files("#upload input[type=file]", str(big))
    walk.check("file over the limit", ".rag-upload-warn", "超过 1 MB 的上限", file_name="big.txt nodate.txt")
    page.click("#delete")
    walk.check("delete without choosing", "#ingest-out", "请先在「删除一期」里选择", file_name="big.txt nodate.txt")
    page.click("#articles-box .label-wrap")
    walk.step("unreadable filter date", {"articles-from": "2025-13-01"}, "#filter", "#articles", "不是有效的日期",
              file_name="big.txt nodate.txt")
    page.screenshot(path=str(shots_dir() / f"errors-library-{page.viewport_name}.png"), full_page=True)
    print("\n".join(f"{step}: {text}" for step, text in walk.said))


def birdwatch_issue(folder: Path, name: str, number: int, day: int) -> Path:
    """An invented one-article issue of July 2025, told apart by its number."""
    issue = folder / f"{name}-{number}.txt"
    issue.write_text("中共衢州市衢江区委主办 衢江传媒集团承办\n"
                     f"2025年7月{day}日 星期二\n今日衢江 今日4版 总第{number}期\n\n白鹭湿地观鸟站开放\n\n"
                     f"本报讯（记者 方明）7月{day - 1}日，白鹭湿地观鸟站开放，站内设观鸟屏风{number % 100}处，"
                     "首日接待游客600人次。\n", encoding="utf-8")
    return issue


def import_issue(page, issue, number: int) -> None:
    """Upload and import an issue in the library tab; wait until the issue list shows it."""
    upload(page, issue)
    page.wait_for_function("() => document.querySelector('#issue-date textarea, #issue-date input').value")
    page.click("#ingest")
    page.wait_for_function("(n) => document.querySelector('#issues').innerText.includes(n)", arg=f"第{number}期")


def test_a_source_whose_issue_was_deleted_says_so(page, tmp_path):
    number = 9601 if page.viewport_name == "desktop" else 9602
    import_issue(page, birdwatch_issue(tmp_path, "gone", number, 15), number)
    ask(page, "白鹭湿地观鸟站首日接待游客多少人次？")
    tab(page, "资料库")
    pick(page, "delete-issue", f"2025-07-15 · 第{number}期（1篇）")
    page.click("#delete")
    page.click("#delete-yes")
    page.wait_for_function("(n) => !document.querySelector('#issues').innerText.includes(n)", arg=f"第{number}期")
    tab(page, "问答")
    page.locator("#chatbot .rag-card").last.click()
    page.wait_for_function("() => document.querySelector('#article-panel')?.innerText.includes('已不在档案里')")
    assert visible_english(page) == []


def test_a_busy_writer_is_said_in_chinese(page, home, tmp_path):
    """While another process writes (`rag ingest` in a terminal holds the writer lock), a delete in the page is
    refused at once and an import waits, each saying so in Chinese; the import goes in when the lock is free."""
    from rag.index.lock import WriterLock

    first, second = (9701, 9751) if page.viewport_name == "desktop" else (9702, 9752)
    import_issue(page, birdwatch_issue(tmp_path, "观鸟", first, 22), first)
    walk = Walk(page)
    with WriterLock(home).hold("rag ingest"):
        pick(page, "delete-issue", f"2025-07-22 · 第{first}期（1篇）")
        page.click("#delete")
        page.click("#delete-yes")
        walk.check("delete while another process writes", "#ingest-out", "请稍等一会儿再试")
        later = birdwatch_issue(tmp_path, "观鸟", second, 29)
        upload(page, later)
        page.wait_for_function("() => document.querySelector('#issue-date textarea, #issue-date input').value")
        page.click("#ingest")
        walk.check("import while another process writes", "#ingest-out", "等它完成后会自动开始导入")
        assert f"第{second}期" not in page.inner_text("#issues")
    page.wait_for_function("(n) => document.querySelector('#issues').innerText.includes(n)", arg=f"第{second}期")
    assert f"第{first}期" in page.inner_text("#issues")  # the refused delete removed nothing
    print("\n".join(f"{step}: {text}" for step, text in walk.said))


@pytest.mark.parametrize("shot, name", [("chat", "问答"), ("brief", "简报"), ("people", "人物·地点"),
                                        ("library", "资料库")])
def test_each_tab_fits_and_speaks_chinese(page, shot, name):
    tab(page, name)
    ready = {"问答": None, "简报": "#archive-range .rag-range", "人物·地点": "#people-view .rag-chip",
             "资料库": "#issues table"}[name]
    if ready:
        page.wait_for_selector(ready)  # drawn by the page's load events
    else:
        ask(page, "夏季招聘会提供了多少个岗位？")
    assert no_sideways_scroll(page), f"{name}: the page is wider than the window"
    assert visible_english(page) == []
    for box in page.locator("input:visible, textarea:visible").all():
        r = box.bounding_box()
        assert r["x"] >= 0 and r["x"] + r["width"] <= page.viewport_size["width"] + 1  # no clipped date boxes
    page.screenshot(path=str(shots_dir() / f"tab-{shot}-{page.viewport_name}.png"), full_page=True)


def test_the_side_panel_fits_the_window(page):
    ask(page, "莲花镇的柑橘采摘节吸引了多少游客？")
    page.locator("#chatbot .rag-card").first.click()
    wait_for_side_panel(page)
    assert visible_english(page) == []
    page.screenshot(path=str(shots_dir() / f"side-panel-{page.viewport_name}.png"))


@pytest.fixture(scope="module")
def auth_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("auth-home"), tmp_path_factory.mktemp("log") / "auth.log",
                     env={"RAG_AUTH": "editor:s3cret"}) as url:
        yield url


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_login_page_speaks_chinese_to_an_english_browser(browser, auth_app, viewport):
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], locale="en-US")
    page = ctx.new_page()
    page.goto(auth_app)
    page.wait_for_selector("input[type=password]")
    assert "请登录" in page.inner_text("body") and visible_english(page) == []
    page.fill("input[type=text]", "editor")
    page.fill("input[type=password]", "wrong")
    page.keyboard.press("Enter")
    page.wait_for_function("() => /不正确|错误/.test(document.body.innerText)")
    assert visible_english(page) == []
    page.screenshot(path=str(shots_dir() / f"login-{viewport}.png"))
    page.fill("input[type=text]", "editor")  # the form starts again empty
    page.fill("input[type=password]", "s3cret")
    page.keyboard.press("Enter")
    page.wait_for_selector("#question textarea", timeout=90_000)  # in, and the app is in Chinese too
    assert visible_english(page) == []
    ctx.close()
