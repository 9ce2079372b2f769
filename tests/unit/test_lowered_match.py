"""A twinned pattern answers what its case-insensitive original answers, for any text.

The claims of ``lowered_match`` are checked over every Unicode character: on text that
``lowered`` accepts, a letter of a twin matches under ``re.IGNORECASE`` exactly the characters
whose lower-case form it is, and ``\\w``, ``\\d`` and ``\\s`` say the same of a character and
of its lower-case form. Each twin is then compared with its original over every line of the
posting texts in tests/data and over lines written to trip case folding.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
import sys
from functools import cache

import pytest

from resumecore import postings
from resumecore.postings import section_headers
from resumecore.postings.lowered_match import LoweredPattern, lowered
from tests.support.posting_texts import posting_texts

CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
# Escapes and group names: what is not matched as a character.
SYNTAX = re.compile(r"\\.|\(\?P<\w+>")
TRICKY = (
    "SENIOR ENGİNEER",  # "İ" lowers to two characters
    "D\u0131str\u0131ct Manager",  # dotless i: "i" under IGNORECASE
    "A\u017f\u017fi\u017ftant, Benefi\u017f",  # long s: "s" under IGNORECASE
    "KITCHEN PORTER \u212a",  # Kelvin sign: "k" under IGNORECASE
    "STRAẞENBAU FAHRER ΣΟΦΙΑ",  # capital sharp s, final sigma
    "ΟΔΗΓΌΣ driver",
    "Вакансия: водитель, Driver",
    "µ-engineer ﬅ ﬆ ᲀ",
    "Über uns",
    "ÉQUIPE DE NUIT — Infirmière",
    "Nice-To-Have: Bonus Points",
    "What You'll Do",
    "HYBRID / FULL-TIME / ON-SITE",
)


@cache
def _characters() -> tuple[str, str]:
    # Every character ``lowered`` accepts, and the lower-cased string of them.
    everything = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    accepted = "".join(c for c in everything if lowered(c) is not None)
    low = accepted.lower()
    assert len(low) == len(accepted)
    return accepted, low


def _twinned() -> list[LoweredPattern]:
    # Every twin the posting modules define, whatever its name.
    modules = [
        importlib.import_module(f"resumecore.postings.{m.name}")
        for m in pkgutil.iter_modules(postings.__path__)
    ]
    twins = [v for m in modules for v in vars(m).values() if isinstance(v, LoweredPattern)]
    assert twins
    return twins


def _texts() -> list[str]:
    return list(posting_texts())


def _lines() -> list[str]:
    # A header line's length is enough: longer lines are searched in the whole-text test.
    lines = {line[:100] for text in _texts() for line in text.splitlines()}
    lines.update(TRICKY)
    return sorted({form for line in lines for form in (line, line.upper())})


def test_a_letter_of_a_twin_matches_what_lowers_to_it() -> None:
    accepted, low = _characters()
    sources = [SYNTAX.sub("", twin.plain.pattern) for twin in _twinned()]
    letters = {c for source in sources for c in source} | set(string.ascii_lowercase)
    for letter in sorted(letters):
        literal = re.escape(letter)
        folded = [m.start() for m in re.finditer(literal, accepted, re.IGNORECASE)]
        assert folded == [m.start() for m in re.finditer(literal, low)], letter


def test_a_class_of_a_twin_holds_what_it_holds_case_insensitively() -> None:
    accepted, low = _characters()
    classes = {c for twin in _twinned() for c in CLASS.findall(twin.plain.pattern)}
    assert "[oa]" in classes
    for class_ in sorted(classes):
        folded = [m.start() for m in re.finditer(class_, accepted, re.IGNORECASE)]
        assert folded == [m.start() for m in re.finditer(class_, low)], class_


@pytest.mark.parametrize("category", [r"\w", r"\d", r"\s", r"\W"])
def test_a_category_says_the_same_of_a_lower_case_form(category: str) -> None:
    accepted, low = _characters()
    assert [m.start() for m in re.finditer(category, accepted)] == [
        m.start() for m in re.finditer(category, low)
    ]


def test_lowered_refuses_text_that_folds_otherwise() -> None:
    assert lowered("Senior ENGINEER") == "senior engineer"
    assert lowered("İstanbul") is None
    assert lowered("d\u0131strict") is None
    assert lowered("a\u017f\u017fi\u017ftant") is None
    assert lowered("ΣΟΦΙΑ") is None
    assert lowered("KELVIN \u212a") == "kelvin k"


@pytest.mark.parametrize("twin", _twinned(), ids=lambda twin: twin.plain.pattern[:30])
def test_a_twin_answers_as_its_original(twin: LoweredPattern) -> None:
    groups: list[str | int] = [0, *twin.plain.groupindex]
    for line in _lines():
        assert twin.search(line) == bool(twin.plain.search(line)), line
        whole = twin.plain.fullmatch(line)
        for group in groups:
            assert twin.fullmatch_span(line, group) == (whole.span(group) if whole else None)
        # Inside the line: a boundary at either end depends on the character beyond it.
        inner = twin.plain.search(line, 1, len(line) - 1)
        assert twin.span(line, lowered(line), 1, len(line) - 1) == (inner.span() if inner else None)


@pytest.mark.parametrize("twin", _twinned(), ids=lambda twin: twin.plain.pattern[:30])
def test_one_lower_casing_serves_every_search_of_a_text(twin: LoweredPattern) -> None:
    # A posting is lower-cased once; its lines are searched in place and as slices of it.
    for text in [*_texts(), "\n".join(TRICKY)]:
        low = lowered(text)
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            found = twin.plain.search(text, start, end)
            assert twin.span(text, low, start, end) == (found.span() if found else None)
            for position in (start, end, (start + end) // 2, text.find(" ", start, end)):
                at = twin.plain.match(text, position)
                assert twin.match_span(text, low, position) == (at.span() if at else None)
            if low is not None:
                assert lowered(line) == low[start:end]
            start = end + 1


def test_a_header_line_fullmatches_as_its_original() -> None:
    header = section_headers._HEADER
    for line in ("Requirements", "REQUIREMENTS", "Nice-To-Have", "Key Skills & Tools", "Über Uns"):
        whole = header.plain.fullmatch(line)
        assert whole is not None
        assert header.fullmatch_span(line, "phrase") == whole.span("phrase")


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile("engineer"),  # not case-insensitive
        re.compile("engineer", re.IGNORECASE | re.ASCII),
        re.compile("Engineer", re.IGNORECASE),
        re.compile(r"\x45ngineer", re.IGNORECASE),
        re.compile("(?-i:e)ngineer", re.IGNORECASE),
        re.compile("d\u0131strict", re.IGNORECASE),
        re.compile(r"(?P<x>e)(?P=x)", re.IGNORECASE),
    ],
)
def test_a_pattern_that_may_answer_otherwise_has_no_twin(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError):
        LoweredPattern(pattern)
