"""`rag` command line: its arguments and commands. Owns all user-facing output; turns RagError into one clear line
and an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import unicodedata
from pathlib import Path

from .errors import NotFoundError, RagError
from .settings import Settings

log = logging.getLogger(__name__)


def make_service(args: argparse.Namespace):
    from .service import Service

    overrides = {"home": args.home} if args.home else {}
    return Service(Settings(**overrides))


# --- arguments ----------------------------------------------------------------------------------------

def parse_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD, in the years the archive handles (1900..2100)."""
    from .errors import DATE_MAX_YEAR, DATE_MIN_YEAR

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
    if not DATE_MIN_YEAR <= day.year <= DATE_MAX_YEAR:
        raise argparse.ArgumentTypeError(f"{text}: use a date between {DATE_MIN_YEAR} and {DATE_MAX_YEAR}")
    return day


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

    no_wait = "fail at once when another process is writing to the archive (default: wait for it)"
    s = command("ingest", "add newspaper issue files or folders to the archive")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--date", type=parse_date, help="issue date YYYY-MM-DD (overrides the masthead)")
    s.add_argument("--no-wait", action="store_true", help=no_wait)

    s = command("articles", "list the articles in the archive")
    s.add_argument("--json", action="store_true", help="one JSON object per line, with the body text")
    s.add_argument("--from", dest="date_from", type=parse_date)
    s.add_argument("--to", dest="date_to", type=parse_date)
    s.add_argument("--source", help="only articles of this source file")

    s = command("delete", "remove articles (by id) or whole issues (by source file) from every index")
    s.add_argument("ids", nargs="*", help="article ids")
    s.add_argument("--source", action="append", default=[], help="source file name (repeatable)")
    s.add_argument("--no-wait", action="store_true", help=no_wait)

    s = command("check", "compare the catalog, vectors and keyword index id for id")
    s.add_argument("--repair", action="store_true", help="make them agree (the catalog wins; missing vectors are "
                                                         "embedded again)")
    s.add_argument("--no-wait", action="store_true", help=no_wait)

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
    s.add_argument("--out", help="file, or folder (existing, or ending in / or without extension): then the file "
                   "is named by ISO week, e.g. 2023-W34.md")
    s.add_argument("--max-items", type=int, help="at most this many main stories (the rest go to 简讯)")
    s.add_argument("--length", choices=["full", "short"], default="full",
                   help="full: lede and up to three key sentences; short: lede and one, 简讯 by headline")
    s.add_argument("--keep", action="store_true", help="also keep the briefing in the archive")

    s = command("eval", "run the regression eval set")
    s.add_argument("--set", dest="set_file", type=Path)
    s.add_argument("--engine", help="answer engine to evaluate (overrides RAG_ENGINE)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--corpus", type=Path, help="sample corpus folder (default ../shared/corpus/qujiang)")
    s.add_argument("--no-brief", action="store_true", help="skip the briefing coverage check")
    s.add_argument("--no-save", action="store_true", help="do not write evals/results/eval-<engine>.json")
    s.add_argument("--split", choices=("all", "dev", "test"), default="all",
                   help="which part of the set: dev (tuned on), test (frozen, only reported) or all (default)")
    s.add_argument("--check", action="store_true", help="exit 1 when a metric is below evals/thresholds.json")
    s.add_argument("--entities", action="store_true",
                   help="score the entity extractor against evals/entities.jsonl instead (precision, recall)")

    s = command("entity", "what the archive says of a person, place or organisation: timeline, posts, places")
    s.add_argument("name", nargs="?")
    s.add_argument("--kind", choices=["person", "place", "org", "project", "meeting"])
    s.add_argument("--list", action="store_true", help="list names (containing NAME, if given) instead")
    s.add_argument("--json", action="store_true")

    s = command("thread", "an article's story across issues: earlier (前情) and later (后续) reports")
    s.add_argument("article_id")
    s.add_argument("--json", action="store_true")

    s = command("coverage", "articles per town and department by month; towns not covered in the last 30 days")
    s.add_argument("--today", type=parse_date, help="the day the report is for (default: today)")
    s.add_argument("--months", type=int, default=12)
    s.add_argument("--json", action="store_true")

    s = command("serve", "start the web app")

    s = command("feedback", "feedback staff gave on answers in the web app")
    s.add_argument("action", choices=["export"], help="export: eval candidates in the format of evals/qa.jsonl")
    s.add_argument("--out", type=Path, help="JSONL file to write (default: stdout)")
    s.add_argument("--bad-only", action="store_true", help="only answers marked wrong")
    return p


