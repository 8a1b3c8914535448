"""Date ranges of briefings (pure): ISO weeks, last week, the range a `rag brief` asks for, the title, and the
error for a range without articles."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import NotFoundError, check_year

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_week(spec: str) -> tuple[dt.date, dt.date]:
    """"2023-W34" -> (Monday, Sunday) of that ISO week; ValueError for anything else."""
    m = _WEEK_RE.match(spec)
    if not m:
        raise ValueError(f"not an ISO week: {spec!r} (use e.g. 2023-W34)")
    check_year(int(m[1]), f"week {spec.strip()}")  # DateRangeError: 9999-W52 would end past year 9999
    try:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        raise ValueError(f"{spec!r}: year {m[1]} has no week {int(m[2])}") from None
    return monday, monday + dt.timedelta(days=6)


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of the ISO week before the one containing `today`."""
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def resolve_range(date_from: dt.date | None = None, date_to: dt.date | None = None, week: str | None = None,
                  previous_week: bool = False, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The (from, to) a `rag brief` invocation asks for: --week, --last-week [--today], or --from/--to.

    --from alone runs to `today`; --to alone starts six days earlier. ValueError when nothing or two ways are
    given, or when from > to.
    """
    ways = sum([week is not None, previous_week, date_from is not None or date_to is not None])
    if ways != 1:
        raise ValueError("give exactly one of --week 2023-W34, --last-week [--today D], or --from D [--to D]")
    if week is not None:
        return parse_week(week)
    if previous_week:
        return last_week(today or dt.date.today())
    start = date_from or (date_to - dt.timedelta(days=6))  # type: ignore[operator]
    end = date_to or today or dt.date.today()
    if start > end:
        raise ValueError(f"--from {start} is after --to {end}")
    return start, end


def brief_title(date_from: dt.date, date_to: dt.date) -> str:
    """"今日衢江 本周要闻（2023年8月21日—8月27日）"; 要闻摘编 for a range that is not one Monday..Sunday week."""
    kind = "本周要闻" if date_from.weekday() == 0 and (date_to - date_from).days == 6 else "要闻摘编"
    end = f"{date_to.month}月{date_to.day}日"
    if date_to.year != date_from.year:
        end = f"{date_to.year}年{end}"
    return f"今日衢江 {kind}（{date_from.year}年{date_from.month}月{date_from.day}日—{end}）"


def no_articles(date_from: dt.date, date_to: dt.date) -> NotFoundError:
    """The error for an empty range (never an empty document)."""
    return NotFoundError(f"no articles with an issue date between {date_from} and {date_to}; "
                         "ingest issues first or choose another range")


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before [date_from, date_to] (last week for a week)."""
    days = (date_to - date_from).days + 1
    return date_from - dt.timedelta(days=days), date_from - dt.timedelta(days=1)


def file_stem(date_from: dt.date, date_to: dt.date) -> str:
    """A briefing's file name without extension: "2023-W34" for one Monday..Sunday week, else
    "2023-08-21_2023-08-30"."""
    if date_from.weekday() == 0 and (date_to - date_from).days == 6:
        year, week, _ = date_from.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{date_from.isoformat()}_{date_to.isoformat()}"
