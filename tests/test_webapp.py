"""Web app rendering and helpers, without a browser: escaping, citation pop-ups and source cards, refusals, the
full article, library tables, uploads, dates, long jobs, the API."""

from __future__ import annotations

import re

import datetime as dt
import threading

import pytest

from rag.cite.citations import UNSURE_NOTE
from rag.errors import ConfigError
from rag.models import Answer, Article, Brief, BriefItem, BriefSection, Citation
from rag.settings import Settings
from rag.web import links, tables, views
from rag.web.forms import (EXAMPLES_DIR, InputError, browser_secret, check_uploads, date_range, issue_choices,
                           parse_day, week_of, with_progress)
from rag.web.views import Source

EVIL = '<img src=x onerror=alert(1)><script>alert(2)</script>'
DAY = dt.date(2025, 6, 10)


def cite(n: int = 1, quote: str = "峡川镇已发展民宿48家", chunk: str | None = None, title: str = "峡川镇民宿集群") -> Citation:
    chunk = chunk if chunk is not None else f"截至6月初，{quote}，床位620张。"
    return Citation(n=n, article_id=f"a{n}", title=title, date=DAY, source="000_7f99004face86581.txt", quote=quote,
                    chunk=chunk, reporters=("林晓雯",))


def test_esc_leaves_no_live_tag():
    out = views.esc(EVIL)
    assert "<" not in out and ">" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_answer_has_popups_and_source_cards_with_issue_not_file():
    answer = Answer(question="q", answer="峡川镇有民宿48家。[1]", refused=False, engine="extractive",
                    citations=(cite(),))
    html = views.render_answer(answer, {1: Source("截至6月初，峡川镇已发展民宿48家，床位620张。", "9002", 2)})
    assert 'class="rag-cite"' in html and 'tabindex="0"' in html
    assert "<mark>峡川镇已发展民宿48家</mark>" in html
    card = html[html.index('class="rag-card"'):]
    assert "峡川镇民宿集群" in card and "2025-06-10 · 第9002期 · 第2版 · 记者 林晓雯" in card
    assert "000_7f99" not in html and "extractive" not in html  # no file name, no engine name
    assert "rag-refused" not in html


def test_each_marker_shows_the_passage_of_its_own_sentence():
    """Two sentences of one article, both [1]: each pop-up marks the sentence it ends, not the citation's first
    quote; a line's prefix (据…报道，) is not part of the sentence, and a direct line the article does not hold word
    for word (2024年12月22日。) shows the citation's quote."""
    chunk = "12月22日上午，王建安率队来衢州分院。\n座谈会上，衢州分院向王建安赠送牌匾。他表示，双方合作至今。"
    c = cite(quote="12月22日上午，王建安率队来衢州分院。", chunk=chunk)
    text = "2024年12月22日。[1]\n据2024年12月24日报道，座谈会上，衢州分院向王建安赠送牌匾。[1]\n他表示，双方合作至今。[1]"
    html = views.render_answer(Answer(question="q", answer=text, refused=False, engine="e", citations=(c,)))
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert marks == ["12月22日上午，王建安率队来衢州分院。", "座谈会上，衢州分院向王建安赠送牌匾。", "他表示，双方合作至今。"]


def test_card_link_round_trips_article_and_quote():
    link = links.read_link("a1:0", "引号“和”#号、百分号%")
    assert link.startswith("#read:") and " " not in link
    assert links.parse_read_link(link) == ("a1:0", "引号“和”#号、百分号%")
    with pytest.raises(ValueError):
        links.parse_read_link("#read:%5B1%5D")


