"""Profile analytics: merged experience intervals, bounded scores, deterministic advice."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumecore.ids import ProfileId, UserId
from resumecore.model.analytics import ProfileAnalytics, analyze_profile, years_of_experience
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.testing import profiles

TODAY = date(2024, 6, 15)
AT = datetime(2024, 6, 15, tzinfo=UTC)


def make(content: dict[str, Any]) -> Profile:
    counter = itertools.count()
    body = {"personal_info": {"full_name": "Ada Lovelace"}, **content}
    return new_profile(
        ProfileId("p1"),
        UserId("u1"),
        body,
        is_primary=True,
        new_id=lambda: f"c{next(counter)}",
        at=AT,
    )


def job(
    start: str, end: str | None = None, *, current: bool = False, **extra: Any
) -> dict[str, Any]:
    return {
        "title": "Engineer",
        "company": "Acme",
        "start_date": start,
        "end_date": end,
        "is_current": current,
        **extra,
    }


def years(*jobs: dict[str, Any]) -> float:
    return years_of_experience(make({"experiences": list(jobs)}), TODAY)


# --- years of experience ----------------------------------------------------------------------


def test_overlapping_jobs_are_counted_once() -> None:
    # 2018-01..2021-06 inclusive is 42 months; summing the two jobs would give 5.6 years.
    assert years(job("2018-01", "2020-12"), job("2019-06", "2021-06")) == 3.5


def test_a_single_job_counts_through_the_end_month() -> None:
    assert years(job("2020-01", "2020-12")) == 1.0


def test_adjacent_jobs_add_up() -> None:
    assert years(job("2018-01", "2018-12"), job("2019-01", "2019-12")) == 2.0


def test_a_job_nested_in_another_adds_nothing() -> None:
    assert years(job("2015-01", "2019-12"), job("2016-03", "2017-08")) == 5.0


def test_a_gap_between_jobs_is_not_counted() -> None:
    assert years(job("2010-01", "2010-12"), job("2015-01", "2015-06")) == 1.5


def test_the_order_of_jobs_does_not_matter() -> None:
    jobs = [job("2019-06", "2021-06"), job("2010-01", "2010-12"), job("2018-01", "2020-12")]
    assert years(*jobs) == years(*reversed(jobs)) == 4.5


def test_a_current_job_counts_to_today() -> None:
    # 2023-01 through 2024-06 (the month of TODAY) is 18 months.
    assert years(job("2023-01", current=True)) == 1.5


def test_a_job_without_end_date_counts_to_today() -> None:
    assert years(job("2024-01")) == 0.5


def test_a_current_job_overlapping_a_finished_one_is_merged() -> None:
    assert years(job("2020-01", "2023-06"), job("2023-01", current=True)) == 4.5


def test_day_precision_dates_count_by_month() -> None:
    assert years(job("2020-01-31", "2020-12-01")) == 1.0


def test_a_job_starting_after_today_counts_nothing() -> None:
    assert years(job("2025-01", current=True)) == 0.0


def test_years_are_rounded_to_one_decimal() -> None:
    assert years(job("2020-01", "2020-01")) == 0.1  # 1/12 = 0.083...


def test_a_year_alone_counts_from_its_january_never_more() -> None:
    # 2015-01..2017-01 inclusive: 25 months, never the 36 of "all of 2015 to all of 2017".
    assert years(job("2015", "2017")) == 2.1
    assert years(job("2015", "2015-06")) == 0.5  # 2015-01..2015-06
    assert years(job("2023", current=True)) == 1.5  # 2023-01..2024-06


def test_a_year_alone_ending_a_role_begun_that_year_still_counts_its_first_month() -> None:
    # Accepted ("2019" and "2019-06" agree at the year both state); read as January, the end
    # came before the start and the role counted nothing.
    assert years(job("2019-06", "2019")) == 0.1
    assert years(job("2019-06-15", "2019")) == 0.1
    assert years(job("2020-01", "2021-03"), job("2021-06", "2021")) == 1.3  # 15 + 1 months


# --- empty and full profiles ------------------------------------------------------------------


def test_an_empty_profile_has_zero_statistics_and_many_recommendations() -> None:
    sut = analyze_profile(make({}), TODAY)

    assert msgspec.to_builtins(sut.statistics) == {
        "total_experiences": 0,
        "total_education": 0,
        "total_skills": 0,
        "total_projects": 0,
        "years_of_experience": 0.0,
    }
    scores = msgspec.to_builtins(sut.completeness)
    assert scores == {
        "overall": 4,  # only the name: 20 * 20 / 100
        "personal_info": 20,
        "professional_summary": 0,
        "experiences": 0,
        "education": 0,
        "skills": 0,
        "projects": 0,
    }
    assert "Add your work experience." in sut.recommendations
    assert "Add an e-mail address so recruiters can reach you." in sut.recommendations
    assert "Write a professional summary of two or three sentences." in sut.recommendations


FULL: dict[str, Any] = {
    "personal_info": {
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0958",
        "location": "London, UK",
        "github": "https://github.com/ada",
    },
    "professional_summary": "x" * 250,
    "skills": {
        "technical": [f"Skill {i}" for i in range(12)],
        "soft": ["Mentoring", "Writing", "Leadership"],
        "languages": [{"name": "English", "proficiency": "native"}],
        "certifications": [{"name": "CKA"}],
    },
    "experiences": [
        job("2015-01", "2019-12", description="Built things."),
        job("2020-01", current=True, achievements=["Shipped it"]),
    ],
    "education": [
        {"institution": "MIT", "degree": "BSc", "field_of_study": "Math", "end_date": "2014-06"}
    ],
    "projects": [{"name": "Engine", "description": "Analytical.", "technologies": ["Brass"]}],
}


def test_a_complete_profile_scores_100_everywhere_and_needs_no_advice() -> None:
    sut = analyze_profile(make(FULL), TODAY)

    assert set(msgspec.to_builtins(sut.completeness).values()) == {100}
    assert sut.recommendations == []
    assert sut.statistics.total_skills == 12 + 3 + 1 + 1
    assert sut.statistics.years_of_experience == 9.5  # 2015-01 .. 2024-06


def test_partial_sections_score_between_0_and_100() -> None:
    content = {
        **FULL,
        "professional_summary": "x" * 50,
        "experiences": [job("2015-01", "2019-12")],
        "projects": [{"name": "Engine"}],
    }
    sut = analyze_profile(make(content), TODAY).completeness

    assert sut.professional_summary == 25  # 50 of 200 characters
    assert sut.experiences == 40  # one entry, without description or achievements
    assert sut.projects == 50
    # 20*100 + 15*25 + 30*40 + 15*100 + 15*100 + 5*50 = 6825 -> 68
    assert sut.overall == 68


def test_recommendations_follow_the_gaps_in_a_fixed_order() -> None:
    content = {**FULL, "experiences": [job("2015-01", "2019-12")], "projects": []}
    sut = analyze_profile(make(content), TODAY)

    assert sut.recommendations == [
        "Add earlier positions to show your career path.",
        "Add a description or achievements to every experience.",
        "Add a project that shows your work.",
    ]


def test_education_without_field_or_dates_is_partial_and_advised() -> None:
    content = {**FULL, "education": [{"institution": "MIT", "degree": "BSc"}]}
    sut = analyze_profile(make(content), TODAY)

    assert sut.completeness.education == 60
    assert sut.recommendations == ["Add the field of study and dates to every education entry."]


def test_the_result_encodes_to_the_contract_shape() -> None:
    body = msgspec.json.decode(msgspec.json.encode(analyze_profile(make(FULL), TODAY)))

    assert set(body) == {"profile_id", "completeness", "statistics", "recommendations"}
    assert body["profile_id"] == make(FULL).id
    assert set(body["completeness"]) == {
        "overall",
        "personal_info",
        "professional_summary",
        "experiences",
        "education",
        "skills",
        "projects",
    }
    assert set(body["statistics"]) == {
        "total_experiences",
        "total_education",
        "total_skills",
        "total_projects",
        "years_of_experience",
    }


def test_analytics_values_are_immutable() -> None:
    sut = analyze_profile(make(FULL), TODAY)
    with pytest.raises(AttributeError):
        sut.completeness.overall = 1  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------

# The public strategies' dates lie in 1900-2100 (resumecore.testing.partial_dates).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
analysed_profiles = profiles(max_experiences=5, max_projects=3, max_items=2, enhanced=False)


@settings(max_examples=80, deadline=None)
@given(analysed_profiles, st.dates(date(2000, 1, 1), date(2035, 12, 31)))
def test_completeness_is_always_between_0_and_100(profile: Profile, today: date) -> None:
    sut = analyze_profile(profile, today)

    for name, value in msgspec.to_builtins(sut.completeness).items():
        assert isinstance(value, int), name
        assert 0 <= value <= 100, name
    assert 0 <= sut.statistics.years_of_experience <= (LATEST_YEAR - EARLIEST_YEAR + 1)


@settings(max_examples=40, deadline=None)
@given(analysed_profiles)
def test_analysis_is_deterministic(profile: Profile) -> None:
    first: ProfileAnalytics = analyze_profile(profile, TODAY)
    again = analyze_profile(msgspec.convert(msgspec.to_builtins(profile), Profile), TODAY)

    assert first == again


@settings(max_examples=60, deadline=None)
@given(profiles(min_experiences=1, max_experiences=5, max_items=0, enhanced=False))
def test_years_never_exceed_the_sum_of_jobs_nor_fall_below_the_longest(profile: Profile) -> None:
    jobs = profile.experiences
    one_by_one = [
        years_of_experience(msgspec.structs.replace(profile, experiences=(j,)), TODAY) for j in jobs
    ]

    total = years_of_experience(profile, TODAY)

    # Each figure is rounded to 0.1: the jobs' roundings and the total's own may each add 0.05
    # (156.8 against jobs of 32.3 and 124.4 is right); rounding keeps order, so no slack below.
    assert max(one_by_one) <= total <= sum(one_by_one) + 0.05 * (len(jobs) + 1) + 1e-9
