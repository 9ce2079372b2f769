"""Properties of the posting parser on arbitrary and posting-like text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.postings import (
    ParsedPosting,
    default_vocabulary,
    normalize_posting_text,
    parse_posting,
)
from resumecore.testing import posting_fragments

posting_like = posting_fragments()
any_text = st.one_of(st.text(max_size=400), posting_like)
FIELDS = list(ParsedPosting.__struct_fields__)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_parse_never_raises(raw: str) -> None:
    assert isinstance(parse_posting(raw), ParsedPosting)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posting_like, st.integers(min_value=1, max_value=200))
def test_long_text_parses(raw: str, repeat: int) -> None:
    long_text = (raw * repeat)[:15_000] if raw else "x" * 15_000
    assert isinstance(parse_posting(long_text), ParsedPosting)


@SETTINGS
@given(any_text)
def test_normalisation_is_idempotent(raw: str) -> None:
    once = normalize_posting_text(raw)
    assert normalize_posting_text(once) == once


@SETTINGS
@given(any_text)
def test_parsing_the_normalised_text_gives_the_same_fields(raw: str) -> None:
    first = parse_posting(raw)
    again = parse_posting(normalize_posting_text(raw))
    for name in FIELDS:
        assert getattr(again, name) == getattr(first, name), name


@SETTINGS
@given(any_text)
def test_nothing_is_invented(raw: str) -> None:
    parsed = parse_posting(raw)
    text = parsed.description
    for value in (parsed.title, parsed.company, parsed.location):
        assert value is None or (value and value in text)
    for items in (
        parsed.requirements,
        parsed.nice_to_have,
        parsed.responsibilities,
        parsed.benefits,
    ):
        for item in items:
            assert item
            assert item in text
    if parsed.salary is not None:
        assert parsed.salary.text in text
    vocabulary = default_vocabulary()
    matches = vocabulary.find(text)
    for match in matches:
        assert text[match.start : match.end] == match.alias
        assert vocabulary.canonical(match.alias) == match.canonical
    # Skills are the vocabulary's hits, in text order, less those about something else
    # (the title line, the company's self-description, benefits, EEO text).
    found = list(dict.fromkeys(m.canonical for m in matches))
    assert set(parsed.skills) <= set(found)
    for name in parsed.skills:
        assert vocabulary.canonical(name) == name
    assert set(parsed.required_skills) <= set(parsed.skills)
    assert set(parsed.preferred_skills) <= set(parsed.skills)
    assert not set(parsed.required_skills) & set(parsed.preferred_skills)
