"""The salary reader tries its amount pattern only near digits, and finds what a full scan finds.

An amount's figure starts at the first digit of a run of digits, and the amount at most
``_AMOUNT_LEAD_WIDTH`` characters before it; the width is read from the pattern itself.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import salary
from resumecore.postings.normalize import normalize_posting_text
from tests.support.posting_texts import posting_texts

_parser: Any = getattr(re, "_parser")  # noqa: B009 - the stdlib's own regex parser

CRAFTED = (
    "Salary: £40,000 - £50,000 per annum, US$95k, CAD $48,000, CAD$ 5, AUD 120000, NZ$90k",
    "R28 000 per month, R$ 5.000, ZAR 300 000, ₹12 LPA, 3L, 1,00,000, 45 000 €, 5k€",
    "\u00a0\u202f60.000 EUR, 25.50 per hour, ¥4,000,000, CHF 110'000, 2\u202f500 kr",
    "Grade R3, NR3, B2, v1.2.3, 12345678901, 1.5, ,5 .5 a1 USD1 USD 1 USD  1 EUR\u00a0\u00a02",
    # Digits of other scripts are digits to the pattern too.
    "\u0663\u0660\u0660\u0660 USD, \u096a\u096b,\u0966\u0966\u0966 INR",
)


def _scanned(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in salary._AMOUNT.finditer(text)]


def _tried(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in salary._amount_matches(text)]


def test_the_lead_width_is_the_longest_lead_the_pattern_allows() -> None:
    assert _parser.parse(salary._AMOUNT_LEAD).getwidth()[1] == salary._AMOUNT_LEAD_WIDTH


def test_amounts_found_near_digits_are_those_a_full_scan_finds() -> None:
    texts = [*CRAFTED, *posting_texts()]
    texts += [normalize_posting_text(text) for text in texts]
    assert len(texts) > 300
    for text in texts:
        assert _tried(text) == _scanned(text)


def test_a_narrower_lead_would_miss_an_amount(monkeypatch: pytest.MonkeyPatch) -> None:
    # The comparison above can fail: one position less and "CAD$ 5" loses its sign.
    monkeypatch.setattr(salary, "_AMOUNT_LEAD_WIDTH", salary._AMOUNT_LEAD_WIDTH - 1)
    assert _tried("pay CAD$ 5") != _scanned("pay CAD$ 5")


@given(st.text(alphabet="0123456789 ,.'\u00a0\u202fkKL$€£₹RUSDCAEaurosl-/\n", max_size=40))
def test_any_string_of_amount_characters_gives_the_full_scan(text: str) -> None:
    assert _tried(text) == _scanned(text)
