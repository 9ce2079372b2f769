"""A careers page's schema.org ``JobPosting`` (JSON-LD) read as label lines.

Career sites embed the posting's facts for search engines in a
``<script type="application/ld+json">`` block: the employer, the town, the pay and the terms are
stated there plainly even when the visible page hides them in its chrome. They are turned into
"Company: Acme" lines that the header reader already understands.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from resumecore.postings.elements import Elements

_SCRIPT = re.compile(
    r"<script\b[^<>]*application/ld\+json[^<>]*>(?P<body>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
# _SCRIPT in linear time (see elements.py); the pattern stays the reference.
_SCRIPTS = Elements(
    r"<script\b[^<>]*application/ld\+json[^<>]*>", re.IGNORECASE | re.DOTALL, r"</script\s*>"
)
_TAG = re.compile(r"<[^<>]*>")
_TERMS = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
}
_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€"}


def job_posting_lines(raw: str) -> tuple[str, list[str]]:
    """The page without its JSON-LD blocks, and label lines for the first ``JobPosting`` in them.

    Args:
        raw: Pasted text; usually HTML, possibly with ``application/ld+json`` scripts.

    Returns:
        ``raw`` with the JSON-LD scripts removed, and lines such as ``"Job Title: Welder"``,
        ``"Company: Acme"``, ``"Location: Reno, NV"`` (empty when no posting is embedded).
    """
    if "ld+json" not in raw.lower():
        return raw, []
    lines: list[str] = []
    for _, body_start, body_end, _ in _SCRIPTS.spans(raw):
        posting = _posting(raw[body_start:body_end])
        if posting is not None and not lines:
            lines = _lines(posting)
    return _SCRIPTS.sub(_line_break, raw), lines


def _line_break(_: str) -> str:
    return "\n"


def _posting(body: str) -> dict[str, Any] | None:
    try:
        document = json.loads(body.strip())
    except (ValueError, RecursionError):
        return None
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "JobPosting" in kinds:
                return node
            stack.extend(v for k, v in node.items() if k == "@graph")
    return None


def _lines(posting: dict[str, Any]) -> list[str]:
    facts = [
        ("Job Title", _text(posting.get("title"))),
        ("Company", _organisation(posting.get("hiringOrganization"))),
        ("Location", _place(posting)),
        ("Employment type", _terms(posting.get("employmentType"))),
        ("Salary", _pay(_first(posting.get("baseSalary")))),
    ]
    return [f"{label}: {value}" for label, value in facts if value]


def _organisation(value: Any) -> str:
    # Most pages give an Organization object; some give the bare name.
    return _text(value) if isinstance(value, str) else _text(_first(value).get("name"))


def _place(posting: dict[str, Any]) -> str:
    written = _first_value(_first(posting.get("jobLocation")).get("address"))
    if isinstance(written, str):
        town = _text(written)  # "address": "Austin, TX", as some pages write it
    else:
        address = _first(written)
        locality = _text(address.get("addressLocality"))
        # A region alone ("TX") names no town.
        region = _text(address.get("addressRegion")) if locality else ""
        town = ", ".join(part for part in (locality, region) if part)
    remote = str(posting.get("jobLocationType", "")).upper() == "TELECOMMUTE"
    if remote:
        return f"Remote ({town})" if town else "Remote"
    return town


def _first_value(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _terms(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    # "FULL_TIME" as schema.org spells it; "Full-time" or "full time" as some pages write it.
    keys = [re.sub(r"[\s-]+", "_", v.strip().upper()) for v in values if isinstance(v, str)]
    return next((_TERMS[k] for k in keys if k in _TERMS), "")


def _pay(salary: dict[str, Any]) -> str:
    value = _first(salary.get("value"))
    low = value.get("minValue", value.get("value"))
    high = value.get("maxValue", low)
    if not isinstance(low, (int, float, str)) or not isinstance(high, (int, float, str)):
        return ""
    currency = _text(salary.get("currency")).upper()
    sign = _SIGNS.get(currency, "")
    code = "" if sign else f" {currency}".rstrip()
    period = _PERIODS.get(_text(value.get("unitText") or salary.get("unitText")).upper())
    figures = (
        f"{sign}{_figure(low)}" if low == high else f"{sign}{_figure(low)} - {sign}{_figure(high)}"
    )
    return f"{figures}{code}" + (f" per {period}" if period else "")


def _figure(value: Any) -> str:
    try:
        number = float(value)
    except ValueError:
        return str(value)
    return f"{number:,.2f}".removesuffix(".00")


def _first(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        value = value[0] if value else {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(_TAG.sub(" ", html.unescape(value)).split())
