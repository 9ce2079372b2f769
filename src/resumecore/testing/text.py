"""Text, dates and addresses as a profile holds them: realistic samples mixed with odd valid text.

Each factory builds its strategy once per argument set (strategies are immutable).
Free text never holds ``{``, ``}`` or the word ``None`` (so a test may assert that none leaked
into a document), control characters or lone surrogates (the profile's rules refuse them).
"""

from __future__ import annotations

import functools
import string

from hypothesis import strategies as st

TITLES = (
    "Senior Platform Engineer", "Registered Nurse", "HVAC Service Technician", "x", "Lead",
    "Care Assistant", "Truck Driver", "Teacher", "Head of Data", "Ünal Müdür", "MBA Intern",
)  # fmt: skip
COMPANIES = (
    "Northwind Logistics", "Acme Inc", "St Mary's Hospital", "Globex Corporation", "Ørsted",
    "Maple House Care Home", "the Bank",
)  # fmt: skip
SKILLS = (
    "Python", "Kubernetes", "Terraform", "Go", "C", "R", "Excel", "Ruby", "Customer service",
    "Team Lead", "Forklift", "Wound Care", "IV Therapy", "SQL", "Java", "AWS", "Python 3",
    "Project Manager", "Communication", "Dementia Care", "Spanish",
)  # fmt: skip
BULLETS = (
    "Moved 60 services to Kubernetes, cutting deploy time by 40%",
    "Reported to the CTO at Google", "Led a team of 5 engineers",
    "Assess and care for 5-6 patients a shift", "Patient satisfaction up 12% on the unit",
    "Mentored MSc students", "Saved $1.2M in 2019", "Drove 120,000 miles without an accident",
    "Worked for Initech on payroll in Python", "Used a forklift daily", "Teach Year 6 maths",
)  # fmt: skip
NAMES = ("Ruby Chen", "Zoë Ødegård", "李小龙", "Ada Lovelace", "O'Neil Smith-Jones")
DEGREES = ("BSc", "MSc", "PhD", "NVQ Level 3", "x")


def _readable(value: str) -> bool:
    return bool(value.strip()) and "None" not in value


@functools.cache
def words(max_size: int = 20) -> st.SearchStrategy[str]:
    """Short non-blank text: letters, digits and a few accented and CJK letters."""
    alphabet = string.ascii_letters + string.digits + " .-&éÖß李"
    return st.text(alphabet=alphabet, min_size=1, max_size=max_size).filter(_readable)


@functools.cache
def odd_text(max_size: int = 120) -> st.SearchStrategy[str]:
    """Any valid Unicode text (no controls, surrogates or braces), up to ``max_size``."""
    letters = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="{}")
    return st.text(letters, min_size=1, max_size=max_size).filter(_readable)


@functools.cache
def realistic(samples: tuple[str, ...], *, odd: bool = True) -> st.SearchStrategy[str]:
    """One of ``samples``, or (when ``odd``) short arbitrary valid words as often."""
    chosen = st.sampled_from(samples)
    return chosen | words() if odd else chosen


@functools.cache
def sentences(*, odd: bool = True) -> st.SearchStrategy[str]:
    """Achievement-like sentences, or (when ``odd``) arbitrary valid text."""
    chosen = st.sampled_from(BULLETS)
    return chosen | odd_text() if odd else chosen


@functools.cache
def partial_dates(
    min_year: int = 1900, max_year: int = 2100, *, days: bool = True
) -> st.SearchStrategy[str]:
    """``YYYY-MM``, ``YYYY`` (or ``YYYY-MM-DD`` when ``days``) naming a real date."""
    day = st.none() | st.integers(1, 28) if days else st.none()
    month = st.integers(1, 12) | st.none()  # None: the year alone
    return st.builds(_render, st.integers(min_year, max_year), month, day)


def _render(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


@functools.cache
@st.composite
def date_spans(
    draw: st.DrawFn, *, start_required: bool = False, days: bool = True
) -> tuple[str | None, str | None]:
    """``(start, end)`` with ``start <= end`` when both are given; either may be absent."""
    first, second = sorted(draw(st.lists(partial_dates(days=days), min_size=2, max_size=2)))
    start = first if start_required or draw(st.booleans()) else None
    return start, second if draw(st.booleans()) else None


@functools.cache
def web_urls() -> st.SearchStrategy[str]:
    """Absolute http(s) addresses."""
    host = st.from_regex(r"[a-z]{1,10}", fullmatch=True)
    return st.builds(
        "{}://{}.example.com/{}".format, st.sampled_from(["http", "https"]), host, host
    )


@functools.cache
def emails() -> st.SearchStrategy[str]:
    """Plausible e-mail addresses."""
    part = st.from_regex(r"[a-z][a-z0-9.]{0,10}", fullmatch=True)
    return st.builds("{}@{}.com".format, part, st.from_regex(r"[a-z]{1,10}", fullmatch=True))
