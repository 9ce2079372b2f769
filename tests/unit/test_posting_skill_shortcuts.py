"""The skill phase's shortcuts answer exactly what the plain path answers.

Each shortcut (an exact-name lookup, a cached answer about an alias, a check for a required
word before a regex search) must give the same result as the work it skips, over every posting
text in tests/data and over crafted edge cases.
"""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import lowered_text, open_terms, skill_asides, skill_context, skill_scope
from resumecore.postings.literal_guard import GuardedPattern, lowered_for_guards
from resumecore.postings.lowered_text import LoweredText, may_end_with
from resumecore.postings.normalize import normalize_posting_text
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.span_cover import SpanCover
from resumecore.postings.vocabulary import (
    FOLD_CHECKED,
    SkillEntry,
    SkillVocabulary,
    alias_key,
    default_vocabulary,
    folded,
)
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains


def test_category_by_exact_name_equals_the_key_lookup() -> None:
    vocabulary = default_vocabulary()
    by_key = vocabulary._by_name
    for entry in vocabulary.entries:
        for name in (
            entry.name,
            entry.name.upper(),
            entry.name.replace(" ", "-"),
            f" {entry.name}",
        ):
            found = by_key.get(alias_key(name))
            assert vocabulary.category(name) == (found.category if found else None)
    assert vocabulary.category("no such skill at all") is None


# Each odd fold next to the words the shortcuts look for, and each word in upper and mixed case.
CRAFTED = (
    "Bachelor's degree \u0130n accounting. BACHELOR'S DEGREE IN Nursing, payroll or Python",
    "Master's degree \u0131n accounting; a \u017fcreening call; a Python \u0130nterview; no SQL",
    "Bachelor\u2019s DEGREE in Finance or Logistics. Ph.D in Data Science",
    "You will not be cold calling. NEVER  do Excel; NO\nneed Python. \u212aubernetes interview",
    "Resume/CV * (Attach, Dropbox, Google Drive, or ENTER MANUALLY)\nPython",
    "We are an Equal Opportunity Employer. We welcome applications. E-Verify employer.",
    "Committed to diversity; Disabilities Act; without regard to Python; regardless of SQL.",
    "Liaise closely WITH OUR\nNursing; coordinate with\u0131 Payroll; partner to the Logistics",
    "Python Hospitals; Nursing-Teams; logistics Companies; a Python INTERVIEW; SQL screen call",
    "Pinecrest IS\u00a0 recruiting; we\u2019re hiring; WE'RE\nhiring; \u0130s nursing",
    "Curr\u0131ently hiring; NOW\t\tstaffing; we  are\n\nnursing",
    "Full-\nEntry level; X-\n\nData Entry; Full- time; self-Data Entry",
)
POSTINGS = [*posting_texts(), *CRAFTED]


def _every_case_and_fold(words: tuple[str, ...]) -> str:
    return " ".join(f"{w} {w.upper()} {w.title()}" for w in words)


def _unguarded(char: str) -> bool:
    return lowered_for_guards(char) is None


def test_the_folded_text_matches_as_the_case_insensitive_pattern_would() -> None:
    key_chars = {char for key in default_vocabulary()._aliases for char in key}
    assert key_chars <= FOLD_CHECKED
    assert default_vocabulary()._folds
    every_character = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    word = re.compile(r"\w")
    by_fold: dict[str, set[str]] = {}
    for char in every_character:
        fold = folded(char)
        assert len(fold) == 1, char  # one for one: the positions hold
        assert bool(word.match(char)) == bool(word.match(fold)), char  # the look-arounds agree
        by_fold.setdefault(fold, set()).add(char)
    for char in ".+#@:/- \n":
        assert by_fold[char] == {char}
    text = "".join(every_character)
    for key_char in FOLD_CHECKED:
        insensitive = {m.group(0) for m in re.finditer(re.escape(key_char), text, re.IGNORECASE)}
        assert insensitive == by_fold.get(key_char, set()), key_char


def _insensitive_spans(vocabulary: SkillVocabulary, text: str) -> list[tuple[int, int, str]]:
    # The pattern's own alternation, case-insensitive, over the text as written.
    pattern = re.compile(vocabulary._pattern.pattern, re.IGNORECASE)
    return [(m.start(), m.end(1), m.group(2) or "") for m in pattern.finditer(text)]


