"""How the offline cover letter reads: examples that show what the sentence before them names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resumecore import build_profile, generate_cover_letter, generate_resume, parse_posting
from resumecore.generation.bullet_forms import as_one_clause

AT = datetime(2026, 1, 15, tzinfo=UTC)


def one_job_letter(
    person: str,
    job: tuple[str, str, str],
    bullets: list[str],
    posting: str,
    *,
    skills: list[str] | None = None,
) -> str:
    """The offline letter for ``posting`` of a person with one current job and these bullets.

    ``job`` is (title, company, start date); ``skills`` the technical skills, if any.
    """
    title, company, start = job
    person_data: dict[str, object] = {
        "personal_info": {"full_name": person},
        "experiences": [
            {
                "title": title,
                "company": company,
                "start_date": start,
                "is_current": True,
                "achievements": bullets,
            }
        ],
    }
    if skills is not None:
        person_data["skills"] = {"technical": skills}
    profile = build_profile(person_data, at=AT)
    return generate_cover_letter(profile, parse_posting(posting, at=AT)).text


def test_the_first_example_is_the_bullet_that_shows_the_named_skill() -> None:
    text = one_job_letter(
        "Aoife Byrne",
        ("Teacher of Mathematics", "St Mary's College", "2015-09"),
        [
            "Mentored 4 student teachers",
            "Led pastoral care for a year group of 120 students",
        ],
        "Mathematics Teacher at Oakfield School\n\nRequirements:\n"
        "- Qualified teacher of mathematics\n- Pastoral care experience\n",
    )
    assert "asks for: pastoral care. For example, I led pastoral care for a year group" in text
    assert "I also mentored 4 student teachers." in text


def test_a_bullet_of_clauses_run_together_with_semicolons_is_told_as_one_list() -> None:
    text = one_job_letter(
        "Rosa Diaz",
        ("Warehouse Associate", "Northgate Logistics", "2020-02"),
        ["Picked and packed orders; ran cycle counts in Manhattan SCALE; trained 5 new hires"],
        "Warehouse Lead at Fastway Freight\n\nRequirements:\n- Cycle counts\n- Manhattan SCALE\n",
    )
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


def new_graduate(graduated: str) -> dict[str, object]:
    return {
        "personal_info": {"full_name": "Sam Lee"},
        "skills": {"technical": ["Python", "pandas", "SQL"]},
        "experiences": [
            {
                "title": "Barista",
                "company": "Bean There",
                "start_date": "2024-06",
                "is_current": True,
                "achievements": ["Served 200 customers a day"],
            }
        ],
        "projects": [
            {
                "name": "Transit delay dashboard",
                "description": "Built a dashboard of bus delays with Python, pandas and SQL",
                "technologies": ["Python", "pandas", "SQL"],
            }
        ],
        "education": [
            {
                "degree": "BSc",
                "field_of_study": "Computer Science",
                "institution": "University of Leeds",
                "start_date": f"{int(graduated[:4]) - 4}-09",
                "end_date": graduated,
            }
        ],
    }


ANALYST = "Junior Data Analyst at Metro Analytics\n\nRequirements:\n- Python and pandas\n- SQL\n"


def test_a_new_graduates_letter_tells_the_relevant_project_not_the_cafe_job() -> None:
    profile = build_profile(new_graduate("2025-06"), at=AT)
    text = generate_cover_letter(profile, parse_posting(ANALYST, at=AT)).text
    assert (
        "In my project Transit delay dashboard, I built a dashboard of bus delays with Python, "
        "pandas and SQL." in text
    )
    assert text.index("In my project Transit delay dashboard") < text.index("I served 200")


def test_a_new_graduates_summary_leads_with_the_degree() -> None:
    profile = build_profile(new_graduate("2025-06"), at=AT)
    summary = generate_resume(profile, parse_posting(ANALYST, at=AT)).sections[1]
    assert summary.entries[0].heading.text == (
        "Graduate of University of Leeds with a BSc in Computer Science, "
        "working as a Barista at Bean There."
    )


def test_a_degree_of_ten_years_ago_does_not_lead_the_summary() -> None:
    profile = build_profile(new_graduate("2015-06"), at=AT)
    summary = generate_resume(profile, parse_posting(ANALYST, at=AT)).sections[1]
    assert summary.entries[0].heading.text.startswith("Barista with 1 year of experience")


def test_a_product_name_opening_a_bullet_keeps_the_capital_the_person_gives_it() -> None:
    text = one_job_letter(
        "Priya Shah",
        ("Accountant", "Baker & Co", "2017-06"),
        [
            "Xero month-end close for 12 clients",
            "Prepared VAT returns for 40 small businesses, reconciled in Xero",
            "Pastoral care of 3 trainees",
        ],
        "Senior Accountant at Brightwell\n\nRequirements:\n- Month-end close\n- Xero\n"
        "- VAT returns\n- Pastoral care\n",
    )
    # "Xero" is written with its capital mid-sentence; "Pastoral care" only opens a bullet.
    assert "asks for: month-end close, pastoral care, VAT returns and Xero." in text


def test_a_qualification_is_told_by_its_bullet_not_called_a_skill() -> None:
    text = one_job_letter(
        "Priya Shah",
        ("Accountant", "Baker & Co", "2017-06"),
        [
            "Ran month-end close for 12 clients in Xero",
            "Qualified as ACA in 2019",
        ],
        "Senior Accountant at Brightwell\n\nRequirements:\n- ACA or ACCA qualified\n"
        "- Month-end close\n- Xero\n",
        skills=["ACA", "Xero"],
    )
    assert "asks for: month-end close and Xero." in text
    assert "I also qualified as ACA in 2019." in text
    assert "include ACA" not in text  # shown by the example, not listed again as a skill


def test_a_hyphenated_word_describing_the_next_is_not_named_as_a_skill() -> None:
    text = one_job_letter(
        "Tom Hale",
        ("Staff Nurse", "St James Hospital", "2018-01"),
        [
            "Covered on-call shifts for a 30-bed surgical ward",
            "Administered IV therapy and documented care in Epic",
        ],
        "Registered Nurse at Mercy Health\n\nRequirements:\n- IV therapy\n- Epic charting\n"
        "- Willing to work on-call\n",
    )
    assert "asks for: Epic and IV therapy." in text
    assert "I also covered on-call shifts for a 30-bed surgical ward." in text


def test_a_plain_word_is_named_as_the_skill_it_begins() -> None:
    text = one_job_letter(
        "Rosa Diaz",
        ("Warehouse Associate", "Northgate Logistics", "2020-02"),
        ["Operated a forklift for pallet moves with zero incidents over 3 years"],
        "Warehouse Lead at Fastway Freight\n\nRequirements:\n- Forklift operation\n",
    )
    assert "asks for: forklift operation." in text
    assert "I operated a forklift for pallet moves" in text


def test_a_degree_ending_after_the_profiles_date_is_not_called_finished() -> None:
    profile = build_profile(new_graduate("2026-06"), at=AT)
    summary = generate_resume(profile, parse_posting(ANALYST, at=AT)).sections[1]
    assert not summary.entries[0].heading.text.startswith("Graduate")


def test_a_new_graduates_letter_opens_with_the_degree_and_tells_it_once() -> None:
    profile = build_profile(new_graduate("2025-06"), at=AT)
    text = generate_cover_letter(profile, parse_posting(ANALYST, at=AT)).text
    assert (
        "I graduated from University of Leeds with a BSc in Computer Science, and I currently "
        "work as a Barista at Bean There." in text
    )
    assert "Barista with 1 year" not in text
    assert "I hold a BSc" not in text


def test_practices_filed_under_a_technology_are_not_called_things_worked_with() -> None:
    text = one_job_letter(
        "Ivo Petrov",
        ("Site Reliability Engineer", "Acme", "2019-01"),
        [
            "Took part in the on-call rotation for 3 payment services",
            "Wrote runbooks for incident response",
        ],
        "SRE at Globex\n\nRequirements:\n- On-call rotation\n- Incident response\n",
    )
    assert "asks for: on-call rotation and incident response." in text
    assert "I work with on-call" not in text


def test_a_qualification_told_as_a_paragraphs_first_line_is_not_listed_again() -> None:
    text = one_job_letter(
        "Priya Shah",
        ("Accountant", "Baker & Co", "2017-06"),
        ["Qualified as ACA in 2019"],
        "Senior Accountant at Brightwell\n\nRequirements:\n- ACA or ACCA qualified\n",
        skills=["ACA"],
    )
    assert "In my current role, I qualified as ACA in 2019." in text
    assert "include ACA" not in text


@pytest.mark.parametrize(
    ("bullet", "named"),
    [
        ("Counted inventory weekly across 3 sites", "asks for: inventory."),
        ("Managed inventory for 3 sites", "asks for: inventory management."),
    ],
)
def test_a_plain_word_is_widened_only_when_its_bullet_says_the_added_words(
    bullet: str, named: str
) -> None:
    assert named in one_job_letter(
        "Rosa Diaz",
        ("Warehouse Associate", "Northgate Logistics", "2020-02"),
        [bullet],
        "Warehouse Lead at Fastway Freight\n\nRequirements:\n- Inventory management\n",
    )
