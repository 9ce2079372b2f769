"""The last segment of a place ("Charlotte, NC (hybrid)") is searched only where one can start.

It must be what searching the whole value finds: the same span, for every line and every piece
of a line in the posting texts of tests/data and for values written around the marks.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import places
from resumecore.postings.line_parts import parts
from tests.support.posting_texts import posting_texts
from tests.support.stopwatch import stopwatch

VALUES = (
    "Charlotte, NC (hybrid)",
    "Remote (EU)",
    "  (Remote)",
    "Berlin",
    "Berlin \u2013 Hybrid",
    "Berlin\u00a0\u2014 on-site",
    "Leeds -",
    "- Leeds",
    "(",
    "a (b) c (d)",
    "Acme, Inc. - Reno, NV - Full-time\n",
    "\t,\t",
    "",
)


def _values() -> set[str]:
    values = set(VALUES)
    for text in posting_texts():
        for line in text.split("\n"):
            values.add(line)
            values.update(piece for piece, _ in parts(line))
    return values


def test_the_last_segment_is_what_a_whole_search_finds() -> None:
    found = 0
    for value in sorted(_values()):
        plain = places._LAST_SEGMENT.search(value)
        segment = places._last_segment(value)
        assert (segment and segment.span()) == (plain and plain.span()), value
        found += plain is not None
    assert found > 100


def test_a_mode_aside_is_dropped() -> None:
    assert places.drop_mode_aside("Charlotte, NC (hybrid)") == "Charlotte, NC"
    assert places.drop_mode_aside("Remote (EU)") == "Remote (EU)"
    assert places.drop_mode_aside("Berlin") == "Berlin"


@given(st.text(st.sampled_from(["a", "B", " ", "\t", "(", ")", ",", "-", "\u2013", "\u2014"])))
def test_any_value_of_marks_has_the_last_segment_a_whole_search_finds(value: str) -> None:
    plain = places._LAST_SEGMENT.search(value)
    segment = places._last_segment(value)
    assert (segment and segment.span()) == (plain and plain.span())


@pytest.mark.alone
def test_a_long_line_of_mode_asides_is_dropped_in_linear_time() -> None:
    # Each aside dropped searched again from the line's first mark: 50,000 characters of
    # "Senior C++, Hybrid + 2026 " read as a place took seconds on the event loop.
    line = ("Senior C++, Hybrid + 2026 " * 2000)[:49_900]
    with stopwatch() as took:
        places.drop_mode_aside(line)
    assert took.seconds < 0.5
