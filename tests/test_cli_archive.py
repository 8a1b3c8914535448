"""`rag ingest / articles / delete` end to end: exit codes, one stderr line per bad file, the rest ingested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.cli import main

from test_archive import ISSUE_A, ISSUE_B, write


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def make_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(40):
        c.drawString(40, 800 - i * 18, f"Line {i} of a page that will be cut short")
    c.save()


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    files = {
        "binary": folder / "photo.txt",
        "empty": folder / "empty.txt",
        "blank": folder / "blank.md",
        "pdf": folder / "cut.pdf",
        "huge": folder / "huge.txt",
        "ext": folder / "table.xls",
    }
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["empty"].write_bytes(b"")
    files["blank"].write_text(" \n\t\n　\n", encoding="utf-8")
    make_pdf(files["pdf"])
    files["pdf"].write_bytes(files["pdf"].read_bytes()[:600])
    with files["huge"].open("wb") as f:  # 50 MB, sparse: the size check comes before any read
        f.truncate(50_000_000)
    files["ext"].write_bytes(b"PK\x03\x04 not a newspaper")
    return files


def test_ingest_reports_each_bad_file_and_ingests_the_rest(capsys, tmp_path, bad_inputs):
    good = write(tmp_path / "good", "a.txt", ISSUE_A)
    gbk = tmp_path / "good" / "b_gbk.txt"
    gbk.write_bytes(ISSUE_B.encode("gbk"))
    home = tmp_path / "home"
    code, out, err = run(capsys, "--home", str(home), "ingest", str(good), str(gbk), *map(str, bad_inputs.values()))
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.startswith("rag: ")]
    assert len(lines) == len(bad_inputs)
    for path in bad_inputs.values():
        [line] = [ln for ln in lines if ln.startswith(f"rag: {path}: ")]
        assert len(line) > len(f"rag: {path}: ") + 3  # a reason follows
    assert "too large" in next(ln for ln in lines if "huge.txt" in ln)
    assert "ingested 2 issues" in out and f"{len(bad_inputs)} failed" in out
    code, out, _ = run(capsys, "--home", str(home), "articles", "--json")
    rows = [json.loads(ln) for ln in out.splitlines()]
    assert {r["source"] for r in rows} == {"a.txt", "b_gbk.txt"}
    assert "区图书馆开展暑期阅读活动" in {r["title"] for r in rows}


def test_missing_date_says_to_pass_date_and_date_option_fixes_it(capsys, tmp_path):
    undated = write(tmp_path / "in", "undated.txt", ISSUE_B.replace("2023年8月29日 星期二 总第3685期\n", ""))
    home = str(tmp_path / "home")
    code, _, err = run(capsys, "--home", home, "ingest", str(undated))
    assert code == 1 and f"rag: {undated}: " in err and "--date" in err
    code, out, _ = run(capsys, "--home", home, "ingest", str(undated), "--date", "2023-09-01")
    assert code == 0 and "ingested 1 issues" in out
    code, out, _ = run(capsys, "--home", home, "articles", "--json")
    assert {json.loads(ln)["date"] for ln in out.splitlines()} == {"2023-09-01"}


def test_articles_listing_and_delete(capsys, tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.txt", ISSUE_A)
    write(folder, "b.txt", ISSUE_B)
    home = str(tmp_path / "home")
    code, out, _ = run(capsys, "--home", home, "ingest", str(folder))
    assert code == 0 and "ingested 2 issues" in out
    code, out, _ = run(capsys, "--home", home, "ingest", str(folder))
    assert code == 0 and "ingested 0 issues" in out and "2 unchanged" in out

    code, out, _ = run(capsys, "--home", home, "articles", "--json")
    rows = [json.loads(ln) for ln in out.splitlines()]
    blueberry = next(r for r in rows if r["title"] == "廿里镇建成百亩蓝莓基地")
    assert blueberry["date"] == "2023-08-22" and "蒋晓雯" in blueberry["reporters"]
    assert blueberry["chunks"] >= 1 and "蓝莓基地正式建成投产" in blueberry["text"]

    code, out, _ = run(capsys, "--home", home, "articles", "--from", "2023-08-25")
    table = out.splitlines()
    assert table[0].split() == ["id", "date", "title", "reporters", "source", "chunks"]
    assert all("b.txt" in ln for ln in table[1:]) and any("区图书馆开展暑期阅读活动" in ln for ln in table[1:])

    code, out, _ = run(capsys, "--home", home, "delete", blueberry["id"])
    assert code == 0 and "deleted 1 articles" in out
    code, out, _ = run(capsys, "--home", home, "articles", "--json")
    assert blueberry["id"] not in {json.loads(ln)["id"] for ln in out.splitlines()}

    code, _, err = run(capsys, "--home", home, "delete", blueberry["id"])
    assert code == 2 and blueberry["id"] in err
    code, out, _ = run(capsys, "--home", home, "delete", "--source", "b.txt")
    assert code == 0
    code, out, _ = run(capsys, "--home", home, "articles", "--source", "b.txt")
    assert out == ""
    code, _, err = run(capsys, "--home", home, "delete")
    assert code == 2 and "--source" in err


def test_a_folder_without_issue_files_is_an_error(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.xls").write_bytes(b"x")
    code, _, err = run(capsys, "--home", str(tmp_path / "home"), "ingest", str(tmp_path / "empty"))
    assert code == 1 and "no issue files" in err


def test_home_is_accepted_before_or_after_the_command(tmp_path, capsys):
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    issue = write(tmp_path / "in", "a.txt", ISSUE_A)
    code, out, _ = run(capsys, "ingest", "--home", str(home_a), str(issue))
    assert code == 0
    code, listed_after, _ = run(capsys, "articles", "--home", str(home_a))
    code2, listed_before, _ = run(capsys, "--home", str(home_a), "articles")
    assert code == code2 == 0 and listed_after == listed_before and "a.txt" in listed_after
    _, empty, _ = run(capsys, "--home", str(home_a), "articles", "--home", str(home_b))  # the later one wins
    assert "a.txt" not in empty


def test_ask_on_an_empty_archive_says_to_ingest(tmp_path, capsys):
    code, out, err = run(capsys, "--home", str(tmp_path / "empty"), "ask", "峡川镇的民宿有多少家？")
    assert code == 2 and out == ""
    assert "holds no issues yet" in err and "rag ingest" in err


def test_a_damaged_catalog_is_one_clear_line(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "catalog.sqlite").write_bytes(b"this is not a database, it was overwritten" * 100)
    code, out, err = run(capsys, "articles", "--home", str(home))
    assert code == 2 and out == ""
    assert err.startswith(f"rag: the archive catalog {home / 'catalog.sqlite'} cannot be read or written")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
