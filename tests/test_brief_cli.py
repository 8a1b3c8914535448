"""`rag brief` end to end: two synthetic issues (invented text) in a real archive, every output format.

The same event is reported in both issues and must come out as one item citing both.
"""

from __future__ import annotations

import json

import docx
import pytest

from rag.cli import main

ISSUE = """中共衢州市衢江区委主办 衢江传媒集团承办
{date_cn} 星期二
今日衢江 今日4版 总第{number}期

{first_title}

本报讯（记者 林晓雯 通讯员 周可欣）6月1日，衢江区举行第三届樱桃文化节，主会场设在杜泽镇桂岭村。活动吸引游客8000余人次，带动樱桃销售45万元。

文化节期间还举办了樱桃采摘比赛和农特产品展销。杜泽镇负责人介绍，全镇樱桃种植面积已达1500亩。

{second_title}

本报讯（记者 陈思远）{second_body}

区里将持续跟踪项目进度，确保年内见效。
"""


def write_issues(folder):
    first = ISSUE.format(date_cn="2025年6月3日", number="9101", first_title="第三届樱桃文化节在杜泽镇举行",
                         second_title="区图书馆推出夜间阅读服务",
                         second_body="6月2日起，区图书馆每周五延长开放至晚上9点，首周接待读者600余人次。")
    second = ISSUE.format(date_cn="2025年6月6日", number="9102", first_title="樱桃文化节带火桂岭村乡村游",
                          second_title="区交通运输局新开两条城乡公交线路",
                          second_body="6月5日，区交通运输局新开通城区至灰坪乡、举村乡的两条公交线路，每天往返12班。")
    (folder / "issue-9101.txt").write_text(first, encoding="utf-8")
    (folder / "issue-9102.txt").write_text(second, encoding="utf-8")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """An archive holding the two synthetic issues (built once for this module)."""
    folder = tmp_path_factory.mktemp("issues")
    write_issues(folder)
    home = tmp_path_factory.mktemp("brief-home")
    assert main(["--home", str(home), "ingest", str(folder)]) == 0
    return home


def test_json_brief_merges_the_story_of_two_issues(home, capsys):
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"]) == ("2025-06-02", "2025-06-08")
    items = [i for s in data["sections"] for i in s["items"]]
    assert all(i["supported"] and i["citations"] for i in items + data["overview"])
    festival = [i for i in items if "樱桃文化节" in i["text"]]
    assert len(festival) == 1  # one event, reported in both issues: one item
    cited = {data["citations"][n - 1]["source"] for n in festival[0]["citations"]}
    assert cited == {"issue-9101.txt", "issue-9102.txt"}
    assert any("图书馆" in i["text"] for i in items) and any("公交线路" in i["text"] for i in items)
    assert "林晓雯" not in json.dumps(items, ensure_ascii=False)  # bylines stay out of the items


def test_markdown_to_stdout_and_to_a_file(home, capsys, tmp_path):
    assert main(["--home", str(home), "brief", "--from", "2025-06-01", "--to", "2025-06-07"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# 今日衢江 要闻摘编（2025年6月1日—6月7日）")
    assert "## 导读" in md and "## 来源" in md and "第9101期" in md and "记者 林晓雯" in md
    out = tmp_path / "brief.md"
    assert main(["--home", str(home), "brief", "--last-week", "--today", "2025-06-11", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# 今日衢江 本周要闻（2025年6月2日—6月8日）")


def test_out_folder_names_the_file_by_iso_week_and_keep_saves_it(home, tmp_path, capsys):
    folder = tmp_path / "briefings"
    folder.mkdir()
    assert main(["--home", str(home), "brief", "--last-week", "--today", "2025-06-11", "--out", str(folder),
                 "--format", "json", "--keep"]) == 0
    data = json.loads((folder / "2025-W23.json").read_text(encoding="utf-8"))
    assert (data["from"], data["to"]) == ("2025-06-02", "2025-06-08") and data["id"].startswith("2025-W23-")
    assert "kept as 2025-W23-" in capsys.readouterr().err
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--out", str(tmp_path / "new") + "/"]) == 0
    assert (tmp_path / "new" / "2025-W23.md").is_file()


def test_max_items_and_short_length(home, capsys):
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--format", "json", "--max-items", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = [i.get("kind") for s in data["sections"] for i in s["items"]]
    assert kinds.count("story") == 1 and kinds.count("short") == 2  # the others are still there, as 简讯
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--format", "json", "--length", "short"]) == 0
    assert json.loads(capsys.readouterr().out)["length"] == "short"


def test_docx_output_reads_back(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--format", "docx"]) == 0
    doc = docx.Document(str(tmp_path / "2025-W23.docx"))
    styles = [p.style.name for p in doc.paragraphs]
    texts = [p.text for p in doc.paragraphs]
    assert "导读" in texts and "来源" in texts and "与上周相比" in texts and "List Bullet" in styles
    assert any(t.startswith("[1] ") for t in texts) and any(t.startswith("1．") for t in texts)


def test_empty_range_and_bad_options_are_clear_errors(home, capsys):
    assert main(["--home", str(home), "brief", "--week", "2024-W10"]) == 2
    err = capsys.readouterr().err
    assert "no articles with an issue date between 2024-03-04 and 2024-03-10" in err and "ingest" in err
    assert main(["--home", str(home), "brief", "--week", "2025-W23", "--last-week"]) == 2
    assert "exactly one" in capsys.readouterr().err
