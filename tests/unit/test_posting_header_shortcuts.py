"""The header's shortcuts answer exactly what the plain path answers.

A section header is looked for only when a line's first word can open one, and a name is looked
for in the body only when its lower-cased copy holds the name: each check must give what the
pattern alone gives, over every line of the posting texts in tests/data and over lines written
to trip case folding.
"""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import (
    addresses,
    header_labels,
    named_parts,
    page_lines,
    section_headers,
    title_cleanup,
)
from resumecore.postings.company_prose import cased_elsewhere
from resumecore.postings.header_labels import LABEL, ROLE_WORDS, is_label_line, names_role
from resumecore.postings.literal_guard import GuardedPattern, lowered_for_guards
from resumecore.postings.named_parts import named_as_org
from resumecore.postings.section_headers import SectionKind
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains

TRICKY = (
    "",
    "   ",
    "Requirements",
    "REQUIREMENTS",
    "Key Requirements",
    "Key-Requirements",
    "Nice-To-Have:",
    "nice\u00a0to have",
    "Must\u2003haves",
    "What You\u2019ll Do",
    "WHAT YOU\u2019LL BRING",
    "Skills & Tools",
    "Über Uns",
    "ÜBER UNS",
    "Qui sommes-nous ?",
    "Compétences requises",
    "COMPÉTENCES REQUISES",
    "Profil recherché",
    "Qué harás",
    "\u0130deal candidate",  # "İ" lowers to two characters
    "Des\u0131red skills",  # dotless i: "i" under IGNORECASE
    "Re\u017fponsibilities",  # long s: "s" under IGNORECASE
    "\u212aey skills",  # Kelvin sign: "k" under IGNORECASE
    "## \U0001f680 Benefits ##",
    "-- Perks --",
    "Your role",
    "the role and the team",
    "Bonus: Rust",
    "Design, build and operate backend services",
    "Careers > Production > Neu-Ulm",
    "Careers \u203a Engineering \u203a Berlin",
    "Jobs \u00bb Sales \u00bb Remote",
    "Home / Jobs / Engineering / Platform Engineer",
    "HOME/JOBS / X / Y",
    "Home | Parents | About Us | Vacancies | Contact",
    "Job Title: Nurse",
    "** Location **: Berlin",
    "Ratio 3:1",
    "Pflegefachkraft (m/w/d)",
    "ELEKTROTECHNIKER / KFZ-MECHATRONIKER",
    "Lagerhelferin - Teilzeit",
    "LKW-Lenker*in gesucht",
    "Teamleider Productie",
    "Industriekaufmann",
    "Filialleiterin",
    "Monteurs",
    "Fachkraft f\u00fcr Lagerlogistik",
    "Pflegerin",
    "Head of Data",
    "Sous Chef",
    "Engineers wanted",
    "D\u0131str\u0131ct Manager",
    "ASS\u0130STANT",
    "A\u017f\u017fistant",
)


def _plain_match(text: str) -> SectionKind | None:
    # What _match answers without its first-word check: the case-insensitive pattern alone.
    line = section_headers._strip(text).replace("\u2019", "'")
    found = section_headers._HEADER.plain.fullmatch(line)
    if not found:
        return None
    start, end = found.span("phrase")
    return section_headers._KIND_OF.get(section_headers._key(line[start:end]))


def _plain_about_name(line: str) -> str | None:
    found = section_headers._ABOUT.fullmatch(section_headers._strip(line))
    if not found:
        return None
    name = found.group("name").strip()
    if _plain_match(line) or name.lower().split()[0] in {"the", "you", "us", "this", "our", "your"}:
        return None
    return name


def _plain_header_kind(line: str) -> tuple[SectionKind, str] | None:
    head, colon, rest = line.partition(":")
    if colon and rest.strip(section_headers._DECORATION) and len(head) <= 40:
        kind = _plain_match(head)
        return (kind, rest) if kind else None
    if len(line) > section_headers.MAX_HEADER_LENGTH:
        return None
    kind = _plain_match(line)
    about = section_headers._ABOUT.fullmatch(section_headers._strip(line))
    if kind is None and about and not line.rstrip().endswith("."):
        kind = "other"
    return (kind, "") if kind else None


def _lines() -> list[str]:
    lines = {line[:200] for text in posting_texts() for line in text.split("\n")}
    lines.update(TRICKY)
    return sorted({form for line in lines for form in (line, line.upper(), line.title())})


