"""Partial dates as users type them: ``YYYY-MM`` or ``YYYY-MM-DD``."""

from __future__ import annotations

import functools
import re
from datetime import date

_PARTIAL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


# Profiles repeat few distinct dates and each is read by two rules: parse each string once.
@functools.lru_cache(maxsize=4096)
def parse_partial_date(value: str) -> tuple[int, int, int | None] | None:
    """``(year, month, day|None)`` for a valid partial date, else None."""
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    if year < 1900 or year > 2100:
        return None
    return year, month, day


def is_partial_date(value: str) -> bool:
    """True for ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar date (1900-2100)."""
    return parse_partial_date(value) is not None


def not_after(start: str, end: str) -> bool:
    """True when ``start <= end``, compared at the precision both dates have."""
    a, b = parse_partial_date(start), parse_partial_date(end)
    if a is None or b is None:
        return True  # shape errors are reported by the shape rule
    if a[2] is None or b[2] is None:
        return (a[0], a[1]) <= (b[0], b[1])
    return a <= b


def month_index(value: str) -> int | None:
    """Months since year 0 (for interval arithmetic), or None if not a date."""
    parsed = parse_partial_date(value)
    return parsed[0] * 12 + parsed[1] - 1 if parsed else None