def test_an_answer_the_archive_is_unlikely_to_hold_comes_with_a_caution():
    text = "峡川镇已发展民宿48家。[1]"
    unsure = Answer(question="q", answer=text, refused=False, engine="e", citations=(cite(),), answerable=0.42)
    assert unsure.unsure and unsure.to_json()["answerable"] == 0.42
    assert UNSURE_NOTE in views.render_answer(unsure)
    sure = Answer(question="q", answer=text, refused=False, engine="e", citations=(cite(),), answerable=0.81)
    unknown = Answer(question="q", answer=text, refused=False, engine="e", citations=(cite(),))
    for answer in (sure, unknown):
        assert not answer.unsure and UNSURE_NOTE not in views.render_answer(answer)
    assert "answerable" not in unknown.to_json()  # (an engine that does not estimate it)


def test_refusal_without_reports_is_a_grey_box():
    html = views.render_answer(Answer(question="q", answer="档案中没有找到相关报道。", refused=True, engine="e"))
    assert "rag-refused" in html and "档案中没有找到" in html and "rag-card" not in html


def test_refusal_with_related_reports_lists_them_as_cards():
    # the answer engine may refuse and still list the reports it found nearby (refused: true with citations)
    answer = Answer(question="q", answer="档案中没有找到能直接回答这个问题的内容。相关报道：\n《峡川镇民宿集群》（2025年6月10日）[1]"
                    "\n《梯田音乐会》（2025年6月13日）[2]", refused=True, engine="e",
                    citations=(cite(), cite(2, title="梯田音乐会")))
    html = views.render_answer(answer)
    assert "rag-refused" in html and "档案中没有找到能直接回答这个问题的内容。" in html
    assert html.count("相关报道") == 1 and html.count('class="rag-card"') == 2 and "梯田音乐会" in html
    assert "《梯田音乐会》" not in html  # listed once, as a card


def test_refusal_quoting_a_report_keeps_the_quote():
    # a deed asked where only a plan is printed: the newest plan is quoted under the refusal, and its card listed
    answer = Answer(question="q", answer="档案中没有报道它是否已经办成，只有计划或进展。最近的报道：\n"
                    "《峡川镇民宿集群》（2025年6月10日）：按照计划，民宿集群预计7月底开业。[1]", refused=True, engine="e",
                    citations=(cite(),))
    html = views.render_answer(answer)
    assert "rag-refused" in html and "预计7月底开业" in html and html.count('class="rag-card"') == 1


def test_injection_in_answer_quote_title_and_question_is_escaped():
    from rag.web.chat import to_messages

    c = cite(quote=EVIL, chunk=f"前文{EVIL}后文", title=EVIL)
    answer = Answer(question=EVIL, answer=f"{EVIL}。[1]", refused=False, engine=EVIL, citations=(c,))
    messages = to_messages([{"q": EVIL, "html": views.render_answer(answer)}])
    html = "".join(m["content"] for m in messages)
    for live in ("<img", "<script", "onerror=alert(1)>"):
        assert live not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 4  # question, answer, title, quote
    assert "<mark>&lt;img" in html  # the quote is still highlighted, as text


def test_unknown_marker_stays_plain_text():
    answer = Answer(question="q", answer="甲。[1]乙。[7]", refused=False, engine="e", citations=(cite(),))
    html = views.render_answer(answer)
    assert html.count('class="rag-cite"') == 1 and "[7]" in html


def test_streaming_text_is_escaped():
    assert "&lt;script&gt;" in views.render_partial("<script>") and "<script>" not in views.render_partial("<script>")


def test_paragraph_of_prefers_article_paragraph_over_chunk():
    body = "第一段。\n截至6月初，峡川镇已发展民宿48家。\n第三段。"
    assert views.paragraph_of("峡川镇已发展民宿48家", "民宿48家", body) == "截至6月初，峡川镇已发展民宿48家。"
    assert views.paragraph_of("不存在", "块文本", body) == "块文本"


