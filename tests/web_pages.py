"""Driving the web app in Debian's chromium (Playwright) for the browser tests: a page per viewport, asking in the
chat, switching tabs, screenshots, and the English words a page shows staff."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ANSWERED = "#chatbot .rag-answer:not(.rag-streaming)"

# Latin words a page may show staff: file types, file sizes and the names of the formats staff download.
ALLOWED_LATIN = {"txt", "md", "pdf", "docx", "PDF", "Word", "Markdown", "KB", "MB"}
# Every Latin word staff can see: visible text, and the tooltips (title), placeholders and image texts of visible
# elements. (aria-label is read out by screen readers, never shown; Gradio hard-codes a few in English.)
VISIBLE_LATIN_JS = """(allowed) => {
  const words = new Set();
  const add = (text) => (text || "").match(/[A-Za-z][A-Za-z'-]+/g)?.forEach((w) => words.add(w));
  const seen = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
    el.getBoundingClientRect().width > 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && !["SCRIPT", "STYLE"].includes(node.parentElement.tagName) && seen(node.parentElement)) {
      add(node.textContent);
    }
  }
  for (const el of document.querySelectorAll("[title], [placeholder], [alt]")) {
    if (seen(el)) ["title", "placeholder", "alt"].forEach((a) => add(el.getAttribute(a)));
  }
  return [...words].filter((w) => !allowed.includes(w)).sort();
}"""


def shots_dir() -> Path:
    """Where screenshots go: $SCREENSHOT_DIR, else a temp folder (printed)."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "rag-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


def open_page(browser, url: str, viewport: str, **context):
    """A fresh browser context (its own localStorage) at a viewport, with an English browser language, showing the
    app; dialogs are recorded in page.dialogs and dismissed."""
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True, locale="en-US", **context)
    page = ctx.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(90_000)  # the first answer may wait for the app's warm-up
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return page


def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def ask(page, question: str) -> None:
    """Ask in the chat tab and wait until the answer has finished streaming."""
    tab(page, "问答")
    before = page.locator(ANSWERED).count()
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[ANSWERED, before])


IN_UPLOAD_BOX = "(n) => document.querySelector('#upload').innerText.replace(/\\s+/g, '').includes(n)"


def in_upload_box(page, name: str) -> bool:
    """Whether the upload box lists the file (Gradio breaks long names over lines)."""
    return page.evaluate(IN_UPLOAD_BOX, name)


def upload(page, path: Path) -> None:
    """Choose a file in the library's upload box and wait until the box lists it."""
    tab(page, "资料库")
    page.set_input_files("#upload input[type=file]", str(path))
    page.wait_for_function(IN_UPLOAD_BOX, arg=path.name)


def pick(page, box: str, label: str) -> None:
    """Choose the option `label` of the dropdown #box."""
    page.click(f"#{box} input")
    page.get_by_role("option", name=label).click()


def visible_english(page, also: tuple[str, ...] = ()) -> list[str]:
    """The Latin words a page shows staff (see ALLOWED_LATIN; `also`: words of the staff's own file names)."""
    return page.evaluate(VISIBLE_LATIN_JS, sorted(ALLOWED_LATIN | set(also)))


def inside_viewport(page, selector: str) -> bool:
    """Whether the element's box lies wholly inside the window."""
    return page.evaluate("""(sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
    }""", selector)


def wait_for_side_panel(page) -> None:
    """Wait until the side panel with an article has slid wholly into the window."""
    page.wait_for_selector("#article-side.open #article-panel .rag-article")
    page.wait_for_function("""() => { const r = document.querySelector('#article-side').getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1; }""")


def no_sideways_scroll(page) -> bool:
    """Whether the page is no wider than the window (nothing runs off the side)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
