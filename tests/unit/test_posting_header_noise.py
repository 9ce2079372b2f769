"""Page furniture is found by two patterns: the whole line's text, and a note anywhere in it.

Together they say what the single anchored pattern they replace says,
``^(?:page text|.*(?:note).*)$``, of every line of the posting texts in tests/data and of lines
written for each kind of furniture.
"""

from __future__ import annotations

import re

from resumecore.postings import header_noise
from resumecore.postings.header_noise import is_header_noise
from resumecore.postings.line_parts import strip_decoration
from resumecore.postings.literal_guard import GuardedPattern
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains

LINES = (
    "Easy Apply",
    "Apply now",
    "apply nowhere",
    "See who Acme has hired for this role",
    "We use cookies to improve your experience.",
    "Cookie settings",
    "cookiecutter templates",
    "48 applicants",
    "Over 200 applicants · Promoted",
    "Reposted 3 days ago",
    "Posted 2 weeks ago by Acme",
    "Posted on 3 May",
    "Agora, posted",
    "— — —",
    "*** 2026 ***",
    "",
    "ÜBER UNS",
    "Stellenangebote",
    "Offres d'emploi",
    "AVOIMET TYÖPAIKAT",
    "Senior Platform Engineer",
    "Skip to main content",
    "SKIP TO CONTENT",
    "D\u0131str\u0131ct Manager",
)


def _reference() -> re.Pattern[str]:
    text = header_noise._PAGE_TEXT.plain.pattern
    note = header_noise._PAGE_NOTE.plain.pattern
    return re.compile(rf"^(?:{text}|.*(?:{note}).*)$", re.IGNORECASE)


def _posting_lines() -> set[str]:
    return {line for text in posting_texts() for line in text.split("\n")}


def test_the_two_patterns_say_what_the_anchored_one_says() -> None:
    reference = _reference()
    lines = _posting_lines() | set(LINES)
    noise = 0
    for line in sorted(lines | {line.upper() for line in lines}):
        expected = bool(reference.match(strip_decoration(line)))
        assert is_header_noise(line) == expected, line
        noise += expected
    assert noise > len(LINES) // 2


def test_furniture_is_told_from_a_header_field() -> None:
    assert is_header_noise("  Easy Apply  ")
    assert is_header_noise("Reposted 3 days ago")
    assert is_header_noise("Über 100 Applicants")
    assert not is_header_noise("Posted on 3 May")
    assert not is_header_noise("Senior Platform Engineer")


def test_each_note_holds_one_of_the_words_its_search_needs() -> None:
    note = header_noise._PAGE_NOTE.plain
    assert every_match_contains(GuardedPattern(note, header_noise._NOTE_WORDS))