def test_article_panel_marks_the_quote_even_across_paragraphs():
    art = Article(id="a", title="标题<b>", body="第一段话。\n第二段开头，引文前半。\n引文后半，第三段。", date=DAY,
                  source="s.txt", position=0, reporters=("林晓雯",), correspondents=("吴海峰",), issue_number="9002")
    html = views.render_article(art, "引文前半。\n引文后半")
    assert html.count("<mark") == 2 and '<mark id="rag-hit">引文前半。</mark>' in html and "<mark>引文后半</mark>" in html
    assert "2025-06-10 · 第9002期 · 记者 林晓雯 · 通讯员 吴海峰" in html and "标题&lt;b&gt;" in html
    assert html.count("<p>") == 3 and "s.txt" not in html
    assert "没有逐字找到" in views.render_article(art, "不在文中的话")


def test_brief_preview_draws_the_download_layout_with_cards_and_escapes():
    c = cite()
    brief = Brief(date_from=dt.date(2025, 6, 9), date_to=dt.date(2025, 6, 15), title="今日衢江 本周要闻",
                  overview=(BriefItem("峡川镇民宿", (), kind="pointer", number=1),),
                  sections=(BriefSection(topic=EVIL, items=(
                      BriefItem("峡川镇已发展民宿48家。", (1,), headline="峡川镇民宿集群带火乡村游", number=1),
                      BriefItem("被否决的句子。", (1,), supported=False, number=2))),
                            BriefSection(topic="评论", items=(
                                BriefItem("", (1,), headline="乡村游要走得远", kind="commentary", number=3,
                                          author="江川"),))),
                  citations=(c,))
    html = views.render_brief(brief, {1: Source("截至6月初，峡川镇已发展民宿48家，床位620张。", "9002")})
    assert "<h3>导读</h3>" in html and "（第1条）" in html  # the overview points at the item by number
    assert '<li value="1"><b>峡川镇民宿集群带火乡村游</b>' in html and "峡川镇已发展民宿48家。" in html
    assert "《乡村游要走得远》" in html and "江川" in html
    assert "被否决的句子" not in html and "<img" not in html and "&lt;img" in html
    assert 'class="rag-cite"' in html and "<mark>峡川镇已发展民宿48家</mark>" in html
    assert 'class="rag-card"' in html and "第9002期" in html and "000_7f99" not in html  # issue, not file


def test_library_tables_show_issues_not_files_or_ids():
    art = Article(id="x1_7f99004face86581", title=EVIL, body="b", date=DAY, source="a<b>.txt", position=0,
                  reporters=("张三",), issue_number="9002")
    html = tables.render_articles([art]) + tables.render_issues(
        [{"source": "000_7f99004face86581.txt", "date": "2025-06-10", "issue_number": "9002", "articles": 3}])
    assert "<img" not in html and "共 1 篇文章" in html and "第9002期" in html and "2025-06-10" in html
    assert "7f99004face86581" not in html and ".txt" not in html
    assert "档案为空" in tables.render_issues([])
    assert tables.archive_range([{"date": "2025-05-20"}, {"date": "2022-08-30"}, {"date": "2023-08-22"},
                                 {"date": "2024-12-24"}, {"date": "2023-12-15"}]) == "收录 2022-08-30 至 2025-05-20，共5期"


def test_ingest_report_says_why_in_chinese():
    from rag.index.update import FileReport, IngestReport

    report = IngestReport(files=[FileReport("0708.pdf", "failed", error="corrupt or truncated PDF (PdfStreamError: x)"),
                                 FileReport("0709.txt", "added", articles=7, chunks=20)])
    html = tables.render_ingest_report(report)
    assert "0708.pdf：没有导入。PDF 文件已损坏" in html and "0709.txt：已导入，7 篇文章" in html
    assert "PdfStreamError" not in html and "rag-warn" in html


