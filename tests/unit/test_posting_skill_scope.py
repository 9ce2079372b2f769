"""Skill words about something other than the job are not the posting's skills."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import parse_posting, skill_asides, skill_scope
from tests.support.stopwatch import stopwatch


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
    parsed = parse_posting("Clerk\nAcme\n\nRequirements\n- Experience in procurement\n")
    assert "Procurement" in parsed.skills


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


def test_negated_and_respelled_mentions_are_not_asks() -> None:
    parsed = parse_posting(
        "Paralegal\nAcme\n\nRequirements\n- Knowledge of CPR (Civil Procedure Rules)\n"
        "- German not required, English is our working language\n"
        "- First aid and CPR certification\n"
    )
    assert "Civil Procedure Rules" in parsed.skills
    assert "German" not in parsed.skills
    clinic = parse_posting("Nurse\nAcme\n\nRequirements\n- Current CPR certification\n")
    assert "Basic Life Support" in clinic.skills


def test_a_language_counts_only_when_the_applicant_needs_it() -> None:
    parsed = parse_posting(
        "Clerk\nAcme\n\nRequirements\n- GCSE English and Maths at grade 4\n"
        "- Bilingual in English and Spanish\n"
        "- Build relationships with families, many of whom speak Arabic at home\n"
    )
    assert "Spanish" in parsed.skills
    assert not {"English", "Arabic"} & set(parsed.skills)
    fluent = parse_posting("Clerk\nAcme\n\nRequirements\n- Fluent English and German\n")
    assert {"English", "German"} <= set(fluent.skills)


def test_a_field_named_as_past_experience_is_not_a_skill_but_a_tool_is() -> None:
    parsed = parse_posting(
        "Analyst\nAcme\n\nRequirements\n- 2+ years of accounting experience\n"
        "- 1+ year in IT security, network administration or a help desk role\n"
        "- 3+ years of Python experience\n\nPay: $30 per hour (more with a CPA)\n"
    )
    assert "Python" in parsed.skills
    assert not {"Accounting", "Cybersecurity", "Network Administration", "IT Support", "CPA"} & set(
        parsed.skills
    )


def test_a_part_of_the_product_is_not_work_the_hire_does() -> None:
    parsed = parse_posting(
        "Product Designer\nAcme\n\nWhat you'll do\n- Lead design for the onboarding flow\n"
        "\nHR Coordinator\n\nRequirements\n- Employee onboarding and offboarding\n"
    )
    assert parsed.skills.count("Onboarding") == 1
    designer = parse_posting(
        "Product Designer\nAcme\n\nWhat you'll do\n- Lead design for the onboarding flow\n"
    )
    assert "Onboarding" not in designer.skills


def test_job_titles_kit_and_post_meta_lines_name_no_skills() -> None:
    parsed = parse_posting(
        "Front Desk Agent\nHarbor Inn\n\nDepartment: Housekeeping\n\nAbout the role\n"
        "We're looking for a DevOps Engineer to join us.\n\nRequirements\n"
        "- Own basic hand tools\n- Spanish-speaking agents welcome\n- Terraform and Ansible\n"
    )
    assert {"Terraform", "Ansible", "Spanish"} <= set(parsed.skills)
    assert not {"DevOps", "Housekeeping", "Power Tools"} & set(parsed.skills)


def test_a_field_word_after_a_standard_only_qualifies_it() -> None:
    parsed = parse_posting(
        "Security Engineer\nAcme\n\nRequirements\n- Experience with PCI DSS compliance\n"
        "- ARRT registration in Radiography (R)\n"
    )
    assert "PCI DSS" in parsed.skills
    assert not {"Compliance", "R"} & set(parsed.skills)
    audit = parse_posting("Analyst\nAcme\n\nRequirements\n- Compliance and audit experience\n")
    assert "Compliance" in audit.skills


def test_field_names_and_field_verbs_are_not_skills() -> None:
    parsed = parse_posting(
        "Nurse\nAcme\n\nRequirements\n- Two years of nursing experience and wound care\n"
        "- Experience teaching AP Calculus\n- Background in logistics tech\n"
        "\nSimilar jobs\nMechatroniker (m/w/d) Montage\n"
    )
    assert {"Wound Care", "Calculus"} <= set(parsed.skills)
    assert not {"Nursing", "Teaching", "Logistics"} & set(parsed.skills)


def test_a_team_named_as_the_subject_of_its_sentence_is_not_a_skill() -> None:
    parsed = parse_posting(
        "Marketing Manager\nAcme\n\nAbout the team\nGrowth Marketing owns acquisition.\n"
        "\nRequirements\n- Email marketing in Braze\n"
    )
    assert {"Email Marketing", "Braze"} <= set(parsed.skills)
    assert "Growth Marketing" not in parsed.skills


def test_a_file_format_in_brackets_is_not_a_skill() -> None:
    parsed = parse_posting(
        "Teacher\nAcme\n\nRequirements\n- Phonics teaching\n\nApply\nApplication form (Word)\n"
    )
    assert "Microsoft Word" not in parsed.skills
    office = parse_posting("Clerk\nAcme\n\nRequirements\n- Word, Excel and Outlook\n")
    assert "Microsoft Word" in office.skills


def test_an_acronym_spelled_out_as_the_same_skill_stays() -> None:
    parsed = parse_posting(
        "Pharmacy Technician\nAcme\n\nPreferred\n"
        "- Compounded Sterile Preparation Technician (CSPT) certification\n"
        "- Participates in professional learning communities (PLCs)\n"
    )
    assert "CSPT Certification" in parsed.skills
    assert "PLC Programming" not in parsed.skills


def test_a_team_worked_with_is_not_a_skill() -> None:
    parsed = parse_posting(
        "Front Desk Agent\nHarbor Inn\n\nWhat you'll do\n"
        "- Coordinate with housekeeping and maintenance\n- Check guests in and out in Opera Cloud\n"
    )
    assert "Opera Cloud" in parsed.skills
    assert "Housekeeping" not in parsed.skills


def test_mentoring_engineers_is_work_not_a_job_title() -> None:
    parsed = parse_posting("Engineer\nAcme\n\nRequirements\n- Experience mentoring engineers\n")
    assert "Mentoring" in parsed.skills


def test_an_acronym_spelled_out_in_the_skills_own_words_and_a_licence_as_a_nurse_stay() -> None:
    parsed = parse_posting(
        "Teacher\nCounty\n\nDuties\n"
        "- Administers the Maryland Comprehensive Assessment Program (MCAP)\n"
        "- Current license as a Registered Nurse\n"
    )
    assert {"Standardized Testing", "Registered Nurse License"} <= set(parsed.skills)


def test_words_in_passing_name_no_skills() -> None:
    parsed = parse_posting(
        "School Counselor\nLakeview Schools\nOn-site Full-time Entry level\n"
        "Toronto, ON · Montréal, QC\n\nRequirements\n- Excel\n- QC of reports\n\n"
        "Interview\n- A system design interview\n"
    )
    assert "Microsoft Excel" in parsed.skills
    assert not {"Legal Billing", "Systems Design"} & set(parsed.skills)
    assert parse_posting("Requirements\n- Time entry\n- QC of reports\n").skills == (
        "Legal Billing",
        "Quality Inspection",
    )
    assert "Quality Inspection" not in parse_posting("Role\nMontréal, QC\n- Excel\n").skills


def test_a_security_practice_in_the_company_description_is_not_its_stack() -> None:
    parsed = parse_posting(
        "Product Manager\nStackgrove\n\n"
        "Stackgrove is the workflow automation platform for IT teams: they automate incident "
        "response and run on Kubernetes.\n\nRequirements\n- SQL\n"
    )
    assert "Incident Response" not in parsed.skills
    assert "Kubernetes" in parsed.skills


def test_accommodation_notes_forms_currencies_and_school_subjects_name_no_skills() -> None:
    parsed = parse_posting(
        "Bank Teller\nLakeshore Credit Union\nJob Functions: Hospitality & Tourism\n"
        "A contractor with an AED 4bn order book.\n\nRequirements\n- Cash handling\n"
        "- Matric with Accounting as a subject\n\n"
        "If you require an accommodation during the recruitment process, let us know.\n"
        "Resume/CV * (Attach, Dropbox, Google Drive, or enter manually)\n"
    )
    assert "Cash Handling" in parsed.skills
    assert not {"Tourism", "AED", "Accounting", "Recruiting", "Google Workspace"} & set(
        parsed.skills
    )
    assert "AED" in parse_posting("Requirements\n- CPR and AED certification\n").skills


def test_work_the_job_does_not_involve_and_what_the_company_builds_are_no_skills() -> None:
    parsed = parse_posting(
        "Buyer Specialist\nNorthgate Realty\n\n"
        "We build the software that lets Dutch and German grid operators trade power.\n\n"
        "Responsibilities\n- Leads are provided, you will not be cold calling\n- Follow Up Boss\n"
    )
    assert not {"Lead Qualification", "Dutch", "German"} & set(parsed.skills)
    assert parse_posting("Responsibilities\n- Cold calling\n").skills == ("Lead Qualification",)


def test_the_rest_of_the_title_heading_is_the_title() -> None:
    parsed = parse_posting(
        "Registered Respiratory Therapist (RRT) - Nights\nAcme Health\n\n"
        "Requirements\n- Bioburden testing\n"
    )
    assert parsed.skills == ("Bioburden Testing",)


_STACK_WORDS = ("stack", "platform", "written in", "built with", "runs on", "we use", "Go")


@given(
    st.lists(
        st.sampled_from(_STACK_WORDS) | st.sampled_from([" ", ".", "\n", "x", "Python", "-"]),
        max_size=30,
    )
)
def test_the_stack_is_found_before_a_position_as_a_search_of_its_sentence_finds_it(
    parts: list[str],
) -> None:
    text = "".join(parts)
    phrases = skill_scope._StackPhrases(text)
    for position in range(len(text) + 1):
        start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
        searched = bool(skill_scope._STACK.search(text, start, position))
        assert phrases.named_before(position) == searched, (text, position)


@pytest.mark.alone
def test_one_long_line_of_many_skills_parses_in_linear_time() -> None:
    # Each skill's sentence was searched afresh for stack words: 50,000 characters on one line
    # ("Python | Java | ...") took over 6 s, all of it on the server's event loop.
    text = ("Python | Java | " * 3200)[:49_900]
    with stopwatch() as took:
        parse_posting(text)
    assert took.seconds < 3.0


@pytest.mark.alone
def test_meta_and_pay_lines_are_found_in_linear_time() -> None:
    # Their lead-in of spaces and bullets ran across line breaks, so each line start of a paste
    # of empty bullets ("<li>" lines: "- " after normalising) read on to the text's end.
    bullets = "- \n" * 16_000
    for lines in (skill_scope._META_LINES, skill_asides._PAY_LINES):
        with stopwatch() as took:
            assert lines.spans(bullets) == []
        assert took.seconds < 0.5
    text = "- \n\n  * Industry: Software Development\n-  Salary: $50,000\n"
    meta = [text[start:end] for start, end in skill_scope._META_LINES.spans(text)]
    pay = [text[start:end] for start, end in skill_asides._PAY_LINES.spans(text)]
    assert meta == ["  * Industry: Software Development"]
    assert pay == ["-  Salary: $50,000"]


def test_a_uk_nursing_posting_names_no_us_product_insurance_title_or_software() -> None:
    # Seen in a recruiter's review: "CIC" (a community interest company) read as an insurance
    # designation, "prescribing" as the Surescripts network, "rotas" as rostering software.
    parsed = parse_posting(
        "Clinical Team Lead\nBristol Community Health CIC\nBristol, BS2\n\nResponsibilities\n"
        "- Leading the clinic nursing team, including rotas, appraisals and supervision\n\n"
        "Requirements\n- NMC registered nurse\n- Non-medical prescribing (V300) or willingness "
        "to undertake\n- Spirometry\n"
    )
    assert "Spirometry" in parsed.skills
    invented = {"Insurance Designations", "Surescripts", "Workforce Rostering Software"}
    assert not invented & set(parsed.skills)
