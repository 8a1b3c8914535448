"""The 简报 and 资料库 tabs in a real browser (Debian's chromium via Playwright), at 1280×900 and at 390×844: the
briefing opens on the week of the newest issue with the archive's range and its issues to pick from; the library
lists issues by date and 第N期, deletes one after a confirmation in the page, keeps a failed upload with the reason
in Chinese, and shows one progress bar that moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from app_process import ingest_examples, running_app
from web_pages import (CHROMIUM, IN_UPLOAD_BOX, in_upload_box, no_sideways_scroll, pick, shots_dir, tab, upload,
                       wait_for_side_panel)

pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]

MASTHEAD = "中共衢州市衢江区委主办 衢江传媒集团承办\n{date}\n今日衢江 今日4版 总第{number}期\n\n"
PLACES = ["莲花镇", "峡川镇", "高家镇", "全旺镇", "湖南镇", "杜泽镇", "大洲镇", "后溪镇", "廿里镇", "云溪乡"]
THINGS = ["便民服务中心", "文化礼堂", "农贸市场", "污水管网", "乡村公交", "老年食堂", "篮球场", "茶园步道"]


def invented_issue(date_cn: str, number: int, articles: int) -> str:
    """An invented issue (a masthead and `articles` short news stories), for uploads."""
    parts = [MASTHEAD.format(date=date_cn, number=number)]
    for i in range(articles):
        place, thing = PLACES[i % len(PLACES)], THINGS[(i * 3 + number) % len(THINGS)]
        parts.append(f"{place}{thing}第{i + 1}期工程完工\n\n"
                     f"本报讯（记者 周明远）近日，{place}{thing}第{i + 1}期工程完工，总投资{120 + i * 7}万元，"
                     f"惠及群众{800 + i * 13}人。工程自今年{1 + i % 11}月开工，共完成{3 + i % 5}个子项目。"
                     f"{place}负责人介绍，下一步将做好{thing}的日常管理，让群众用得上、用得好。"
                     f"据了解，这是{place}今年完成的第{2 + i % 4}个民生项目，另有{1 + i % 3}个项目正在推进。\n\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    home = tmp_path_factory.mktemp("library-home")
    ingest_examples(home)
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


def dates(page) -> list[str]:
    return [page.input_value(f"#{b} textarea, #{b} input") for b in ("brief-from", "brief-to")]


def test_briefing_opens_on_the_newest_issue_with_the_range_and_issues_to_pick(page, tmp_path):
    tab(page, "简报")
    page.wait_for_function("() => document.querySelector('#archive-range')?.innerText.includes('收录')")
    assert "收录 2025-06-03 至 2025-06-13，共3期" in page.inner_text("#archive-range")
    page.wait_for_function("() => document.querySelector('#brief-from textarea, #brief-from input')?.value")
    assert dates(page) == ["2025-06-09", "2025-06-15"]  # Monday..Sunday of the newest issue (13 June)
    page.screenshot(path=str(shots_dir() / f"brief-default-{page.viewport_name}.png"), full_page=True)
    pick(page, "brief-issue", "2025-06-03 · 第9001期（3篇）")
    page.wait_for_function("() => document.querySelector('#brief-from textarea, #brief-from input').value"
                           " === '2025-06-02'")
    assert dates(page) == ["2025-06-02", "2025-06-08"]
    page.click("#brief-next")
    page.wait_for_function("() => document.querySelector('#brief-from textarea, #brief-from input').value"
                           " === '2025-06-09'")
    page.click("#make-brief")
    page.wait_for_selector("#brief-view .rag-brief")
    # the new briefing is brought into view (on a phone the form fills the screen)
    page.wait_for_function("() => document.querySelector('#brief-view .rag-brief').getBoundingClientRect().top"
                           " < window.innerHeight * 0.6")
    page.wait_for_timeout(600)  # (the smooth scroll settles)
    page.screenshot(path=str(shots_dir() / f"brief-made-{page.viewport_name}.png"))  # what the screen shows
    view = page.inner_text("#brief-view")
    assert "峡川镇" in view and "第9002期" in view and ".txt" not in view
    assert page.locator("#brief-view .rag-card").count() > 0
    with page.expect_download() as info:
        page.click("#dl-docx")
    assert info.value.suggested_filename.endswith(".docx")
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"  # a zip container, i.e. a Word file
    # keep it, make a short one of the same week, then reopen the kept one
    page.click("#brief-keep")
    page.wait_for_function("() => document.querySelector('#brief-status')?.innerText.includes('已保存到简报库')")
    page.get_by_label("简要").check()
    page.click("#make-brief")
    page.wait_for_selector("#brief-keep", state="visible")
    short = page.inner_text("#brief-view")
    page.click("#kept-box .label-wrap")
    kept = page.locator("#kept-briefs input")
    kept.click()
    page.get_by_role("option").first.click()
    page.click("#kept-open")
    page.wait_for_function("() => document.querySelector('#brief-status')?.innerText.includes('已打开保存的简报')")
    assert page.inner_text("#brief-view") == view and view != short  # the kept (full) one, as it was made
    assert not page.is_visible("#brief-keep")
    page.locator("#brief-view .rag-card").first.click()
    wait_for_side_panel(page)
    assert page.locator("#article-panel #rag-hit").count() == 1
    page.click("#article-close")
    page.wait_for_selector("#article-side.open", state="detached")
    page.wait_for_function("() => document.querySelector('#article-side').getBoundingClientRect().left"
                           " >= window.innerWidth")  # slid out of the window
    page.locator("#brief-view .rag-cite").first.click()
    pop = page.locator("#brief-view .rag-cite").first.locator(".rag-pop")
    pop.wait_for(state="visible")
    page.wait_for_function("(el) => el.style.position === 'fixed'", arg=pop.element_handle())
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    assert no_sideways_scroll(page)
    page.screenshot(path=str(shots_dir() / f"brief-preview-{page.viewport_name}.png"), full_page=True)


def test_library_lists_issues_by_date_and_number_without_files_or_ids(page):
    tab(page, "资料库")
    page.wait_for_function("() => document.querySelector('#issues')?.innerText.includes('第9003期')")
    issues = page.inner_text("#issues")
    for day, number in (("2025-06-03", "9001"), ("2025-06-10", "9002"), ("2025-06-13", "9003")):
        assert day in issues and f"第{number}期" in issues
    assert page.locator("#issues tbody tr").count() == 3
    page.click("#articles-box .label-wrap")
    page.wait_for_function("() => document.querySelector('#articles')?.innerText.includes('共 9 篇文章')")
    lists = page.inner_text("#issues") + page.inner_text("#articles")
    assert ".txt" not in lists and "qujiang-example" not in lists  # issues, not files
    shown = page.inner_text("body")
    for hidden in ("qujiang-example", "extractive", "multilingual", "RAG_HOME", "/tmp", "库目录", "引擎"):
        assert hidden not in shown  # no file names, engine, model or archive folder
    assert no_sideways_scroll(page)
    page.screenshot(path=str(shots_dir() / f"library-lists-{page.viewport_name}.png"), full_page=True)


def test_delete_asks_in_the_page_first(page, tmp_path):
    number = 9201 if page.viewport_name == "desktop" else 9202
    day = "2025年7月8日 星期二" if number == 9201 else "2025年7月9日 星期三"
    issue = tmp_path / f"upload-{number}.txt"
    issue.write_text(invented_issue(day, number, 3), encoding="utf-8")
    upload(page, issue)
    page.wait_for_function("() => document.querySelector('#issue-date textarea, #issue-date input').value")
    page.click("#ingest")
    page.wait_for_function("(n) => document.querySelector('#issues').innerText.includes(n)", arg=f"第{number}期")
    label = f"{'2025-07-08' if number == 9201 else '2025-07-09'} · 第{number}期（3篇）"
    pick(page, "delete-issue", label)
    page.click("#delete")
    page.wait_for_selector("#delete-confirm", state="visible")
    assert f"确定删除 {label}" in page.inner_text("#delete-confirm")
    page.click("#delete-no")
    page.wait_for_selector("#delete-confirm", state="hidden")
    assert "已取消" in page.inner_text("#ingest-out") and f"第{number}期" in page.inner_text("#issues")
    page.click("#delete")
    page.wait_for_selector("#delete-confirm", state="visible")
    page.click("#delete-yes")
    page.wait_for_function("(n) => !document.querySelector('#issues').innerText.includes(n)", arg=f"第{number}期")
    assert "已删除" in page.inner_text("#ingest-out") and page.dialogs == []  # no browser dialog, all in the page


def test_a_failed_upload_keeps_the_file_and_says_why(page, tmp_path):
    broken = tmp_path / "报纸0708.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> truncated")
    upload(page, broken)
    page.click("#ingest")
    page.wait_for_selector("#ingest-out .rag-warn")
    said = page.inner_text("#ingest-out")
    assert "报纸0708.pdf" in said and "没有导入" in said and "PDF 文件已损坏" in said
    assert in_upload_box(page, "报纸0708.pdf")  # still in the box
    page.screenshot(path=str(shots_dir() / f"library-failed-upload-{page.viewport_name}.png"), full_page=True)

    page.reload()  # a fresh box for the next file
    page.wait_for_selector("#question textarea")
    undated = tmp_path / "无日期的一期.txt"
    number = 9301 if page.viewport_name == "desktop" else 9302
    undated.write_text(invented_issue("", number, 2).replace("\n\n今日衢江", "\n今日衢江"), encoding="utf-8")
    upload(page, undated)
    page.wait_for_function("() => document.querySelector('#date-hint')?.innerText.includes('没有找到日期')")
    page.click("#ingest")
    page.wait_for_function("() => document.querySelector('#ingest-out').innerText.includes('期刊日期')")
    assert in_upload_box(page, "无日期的一期.txt")
    day = "2025-07-20" if page.viewport_name == "desktop" else "2025-07-21"
    page.fill("#issue-date textarea, #issue-date input", day)
    page.click("#ingest")
    page.wait_for_function("() => document.querySelector('#ingest-out').innerText.includes('已导入')")
    page.wait_for_function(f"(n) => !({IN_UPLOAD_BOX})(n)", arg="无日期的一期.txt")  # emptied for the next one
    page.wait_for_function("(d) => document.querySelector('#issues').innerText.includes(d)", arg=day)


def test_one_progress_bar_that_moves(page, tmp_path):
    number = 9401 if page.viewport_name == "desktop" else 9402
    issue = tmp_path / f"big-{number}.txt"
    issue.write_text(invented_issue(f"2025年8月{number - 9400}日 星期五", number, 36), encoding="utf-8")
    upload(page, issue)
    page.wait_for_function("() => document.querySelector('#issue-date textarea, #issue-date input').value")
    page.evaluate("""() => {
      window.seen = [];
      window.bars = 0;
      const record = () => {
        const bars = document.querySelectorAll('[role=progressbar]');
        window.bars = Math.max(window.bars, bars.length);
        bars.forEach((b) => window.seen.push(Number(b.getAttribute('aria-valuenow'))));
      };
      new MutationObserver(record).observe(document.body, {subtree: true, childList: true, attributes: true});
    }""")
    page.click("#ingest")
    page.wait_for_function("(n) => document.querySelector('#issues').innerText.includes(n)", arg=f"第{number}期")
    seen, bars = page.evaluate("() => [window.seen, window.bars]")
    assert bars == 1  # one bar, not one per output
    moving = sorted({v for v in seen if 0 < v < 100})
    assert moving, f"the bar never moved between 0% and 100%: {seen}"
    assert seen == sorted(seen)  # it only goes forward
