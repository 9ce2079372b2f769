"""Tool-like terms in requirement lines that no vocabulary knows: "ISO 20022", "CDL-A", "PPK2".

Only shapes that are almost never ordinary words count: a standard with its number, a word with
letters and digits, a word with an inner capital (ShipHero), or a short acronym that is not a
common abbreviation of postings themselves (ASAP, PTO, DOE). Each term is taken verbatim from
the text; a term overlapping a known skill is left to the vocabulary.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_STANDARD = r"(?:ISO|IEC|EN|ASME|ANSI|NFPA|IEEE|DIN|BS|AS|AWS|API|ASTM|UL|MIL-STD)[ /-]?\d[\w.:/-]*"
_MIXED = r"[A-Za-z]*[a-z][A-Z][A-Za-z]*\d*|[A-Z][A-Za-z]*\d+[A-Za-z\d]*|\d+[A-Z][A-Za-z]*"
_ACRONYM = r"[A-Z]{2,5}(?:[-/][A-Z0-9]{1,3})?\+?"
_TERM = re.compile(rf"(?<![\w.@/-])(?:{_STANDARD}|{_MIXED}|{_ACRONYM})(?![\w@]|\.\w)")
# Every _TERM match holds a digit, a capital after a letter ("ShipHero", "ISO") or both: a line
# with neither holds no term, and the costlier scan is skipped. (Two patterns that open with a
# character class: a search skips to the characters of the class.)
_DIGIT = re.compile(r"\d")
_CAPITAL_AFTER_LETTER = re.compile(r"[A-Z](?<=[A-Za-z][A-Z])")
_COMMON = frozenset(
    str.split(
        "ASAP PTO DOE OTE FT PT AM PM EST PST CST MST UTC GMT USA US UK EU HR IT OK FAQ CEO CTO "
        "CFO COO VP MBA BA BS BSc MSc MS PhD GPA ID TBD ETA KPI KPIs ROI B2B B2C SaaS API APIs UI "
        "UX QA RN LPN NA YoY MoM Q1 Q2 Q3 Q4 H1 H2 EOE EEO ADA W2 W-2 1099 401k NYC LA SF DC TX "
        "CA NY FL WA MD AZ CO NC GA OH IL PA MI NJ VA MA MN MO TN IN WI OR KY AL SC LA UT NV NM "
        "IA KS AR MS NE ID HI ME NH RI MT DE SD ND AK VT WY WV CT OK DM PM2 AI ML IoT iOS macOS "
        "LLC LLP GmbH Inc Ltd AG BV DBS NHS UTC-3 UTC+3 FY ESG DEI PR CV CVs II III IV VI AND OR "
        "THE GED BSN ADN MSN SDK FDA OTR DUI DWI CPM IM AP A1 A2 B1 B2 C1 C2 F1 YC"
    )
)
_MAX_TERMS = 25


def unrecognised(
    text: str, spans: list[tuple[int, int]], known: list[tuple[int, int]]
) -> tuple[str, ...]:
    """Tool-like terms inside ``spans`` (requirement and duty items) not covered by ``known``.

    Args:
        text: The text the spans index.
        spans: ``(start, end)`` of the lines to search.
        known: ``(start, end)`` of vocabulary matches; a term overlapping one is skipped.

    Returns:
        Distinct terms in text order, verbatim, at most 25.
    """
    found: dict[str, None] = {}
    ordered = sorted(known)
    starts = [s for s, _ in ordered]
    for start, end in sorted(spans):
        if not _may_hold_term(text, start, end):
            continue
        for match in _TERM.finditer(text, start, end):
            term = match.group(0).rstrip(".:-/")
            if term in _COMMON or len(term) < 2 or re.fullmatch(r"\d+[KMLBkmlb]?", term):
                continue
            if _overlaps(ordered, starts, match.start(), match.end()):
                continue
            found[term] = None
    return tuple(found)[:_MAX_TERMS]


def _may_hold_term(text: str, start: int, end: int) -> bool:
    # A capital at ``start`` is looked at with the character before it: a needless scan at worst.
    return bool(_DIGIT.search(text, start, end) or _CAPITAL_AFTER_LETTER.search(text, start, end))


def _overlaps(ordered: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    # The known spans come from one left-to-right scan, so they do not overlap each other: the
    # only one that can overlap [start, end) is the last one starting before ``end``.
    index = bisect_left(starts, end) - 1
    while index >= 0 and ordered[index][1] > start:
        if ordered[index][0] < end:
            return True
        index -= 1
    return False
