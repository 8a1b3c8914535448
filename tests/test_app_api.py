"""The running app's Gradio API through gradio_client: `ask` and `brief` over the example issues; optional login."""

from __future__ import annotations

import datetime as dt

import pytest

from app_process import ingest_examples, running_app

gradio_client = pytest.importorskip("gradio_client")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    home = tmp_path_factory.mktemp("app-home")
    ingest_examples(home)
    with running_app(home, tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


@pytest.fixture(scope="module")
def client(app_url):
    return gradio_client.Client(app_url, verbose=False)


def test_ask_returns_cited_answer_json(client):
    out = client.predict("峡川镇的民宿有多少家？", None, None, api_name="/ask")
    assert set(out) >= {"question", "answer", "refused", "engine", "citations"}
    assert out["refused"] is False and "48" in out["answer"]
    first = out["citations"][0]
    assert first["n"] == 1 and first["date"] == "2025-06-10" and "民宿" in first["title"]
    assert first["quote"] and first["quote"] in first["chunk"]
    assert f"[{first['n']}]" in out["answer"]


def test_ask_date_filter_excludes_other_issues(client):
    out = client.predict("峡川镇的民宿有多少家？", "2025-06-01", "2025-06-05", api_name="/ask")
    assert all(dt.date.fromisoformat(c["date"]) <= dt.date(2025, 6, 5) for c in out["citations"])
    assert "48" not in out["answer"]  # the 48 homestays are reported on 10 June only


def test_ask_refuses_what_the_archive_does_not_say(client):
    out = client.predict("衢江区的地铁什么时候通车？", None, None, api_name="/ask")
    assert out["refused"] is True and out["answer"].startswith("档案中没有找到") and out["citations"] == []


def test_ask_rejects_a_bad_date(client):
    with pytest.raises(Exception, match="不是有效的日期，请按“年-月-日”填写"):
        client.predict("峡川镇的民宿有多少家？", "上周", None, api_name="/ask")


def test_error_messages_are_escaped(client):
    # Gradio shows error messages as HTML; one that quotes what the user typed must not carry live markup.
    with pytest.raises(Exception) as caught:
        client.predict("峡川镇的民宿有多少家？", "<img src=x onerror=alert(1)>", None, api_name="/ask")
    assert "&lt;img src=x onerror=alert(1)&gt;" in str(caught.value) and "<img" not in str(caught.value)


def test_brief_returns_briefing_json(client):
    out = client.predict("2025-06-09", "2025-06-15", api_name="/brief")
    assert out["from"] == "2025-06-09" and out["to"] == "2025-06-15" and out["title"]
    assert out["citations"] and {c["date"] for c in out["citations"]} <= {"2025-06-10", "2025-06-13"}
    items = out["overview"] + [i for s in out["sections"] for i in s["items"]]
    cited = {n for i in items for n in i["citations"]}
    assert cited and cited <= {c["n"] for c in out["citations"]}


def test_brief_of_an_empty_range_is_an_error(client):
    with pytest.raises(Exception, match="2020-01-06 至 2020-01-12 没有收录的报道。本档案收录 2025-06-03 至 2025-06-13"):
        client.predict("2020-01-06", "2020-01-12", api_name="/brief")


def test_login_required_when_rag_auth_is_set(tmp_path):
    with running_app(tmp_path / "home", tmp_path / "app.log", env={"RAG_AUTH": "editor:s3cret"}) as url:
        with pytest.raises(Exception):
            gradio_client.Client(url, verbose=False)
        c = gradio_client.Client(url, auth=("editor", "s3cret"), verbose=False)
        assert "/ask" in c.view_api(print_info=False, return_format="dict")["named_endpoints"]


def test_rag_serve_honours_gradio_server_port(tmp_path):
    argv = ("-m", "rag.cli", "serve")
    with running_app(tmp_path / "home", tmp_path / "serve.log", argv=argv, port_var="GRADIO_SERVER_PORT") as url:
        c = gradio_client.Client(url, verbose=False)
        assert set(c.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {"/ask", "/brief"}
