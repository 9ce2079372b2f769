"""A pattern anchored at line starts, searched from line break to line break, finds what
``finditer`` finds: over every posting text in tests/data and over edge cases (empty lines, a
match at the very start or end, a match that could be empty, a look back across the break)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import skill_asides, skill_scope
from resumecore.postings.line_start import LineStartPattern
from tests.support.posting_texts import posting_texts

EDGES = (
    "",
    "\n",
    "\n\n",
    "Pay: $20",
    "\nPay: 1\n",
    "\n\n  - Salary : x\nRate:\nwage:",
    "Pay\n:\n\nPAY:",
    "HOURLY RATE: 2\n* pay:\n",
    "Industry: Software\nTeam: Data\n\n- Department: X",
    "Resume/CV * (Attach, Dropbox)\nenter manually\n",
    "a\nb\n\nab\nb",
)
PATTERNS = (
    skill_asides._PAY_LINE,
    skill_scope._META_LINE,
    skill_scope._FORM_LINE,
    re.compile(r"^\s*", re.M),  # may match nothing: finditer's own rules
    re.compile(r"^(?<=\n)b|^a$", re.M),  # a top-level alternative: refused
    re.compile(r"^(?:(?<=\n)b|a$)", re.M),  # a look back across the break
    re.compile(r"^b?\n?", re.M),  # may match nothing, or only the break
)


def _expected(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [found.span() for found in pattern.finditer(text)]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:20])
def test_the_spans_are_finditers(pattern: re.Pattern[str]) -> None:
    try:
        lines = LineStartPattern(pattern)
    except ValueError:
        assert "|" in pattern.pattern
        return
    for text in (*posting_texts(), *EDGES):
        assert lines.spans(text) == _expected(pattern, text), text[:60]


@given(st.text(alphabet="ab\n :", max_size=30))
def test_spans_on_any_short_text(text: str) -> None:
    for source in (r"^a+", r"^(?:(?<=\n)b|a$)", r"^b?\n?", r"^[ab]*:.*$", r"^\n"):
        pattern = re.compile(source, re.M)
        assert LineStartPattern(pattern).spans(text) == _expected(pattern, text), source


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile("^a"),
        re.compile("a", re.M),
        re.compile("^a|b", re.M),
        re.compile("^ a", re.M | re.X),
    ],
)
def test_a_pattern_not_anchored_at_lines_is_refused(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError):
        LineStartPattern(pattern)


def test_the_postings_have_such_lines() -> None:
    texts = list(posting_texts())
    assert sum(len(skill_asides._PAY_LINES.spans(text)) for text in texts) > 20
    assert sum(len(skill_scope._META_LINES.spans(text)) for text in texts) > 20
