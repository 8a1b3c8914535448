"""Coverage balance (pure): articles per town (乡镇/街道) and per department by month, and the towns no article
named in the last 30 days. In: (article id, issue date, name, kind) rows of the entity index. Out: Coverage."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from ...models import Coverage, CoverageRow
from .words import GAZETTEER, HOUSE_BODIES, TOWNS

# the towns' short names that are no common word or other place (not 上方, 莲花, 湖南 ...)
_SHORT = {t.removesuffix("街道").removesuffix("镇").removesuffix("乡"): t for t in TOWNS}
_SHORT = {k: v for k, v in _SHORT.items() if k in GAZETTEER and k not in ("湖南",)}
_DEPARTMENT = re.compile(r"^(?:衢江区|区)(?!委$|政府$|政协$|人大)(.{1,12}?)(局|办公室|办|委员会|委|部|中心)$")
_UNCOVERED_DAYS = 30


def town_of(name: str) -> str | None:
    """The county town a place or body lies in: 杜泽镇潜灵村 -> 杜泽镇, 太真乡党委 -> 太真乡, 廿里 -> 廿里镇."""
    name = re.sub(r"^(浙江省)?(衢州市)?(衢江区)?", "", name)
    for town in TOWNS:
        if name.startswith(town):
            return town
    for short, town in _SHORT.items():
        if name == short:
            return town
    return None


def department_of(name: str) -> str | None:
    """The district department an organisation names (区民政局, 衢江区水利局 -> 区水利局), or None."""
    if name in HOUSE_BODIES:
        return None
    m = _DEPARTMENT.match(name)
    if not m or "医院" in name or "学校" in name:
        return None
    return "区" + m.group(1) + m.group(2)


def months_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month ``months - 1`` months before today's (12 -> the same month last year + 1)."""
    y, m = today.year, today.month - max(1, months) + 1
    while m <= 0:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def months_between(date_from: dt.date, date_to: dt.date) -> tuple[str, ...]:
    out, y, m = [], date_from.year, date_from.month
    while (y, m) <= (date_to.year, date_to.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def coverage(rows: Iterable[tuple[str, dt.date, str, str]], date_from: dt.date, today: dt.date) -> Coverage:
    """Coverage of [date_from, today] from (article id, issue date, name, kind) rows: every town and department
    with its articles per month (an article counts once per town or department), and the towns not named in
    the 30 days up to ``today`` (all county towns, named or not)."""
    towns: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    departments: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    last: dict[str, dt.date] = {}
    for aid, day, name, kind in rows:
        if not date_from <= day <= today:
            continue
        month = f"{day.year:04d}-{day.month:02d}"
        for target, key in ((towns, town_of(name) if kind in ("place", "org") else None),
                            (departments, department_of(name) if kind == "org" else None)):
            if key:
                target[key][month].add(aid)
                last[key] = max(last.get(key, day), day)

    def table(counts: dict[str, dict[str, set[str]]]) -> tuple[CoverageRow, ...]:
        out = [CoverageRow(k, tuple((m, len(ids)) for m, ids in sorted(by.items())),
                           len(set().union(*by.values())), last.get(k)) for k, by in counts.items()]
        return tuple(sorted(out, key=lambda r: (-r.total, r.name)))

    since = today - dt.timedelta(days=_UNCOVERED_DAYS)
    uncovered = tuple(t for t in TOWNS if last.get(t) is None or last[t] <= since)
    return Coverage(date_from, today, months_between(date_from, today), table(towns), table(departments),
                    uncovered)
