"""How the cover letter names things in its sentences: the person's title, their credentials."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resumecore import build_profile, generate_cover_letter, generate_resume, parse_posting
from resumecore.generation.phrasing import closed, title_in_prose

AT = datetime(2026, 12, 3, tzinfo=UTC)
TEACHER = build_profile(
    {
        "personal_info": {"full_name": "Siobhán O'Connor-Łukasik"},
        "skills": {
            "technical": ["Leaving Certificate Mathematics"],
            "certifications": [
                {"name": "Teaching Council Registration (Post-Primary)", "date_obtained": "2014-09"}
            ],
        },
        "experiences": [
            {
                "title": "Teacher of Mathematics and Physics; Year Head (2021-2024)",
                "company": "Coláiste Chríost Rí",
                "start_date": "2017-08",
                "is_current": True,
                "achievements": ["Mentored 4 student teachers from University College Cork"],
            },
            {
                "title": "Teacher of Mathematics",
                "company": "St. Mary's Secondary School",
                "start_date": "2013-09",
                "end_date": "2017-06",
                "achievements": ["Taught Ordinary Level Leaving Certificate Mathematics"],
            },
        ],
    },
    at=AT,
)
POSTING = """Teacher of Mathematics
Gaelcholáiste Mhuire AG, Cork

Essential:
- Registered with the Teaching Council for Mathematics
- Experience teaching Leaving Certificate Mathematics
"""


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (
            "Teacher of Mathematics and Physics; Year Head (2021-2024)",
            "Teacher of Mathematics and Physics",
        ),
        ("Staff Nurse (2019 - 2022)", "Staff Nurse"),
        ("Software Engineer (Contract)", "Software Engineer (Contract)"),
        ("Staff Nurse (Band 6)", "Staff Nurse (Band 6)"),
        ("Year Head (since 2021)", "Year Head"),
        ("Lead Forklift Operator", "Lead Forklift Operator"),
        ("(2021)", "(2021)"),
    ],
)
def test_title_in_prose_keeps_the_first_part_without_a_dated_aside(title: str, said: str) -> None:
    assert title_in_prose(title) == said


def test_the_opening_names_the_role_without_the_heading_extras() -> None:
    job = parse_posting(POSTING, at=AT)
    text = generate_cover_letter(TEACHER, job, max_paragraphs=5).text
    assert (
        "I am a Teacher of Mathematics and Physics with 13 years of experience, "
        "currently at Coláiste Chríost Rí." in text
    )
    assert "Year Head (2021-2024) with" not in text


def test_a_registration_is_not_called_a_certification() -> None:
    job = parse_posting(POSTING, at=AT)
    text = generate_cover_letter(TEACHER, job, max_paragraphs=5).text
    assert "I hold the Teaching Council Registration (Post-Primary)." in text


def test_a_title_with_a_comma_is_closed_before_the_words_after_it() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "Lucía Ferreira Gómez"},
            "experiences": [
                {
                    "title": "Product Manager, Checkout",
                    "company": "Parcelo",
                    "start_date": "2016-05",
                    "is_current": True,
                    "achievements": ["Led the redesign of the checkout used by 2 million shoppers"],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting("Product Manager\nAcme\n\nRequirements:\n- Checkout experience\n", at=AT)
    letter = generate_cover_letter(profile, job).text
    assert "I am a Product Manager, Checkout, with 10 years of experience" in letter
    resume = generate_resume(profile, job).text
    assert "Product Manager, Checkout, with 10 years of experience, currently at Parcelo." in resume
    assert closed("Staff Nurse") == "Staff Nurse"
