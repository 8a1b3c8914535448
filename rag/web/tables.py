"""Pure HTML of the Library tab: issues, articles, the import report and its progress bar, the query log and the
feedback. Staff see issues by date and 第N期, never file hashes, article ids, folders or engine names. Tables
become one card per row on a phone (static/app.css)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..models import Article
from .messages import zh_file_reason
from .views import esc, issue_text, render_notice

STATUS_ZH = {"added": "已导入", "replaced": "已导入（替换了同名文件的旧版本）", "unchanged": "内容和已导入的一样，跳过",
             "failed": "没有导入"}


def archive_range(issues: Sequence[Mapping]) -> str:
    """"收录 2022-08-30 至 2025-05-20，共5期" (plain text); what to do when the archive is empty."""
    dates = sorted(str(i["date"]) for i in issues if i.get("date"))
    if not dates:
        return "档案还是空的：先到「资料库」导入报纸。"
    return f"收录 {dates[0]} 至 {dates[-1]}，共{len(issues)}期"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], css: str = "", main: int | None = None,
           labelled: Sequence[int] = ()) -> str:
    """Rows of already escaped cells. With `main` (a column index) the table becomes one card per row on a phone:
    the main cell first on a line of its own, the others in a line under it; `labelled` cells keep their column
    name there (free text such as a note needs one)."""
    def cell(n: int, text: str) -> str:
        cls = "rag-main" if n == main else ("rag-lab" if n in labelled else "")
        return f'<td class="{cls}" data-label="{esc(head[n])}">{text}</td>'

    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(cell(n, text) for n, text in enumerate(row)) + "</tr>" for row in rows)
    stack = " rag-stack" if main is not None else ""
    return f'<table class="rag-table{stack} {css}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def render_issues(issues: Sequence[Mapping]) -> str:
    """Ingested issues, newest first: date, 第N期, number of articles."""
    if not issues:
        return '<div class="rag-empty">档案为空。</div>'
    rows = [(esc(i.get("date") or "日期不详"), esc(f"第{i['issue_number']}期" if i.get("issue_number") else "—"),
             esc(i.get("articles", 0))) for i in sorted(issues, key=lambda i: str(i.get("date")), reverse=True)]
    return _table(("日期", "期号", "文章数"), rows, "rag-issues")


def render_articles(articles: Sequence[Article], limit: int = 300) -> str:
    """Articles (date, issue, headline, reporters); at most `limit` rows, with a count line."""
    rows = [(esc(issue_text(a.date, a.issue_number, a.page)), f'<span class="rag-title">{esc(a.title)}</span>',
             esc("、".join(a.reporters) or "—")) for a in articles[:limit]]
    more = f"，显示前 {limit} 篇" if len(articles) > limit else ""
    head = f'<div class="rag-count">共 {len(articles)} 篇文章{more}</div>'
    return head + (_table(("期刊", "标题", "记者"), rows, "rag-articles", main=1) if rows else "")


def render_ingest_report(report) -> str:
    """An IngestReport (files with source, status, articles, error) as one notice; warn when any file failed.
    The file names are the staff's own uploads; a failure says why in Chinese."""
    lines = []
    for f in report.files:
        line = f"{f.source}：{STATUS_ZH.get(f.status, '没有导入')}"
        if f.status in ("added", "replaced"):
            line += f"，{f.articles} 篇文章。"
        elif f.status == "failed":
            line += "。" + zh_file_reason(f.error)
        lines.append(line)
    failed = any(f.status == "failed" for f in report.files)
    return render_notice(lines or ["没有找到可导入的文件。"], "warn" if failed or not lines else "info")


def render_progress(done: int, total: int, what: str) -> str:
    """One progress bar: what is being done and how far it is."""
    share = min(1.0, done / total) if total else 0.0
    percent = round(share * 100)
    return (f'<div class="rag-progress" role="progressbar" aria-valuenow="{percent}" aria-valuemin="0" '
            f'aria-valuemax="100"><div class="rag-progress-bar" style="width:{percent}%"></div></div>'
            f'<div class="rag-progress-t">{esc(what)} {percent}%</div>')


def _when(stamp: str | None) -> str:
    """An ISO timestamp -> "2025-05-20 14:03" in the server's time zone."""
    if not stamp:
        return ""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


def render_queries(rows: Sequence[Mapping], limit: int = 100) -> str:
    """The query log, newest first: time, question, answered or not, seconds."""
    if not rows:
        return '<div class="rag-empty">还没有人提过问。</div>'
    out = [(esc(_when(r.get("asked_at"))), esc(r.get("question")), "未找到" if r.get("refused") else "已回答",
            esc(f"{r.get('seconds') or 0:.1f} 秒")) for r in rows[:limit]]
    return _table(("时间", "问题", "结果", "用时"), out, "rag-queries", main=1)


def render_feedback(rows: Sequence[Mapping], limit: int = 100) -> str:
    """Feedback on answers, newest first: time, 👍/👎, question, note, the right answer staff gave."""
    if not rows:
        return '<div class="rag-empty">还没有评价。每条回答下方的拇指按钮可以评价回答。</div>'
    out = [(esc(_when(r.get("at"))), "有用" if r.get("good") else "有误", esc(r.get("question")),
            esc(r.get("note") or "—"), esc(r.get("correction") or "—")) for r in rows[:limit]]
    return _table(("时间", "评价", "问题", "说明", "正确答案"), out, "rag-feedback", main=2, labelled=(3, 4))