def test_find_on_the_folded_text_equals_the_case_insensitive_search() -> None:
    entries = tuple(
        entry
        for entry in default_vocabulary().entries
        if entry.name in {"Kubernetes", "Python", "SQL", "Kafka", "Spring Boot", "Swift", "Istio"}
    )
    vocabulary = SkillVocabulary(entries)
    for text in (
        *POSTINGS[:40],
        "PYTHON, \u212aafka, \u212aUBERNETE\u017f; \u0131st\u0131o, \u0130STIO, Pyth\u00f6n",
        "\u017fQL and \u017fpring boot, SWIFTs, Kuberneteses; \u03a3QL \u039f\u03a3 Kafka\u03a3",
    ):
        expected = _insensitive_spans(vocabulary, text)
        folded_text = folded(text)
        found = [
            (m.start(), m.end(1), m.group(2) or "")
            for m in vocabulary._pattern.finditer(folded_text)
        ]
        assert found == expected, text[:60]


def test_a_vocabulary_with_an_unchecked_character_matches_ignoring_case() -> None:
    greek = SkillEntry(name="\u03a3\u03bf\u03c6\u03af\u03b1", category="tools")  # Sofia
    vocabulary = SkillVocabulary((greek,))
    assert not vocabulary._folds
    assert vocabulary._pattern.flags & re.IGNORECASE
    sofia = "\u03c3\u03bf\u03c6\u03af\u03b1"
    text = f"{sofia}, {sofia.capitalize()} and {sofia.upper()}"
    found = [(m.start, m.end) for m in vocabulary.find(text)]
    assert found == [(start, end) for start, end, _ in _insensitive_spans(vocabulary, text)]
    assert len(found) == 3


def test_a_lowered_copy_keeps_positions_and_finds_what_the_regex_finds() -> None:
    # re.IGNORECASE equates a character with an ASCII letter only if it lower-cases to it (or the
    # text gets no copy); the punctuation in the words looked for matches only itself.
    every_character = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_lowercase + " /,-.'\u2019":
        for found in re.finditer(re.escape(letter), every_character, re.IGNORECASE):
            char = found.group(0)
            assert char.lower() == letter or _unguarded(char), (letter, char)
    # \s is what str.isspace (and so str.rstrip) accepts.
    spaces = {found.group(0) for found in re.finditer(r"\s", every_character)}
    assert spaces == {char for char in every_character if char.isspace()}
    # And the converse, for a plain find of a lower-cased ASCII name: a character that lower-cases
    # to an ASCII character is matched with it by re.IGNORECASE (the Kelvin sign with 'k').
    for char in every_character:
        lowered = char.lower()
        if lowered.isascii() and not _unguarded(char):
            assert re.fullmatch(re.escape(lowered), char, re.IGNORECASE), char
    # Positions: only an unguarded character lower-cases to more than one.
    assert all(_unguarded(c) for c in every_character if len(c.lower()) != 1)


def test_the_words_looked_for_are_in_every_match_of_their_pattern() -> None:
    for pattern, words in (
        (skill_scope._FORM_LINE, skill_scope._FORM_WORDS),
        (skill_scope._META_LINE, skill_scope._META_WORDS),
        (skill_scope._SUBJECT, skill_scope._SUBJECT_WORDS),
        (skill_scope._EEO, skill_scope._EEO_WORDS),
        (skill_scope._DEGREE_BEFORE, skill_scope._DEGREE_WORDS),
        (skill_scope._DEGREE_BEFORE, skill_scope._IN),
        (skill_asides._NEGATED, skill_asides._NEGATION_WORDS),
    ):
        assert every_match_contains(GuardedPattern(pattern, words)), pattern.pattern


def test_may_end_with_sees_the_last_word_in_any_case() -> None:
    assert may_end_with("experience in \t", skill_context._EVIDENCE_ENDS)
    assert may_end_with("Knowledge OF", skill_context._EVIDENCE_ENDS)
    assert may_end_with("knowledge \u0131n", ("in",))  # an odd fold: the regex decides
    assert not may_end_with("in Python", skill_context._EVIDENCE_ENDS)
    assert not may_end_with("", ("in",))
    longest = max(map(len, skill_context._EVIDENCE_ENDS + skill_scope._NEGATION_ENDS))
    assert longest <= lowered_text._LONGEST_WORD


def test_lowered_text_never_rules_out_a_word_that_is_there() -> None:
    for text in ("Python \u0130nterview", "\u017fcreen", "\u212ait", "a DEGREE in x", "plain"):
        lowered = LoweredText(text)
        for word in ("interview", "screen", "kit", "degree", " in ", "plain"):
            if re.search(re.escape(word), text, re.IGNORECASE):
                assert lowered.contains_any((word,))
                assert lowered.contains_any((word,), 0, len(text))
    assert not LoweredText("Python and SQL").contains_any(("degree",))
    lowered = LoweredText("A DEGREE in Python")
    assert lowered.contains_any(("degree", "python"), 0, 8)
    assert not lowered.contains_any(("degree", "python"), 3, 17)
    assert lowered.contains_any(("degree", "python"), 3, 18)
    assert LoweredText("Python \u0130").contains_any(("degree",))