def test_progress_bar_and_logs():
    assert 'aria-valuenow="25"' in tables.render_progress(2, 8, "正在导入…")
    assert 'aria-valuenow="0"' in tables.render_progress(0, 0, "")
    queries = tables.render_queries([{"asked_at": "2025-06-10T09:30:00+08:00", "question": EVIL, "refused": True,
                                      "seconds": 0.21, "engine": "extractive"}])
    assert "未找到" in queries and "0.2 秒" in queries and "<img" not in queries and "extractive" not in queries
    feedback = tables.render_feedback([{"at": "2025-06-10T09:31:00+08:00", "good": False, "question": "问",
                                        "note": "日期错了", "correction": "6月14日"}])
    assert "有误" in feedback and "日期错了" in feedback and "6月14日" in feedback


def test_check_uploads_rejects_wrong_type_and_oversize(tmp_path):
    ok = tmp_path / "issue.txt"
    ok.write_text("今日衢江", encoding="utf-8")
    assert check_uploads([str(ok)], 1) == [ok]
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(InputError, match="不支持这种文件类型"):
        check_uploads([str(exe)], 1)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"0" * (1024 * 1024 + 1))
    with pytest.raises(InputError, match="超过了 1 MB"):
        check_uploads([str(big)], 1)
    with pytest.raises(InputError, match="请先选择"):
        check_uploads([], 1)


def test_parse_day_takes_the_ways_staff_write_dates():
    for text in ("2025-06-10", "2025-6-10", "2025/06/10", "2025.6.10", "2025年6月10日", "20250610",
                 "2025-06-10 00:00:00", " 2025-06-10 "):
        assert parse_day(text, "x") == DAY, text
    assert parse_day("", "x") is None and parse_day(None, "x") is None
    for bad in ("上周", "2025-13-01", "2025-02-30", "6月10日"):
        with pytest.raises(InputError, match="起始日期「.*」不是有效的日期"):
            parse_day(bad, "起始日期")


def test_date_range_checks_order_and_presence():
    assert date_range("2025-06-09", "2025-06-15") == (dt.date(2025, 6, 9), dt.date(2025, 6, 15))
    assert date_range(None, "") == (None, None)
    with pytest.raises(InputError, match="晚于结束日期"):
        date_range("2025-06-15", "2025-06-09")
    with pytest.raises(InputError, match="请填写起始日期和结束日期"):
        date_range("2025-06-15", "", required=True)


def test_week_of_starts_on_monday():
    assert week_of(dt.date(2025, 5, 20)) == (dt.date(2025, 5, 19), dt.date(2025, 5, 25))
    assert week_of(dt.date(2025, 5, 25)) == (dt.date(2025, 5, 19), dt.date(2025, 5, 25))  # a Sunday
    assert week_of(dt.date(2025, 5, 19))[0] == dt.date(2025, 5, 19)


def test_issue_choices_are_labelled_by_date_and_number_newest_first():
    issues = [{"source": "a.txt", "date": "2023-08-22", "issue_number": "3684", "articles": 7},
              {"source": "b.txt", "date": "2025-05-20", "issue_number": "3854", "articles": 7},
              {"source": "c.txt", "date": "2025-05-20", "issue_number": None, "articles": 2}]
    choices = issue_choices(issues)
    assert [v for _, v in choices] == ["c.txt", "b.txt", "a.txt"]
    assert choices[1][0] == "2025-05-20 · 第3854期（7篇）" and choices[0][0] == "2025-05-20（2篇）"
    assert len({label for label, _ in choices}) == 3
    assert issue_choices(issues, value="date", counts=False)[2] == ("2023-08-22 · 第3684期", "2023-08-22")


def test_with_progress_reports_steps_then_the_result_or_the_error():
    go = threading.Event()

    def job(progress):
        progress(1, 4, "一")
        go.wait(5)
        return "done"

    steps = with_progress(job, poll=0.01)
    first = next(steps)
    go.set()
    rest = list(steps)
    assert (first == (0, 0, "") or first == (1, 4, "一")) and rest[-1] == {"result": "done"}
    boom = list(with_progress(lambda progress: 1 / 0, poll=0.01))
    assert isinstance(boom[-1]["error"], ZeroDivisionError)


