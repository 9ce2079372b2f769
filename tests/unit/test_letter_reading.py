"""How the offline cover letter reads: examples that show what the sentence before them names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resumecore import build_profile, generate_cover_letter, parse_posting
from resumecore.generation.bullet_forms import as_one_clause

AT = datetime(2026, 1, 15, tzinfo=UTC)


def test_the_first_example_is_the_bullet_that_shows_the_named_skill() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "Aoife Byrne"},
            "experiences": [
                {
                    "title": "Teacher of Mathematics",
                    "company": "St Mary's College",
                    "start_date": "2015-09",
                    "is_current": True,
                    "achievements": [
                        "Mentored 4 student teachers",
                        "Led pastoral care for a year group of 120 students",
                    ],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting(
        "Mathematics Teacher at Oakfield School\n\nRequirements:\n"
        "- Qualified teacher of mathematics\n- Pastoral care experience\n",
        at=AT,
    )
    text = generate_cover_letter(profile, job).text
    assert "asks for: pastoral care. For example, I led pastoral care for a year group" in text
    assert "I also mentored 4 student teachers." in text


def test_a_bullet_of_clauses_run_together_with_semicolons_is_told_as_one_list() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "Rosa Diaz"},
            "experiences": [
                {
                    "title": "Warehouse Associate",
                    "company": "Northgate Logistics",
                    "start_date": "2020-02",
                    "is_current": True,
                    "achievements": [
                        "Picked and packed orders; ran cycle counts in Manhattan SCALE; "
                        "trained 5 new hires"
                    ],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting(
        "Warehouse Lead at Fastway Freight\n\nRequirements:\n- Cycle counts\n- Manhattan SCALE\n",
        at=AT,
    )
    text = generate_cover_letter(profile, job).text
    assert (
        "I picked and packed orders, ran cycle counts in Manhattan SCALE and trained 5 new hires."
        in text
    )
    assert ";" not in text


@pytest.mark.parametrize(
    ("bullet", "told"),
    [
        ("Assess patients; administer medicines", "Assess patients and administer medicines"),
        (
            "Led audits; mentored 2 juniors; cut close to 5 days.",
            "Led audits, mentored 2 juniors and cut close to 5 days",
        ),
        # Parts of different forms, or with commas inside, stay as written.
        (
            "Promoted to shift lead; trained 5 new hires",
            "Promoted to shift lead; trained 5 new hires",
        ),
        ("Ran payroll; Xero, Sage and QuickBooks", "Ran payroll; Xero, Sage and QuickBooks"),
        ("Sage; Xero", "Sage; Xero"),
    ],
)
def test_semicolon_parts_are_joined_only_when_they_read_as_one_list(bullet: str, told: str) -> None:
    assert as_one_clause(bullet) == told
