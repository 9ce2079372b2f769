"""How the offline cover letter reads: examples that show what the sentence before them names."""

from __future__ import annotations

from datetime import UTC, datetime

from resumecore import build_profile, generate_cover_letter, parse_posting

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
