"""Skill words about something other than the job are not the posting's skills."""

from __future__ import annotations

from resumecore.postings import parse_posting


def test_about_us_and_benefits_sections_name_no_skills() -> None:
    parsed = parse_posting(
        "Warehouse Associate\nCrestline Distribution\n\nAbout us\n"
        "We run third-party logistics and payroll services for retailers.\n\n"
        "Requirements\n- Forklift experience\n- RF scanners\n\nBenefits\n- Free CPR training\n"
    )
    assert "Forklift Operation" in parsed.skills
    assert not {"Logistics", "Payroll", "Basic Life Support"} & set(parsed.skills)


def test_company_self_description_and_eeo_name_no_skills() -> None:
    parsed = parse_posting(
        "QA Engineer\nSummit Ridge Software\n\n"
        "Summit Ridge Software builds point-of-sale software for ski shops.\n"
        "Requirements\n- Selenium and Python\n"
        "We are an equal opportunity employer and welcome nursing and payroll staff alike.\n"
    )
    assert {"Selenium", "Python"} <= set(parsed.skills)
    assert not {"Point of Sale", "Nursing", "Payroll"} & set(parsed.skills)


def test_people_named_by_their_job_are_not_skills_but_credentials_are() -> None:
    parsed = parse_posting(
        "Data Engineer\nAcme\n\nRequirements\n"
        "- Work with our data scientists and occupational therapists\n"
        "- Certified Public Accountant a plus\n- Google Tag Manager\n"
    )
    assert not {"Data Science", "Occupational Therapy"} & set(parsed.skills)
    assert {"CPA", "Google Tag Manager"} <= set(parsed.skills)


def test_a_bare_field_word_counts_only_when_asked_for_but_work_in_it_counts_anywhere() -> None:
    parsed = parse_posting(
        "Customer Service Representative\nSunbelt\n\nWhat you'll do\n"
        "- Answer billing questions\n- Take payments and process refunds\n"
    )
    assert "Invoicing" not in parsed.skills
    assert {"Payment Processing", "Refund Processing"} <= set(parsed.skills)


def test_bare_field_in_the_requirements_is_a_skill() -> None:
    parsed = parse_posting("Clerk\nAcme\n\nRequirements\n- Experience in logistics\n")
    assert "Logistics" in parsed.skills


def test_degree_subjects_teams_and_industry_lines_are_not_skills() -> None:
    parsed = parse_posting(
        "Staff Accountant\nAcme\n\nRequirements\n"
        "- Bachelor's degree in accounting, finance or a related field\n"
        "- Degree in CS and 3 years of experience with Python\n"
        "- Work closely with our customer service team\n\nIndustry: Software Development\n"
    )
    assert "Python" in parsed.skills
    assert not {"Accounting", "Customer Service", "Software Engineering"} & set(parsed.skills)


def test_other_openings_listed_under_the_posting_name_no_skills() -> None:
    parsed = parse_posting(
        "Machine Learning Engineer\nAcme\n\nRequirements\n- PyTorch\n\n"
        "Other openings\n- Customer Success Manager - Houston, TX\n"
    )
    assert "PyTorch" in parsed.skills
    assert "Customer Success" not in parsed.skills
