"""Work mode and employment type as other trades and countries write them."""

from __future__ import annotations

from resumecore.postings import terms


def test_on_site_most_days_with_a_day_at_home_is_hybrid() -> None:
    text = "Working on-site with us four days a week (Fridays from home)."
    assert terms.remote_mode(text, text) == "hybrid"


def test_a_site_based_or_field_based_role_is_on_site() -> None:
    assert terms.remote_mode("- Permanent; site-based, 6-day week", "") == "onsite"
    assert terms.remote_mode("This is a field-based role with a vehicle.", "") == "onsite"


def test_casual_work_is_temporary_but_business_casual_is_not() -> None:
    assert terms.employment_type("Job type: Casual\n", "Job type: Casual") == "temporary"
    assert terms.employment_type("Dress code: business casual.\n", "") is None


def test_a_main_contractor_is_the_employer_kind_not_the_contract() -> None:
    text = "Subject: Senior QS - Main contractor\n- Permanent, full-time; site-based\n"
    assert terms.employment_type(text, text) == "full_time"


def test_a_dutch_permanent_job() -> None:
    text = "Het gaat om een vaste baan bij de opdrachtgever zelf."
    assert terms.employment_type(text, "") == "full_time"