# --- commands: each returns the exit code -----------------------------------------------------------

def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest files/folders with a progress bar; one stderr line per failed file; exit 1 when any failed."""
    from tqdm import tqdm

    bar = None

    def progress(done: int, total: int, what: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="chunk", file=sys.stderr, leave=False)
        bar.set_description(what, refresh=False)
        bar.update(done - bar.n)

    try:
        report = make_service(args).ingest(args.paths, date=args.date, progress=progress, wait=not args.no_wait,
                                           notice=_notice)
    finally:
        if bar is not None:
            bar.close()
    if not report.files:
        print(f"rag: no issue files (.txt .md .pdf .docx) in {' '.join(map(str, args.paths))}", file=sys.stderr)
        return 1
    for f in report.failed:
        print(f"rag: {f.path or f.source}: {f.error}", file=sys.stderr)
    extra = "".join([f", {report.unchanged} unchanged" if report.unchanged else "",
                     f", {len(report.failed)} failed" if report.failed else ""])
    print(f"ingested {report.issues} issues, {report.articles} articles, {report.chunks} chunks "
          f"in {report.seconds:.1f} s{extra}")
    return 1 if report.failed else 0


def _notice(message: str) -> None:
    """What a writer prints while it waits for another process's write."""
    print(f"rag: {message}", file=sys.stderr, flush=True)


def _cut(text: str, width: int) -> str:
    """Pad or cut text to ``width`` terminal columns (CJK characters take two)."""
    cols = lambda t: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)  # noqa: E731
    if cols(text) > width:
        while cols(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - cols(text))


def cmd_articles(args: argparse.Namespace) -> int:
    """List articles as a table, or with --json one object per line including the body text."""
    service = make_service(args)
    articles = service.articles(date_from=args.date_from, date_to=args.date_to, source=args.source)
    counts = service.chunk_counts()
    if not args.json and articles:
        print(f"{_cut('id', 24)} {_cut('date', 10)}  {_cut('title', 44)} {_cut('reporters', 20)} "
              f"{_cut('source', 28)} chunks")
    for a in articles:
        if args.json:
            print(json.dumps({"id": a.id, "date": a.date.isoformat(), "title": a.title,
                              "reporters": list(a.reporters), "correspondents": list(a.correspondents),
                              "source": a.source, "position": a.position, "kind": a.kind,
                              "title_inferred": a.title_inferred, "author": a.author,
                              "issue_number": a.issue_number, "page": a.page, "chunks": counts.get(a.id, 0),
                              "text": a.body}, ensure_ascii=False))
        else:
            print(f"{_cut(a.id, 24)} {a.date.isoformat()}  {_cut(a.title, 44)} {_cut('、'.join(a.reporters), 20)} "
                  f"{_cut(a.source, 28)} {counts.get(a.id, 0):>3}")
    if not args.json:
        print(f"{len(articles)} articles", file=sys.stderr)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Remove articles by id and/or whole issues by --source from every index."""
    if not args.ids and not args.source:
        print("rag delete: give article ids or --source FILE", file=sys.stderr)
        return 2
    n = make_service(args).delete(article_ids=args.ids, sources=args.source, wait=not args.no_wait, notice=_notice)
    print(f"deleted {n} articles")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Report whether catalog, vectors and keyword index agree id for id; exit 1 when they do not (and were not
    repaired)."""
    report = make_service(args).check(repair=args.repair, wait=not args.no_wait, notice=_notice)
    for line in report.lines():
        print(line)
    if report.consistent:
        print("consistent")
        return 0
    if report.repaired:
        print("repaired: the stores agree with the catalog now")
        return 0
    print("the stores disagree: run `rag check --repair`", file=sys.stderr)
    return 1


