"""The `rag` command's arguments (rag/cli.py runs the commands). Pure argparse: nothing is opened here."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def parse_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    home_help = "archive directory (default $RAG_HOME or ~/.local/share/qujiang-rag)"
    p = argparse.ArgumentParser(prog="rag", description="今日衢江 archive assistant")
    p.add_argument("--home", type=Path, help=home_help)
    p.add_argument("-v", "--verbose", action="count", default=0, help="log more (-v info, -vv debug)")
    # the same options after the command (`rag ingest --home X ...`); SUPPRESS keeps the value given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", type=Path, default=argparse.SUPPRESS, help=home_help)
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="log more")
    commands = p.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[common])

    s = command("ingest", "add newspaper issue files or folders to the archive")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--date", type=parse_date, help="issue date YYYY-MM-DD (overrides the masthead)")

    s = command("articles", "list the articles in the archive")
    s.add_argument("--json", action="store_true", help="one JSON object per line, with the body text")
    s.add_argument("--from", dest="date_from", type=parse_date)
    s.add_argument("--to", dest="date_to", type=parse_date)
    s.add_argument("--source", help="only articles of this source file")

    s = command("delete", "remove articles (by id) or whole issues (by source file) from every index")
    s.add_argument("ids", nargs="*", help="article ids")
    s.add_argument("--source", action="append", default=[], help="source file name (repeatable)")

    s = command("ask", "ask a question; the answer cites the archive")
    s.add_argument("question", nargs="?")
    s.add_argument("--questions", type=Path, help="JSONL file of {id, question}; one answer per output line")
    s.add_argument("--from", dest="date_from", type=parse_date)
    s.add_argument("--to", dest="date_to", type=parse_date)
    s.add_argument("--today", type=parse_date, help="reference day for 上周/本月… (default: today)")
    s.add_argument("--json", action="store_true")

    s = command("brief", "weekly briefing (本周要闻) of a date range")
    s.add_argument("--from", dest="date_from", type=parse_date)
    s.add_argument("--to", dest="date_to", type=parse_date)
    s.add_argument("--week", help="ISO week, e.g. 2023-W34")
    s.add_argument("--last-week", action="store_true")
    s.add_argument("--today", type=parse_date)
    s.add_argument("--format", choices=["md", "docx", "json"], default="md")
    s.add_argument("--out", type=Path)

    s = command("eval", "run the regression eval set")
    s.add_argument("--set", dest="set_file", type=Path)
    s.add_argument("--engine", help="answer engine to evaluate (overrides RAG_ENGINE)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--corpus", type=Path, help="sample corpus folder (default ../shared/corpus/qujiang)")
    s.add_argument("--no-brief", action="store_true", help="skip the briefing coverage check")
    s.add_argument("--no-save", action="store_true", help="do not write evals/results/eval-<engine>.json")
    s.add_argument("--check", action="store_true", help="exit 1 when a metric is below evals/thresholds.json")

    s = command("serve", "start the web app")
    return p
