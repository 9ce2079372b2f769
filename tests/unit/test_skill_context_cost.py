"""Deciding whether a short alias has evidence before it costs the same for every mention.

The evidence phrase ("using R", "experience in Go") ends where the alias starts, so only the
end of the line before the alias is read: reading the whole line made a line of n mentions
cost n searches of up to n characters (a 50,000-character description of "using R " took
about 17 s of CPU in one match report).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import skill_context
from resumecore.postings.vocabulary import default_vocabulary
from tests.support.stopwatch import stopwatch

pytestmark = pytest.mark.alone  # bounds wall time: run by itself

PIECES = ["using", "use", "knowledge", "of", "in", "with", "mit", "(", ":", "x", "é", "R"]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", ""]


@given(st.lists(st.sampled_from(PIECES + SPACES), max_size=30), st.integers(min_value=0))
def test_the_evidence_window_answers_as_the_whole_line_does(parts: list[str], cut: int) -> None:
    text = "".join(parts)
    end = cut % (len(text) + 1)
    line_start = text.rfind("\n", 0, end) + 1
    whole_line = skill_context._EVIDENCE_BEFORE.search(text[line_start:end])
    window = skill_context._evidence_window(text, line_start, end)
    assert text[line_start:end].endswith(window)
    assert (skill_context._EVIDENCE_BEFORE.search(window) is None) == (whole_line is None)


def test_a_long_line_of_evidenced_mentions_costs_linear_time() -> None:
    vocabulary = default_vocabulary()
    vocabulary.find("warm up with Python")
    text = "using R " * 6250  # 50,000 characters: the longest job description
    with stopwatch(time.process_time) as took:
        found = vocabulary.find(text)
    assert took.seconds < 2.0
    assert [match.canonical for match in found] == ["R"] * 6250