def _print_answer(answer) -> None:
    """Human form of an Answer: the text (after a caution when the archive is unlikely to hold the answer), then
    the numbered sources with title, date and quote."""
    from .cite.citations import UNSURE_NOTE

    if answer.unsure:
        print(UNSURE_NOTE)
    print(answer.answer)
    if answer.citations:
        print("\n来源：")
    for c in answer.citations:
        print(f"[{c.n}] {c.title}（{c.date.isoformat()}，{c.source}）")
        quote = " ".join(c.quote.split())
        print(f"    “{quote if len(quote) <= 120 else quote[:119] + '…'}”")


def _ask_batch(service, args: argparse.Namespace) -> int:
    """One answer JSON per input line, in order; a bad line or a failed question gives an error object."""
    from .errors import InputFileError

    try:
        lines = args.questions.read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise InputFileError(str(args.questions), f"cannot read the questions file ({e.strerror})") from e
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item_id = str(number)
        try:
            item = json.loads(line)
            if isinstance(item, dict) and item.get("id") is not None:
                item_id = str(item["id"])
            if not isinstance(item, dict) or not isinstance(item.get("question"), str) or not item["question"].strip():
                raise ValueError('expected {"id": ..., "question": "text"}')
            if item.get("today") is not None and not isinstance(item["today"], str):
                raise ValueError('"today" must be a date "YYYY-MM-DD"')
            today = parse_date(item["today"]) if item.get("today") else args.today
            answer = service.ask(item["question"], date_from=args.date_from, date_to=args.date_to, today=today)
            out = answer.to_json(id=item_id)
        except (ValueError, argparse.ArgumentTypeError, RagError) as e:  # JSONDecodeError is a ValueError
            failures += 1
            out = {"id": item_id, "error": f"line {number}: {e}"}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failures else 0


