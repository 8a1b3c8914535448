"""read_issue on real files of every supported kind, and one clear InputFileError for each kind of bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rag.errors import InputFileError, MissingDateError
from rag.ingest.read import SUPPORTED, detect_date, detect_issue_number, iter_files, read_issue
from rag.settings import Settings

# Invented issue text (not from the sample corpus).
MASTHEAD = "中共测试县委主办 测试传媒集团承办\n2024年3月5日 星期二 农历甲辰年正月廿五\nJIN RI CE SHI 今日4版 总第1234期\n"
ARTICLE = "测试镇春耕动员会召开\n\n本报讯（记者 张小明 通讯员 李小红）3月4日，测试镇召开春耕动员会。\n\n会议要求抓好春耕生产。\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def make_pdf(path: Path, lines: list[str]) -> Path:
    """A real PDF with a Chinese text layer (reportlab's built-in CID font needs no font file)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    for k, line in enumerate(lines):
        c.drawString(50, 800 - 20 * k, line)
    c.showPage()
    c.save()
    return path


def test_utf8_issue_reads_with_masthead_date_and_number(tmp_path):
    issue = read_issue(write(tmp_path / "a.txt", MASTHEAD + ARTICLE))
    assert issue.date == dt.date(2024, 3, 5)
    assert issue.issue_number == "1234"
    assert issue.source == "a.txt"
    assert len(issue.sha1) == 40
    assert "总第" not in issue.text and "主办" not in issue.text and "JIN RI" not in issue.text
    assert "本报讯（记者 张小明 通讯员 李小红）3月4日，测试镇召开春耕动员会。" in issue.text


def test_bom_and_gbk_files_decode_to_the_same_text(tmp_path):
    plain = read_issue(write(tmp_path / "plain.txt", MASTHEAD + ARTICLE))
    bom = read_issue(write(tmp_path / "bom.txt", "\ufeff" + MASTHEAD + ARTICLE))
    gbk = read_issue(write(tmp_path / "gbk.txt", MASTHEAD + ARTICLE, encoding="gbk"))
    assert bom.text == plain.text == gbk.text
    assert gbk.date == dt.date(2024, 3, 5)


def test_date_argument_overrides_and_missing_date_is_refused(tmp_path):
    path = write(tmp_path / "nodate.md", ARTICLE)
    with pytest.raises(MissingDateError, match="pass --date YYYY-MM-DD") as e:
        read_issue(path)
    assert "nodate.md" in str(e.value)
    assert read_issue(path, date=dt.date(2022, 1, 2)).date == dt.date(2022, 1, 2)
    dated = write(tmp_path / "dated.txt", MASTHEAD + ARTICLE)
    assert read_issue(dated, date=dt.date(2022, 1, 2)).date == dt.date(2022, 1, 2)


def test_detect_date_ignores_dates_inside_articles():
    assert detect_date("本报讯（记者 张小明）2023年3月起，测试镇村民反映2023年5月6日的事情。") is None
    assert detect_date("２０２３年８月２２日 星期二") == dt.date(2023, 8, 22)
    assert detect_date("2025年5月20日") == dt.date(2025, 5, 20)
    assert detect_issue_number("今日4版 总第3854期") == "3854"


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputFileError, match="binary file"):
        read_issue(path)


def test_binary_file_without_nul_bytes(tmp_path):
    import random

    path = tmp_path / "noise.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    with pytest.raises(InputFileError, match="binary file"):
        read_issue(path, date=dt.date(2024, 1, 1))


@pytest.mark.parametrize("content", ["", "  \n\n\t \u3000\n"])
def test_empty_and_whitespace_only_files(tmp_path, content):
    with pytest.raises(InputFileError, match="empty file"):
        read_issue(write(tmp_path / "empty.txt", content), date=dt.date(2024, 1, 1))


def test_unsupported_extension_names_the_supported_ones(tmp_path):
    with pytest.raises(InputFileError, match=r"unsupported file type \.rtf.*\.docx, \.md, \.pdf, \.txt"):
        read_issue(write(tmp_path / "issue.rtf", ARTICLE))


def test_file_larger_than_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:  # sparse: 50 MB without writing them
        f.truncate(50_000_000)
    with pytest.raises(InputFileError, match=r"file too large: 50\.0 MB, limit 20 MB \(RAG_MAX_FILE_MB\)"):
        read_issue(path, max_bytes=Settings().max_file_mb * 1_000_000)


def test_pdf_with_text_layer(tmp_path):
    path = make_pdf(tmp_path / "issue.pdf", ["2024年3月5日 星期二", "本报讯（记者 张小明）3月4日，测试镇召开春耕动员会。",
                                           "会议要求抓好春耕生产。"])
    issue = read_issue(path)
    assert issue.date == dt.date(2024, 3, 5)
    assert "测试镇召开春耕动员会。" in issue.text


def test_truncated_pdf(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", ["2024年3月5日 星期二", "本报讯（记者 张小明）测试。"]).read_bytes()
    half = tmp_path / "half.pdf"
    half.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputFileError, match="corrupt or truncated PDF"):
        read_issue(half)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 200, 200, fill=1)  # a page with only a picture-like shape
    c.showPage()
    c.save()
    with pytest.raises(InputFileError, match="no text layer; export the PDF with text or OCR it first"):
        read_issue(tmp_path / "scan.pdf", date=dt.date(2024, 1, 1))


def test_docx_paragraphs_and_table_cells(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2024年3月5日 星期二")
    document.add_heading("测试镇召开春耕动员会", level=1)
    document.add_paragraph("3月4日，测试镇召开春耕动员会。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "测试镇"
    table.rows[0].cells[1].text = "样例乡"
    document.save(tmp_path / "issue.docx")
    issue = read_issue(tmp_path / "issue.docx")
    assert issue.date == dt.date(2024, 3, 5)
    assert issue.text.split("\n")[:2] == ["测试镇召开春耕动员会", "3月4日，测试镇召开春耕动员会。"]
    assert "测试镇\t样例乡" in issue.text


def test_corrupt_docx(tmp_path):
    with pytest.raises(InputFileError, match="corrupt .docx"):
        read_issue(write(tmp_path / "bad.docx", "not a zip"))


def test_iter_files_expands_folders_sorted_and_keeps_files(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ["d/b.txt", "d/a.md", "d/sub/c.pdf", "d/skip.png", "d/README.md", "d/sub/license.txt", "x.rtf",
                 "README.md"]:
        (tmp_path / name).write_text("x")
    got = iter_files([tmp_path / "d", tmp_path / "x.rtf", tmp_path / "README.md"])
    # a folder's README/LICENSE is not an issue; a file named explicitly is read whatever its name
    assert [p.relative_to(tmp_path).as_posix() for p in got] == ["d/a.md", "d/b.txt", "d/sub/c.pdf", "x.rtf",
                                                                 "README.md"]
    assert SUPPORTED == {".txt", ".md", ".pdf", ".docx"}
