"""A year alone closing a role begun that year: the role ran, and it is the newer one."""

from __future__ import annotations

from datetime import UTC, datetime

from resumecore import build_profile, parse_posting
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.model.dates import end_month_index, lapse_month_indexes
from resumecore.model.document import CoverLetterOptions, ResumeOptions
from resumecore.tailoring import select_for_resume

AT = datetime(2026, 12, 3, tzinfo=UTC)
PROFILE = build_profile(
    {
        "personal_info": {"full_name": "Cy Okafor"},
        "skills": {"technical": ["Python", "PostgreSQL"]},
        "experiences": [
            {
                "title": "Engineer",
                "company": "EarlierCo",
                "start_date": "2020-01",
                "end_date": "2021-03",
                "achievements": ["Built Python APIs on PostgreSQL"],
            },
            {
                "title": "Lead Engineer",
                "company": "LaterCo",
                "start_date": "2021-06",
                "end_date": "2021",
                "achievements": ["Led a team of four building Python services"],
            },
        ],
    },
    at=AT,
)
JOB = parse_posting(
    "Python Engineer\nBar Inc.\n\nRequirements:\n- 3+ years of Python\n- PostgreSQL\n", at=AT
)


def test_an_end_is_never_before_the_start_it_closes() -> None:
    assert end_month_index("2019-06", "2019") == 2019 * 12 + 5
    assert end_month_index("2019-06-15", "2019") == 2019 * 12 + 5
    assert end_month_index("2019", "2019") == 2019 * 12
    assert end_month_index("2019-06", "2020") == 2020 * 12
    assert end_month_index(None, "2019") == 2019 * 12
    assert end_month_index("2019-06", None) is None


def test_an_expiry_spans_the_months_its_date_may_name() -> None:
    assert lapse_month_indexes("2026") == (2026 * 12, 2026 * 12 + 11)
    assert lapse_month_indexes("2026-12") == (2026 * 12 + 11,) * 2
    assert lapse_month_indexes("2026-12-31") == (2026 * 12 + 11,) * 2
    assert lapse_month_indexes("soon") is None


async def test_the_role_begun_later_comes_first_and_is_the_most_recent() -> None:
    plan = select_for_resume(PROFILE, JOB)
    resume = await OfflineWriter().write_resume(PROFILE, JOB, plan, ResumeOptions())
    text = resume.text
    assert text.index("LaterCo") < text.index("EarlierCo")
    letter = await OfflineWriter().write_cover_letter(
        PROFILE, JOB, plan, CoverLetterOptions(max_paragraphs=6)
    )
    assert "most recently at LaterCo" in letter.text, letter.text
    assert "most recently at EarlierCo" not in letter.text