def cmd_ask(args: argparse.Namespace) -> int:
    if bool(args.question) == bool(args.questions):
        print("rag ask: give a question or --questions FILE.jsonl (not both)", file=sys.stderr)
        return 2
    service = make_service(args)
    if not service.articles():  # the answer would be a refusal that hides the real cause
        print(f"rag ask: the archive at {service.settings.home} holds no issues yet; add some with "
              "`rag ingest FILE...` (or give --home / RAG_HOME of an existing archive)", file=sys.stderr)
        return 2
    if args.questions:
        return _ask_batch(service, args)
    answer = service.ask(args.question, date_from=args.date_from, date_to=args.date_to, today=args.today)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        _print_answer(answer)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    """Briefing of a date range as Markdown/JSON (stdout or --out) or Word (--out, default ./<ISO week>.docx);
    --out DIR names the file by ISO week."""
    from tqdm import tqdm

    from .brief.dates import file_stem, resolve_range
    from .brief.render import to_json, to_markdown, write

    try:
        start, end = resolve_range(args.date_from, args.date_to, args.week, args.last_week, args.today)
    except (ValueError, OverflowError) as e:
        print(f"rag brief: {e}", file=sys.stderr)
        return 2
    bar = None

    def progress(done: int, total: int, what: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=what, unit="", file=sys.stderr, leave=False)
        bar.total, bar.n = total, done
        bar.set_description(what, refresh=False)
        bar.refresh()

    try:
        brief = make_service(args).brief(start, end, progress=progress, length=args.length,
                                         max_items=args.max_items, keep=args.keep)
    finally:
        if bar is not None:
            bar.close()
    if args.out is None and args.format != "docx":
        sys.stdout.write(to_markdown(brief) if args.format == "md" else to_json(brief) + "\n")
        return 0
    out = Path(args.out or ".")
    if out.is_dir() or not out.suffix or (args.out or "").endswith(("/", os.sep)):
        out = out / f"{file_stem(start, end)}.{args.format}"
    write(brief, out, args.format)
    print(f"wrote {out}" + (f" (kept as {brief.id})" if brief.id else ""), file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.entities:
        return _eval_entities(args)
    from .eval.metrics import load_briefs, load_set, quote_problems, threshold_failures
    from .eval.runner import DEFAULT_CORPUS, EVALS_DIR, ensure_archive, format_report, run_eval, save_result

    settings = Settings(**({"home": args.home} if args.home else {}))
    set_file = args.set_file or EVALS_DIR / "qa.jsonl"
    items = [i for i in load_set(set_file) if args.split in ("all", i.split)]
    brief_file = set_file.parent / "brief.jsonl"
    briefs = load_briefs(brief_file, args.split) if brief_file.exists() and not args.no_brief else []
    corpus = args.corpus or DEFAULT_CORPUS
    for problem in quote_problems(items, corpus):
        print(f"rag eval: warning: {problem}", file=sys.stderr)

    def progress(done: int, total: int, what: str) -> None:
        print(f"\r[{done + 1}/{total}] {what:<40}", end="", file=sys.stderr, flush=True)

    home = ensure_archive(settings, corpus, progress=progress)
    result = run_eval(settings, items, home, briefs=briefs, engine=args.engine, progress=progress)
    print(file=sys.stderr)
    result["set"] = set_file.name
    changes = None
    if not args.no_save:
        path, changes = save_result(result, set_file.parent / "results")
        print(f"rag eval: results written to {path}", file=sys.stderr)
    if args.json:
        print(json.dumps({"summary": result["summary"], "splits": result["splits"], "briefs": result["briefs"],
                          "changes": changes},
                         ensure_ascii=False, indent=1))
    else:
        print(format_report(result, changes))
    thresholds = set_file.parent / "thresholds.json"
    if args.check and thresholds.exists():
        failures = threshold_failures(result["summary"], json.loads(thresholds.read_text("utf-8")),
                                      result.get("splits"))
        for failure in failures:
            print(f"rag eval: below threshold: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def _eval_entities(args: argparse.Namespace) -> int:
    """Precision and recall of the entity extractor per split and type (rag.eval.entities)."""
    from .eval.entities import GOLD, corpus_lexicon, evaluate, format_report, load_gold
    from .eval.runner import DEFAULT_CORPUS

    corpus = args.corpus or DEFAULT_CORPUS
    gold = args.set_file or GOLD
    result = evaluate(load_gold(gold), corpus_lexicon(corpus), corpus)
    if not args.no_save:
        out = gold.parent / "results" / "entities.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"rag eval: results written to {out}", file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 0


_KIND_ZH = {"person": "人物", "place": "地点", "org": "机构", "project": "项目", "meeting": "会议"}


def _cite(m) -> str:
    return f"{m.date.isoformat()}《{m.title}》（{m.source}）"


def cmd_entity(args: argparse.Namespace) -> int:
    """A name's timeline, posts over time and places, each line cited; --list: the names of the index."""
    service = make_service(args)
    if args.list or not args.name:
        names = service.entity_names(args.name or "", args.kind, limit=200)
        for n in names:
            print(json.dumps(n.to_json(), ensure_ascii=False) if args.json else
                  f"{n.name}\t{_KIND_ZH.get(n.kind, n.kind)}\t{n.articles}篇\t{n.first} 至 {n.last}")
        return 0
    try:
        p = service.entity(args.name, args.kind)
    except NotFoundError:
        meant = service.name_meant(args.name)  # 王慧洁: one character off 王慧杰, as the chat reads it
        if meant is None:
            raise
        print(f"（“{args.name}”按档案中的“{meant}”查找。）", file=sys.stderr)
        p = service.entity(meant, args.kind)
    if args.json:
        print(json.dumps(p.to_json(), ensure_ascii=False))
        return 0
    dates = [m.date for m in p.timeline + p.bylines]
    print(f"{p.name}（{_KIND_ZH.get(p.kind, p.kind)}，{len(p.timeline)}篇报道"
          + (f"，{min(dates)} 至 {max(dates)}" if dates else "") + "）")
    if p.posts:
        print("\n职务：" + " → ".join(f"{s.post}（{s.first.date}" + (f" 至 {s.last.date}" if s.last.date != s.first.date
                                     else "") + "）" for s in p.posts))
        for s in p.posts:
            print(f"  {s.post}：见于 {_cite(s.first)}" + (f"；最近 {_cite(s.last)}" if s.last != s.first else ""))
        if p.successor:  # someone printed in their latest post since
            print(f"  此后：{p.successor.post}{p.successor.name}，见于 {_cite(p.successor)}")
    if p.timeline:
        print("\n时间线：")
        for m in p.timeline:
            print(f"  {_cite(m)}\n    “{m.sentence}”")
    if p.places:
        print("\n到过的地方：")
        for m in p.places:
            print(f"  {m.name}  {_cite(m)}\n    “{m.sentence}”")
    if p.bylines:
        print(f"\n署名报道（{len(p.bylines)}篇）：")
        for m in p.bylines:
            print(f"  {_cite(m)}")
    return 0


def cmd_thread(args: argparse.Namespace) -> int:
    """The earlier and later reports of an article's story."""
    service = make_service(args)
    t = service.threads(args.article_id)
    if args.json:
        print(json.dumps(t.to_json(), ensure_ascii=False))
        return 0
    article = service.article(args.article_id)
    print(f"{article.date}《{article.title}》")
    for label, links in (("前情", t.before), ("后续", t.after)):
        print(f"\n{label}：" + ("" if links else "无"))
        for link in links:
            print(f"  {link.date}《{link.title}》（{link.source}，{link.article_id}）  共同：{'、'.join(link.shared)}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Articles per town and department by month, and the towns not covered in the last 30 days."""
    c = make_service(args).coverage(today=args.today, months=args.months)
    if args.json:
        print(json.dumps(c.to_json(), ensure_ascii=False))
        return 0
    print(f"报道均衡（{c.date_from} 至 {c.today}）")
    for label, rows in (("乡镇/街道", c.towns), ("部门", c.departments)):
        print(f"\n{label}：")
        for r in rows:
            months = "，".join(f"{m}：{n}" for m, n in r.months)
            print(f"  {r.name}  共{r.total}篇（{months}），最近 {r.last}")
    print("\n近30天未见报的乡镇/街道：" + ("、".join(c.uncovered) or "无"))
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """`rag feedback export`: one eval candidate (split "dev") per rated answer, oldest first."""
    from .eval.candidates import eval_candidates

    items = eval_candidates(make_service(args).feedback(), bad_only=args.bad_only)
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise RagError(f"cannot write {args.out}: {e.strerror or e}; choose another --out") from e
    print(f"rag feedback: {len(items)} eval candidates" + (f" written to {args.out}" if args.out else ""),
          file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.ui import serve

    serve(make_service(args))  # blocks until Ctrl-C
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    commands = {"ingest": cmd_ingest, "articles": cmd_articles, "delete": cmd_delete, "check": cmd_check,
                "ask": cmd_ask, "brief": cmd_brief, "eval": cmd_eval, "entity": cmd_entity, "thread": cmd_thread,
                "coverage": cmd_coverage, "serve": cmd_serve, "feedback": cmd_feedback}
    try:
        return commands[args.command](args)
    except RagError as e:
        print(f"rag: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rag: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
