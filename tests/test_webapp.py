"""Web app rendering and helpers, without a browser: escaping, citation pop-ups, refusals, uploads, dates, API."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.web import views as ui
from rag.errors import ConfigError, InputFileError, RagError
from rag.models import Answer, Article, Brief, BriefItem, BriefSection, Citation
from rag.settings import Settings
from rag.web.forms import EXAMPLES_DIR, check_uploads, config_lines, parse_day

EVIL = '<img src=x onerror=alert(1)><script>alert(2)</script>'
DAY = dt.date(2025, 6, 10)


def cite(n: int = 1, quote: str = "峡川镇已发展民宿48家", chunk: str | None = None, title: str = "峡川镇民宿集群") -> Citation:
    chunk = chunk if chunk is not None else f"截至6月初，{quote}，床位620张。"
    return Citation(n=n, article_id=f"a{n}", title=title, date=DAY, source="x.txt", quote=quote, chunk=chunk,
                    reporters=("林晓雯",))


def test_esc_leaves_no_live_tag():
    out = ui.esc(EVIL)
    assert "<" not in out and ">" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_answer_markers_become_popups_with_highlighted_quote():
    answer = Answer(question="q", answer="峡川镇有民宿48家。[1]", refused=False, engine="extractive",
                    citations=(cite(),))
    html = ui.render_answer(answer, {1: "截至6月初，峡川镇已发展民宿48家，床位620张。"})
    assert 'class="rag-cite"' in html and 'tabindex="0"' in html
    assert "<mark>峡川镇已发展民宿48家</mark>" in html
    assert "峡川镇民宿集群" in html and "2025-06-10" in html and "林晓雯" in html
    assert "rag-refused" not in html


def test_refused_answer_styled_apart_and_without_sources():
    answer = Answer(question="q", answer="档案中没有找到相关报道。", refused=True, engine="extractive")
    html = ui.render_answer(answer)
    assert "rag-refused" in html and "档案中没有找到" in html and "rag-cite" not in html


def test_injection_in_answer_quote_title_and_question_is_escaped():
    c = cite(quote=EVIL, chunk=f"前文{EVIL}后文", title=EVIL)
    answer = Answer(question=EVIL, answer=f"{EVIL}。[1]", refused=False, engine=EVIL, citations=(c,))
    html = ui.render_chat([{"question": EVIL, "html": ui.render_answer(answer)}])
    for live in ("<img", "<script", "onerror=alert(1)>"):
        assert live not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 4  # question, answer, title, quote
    assert "<mark>&lt;img" in html  # the quote is still highlighted, as text


def test_unknown_marker_stays_plain_text():
    answer = Answer(question="q", answer="甲。[1]乙。[7]", refused=False, engine="e", citations=(cite(),))
    html = ui.render_answer(answer)
    assert html.count('class="rag-cite"') == 1 and "[7]" in html


def test_streaming_text_is_escaped():
    assert "&lt;script&gt;" in ui.render_partial("<script>") and "<script>" not in ui.render_partial("<script>")


def test_paragraph_of_prefers_article_paragraph_over_chunk():
    body = "第一段。\n截至6月初，峡川镇已发展民宿48家。\n第三段。"
    assert ui.paragraph_of("峡川镇已发展民宿48家", "民宿48家", body) == "截至6月初，峡川镇已发展民宿48家。"
    assert ui.paragraph_of("不存在", "块文本", body) == "块文本"


def test_brief_preview_skips_unsupported_items_and_escapes():
    c = cite()
    brief = Brief(date_from=dt.date(2025, 6, 9), date_to=dt.date(2025, 6, 15), title="本周要闻",
                  overview=(BriefItem(text="峡川镇民宿达48家。", citations=(1,)),),
                  sections=(BriefSection(topic=EVIL, items=(BriefItem("被否决的句子。", (1,), supported=False),
                                                            BriefItem("有出处的句子。", (1,)))),),
                  citations=(c,))
    html = ui.render_brief(brief)
    assert "峡川镇民宿达48家。" in html and "有出处的句子。" in html
    assert "被否决的句子" not in html and "<img" not in html and "rag-cite" in html


def test_library_tables_escape_titles():
    art = Article(id="x1", title=EVIL, body="b", date=DAY, source="a<b>.txt", position=0, reporters=("张三",))
    html = ui.render_articles([art]) + ui.render_issues([{"source": EVIL, "date": DAY, "issue_number": "9002",
                                                           "articles": 3}])
    assert "<img" not in html and "<b>.txt" not in html and "共 1 篇文章" in html and "9002" in html
    assert "档案为空" in ui.render_issues([])


def test_check_uploads_rejects_wrong_type_and_oversize(tmp_path):
    ok = tmp_path / "issue.txt"
    ok.write_text("今日衢江", encoding="utf-8")
    assert check_uploads([str(ok)], 1) == [ok]
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(InputFileError, match="不支持的文件类型"):
        check_uploads([str(exe)], 1)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"0" * (1024 * 1024 + 1))
    with pytest.raises(InputFileError, match="超过上限 1 MB"):
        check_uploads([str(big)], 1)
    with pytest.raises(InputFileError):
        check_uploads([], 1)


def test_parse_day():
    assert parse_day("2025-06-10", "x") == DAY
    assert parse_day("2025-06-10 00:00:00", "x") == DAY
    assert parse_day("", "x") is None and parse_day(None, "x") is None
    with pytest.raises(RagError, match="YYYY-MM-DD"):
        parse_day("上周", "起始日期")


def test_config_lines_name_embedder_and_engine():
    lines = " ".join(config_lines(Settings(engine="openai", llm_model="qwen2.5", llm_base_url="http://h/v1")))
    assert "multilingual-e5-small" in lines and "openai" in lines and "qwen2.5" in lines


def test_examples_read_with_masthead_dates_and_headlines():
    from rag.ingest.read import read_issue
    from rag.ingest.parse import parse_issue

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
