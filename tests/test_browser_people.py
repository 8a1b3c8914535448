"""The 人物·地点 tab, the names in answers and articles, story threads in the side panel and coverage balance in a
real browser (Debian's chromium via Playwright), at 1280×900 and at 390×844, over the sample corpus with four
invented issues that carry one project (tests/story_issues.py): the corpus has no story across its issues.
Screenshots of each view at both sizes."""

from __future__ import annotations

import re
import shutil

import pytest
from app_process import running_app
from story_issues import ISSUES, write_issue
from web_pages import (
    ANSWERED,
    CHROMIUM,
    ask,
    no_sideways_scroll,
    shots_dir,
    tab,
    visible_english,
    wait_for_side_panel,
)

pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]

VIEW = "#people-view"
# Latin words of the archive's own text (a sentence may say PPT): allowed; the page's own words must be Chinese
ARCHIVE_LATIN_JS = """() => [...document.querySelectorAll('.rag-said, .rag-headline, .rag-article-b, .rag-chip, h3')]
  .flatMap((el) => el.textContent.match(/[A-Za-z][A-Za-z'-]+/g) || [])"""
# names, headlines and table heads that are laid out one character per line (narrower than two characters)
SQUEEZED_JS = """() => [...document.querySelectorAll(
    '.rag-chip, .rag-entity h3, .rag-kind, .rag-post-t, .rag-headline, .rag-heat-name, .rag-heat-sum, .rag-heat-y, '
    + '.rag-thread-h, .rag-when')]
  .filter((el) => el.checkVisibility() && el.textContent.trim().length > 1 &&
    el.getBoundingClientRect().width < 1.8 * parseFloat(getComputedStyle(el).fontSize))
  .map((el) => el.textContent.trim())"""


@pytest.fixture(scope="module")
def app(corpus_home, tmp_path_factory):
    home = tmp_path_factory.mktemp("people") / "home"
    shutil.copytree(corpus_home, home)  # the session's corpus archive stays as it was
    from rag.service import Service
    from rag.settings import Settings

    service = Service(Settings(home=home))
    folder = tmp_path_factory.mktemp("story-issues")
    for name in ISSUES:
        assert not service.ingest([write_issue(folder, name)]).failed
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


def looks_right(page, what: str) -> None:
    """No sideways scrolling, no English of the page's own, no name one character per line."""
    assert no_sideways_scroll(page), f"{what}: the page is wider than the window"
    assert visible_english(page, tuple(page.evaluate(ARCHIVE_LATIN_JS))) == [], what
    assert page.evaluate(SQUEEZED_JS) == [], f"{what}: squeezed to one character per line"
    assert page.locator(".toast-body").count() == 0, f"{what}: a toast appeared"


def look_up(page, text: str, kind: str = "全部") -> None:
    tab(page, "人物·地点")
    page.get_by_role("tab", name="查找").click()
    page.locator("#people-kind").get_by_text(kind, exact=True).click()
    page.fill("#people-query input, #people-query textarea", text)
    page.click("#people-go")
    page.wait_for_function("(t) => document.querySelector('#people-view h3, #people-view .rag-notice')"
                           "?.textContent.includes(t)", arg=text)