def test_browser_secret_is_made_once_per_archive(tmp_path):
    key = browser_secret(tmp_path)
    assert len(key) >= 24 and browser_secret(tmp_path) == key
    assert (tmp_path / "web-secret").stat().st_mode & 0o077 == 0


def test_examples_read_with_masthead_dates_and_headlines():
    from rag.ingest.parse import parse_issue
    from rag.ingest.read import read_issue

    files = sorted(EXAMPLES_DIR.glob("*.txt"))
    assert len(files) == 3
    for f in files:
        issue = read_issue(f)
        assert issue.date is not None and issue.date.isoformat() in f.name  # found in the masthead
        articles = parse_issue(issue)
        assert len(articles) == 3 and not any(a.title_inferred for a in articles) and all(a.reporters for a in articles)


def test_parse_auth():
    from rag.web.ui import parse_auth

    assert parse_auth("ed:s3cret:x") == ("ed", "s3cret:x")
    assert parse_auth(None) is None
    with pytest.raises(ConfigError, match="user:password"):
        parse_auth("justauser")


def test_api_exposes_exactly_ask_and_brief():
    from rag.service import Service
    from rag.web.ui import build_app

    info = build_app(Service(Settings())).get_api_info()
    assert set(info["named_endpoints"]) == {"/ask", "/brief"}
    assert [p["parameter_name"] for p in info["named_endpoints"]["/ask"]["parameters"]] == [
        "question", "date_from", "date_to"]
    assert [p["parameter_name"] for p in info["named_endpoints"]["/brief"]["parameters"]] == ["date_from", "date_to"]


def test_fresh_dir_prunes_old_download_folders(tmp_path):
    import os
    import time

    from rag.web.forms import fresh_dir

    old = fresh_dir(tmp_path)
    (old / "briefing.docx").write_bytes(b"PK")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    new = fresh_dir(tmp_path)
    assert new.is_dir() and not old.exists()
    assert fresh_dir(tmp_path) != new and new.exists()  # a recent one is kept


def test_upload_date_from_the_masthead_or_why_there_is_none(tmp_path):
    from rag.errors import InputFileError
    from rag.service import Service
    from rag.web.forms import detect_upload_date

    service = Service(Settings(home=tmp_path / "home"))
    dated = sorted(EXAMPLES_DIR.glob("*.txt"))[0]
    undated = tmp_path / "undated.txt"
    undated.write_text("区里召开会议\n\n本报讯（记者 张三）会议召开。参加人员30名。", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    assert detect_upload_date(service, [undated, dated]) == (dt.date(2025, 6, 3), None)
    assert detect_upload_date(service, [undated]) == (None, None)  # staff type the date in
    day, problem = detect_upload_date(service, [broken])
    assert day is None and isinstance(problem, InputFileError)


def test_chinese_pages_rewrites_only_the_page_at_root():
    import asyncio

    from rag.web.lang import CHINESE_FIRST, ChinesePages

    async def app(scope, receive, send):
        body = b"<html><head><title>x</title></head></html>"
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"set-cookie", b"a=1"), (b"set-cookie", b"b=2")]})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    def run(path: str) -> list[dict]:
        sent = []

        async def send(message):
            sent.append(message)

        asyncio.run(ChinesePages(app)({"type": "http", "method": "GET", "path": path}, None, send))
        return sent

    start, body = run("/")
    html = body["body"]
    assert html.startswith(b"<html><head>" + CHINESE_FIRST.encode())
    assert html.endswith(b"<title>x</title></head></html>")
    assert (b"content-length", str(len(html)).encode()) in start["headers"]
    assert [v for k, v in start["headers"] if k == b"set-cookie"] == [b"a=1", b"b=2"]
    assert len(run("/gradio_api/info")) == 3  # anything else passes through as it is
