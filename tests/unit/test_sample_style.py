"""Measuring a writing sample's style (``extract_style``) and the upload rules for its file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.errors import ContentTooLarge, InvalidValue
from resumecore.samples.extract import TONE_WORDS, extract_style
from resumecore.samples.model import MAX_SAMPLE_BYTES
from resumecore.samples.upload_rules import (
    MAX_FILENAME,
    checked_filename,
    document_type,
    safe_filename,
    sample_text,
)

RESUME = """JONAS KELLER
Senior Platform Engineer

EXPERIENCE
Northwind Logistics, 2022-now
\u2022 Moved 60 services to Kubernetes with Helm charts
\u2022 Wrote the on-call runbooks
\u2022 Built a proven, reliable observability stack for twelve teams
- Cut costs
"""
LETTER = """Dear Hiring Team,

I am excited to apply for the platform role. In my current job I run a Kubernetes platform for
sixty services. I am passionate about reliable systems, and my team calls me driven!

Thank you for your time.
"""


def test_a_resume_has_bullets_no_prose_and_no_first_person() -> None:
    style = extract_style(RESUME)

    assert style.bullet_marker == "\u2022"
    assert (style.bullet_count, style.bullet_words) == (4, 5.8)  # 23 words in 4 bullets
    assert (style.sentence_count, style.sentence_words) == (0, 0.0)
    assert style.first_person is False
    assert style.tone_words == ("proven", "reliable")


def test_a_letter_is_prose_in_the_first_person_with_its_tone_words() -> None:
    style = extract_style(LETTER)

    assert (style.bullet_count, style.bullet_words, style.bullet_marker) == (0, None, None)
    assert style.sentence_count == 4
    assert style.sentence_words == 9.5  # 9, 12, 12 and 5 words
    assert style.first_person is True
    assert style.tone_words == ("driven", "excited", "passionate", "reliable")


def test_numbered_lists_count_as_bullets() -> None:
    style = extract_style("1. Led the team\n2) Shipped the app on time\n")

    assert (style.bullet_marker, style.bullet_count, style.bullet_words) == ("1.", 2, 4.0)


def test_one_stray_i_in_a_long_text_is_not_first_person() -> None:
    assert extract_style("Built systems. " * 150 + "I agree.").first_person is False
    assert extract_style("I built systems.").first_person is True


@given(st.text())
def test_extract_style_never_raises_and_its_numbers_are_in_range(text: str) -> None:
    style = extract_style(text)
    words = len(text.split())

    assert 0 <= style.sentence_words <= max(words, 0)
    assert style.sentence_count >= 0
    assert 0 <= style.bullet_count <= len(text.splitlines())
    assert (style.bullet_words is None) == (style.bullet_count == 0)
    assert style.bullet_words is None or 0 <= style.bullet_words <= words
    assert set(style.tone_words) <= set(TONE_WORDS)
    assert len(style.tone_words) <= 5
    assert extract_style(text) == style  # deterministic


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("resume.txt", "resume.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\grace\\cv.txt", "cv.txt"),
        ("\u202egpj.txt", "gpj.txt"),
        ("my\x00\x07  cv\u00a0v2.txt", "my cv v2.txt"),
        ("  .hidden.txt. ", "hidden.txt"),
        ("a" * 400 + ".txt", "a" * (MAX_FILENAME - 4) + ".txt"),
    ],
)
def test_filenames_are_made_safe(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


@pytest.mark.parametrize("raw", ["resume.pdf", "resume.TXT.exe", "", "/", "txt"])
def test_only_txt_files_are_accepted(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        checked_filename(raw)
    assert refused.value.code == "unsupported_file_type"


def test_the_text_rules() -> None:
    assert sample_text("\ufeffCaf\u00e9\r\nbar\r".encode()) == "Caf\u00e9\nbar\n"
    assert sample_text(b"a" * MAX_SAMPLE_BYTES) == "a" * MAX_SAMPLE_BYTES
    with pytest.raises(ContentTooLarge):
        sample_text(b"a" * (MAX_SAMPLE_BYTES + 1))
    for content, code in [(b"\xff", "not_utf8"), (b"a\x00", "not_text"), (b" \n", "empty_sample")]:
        with pytest.raises(InvalidValue) as refused:
            sample_text(content)
        assert refused.value.code == code
    assert document_type("cover_letter") == "cover_letter"
    with pytest.raises(InvalidValue):
        document_type("Resume")
