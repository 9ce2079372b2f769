"""A title loses a " - <place>" tail only when it has a dash: the others are left as they are.

The check before the pattern (is there a dash?) must change no answer: the cut title equals
what the pattern alone gives, for titles with and without a dash, in any case.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings.fields import _without_place

CASES = (
    ("Store Manager - Chermside", "Chermside"),
    ("Store Manager \u2013 CHERMSIDE", "Chermside"),
    ("Store Manager\u2014Chermside", "Chermside"),
    ("Store Manager - Chermside QLD", "Chermside"),
    ("Senior Platform Engineer", "Berlin, Germany"),
    ("Senior Platform Engineer Berlin", "Berlin"),
    ("Nurse - Band 5", "Band 5"),
    ("Co-op Student", "Op Student"),
    ("K\u212aitchen - Bristol", "bristol"),
    ("", "Leeds"),
    ("Store Manager - Chermside\n", "Chermside"),
    ("Store Manager - Chermside - Chermside", "Chermside"),
    ("Store Manager -  \u00a0- Chermside", "Chermside"),
    ("Store Manager\u00a0\u2013\u2003Chermside", "Chermside"),
    ("Store Manager \n- Chermside", "Chermside"),
    ("Store Manager -Chermside", "Chermside"),
    ("Store Manager - XChermside", "Chermside"),
    ("Engineer - C++ Labs", "C++ Labs"),
    ("Engineer - St. Ives", "St. Ives"),
    ("Engineer - \u0130stanbul", "\u0130stanbul"),
    ("Engineer - Istanbul", "\u0130stanbul"),
    ("Engineer - D\u0131strict", "District"),
    ("Engineer - District", "D\u0131strict"),
    ("Engineer - Reading", "reading"),
    ("Engineer - ", "Leeds"),
    ("- Leeds", "Leeds"),
    (" - Leeds", "Leeds"),
    ("Engineer - Leeds", ""),
)


@pytest.mark.parametrize(("title", "place"), CASES)
def test_the_cut_is_what_the_pattern_gives(title: str, place: str) -> None:
    for text in (title, title.upper(), title.lower()):
        plain = re.sub(rf"\s+[-\u2013\u2014]\s+{re.escape(place)}$", "", text, flags=re.I)
        assert _without_place(text, place) == plain


def test_a_place_tail_is_cut() -> None:
    assert _without_place("Store Manager - Chermside", "Chermside") == "Store Manager"
    assert _without_place("Senior Platform Engineer", "Berlin") == "Senior Platform Engineer"


@given(
    st.lists(
        st.sampled_from(
            ["Nurse", " ", "-", "\u2013", "\n", "\u00a0", "Leeds", "LEEDS", "\u0131", "x"]
        ),
        max_size=8,
    ),
    st.sampled_from(
        ["Leeds", "leeds", "D\u0131strict", "\u0130stanbul", "x", "Leeds\n", "- Leeds"]
    ),
)
def test_any_title_is_cut_as_the_pattern_cuts_it(pieces: list[str], place: str) -> None:
    title = "".join(pieces)
    plain = re.sub(rf"\s+[-\u2013\u2014]\s+{re.escape(place)}$", "", title, flags=re.I)
    assert _without_place(title, place) == plain