def test_a_header_is_found_as_the_pattern_alone_finds_it() -> None:
    for line in _lines():
        assert section_headers._match(line) == _plain_match(line), line
        head = line.partition(":")[0]
        assert section_headers._match(head) == _plain_match(head), head


def _plain_breadcrumb(line: str) -> bool:
    if len(line) >= 100 or line.endswith("."):
        return False
    if page_lines._BREADCRUMB.search(line) or page_lines._SLASH_TRAIL.match(line):
        return True
    items = line.split(" | ")
    return len(items) >= 4 and not page_lines._MENU.isdisjoint(p.strip().lower() for p in items)


def test_a_header_line_and_an_about_name_are_read_as_the_patterns_alone_read_them() -> None:
    for line in [*_lines(), *ABOUT]:
        assert section_headers.header_kind(line) == _plain_header_kind(line), line
        assert section_headers.about_name(line) == _plain_about_name(line), line


def test_a_line_is_a_trail_or_a_label_as_the_patterns_say() -> None:
    for line in _lines():
        assert page_lines.is_breadcrumb(line) == _plain_breadcrumb(line), line
        assert is_label_line(line) == bool(LABEL.match(line)), line


def test_a_street_line_opens_with_a_digit_or_a_street_letter() -> None:
    # Every character the street pattern can open with, over all of Unicode (\\d is isdecimal).
    opening = re.compile(r"\d|[us]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        may_open = char.isdecimal() or char in addresses._STREET_LETTERS
        assert may_open == bool(opening.match(char)), hex(code)
    assert addresses._STREET_LINE.pattern.startswith(r"^(?:\d+[A-Za-z]?|unit \d+,?|suite \d+,?) ")


def test_a_role_is_named_as_the_whole_pattern_says() -> None:
    nouns = header_labels._ROLE_NOUNS
    assert ROLE_WORDS.pattern == r"\b(?:" + "|".join(nouns) + r")s?\b"
    assert all(ending.isalpha() for ending in header_labels._OPEN_ENDINGS)
    for line in _lines():
        assert names_role(line) == bool(ROLE_WORDS.search(line)), line


def test_every_phrase_opens_with_a_first_word() -> None:
    for phrase in section_headers._KIND_OF:
        for line in (phrase, phrase.upper(), f"key {phrase}", f"{phrase} and tools"):
            assert section_headers._match(line) == _plain_match(line) is not None, line


@given(
    st.sampled_from(sorted(section_headers._KIND_OF)),
    st.text(alphabet=string.ascii_letters + " -\t\u00a0\u0131\u017f\u212a\u0130", max_size=6),
    st.text(alphabet=string.ascii_letters + " -\t\u00a0\u0131\u017f\u212a\u0130", max_size=6),
)
def test_a_phrase_with_odd_letters_around_it_answers_the_same(
    phrase: str, before: str, after: str
) -> None:
    for line in (f"{before}{phrase}{after}", f"{before}{phrase.upper()}{after}"):
        assert section_headers._match(line) == _plain_match(line), line


ABOUT = (
    "About Acme",
    "ABOUT ACME ANALYTICS",
    "About O\u2019Brien\u2019s Bakery",
    "\u00dcber Acme GmbH",
    "\u00c0 propos de Fromagerie Dupont",
    "Acerca de Tienda Sol",
    "About-Acme",
    "About the role",
    "About us:",
    "About \u0130stanbul Partners",
    "Ab\u017fout Acme",
    "## About Acme Robotics ##",
    "About Acme.",
)
NAMED = (
    "Join Kestrel Travel today. Kestrel Travel is hiring.",
    "We work with KESTREL TRAVEL's partners",
    "kestrel travel\nKestrel Travel's team",
    "At Kestrel Travelers we build; at kestrel travel, we care",
    "At Kestrel Travelers we build",
    "a flat Kestrel Travel",
    "Kestrel Travel, we are",
    "Kestrel Travel,we are",
    "about Kestrel Travel.Kestrel Travel was founded",
    "THE LANTERN HOUSE\nThe Lantern House is a pub. the lantern house",
    "Caf\u00e9 M\u00dcLLER hires. Join caf\u00e9 m\u00fcller, at CAF\u00c9 M\u00dcLLER",
    "Join D\u0131strict Co. at DISTRICT CO and \u0130stanbul Partners is",
    "Join Kelvin \u212aitchen at KELVIN KITCHEN",
    "\u03a3\u039f\u03a6\u0399\u0391 is here; join \u03c3\u03bf\u03c6\u03b9\u03b1",
    "with O'Brien & Sons (UK) Ltd. O'Brien & Sons (UK) Ltd's staff",
    "at C++ Labs. C++ Labs is",
    "",
)
NAMES = (
    "Kestrel Travel",
    "KESTREL TRAVEL",
    "kestrel",
    "Travel",
    "The Lantern House",
    "THE LANTERN HOUSE",
    "Caf\u00e9 M\u00fcller",
    "CAF\u00c9 M\u00dcLLER",
    "District Co",
    "D\u0131strict Co",
    "\u0130stanbul Partners",
    "Kelvin Kitchen",
    "\u03a3\u039f\u03a6\u0399\u0391",
    "O'Brien & Sons (UK) Ltd",
    "C++ Labs",
    "Labs.",
    "",
)


def _plain_named_as_org(part: str, text: str) -> bool:
    name = re.escape(part)
    pattern = (
        rf"(?:\b(?:at|join|with) {name}\b|"
        rf"(?:^|\n|\. ){name}(?: is| has| was| are|,? we\b|['\u2019]s))"
    )
    assert pattern == named_parts._as_org(name)
    # Each place the name stands in that prose counts unless it is written all in lower case
    # while the name is not ("experience with payments" for "Payments"), outside a web address
    # ("apply at dentalflow.com").
    led = rf"\b(?:at|join|with) (?P<name>{name})\b"
    opened = rf"(?:^|\n|\. )(?P<name>{name})(?: is| has| was| are|,? we\b|['\u2019]s)"
    for one in (led, opened):  # a lookahead finds every place, overlapping ones too
        for found in re.finditer(f"(?={one})", text, re.IGNORECASE):
            address = re.match(r"\.[a-z0-9]", text[found.end("name") :])
            if part.islower() or not found.group("name").islower() or address:
                return True
    return False


def _plain_cased_elsewhere(text: str, name: str) -> str:
    if not name.isupper():
        return name
    later = re.search(re.escape(name), text[text.find(name) + len(name) :], re.IGNORECASE)
    return later.group(0) if later and not later.group(0).isupper() else name


def test_a_name_is_found_as_the_pattern_finds_it() -> None:
    for text in NAMED:
        for name in NAMES:
            assert named_as_org(name, text) == _plain_named_as_org(name, text), (name, text)
            assert cased_elsewhere(text, name) == _plain_cased_elsewhere(text, name)


def test_the_header_pieces_of_the_posting_texts_are_found_as_before() -> None:
    piece = re.compile(r"[A-Z][\w'&.-]*(?: [A-Z][\w'&.-]*){0,3}")
    for text in posting_texts():
        names = {m.group(0) for line in text.split("\n")[:12] for m in piece.finditer(line)}
        for name in sorted(names):
            assert named_as_org(name, text) == _plain_named_as_org(name, text), name
            upper = name.upper()
            assert cased_elsewhere(text, upper) == _plain_cased_elsewhere(text, upper), name


@given(
    st.text(alphabet="aAkK\u212a\u0131\u0130iI\u017fsS .,'\n", max_size=4).filter(bool),
    st.lists(
        st.sampled_from(
            ["at ", "join ", "with ", "\n", ". ", " is", "'s", ", we", " we", "x", " "]
        ),
        max_size=6,
    ),
)
def test_any_name_in_any_setting_answers_the_same(name: str, around: list[str]) -> None:
    for text in (name.join(around), name.upper().join(around), name.lower().join(around)):
        assert named_as_org(name, text) == _plain_named_as_org(name, text), (name, text)
        assert cased_elsewhere(text, name.upper()) == _plain_cased_elsewhere(text, name.upper())


GUARDS = (
    title_cleanup._FTE_TAIL,
    GuardedPattern(title_cleanup._GENDER_MARK, title_cleanup._GENDER_SIGNS),
)


def test_each_guarded_tidy_pattern_needs_its_words() -> None:
    for guard in GUARDS:
        assert every_match_contains(guard), guard.pattern.pattern


def test_a_guard_letter_is_matched_only_by_what_lowers_to_it() -> None:
    # Under re.I a guard word's letter matches characters whose lower-case form is that letter,
    # or one that makes the text unguarded (lowered_for_guards gives None for it).
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    letters = {c for guard in GUARDS for word in guard.words for c in word if c.isalpha()}
    for letter in sorted(letters):
        for char in re.findall(re.escape(letter), everything, re.IGNORECASE):
            assert char.lower() == letter or lowered_for_guards(char) is None, (letter, char)
