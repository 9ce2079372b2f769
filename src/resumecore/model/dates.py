"""Partial dates as users type them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

from __future__ import annotations

import functools
import re
from datetime import date

_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


# Profiles repeat few distinct dates and each is read by two rules: parse each string once.
@functools.lru_cache(maxsize=4096)
def parse_partial_date(value: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month|None, day|None)`` for a valid partial date, else None."""
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:  # month 00 or 13, day 00 or 30 February
        return None
    if year < 1900 or year > 2100:
        return None
    return year, month, day


def is_partial_date(value: str) -> bool:
    """True for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date (1900-2100)."""
    return parse_partial_date(value) is not None


def not_after(start: str, end: str) -> bool:
    """True when ``start <= end``, compared at the precision both dates have."""
    a, b = parse_partial_date(start), parse_partial_date(end)
    if a is None or b is None:
        return True  # shape errors are reported by the shape rule
    if a[1] is None or b[1] is None:
        return a[0] <= b[0]
    if a[2] is None or b[2] is None:
        return (a[0], a[1]) <= (b[0], b[1])
    return a <= b


def month_index(value: str) -> int | None:
    """Months since year 0 (for interval arithmetic), or None if not a date.

    A year alone counts as its January: a tenure never claims months the person did not state
    (a role "2015 to 2017" runs Jan 2015 to Jan 2017), and it sorts before its year's months.
    """
    parsed = parse_partial_date(value)
    return parsed[0] * 12 + (parsed[1] or 1) - 1 if parsed else None


def end_month_index(start: str | None, end: str | None) -> int | None:
    """``month_index(end)``, never before the start it closes (None without an end date).

    "2019-06" to "2019" is accepted (the dates agree at the year both state), and the role ran
    at least through its first month; read as January, its end would come before its start and
    the role would count nothing and sort before one that ended in March 2019.
    """
    last = month_index(end) if end else None
    first = month_index(start) if start else None
    return last if last is None or first is None else max(last, first)


def lapse_month_indexes(expiry: str) -> tuple[int, int] | None:
    """The first and last month an expiry date may name (a year alone: January to December).

    Past the last, a certification has surely lapsed ("expired 2026" is only said in 2027);
    from the first, it may have: a document claims it is held only before then.
    """
    parsed = parse_partial_date(expiry)
    if parsed is None:
        return None
    year, month, _ = parsed
    return (year * 12 + month - 1,) * 2 if month else (year * 12, year * 12 + 11)