@given(
    st.text(alphabet="aAbB in\n\u0131", max_size=40),
    st.lists(st.sampled_from(["a", "ab", "aba", " in ", "b", "bb", "x"]), min_size=1, max_size=3),
    st.integers(0, 45),
    st.one_of(st.none(), st.integers(0, 45)),
)
def test_a_stretch_holds_a_word_exactly_when_a_find_in_it_succeeds(
    text: str, words: list[str], start: int, end: int | None
) -> None:
    lowered = LoweredText(text)
    asked = tuple(words)
    expected = any(
        text.lower().find(word, start, len(text) if end is None else end) >= 0 for word in asked
    )
    # Asked twice: the second answer comes from the places the first one found.
    for _ in range(2):
        assert lowered.contains_any(asked, start, end) == (expected or "\u0131" in text)


GUARDED = ("form", "degree", "negation", "eeo", "negated", "evidence", "team", "verb", "hyphen")


def test_each_skipped_search_is_one_that_finds_nothing() -> None:
    found: Counter[str] = Counter()
    for text in [
        *POSTINGS,
        _every_case_and_fold(skill_scope._DEGREE_WORDS + skill_scope._EEO_WORDS),
    ]:
        lowered = LoweredText(text)
        if skill_scope._FORM_LINE.search(text):
            assert lowered.contains_any(skill_scope._FORM_WORDS)
            found["form"] += 1
        for position in range(len(text) + 1):
            _check_after(text, lowered, position, found)
            if not (position and text[position - 1].isalnum()):
                _check_before(text, lowered, position, found)
        _check_sentences(text, lowered, found)
    # Every guarded pattern matched somewhere: the checks were put to the test.
    assert min(found[key] for key in GUARDED) > 0, found


def _check_after(text: str, lowered: LoweredText, position: int, found: Counter[str]) -> None:
    if skill_asides._NEGATED.match(text, position):
        assert lowered.contains_any(skill_asides._NEGATION_WORDS, position)
        found["negated"] += 1


def _check_before(text: str, lowered: LoweredText, position: int, found: Counter[str]) -> None:
    start = max(0, position - 80)
    if skill_scope._DEGREE_BEFORE.search(text, start, position):
        assert lowered.contains_any((" in ",), start, position)
        assert lowered.contains_any(skill_scope._DEGREE_WORDS, start, position)
        found["degree"] += 1
    line = text[text.rfind("\n", 0, position) + 1 : position]
    if skill_context._EVIDENCE_BEFORE.search(line):
        assert may_end_with(line, skill_context._EVIDENCE_ENDS)
        found["evidence"] += 1
    if skill_asides._TEAM_BEFORE.search(text, max(0, position - 40), position):
        assert may_end_with(text[max(0, position - 40) : position], skill_asides._TEAM_BEFORE_ENDS)
        found["team"] += 1
    before = text[max(0, position - 60) : position]
    if skill_scope._NOT_BEFORE.search(before):
        assert skill_scope._may_end_with_negation(before)
        found["negation"] += 1
    if skill_scope._VERB_BEFORE.search(before):
        assert skill_scope._may_end_with_verb(before)
        found["verb"] += 1
    hyphen = skill_scope._HYPHENATED_BEFORE.search(before)
    tail = skill_scope._HYPHENATED_BEFORE.search(before, max(0, len(before) - 3))
    assert bool(hyphen) == bool(tail)
    found["hyphen"] += bool(hyphen)


def _check_sentences(text: str, lowered: LoweredText, found: Counter[str]) -> None:
    for sentence in skill_scope._SENTENCE.finditer(text):
        if skill_scope._EEO.search(sentence.group(0).strip(" -*•")):
            assert lowered.contains_any(skill_scope._EEO_WORDS, sentence.start(), sentence.end())
            found["eeo"] += 1


def test_occurrences_are_the_case_insensitive_regex_hits() -> None:
    names = ("Senior Platform Engineer", "Acme", "aaa", "R&D Ltd.", "C++ (Qt)", "Nurse", "kit")
    texts = [
        *POSTINGS,
        "AAAAaaaa aaa",
        "NURSE nurse Nurses",
        "\u212ait kit KIT",
        "R&D LTD. r&d ltd.",
    ]
    for text in texts:
        lowered = LoweredText(text)
        for name in (*names, *text.split()[:3]):
            pattern = re.compile(re.escape(name), re.IGNORECASE)
            expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
            found = lowered.occurrences(name)
            if found is None:
                assert lowered_for_guards(text) is None or not name.isascii()
            else:
                assert found == expected, (name, text[:40])


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12),
    st.integers(0, 70),
    st.integers(0, 30),
)
def test_span_cover_equals_checking_every_span(
    raw: list[tuple[int, int]], start: int, length: int
) -> None:
    spans = [(s, s + n) for s, n in raw]
    expected = any(s <= start and start + length <= e for s, e in spans)
    assert SpanCover(spans).covers(start, start + length) == expected


