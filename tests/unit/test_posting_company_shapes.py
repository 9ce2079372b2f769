"""Where a posting names its employer: prose with legal forms, page leads, labels, board lines."""

from __future__ import annotations

from resumecore.postings import company_prose, page_lines, parse_posting


def test_a_bracketed_legal_form_is_part_of_the_name_in_prose() -> None:
    text = "VACANCY\n\nUmhlanga Foods (Pty) Ltd is a national distributor of frozen foods.\n"
    assert company_prose.name_in_prose(text) == "Umhlanga Foods (Pty) Ltd"


def test_a_name_ending_in_co_opens_the_first_paragraph() -> None:
    text = "Loaves & Co. builds the ordering app that 3,000 independent bakeries use every day.\n"
    assert company_prose.opening_name(text) == "Loaves & Co."


def test_current_openings_at_names_the_company() -> None:
    assert page_lines.page_title_company("Current openings at Back Bay Institute") == (
        True,
        "Back Bay Institute",
    )


def test_a_description_after_a_labelled_company_goes() -> None:
    parsed = parse_posting(
        "Client: Thamesgate Insurance Group (Lloyd's market specialty insurer)\n"
        "Role: Senior Salesforce Developer\n"
    )
    assert parsed.company == "Thamesgate Insurance Group"


def test_a_board_national_site_is_no_company() -> None:
    parsed = parse_posting(
        "Glassdoor Australia\nSign in | Jobs | Companies | Salaries\n\nEvents Coordinator\n"
        "Harbourlight Venues Group \u2013 Sydney NSW 2000\n"
    )
    assert parsed.company == "Harbourlight Venues Group"


def test_a_firm_named_associates_over_the_role_is_the_company() -> None:
    parsed = parse_posting(
        "Blue Ridge Orthopaedic Associates\nPhysician Assistant - Orthopaedic Surgery\n"
        "Asheville, NC\n"
    )
    assert parsed.title == "Physician Assistant - Orthopaedic Surgery"
    assert parsed.company == "Blue Ridge Orthopaedic Associates"


def test_a_copyright_notice_names_the_company_last() -> None:
    parsed = parse_posting(
        "Data Analyst\nLocation: Wien\n\nRequirements\n- SQL\n\n"
        "\u00a9 2026 Donau Data GmbH. All rights reserved.\n"
    )
    assert parsed.company == "Donau Data GmbH"


def test_a_page_footer_keeps_its_copyright_notice_only() -> None:
    page = (
        "<h1>Lecturer</h1><footer><p>Registered charity. &copy; 2026 Avon Vale College. "
        '<a href="/a">Accessibility</a></p></footer>'
    )
    assert parse_posting(page).company == "Avon Vale College"


def test_an_agency_signing_a_mail_is_no_place() -> None:
    parsed = parse_posting(
        "Hi Sam,\n\nI'm recruiting a Payroll Specialist for a client in Leeds.\n\n"
        "Kind regards,\nJo Smith\nTalentBridge Recruitment\n"
    )
    assert parsed.location == "Leeds"


def test_a_saints_hospice_keeps_its_possessive() -> None:
    parsed = parse_posting(
        "Subject: Senior Staff Nurse - Manchester\n\nHi Anna,\n\n"
        "My client, St Luke's Hospice, is looking for a Senior Staff Nurse.\n"
    )
    assert parsed.company == "St Luke's Hospice"


def test_join_company_in_a_page_title() -> None:
    assert page_lines.page_title_company("Join Fernhill Bakery - Head Baker") == (
        True,
        "Fernhill Bakery",
    )
    assert page_lines.page_title_role("Join Fernhill Bakery - Head Baker") == "Head Baker"
    assert page_lines.page_title_company("Join us - Head Baker")[1] is None


def test_a_notice_opening_with_the_role_wanted() -> None:
    parsed = parse_posting(
        "Head Baker wanted for busy artisan bakery in Bristol city centre. We bake daily.\n"
    )
    assert parsed.title == "Head Baker"
    assert parsed.location == "Bristol"


def test_a_team_after_the_title_is_no_company_because_the_body_says_it_in_lower_case() -> None:
    # "Experience with payments" once read as "with Payments": the company became "Payments".
    parsed = parse_posting(
        "Senior Backend Engineer (Go) \u2014 Payments\n"
        "Finbridge \u00b7 Berlin, Germany \u00b7 Hybrid\n\n"
        "We build the payment rails behind 3,000 European merchants.\n\n"
        "What we're looking for\n"
        "- 6+ years of backend development, 3+ with Go\n"
        "- Experience with payments or financial systems is a big plus\n"
    )
    assert (parsed.title, parsed.company) == (
        "Senior Backend Engineer (Go) \u2014 Payments",
        "Finbridge",
    )


def test_a_name_in_a_web_address_still_names_the_company() -> None:
    parsed = parse_posting(
        "SMB Account Executive \u2014 DentalFlow\nRemote (US), full-time\n"
        "- 2+ yrs closing SaaS\nDM me or apply at dentalflow.com/careers\n"
    )
    assert parsed.company == "DentalFlow"


def test_a_short_first_person_sentence_under_the_title_is_no_company() -> None:
    parsed = parse_posting("Backend Engineer - Acme Robotics\nBerlin, Germany\nWe build robots.")
    assert parsed.company != "We build robots."
    assert parsed.location == "Berlin, Germany"


def test_a_name_opening_with_our_is_still_a_company() -> None:
    parsed = parse_posting("Registered Nurse\nOur Lady of Lourdes Hospital\nDrogheda, Ireland\n")
    assert parsed.company == "Our Lady of Lourdes Hospital"
