"""An alternation tried by a line's first letter answers as the whole alternation does.

The split into alternatives must give back the source, each alternative filed under a letter must
open with that letter (read from its parse tree), and over every line of the test postings and
lines written from the board phrases (in any case, with letters that fold to ASCII ones) the
answer must be the one pattern's.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from resumecore.postings import first_letter_alternation as fla
from resumecore.postings import furniture
from resumecore.postings.board_noise import LINE_NOISE, SEGMENT_NOISE, TAIL_START
from resumecore.postings.first_letter_alternation import (
    FirstLetterAlternation,
    top_level_alternatives,
)
from resumecore.postings.literal_guard import GuardedPattern
from resumecore.postings.normalize import normalize_posting_text
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains

_parser: Any = getattr(re, "_parser")  # noqa: B009 - the stdlib's own regex parser
_constants: Any = getattr(re, "_constants")  # noqa: B009

SOURCES = {"line": LINE_NOISE, "segment": SEGMENT_NOISE, "tail": TAIL_START}
SUFFIX = r"[\s.:]*"
# Letters that re.IGNORECASE matches with an ASCII letter but are not ASCII themselves.
ODD = {"k": "\u212a", "s": "\u017f", "i": "\u0131"}


def _plain(sources: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(sources) + ")" + SUFFIX, re.IGNORECASE)


@pytest.mark.parametrize(
    "source",
    [
        *LINE_NOISE,
        *SEGMENT_NOISE,
        *TAIL_START,
        r"a[|]b|c\|d|(e|f)|[]|]x|[^]|]y|(?:g|(h|i))|\[|j",
    ],
)
def test_the_alternatives_give_back_the_source(source: str) -> None:
    parts = top_level_alternatives(source)
    assert "|".join(parts) == source
    for part in parts:
        re.compile(part)  # a split inside a group or class would leave it unbalanced


def test_the_split_is_at_the_top_level_only() -> None:
    assert top_level_alternatives(r"a[|]b|c\|d|(e|f)|[]|]x|[^]|]y") == [
        "a[|]b",
        r"c\|d",
        "(e|f)",
        "[]|]x",
        "[^]|]y",
    ]
    assert fla._distributed("(?:hi|hey (?:a|b)) there") == ["hi there", "hey (?:a|b) there"]
    assert fla._distributed("(?:hi|hey)? there") == ["(?:hi|hey)? there"]
    assert fla._distributed("(?:hi|hey)+") == ["(?:hi|hey)+"]


@pytest.mark.parametrize("name", SOURCES)
def test_an_alternative_left_out_for_a_character_cannot_open_with_it(name: str) -> None:
    alternation = FirstLetterAlternation(SOURCES[name], SUFFIX)
    every = top_level_alternatives(alternation.pattern.pattern[3 : -len(SUFFIX) - 1])
    for char, pattern in alternation._by_first_char.items():
        kept = set(top_level_alternatives(pattern.pattern[3 : -len(SUFFIX) - 1]))
        for alternative in every:
            if alternative in kept:
                continue
            # Left out: it opens with an item of one character, not made optional, that the
            # first item read from the text is (and which does not match this character).
            first = fla._FIRST_ITEM.match(alternative)
            assert first is not None
            op, av = _parser.parse(alternative, re.I)[0]
            if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
                assert av[0] >= 1, alternative
                op, av = av[2][0]
            assert op in (_constants.LITERAL, _constants.IN), alternative
            assert [(op, av)] == list(_parser.parse(first.group(0), re.I)), alternative
            assert char == "" or not re.fullmatch(first.group(0), char, re.I), alternative


def _lines() -> list[str]:
    lines = {
        line.strip(" \t-*#•·")
        for text in posting_texts()
        for line in normalize_posting_text(text).split("\n")
    }
    lines |= {part.strip(" \t-*#•·") for line in set(lines) for part in line.split(" · ")}
    return sorted(lines)


def _written(sources: tuple[str, ...]) -> list[str]:
    # The phrases that are plain words, as written, capitalised, and with odd letters.
    phrases = [
        part.replace("\\", "")
        for source in sources
        for part in top_level_alternatives(source)
        if re.fullmatch(r"[\w '&/\\.-]+", part)
    ]
    written = []
    for phrase in phrases:
        written += [phrase, phrase.upper(), phrase.title(), f"{phrase}:", f"{phrase} and more"]
        written += [letter + phrase[1:] for key, letter in ODD.items() if phrase[:1] == key]
        written += [phrase.replace(key, letter) for key, letter in ODD.items()]
    return written


@pytest.mark.parametrize("name", SOURCES)
def test_the_answer_is_the_whole_alternations(name: str) -> None:
    sources = SOURCES[name]
    alternation = FirstLetterAlternation(sources, SUFFIX)
    plain = _plain(sources)
    lines = _lines() + _written(sources)
    lines += ["", "2nd shift", "\u212aarriere", "à: x", "← all jobs", "3 days ago", "12 applicants"]
    lines += ["(Employer est.)", "[-]", "[+]", "4.2 ★", "© 2024 Workday", "_x 3 days ago", ".", ":"]
    assert len(lines) > 1000
    matched = 0
    for line in lines:
        expected = plain.fullmatch(line) is not None
        assert alternation.fullmatch(line) == expected, line
        matched += expected
    assert matched > 20


def test_a_line_without_a_save_word_is_no_save_line() -> None:
    # strip_furniture tries its "Save <title> at <company>" pattern only on lines holding one.
    guard = GuardedPattern(furniture._SAVE, (), exact=furniture._SAVE_WORDS)
    assert every_match_contains(guard)
    assert furniture._save_line("Save Welder at Acme") is not None
    assert furniture._save_line("Welder bei Acme speichern") is not None