class _NoCopy(LoweredText):
    # The plain path: a text with no lowered copy runs every search.
    def __init__(self, text: str) -> None:
        super().__init__(text + "\u0131")


def test_posting_skills_with_shortcuts_equal_the_plain_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vocabulary = default_vocabulary()
    bodies = [normalize_posting_text(text) for text in POSTINGS]

    def run() -> list[list[SkillMatch]]:
        found = [vocabulary.find(body) for body in bodies]
        return found + [
            skill_scope.posting_skills(
                body, matches, [], "Python Developer", "Acme", (), vocabulary.is_tech, (),
                vocabulary.category, vocabulary.names,
            )
            for body, matches in zip(bodies, found, strict=True)
        ]  # fmt: skip

    fast = run()
    monkeypatch.setattr(skill_scope, "LoweredText", _NoCopy)
    monkeypatch.setattr(skill_asides, "LoweredText", _NoCopy)
    monkeypatch.setattr(skill_scope, "_may_end_with_negation", lambda _before: True)
    monkeypatch.setattr(skill_scope, "_may_end_with_verb", lambda _before: True)
    monkeypatch.setattr(skill_context, "may_end_with", lambda _text, _words: True)
    monkeypatch.setattr(skill_asides, "may_end_with", lambda _text, _words: True)
    skill_scope._names_a_person.cache_clear()
    skill_asides._names_kit.cache_clear()
    skill_asides._compound_before.cache_clear()
    assert run() == fast
    assert any(fast)


def test_every_open_term_holds_the_sign_its_lines_are_screened_for() -> None:
    terms = 0
    for text in [*POSTINGS, "ISO 9001, ShipHero, 3D, CDL-A, PPK2, C++, iOS, \u0661\u0662X"]:
        for found in open_terms._TERM.finditer(text):
            term = found.group(0)
            assert open_terms._may_hold_term(term, 0, len(term)), term
            assert open_terms._may_hold_term(text, found.start(), found.end()), term
            terms += 1
    assert terms > 100


@given(st.text(alphabet="aBz9 -/.:+@_ISO\u0661\u00c9\u00e9", max_size=30), st.integers(0, 30))
def test_a_line_without_the_sign_holds_no_open_term(text: str, start: int) -> None:
    if not open_terms._may_hold_term(text, start, len(text)):
        assert not open_terms._TERM.search(text, start, len(text))


def test_open_terms_with_the_screen_equal_the_plain_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        (text, [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]) for text in POSTINGS
    ]
    fast = [open_terms.unrecognised(text, spans, []) for text, spans in lines]
    monkeypatch.setattr(open_terms, "_may_hold_term", lambda _text, _start, _end: True)
    assert [open_terms.unrecognised(text, spans, []) for text, spans in lines] == fast
    assert sum(map(len, fast)) > 100


def _prose_about_company_plain(text: str, company: str | None) -> list[tuple[int, int]]:
    # The sentence loop without the look at each sentence's first letter.
    first_word = company.split()[0] if company else None
    spans = []
    for sentence in skill_scope._SENTENCE.finditer(text):
        chunk = sentence.group(0).strip(" -*•")
        if skill_scope._EEO.search(chunk) or skill_scope._SELF_DESCRIPTION.match(chunk):
            spans.append(sentence.span())
        elif first_word and len(first_word) > 2 and chunk.startswith(first_word):
            rest = chunk[len(company or "") :] if chunk.startswith(company or "") else ""
            if skill_scope._COMPANY_VERBS.match(rest):
                spans.append(sentence.span())
    return spans


def test_a_sentence_about_the_company_opens_with_one_of_its_letters() -> None:
    every_character = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    opens = {m.group(0) for m in re.finditer("[wfo]", every_character, re.IGNORECASE)}
    assert opens == set(skill_scope._SELF_DESCRIPTION_OPENS)
    texts = [
        *POSTINGS,
        "- We are a bank. \u2022 Founded in 1990! OUR MISSION is x.",
        "Acme Ltd is big.\nAcme, Inc. makes\n* we\u2019re the best; we build roads.",
        "Acme (Reno) is hiring. Ac is. Acmes are. Our clients",
    ]
    found = 0
    for text in texts:
        for company in ("Acme", "Acme Ltd", "Ac", None, "Pinecrest County", "\u212aelvin Co"):
            expected = _prose_about_company_plain(text, company)
            assert skill_scope._prose_about_company(text, company, LoweredText(text)) == expected
            found += len(expected)
    assert found > 50