def dates_in(page, selector: str) -> list[str]:
    return [re.match(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in page.locator(selector).all_inner_texts()]


def test_a_persons_page_shows_posts_over_time_and_a_cited_timeline(page):
    tab(page, "人物·地点")
    page.wait_for_selector(f"{VIEW} .rag-chip")  # the most reported names before anything is typed
    look_up(page, "贵丽青")
    assert page.locator(f"{VIEW} .rag-post-t").all_inner_texts() == ["区委副书记、代区长", "区委副书记、区长", "区委书记"]
    assert "区委书记" in page.inner_text(f"{VIEW} .rag-latest")
    events = page.locator(f"{VIEW} ol.rag-events > li")
    assert events.count() >= 5
    dates = dates_in(page, f"{VIEW} ol.rag-events > li .rag-when")
    assert dates == sorted(dates)
    assert all("贵丽青" in t for t in page.locator(f"{VIEW} ol.rag-events .rag-said").all_inner_texts())
    assert "第3854期" in events.last.inner_text()
    looks_right(page, "person")
    page.screenshot(path=str(shots_dir() / f"people-person-{page.viewport_name}.png"), full_page=True)
    events.last.locator(".rag-headline").click()  # opens the article at the sentence naming her
    wait_for_side_panel(page)
    assert "贵丽青" in page.inner_text("#article-panel #rag-hit")


def test_a_places_page_and_a_name_the_archive_lacks(page):
    look_up(page, "廿里镇", "地点")
    assert "这里发生过的事" in page.inner_text(VIEW)
    dates = dates_in(page, f"{VIEW} ol.rag-events > li .rag-when")
    assert len(dates) >= 4 and dates == sorted(dates)
    looks_right(page, "place")
    page.screenshot(path=str(shots_dir() / f"people-place-{page.viewport_name}.png"), full_page=True)
    look_up(page, "查无此人", "人物")
    assert "档案里没有找到名字包含「查无此人」的人物" in page.inner_text(f"{VIEW} .rag-notice")
    looks_right(page, "not found")


def test_names_in_answers_and_articles_open_their_page_and_the_story_goes_on(page):
    ask(page, "衢州恒川新材料产业园项目什么时候开工？")
    answer = page.locator(ANSWERED).last
    answer.locator("a.rag-name", has_text="廿里镇").first.click()
    page.wait_for_function("() => document.querySelector('#people-view h3')?.textContent === '廿里镇'")
    assert page.get_by_role("tab", name="人物·地点").get_attribute("aria-selected") == "true"
    assert page.input_value("#people-query input, #people-query textarea") == "廿里镇"

    tab(page, "问答")
    answer.locator(".rag-card", has_text="项目开工").first.click()
    wait_for_side_panel(page)
    panel = page.locator("#article-panel")
    page.wait_for_function("() => document.querySelector('#article-panel .rag-thread')")
    thread = panel.locator(".rag-thread").inner_text()
    assert thread.index("前情（1篇）") < thread.index("签约落户廿里镇") < thread.index("后续（2篇）")
    assert thread.index("主体结构封顶") < thread.index("项目投产")
    looks_right(page, "article with its story")
    page.screenshot(path=str(shots_dir() / f"people-article-thread-{page.viewport_name}.png"))
    panel.locator(".rag-thread a.rag-headline", has_text="主体结构封顶").click()  # 后续 opens that article
    page.wait_for_function("() => document.querySelector('#article-panel h3')?.textContent.includes('主体结构封顶')")
    panel.locator(".rag-article-b a.rag-name", has_text="林向东").first.click()  # a name in the article
    page.wait_for_function("() => document.querySelector('#people-view h3')?.textContent === '林向东'")
    page.wait_for_selector("#article-side.open", state="detached")  # the panel makes way for the page
    assert "区委书记" in page.inner_text(f"{VIEW} .rag-latest")


def test_coverage_balance_by_town_and_department_and_the_towns_left_out(page):
    tab(page, "人物·地点")
    page.get_by_role("tab", name="报道均衡").click()
    page.wait_for_selector("#coverage-view .rag-heat")
    text = page.inner_text("#coverage-view")
    assert "以最新一期（2025-05-20）为准" in text and "近30天（2025-04-20 至 2025-05-20）" in text
    assert "部门每月见报篇数" in text and "区招商中心" in text
    gap = page.locator("#coverage-view .rag-coverage > .rag-chips .rag-chip")
    assert gap.count() > 0
    looks_right(page, "coverage")
    page.screenshot(path=str(shots_dir() / f"people-coverage-{page.viewport_name}.png"), full_page=True)
    page.locator("#coverage-view .rag-heat-name a", has_text="杜泽镇").first.click()  # a town opens its page
    page.wait_for_function("() => document.querySelector('#people-view h3')?.textContent === '杜泽镇'")
    assert page.get_by_role("tab", name="查找").get_attribute("aria-selected") == "true"
    page.get_by_role("tab", name="报道均衡").click()
    page.fill("#coverage-until input, #coverage-until textarea", "2025-13-01")
    page.click("#coverage-go")
    page.wait_for_function("() => document.querySelector('#coverage-view .rag-warn')")
    assert "不是有效的日期" in page.inner_text("#coverage-view")
    looks_right(page, "coverage with a wrong date")
