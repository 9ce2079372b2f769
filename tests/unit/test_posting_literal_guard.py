"""A guarded posting pattern skips a search only when the search could not have matched.

Two proofs and a check: the guard words of each pattern are derived from the pattern's own parse
tree (every way through it passes a run of literal characters holding one of them), every
character that a case-insensitive pattern matches with a guard word's letter lower-cases to that
letter (or makes the text unguarded), and over every posting in the test data and crafted texts
the guarded search finds exactly what the plain search finds.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from resumecore.postings import literal_guard, terms
from resumecore.postings.literal_guard import GuardedPattern, lowered_for_guards
from resumecore.postings.normalize import normalize_posting_text
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains

MODULES: tuple[ModuleType, ...] = (terms,)
CRAFTED = (
    "Job type: Full-time, permanent. Schedule: PT, 24 hrs/wk\nFT, 4-5 nights",
    "INTERNSHIP, Praktikum, stage d'été, prácticas, intern",
    "Temporary, seasonal, fixed-term, maternity cover, befristet, CDD, temp. Casual to start",
    "Contract; contractor; freelance; contract-to-hire; day rate; outside IR35",
    "Part time, Teilzeit, temps partiel, media jornada, mi-temps; full or part-time",
    "Vollzeit, temps plein, jornada completa, tiempo completo; CDI, unbefristet, voltijd",
    "Employment type: contract\nWork type: Permanent\nEmployment: casual",
    "Hybrid (3 days a week in the office), 2 days in our London office, 3 days/week in office",
    "Télétravail : 2 jours, 2 jours de télétravail, Homeoffice, hybrides Arbeiten, 2 Tage mobil",
    "Fridays from home, two days a week from home, híbrido, hybride",
    "Remote-first, fully remote, 100% remote, remote role, work from home, work remotely",
    "100% remoto, teletrabajo, (Remote), Location: Remote\nremote - US, all remote, or remote",
    "not remote, no remote, non-remote, not a remote role",
    "On-site, onsite, on site role, in-person, apply in person, office-based, vor Ort",
    "fully in-office, in-office only, (hybrid, in-office), work from the office, WFO",
    "in-office position, (in-clinic), présentiel, presencial, site-based, field-based",
    # Letters that re.IGNORECASE matches with 'i', 's' and 'k' but lower() does not give.
    "Hybr\u0131d, on-\u017fite, \u017fite-based, \u0130n-person, remotely \u0131n, w\u212aFO",
    "\u0131nternship, \u0130NTERN, \u017feasonal, part-t\u0131me, Full-\u0130me, \u212aafka",
    "temporar\u0131 \u017fchedule: PT, intern\u0131\u017fhip, ca\u017fual to start",
)


def _guards(module: ModuleType) -> Iterator[tuple[str, GuardedPattern]]:
    def walk(name: str, value: object) -> Iterator[tuple[str, GuardedPattern]]:
        if isinstance(value, GuardedPattern):
            yield name, value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from walk(f"{name}[{index}]", item)

    for name, value in vars(module).items():
        yield from walk(f"{module.__name__}.{name}", value)


GUARDS = [guard for module in MODULES for guard in _guards(module)]


@pytest.mark.parametrize(("name", "guard"), GUARDS, ids=[name for name, _ in GUARDS])
def test_every_match_holds_a_guard_word(name: str, guard: GuardedPattern) -> None:
    assert guard.words, name
    assert all(word == word.lower() for word in guard.words), name
    assert every_match_contains(guard), name


def test_derivation_refuses_a_word_a_match_may_lack() -> None:
    # The proof above must be able to fail.
    for source, words in (
        (r"full[- ]?time", ("full-",)),
        (r"a|b", ("a",)),
        (r"x(?:yz)?", ("xy",)),
        (r"(?-i:PT)|pt", ("zz",)),
        (r"\n{2,}", ("\n\n\n",)),
        (r"x{2,4}y", ("xxy",)),
    ):
        assert not every_match_contains(literal_guard.guarded(source, re.I, words=words)), source
    exact = ("PT",)
    assert not every_match_contains(literal_guard.guarded("PT", re.I, words=(), exact=exact))
    assert every_match_contains(literal_guard.guarded("(?-i:PT)", re.I, words=(), exact=exact))
    assert every_match_contains(literal_guard.guarded(r"\bx{2}y", re.I, words=("xxy",)))


def test_letters_that_fold_to_a_guard_letter_lower_case_to_it() -> None:
    # Exhaustive over Unicode: any character re.IGNORECASE matches with a guard word's letter
    # either lower-cases to that letter or makes the text unguarded.
    letters = {c for _, guard in GUARDS for word in guard.words for c in word}
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for letter in letters:
        for found in re.finditer(re.escape(letter), everything, re.I):
            char = found.group()
            assert char.lower() == letter or lowered_for_guards(char) is None, (letter, char)


@pytest.mark.parametrize("odd", ["\u0131", "\u0130", "\u017f"])
def test_a_text_with_an_odd_fold_is_not_guarded(odd: str) -> None:
    assert lowered_for_guards(f"caf\u00e9 {odd}") is None
    assert lowered_for_guards("Caf\u00e9 \u212a") == "caf\u00e9 k"


def test_guarded_searches_find_what_plain_searches_find() -> None:
    raw = [*CRAFTED, *posting_texts()]
    texts = raw + [normalize_posting_text(t) for t in raw] + [t.upper() for t in CRAFTED]
    assert len(texts) > 300
    for text in texts:
        lowered = lowered_for_guards(text)
        for name, guard in GUARDS:
            expected = [m.span() for m in guard.pattern.finditer(text)]
            assert [m.span() for m in guard.finditer(text, lowered)] == expected, name
            plain = guard.pattern.search(text)
            found = guard.search(text, lowered)
            assert (found and found.span()) == (plain and plain.span()), name
