"""Careers pages and headlines in more languages and shapes: banners, table rows, tails."""

from __future__ import annotations

from resumecore.postings import parse_posting
from resumecore.postings.normalize import normalize_posting_text
from resumecore.postings.title_cleanup import clean_title


def test_a_table_row_of_two_cells_reads_as_a_label() -> None:
    text = "<table><tr class='r'><td>Employer</td><td>North Trust</td></tr></table>"
    assert normalize_posting_text(text) == "Employer: North Trust"


def test_cookie_banners_and_button_links_are_page_chrome() -> None:
    page = (
        '<div id="cookiebar"><p>This site uses cookies.</p><a href="/p">Mehr erfahren</a></div>'
        '<h1>Data Engineer</h1><p><a class="cta" href="#apply">Solliciteer direct</a></p>'
    )
    assert normalize_posting_text(page) == "Data Engineer"


def test_skip_links_and_learn_more_are_no_title() -> None:
    parsed = parse_posting("Skip to main content\nLearn more\nBarista\nBean Co\nLeeds, UK\n")
    assert parsed.title == "Barista"


def test_the_document_title_keeps_the_specialisation_of_the_heading() -> None:
    parsed = parse_posting(
        "Band 6 Midwife - Integrated Community & Hospital | Jobs | North Trust\n\n"
        "- Band 6 Midwife\n\nBand 6 Midwife - Integrated Community & Hospital\n\n"
        "Location: London\n"
    )
    assert parsed.title == "Band 6 Midwife - Integrated Community & Hospital"


def test_a_spanish_shift_is_no_part_of_the_title() -> None:
    parsed = parse_posting("Técnico de Mantenimiento \u2013 2do turno\nGrupo Norte\n")
    assert parsed.title == "Técnico de Mantenimiento"


def test_region_workload_and_terms_tails_go() -> None:
    assert clean_title("Solutions Engineer (German-speaking) \u2013 DACH") == (
        "Solutions Engineer (German-speaking)"
    )
    assert clean_title("Scaffolders \u2014 NORTH WEST / YORKSHIRE") == "Scaffolders"
    assert clean_title("Customer Success Manager (EMEA)") == "Customer Success Manager"
    assert (
        clean_title("Sachbearbeiter/in Steuern 80-100% (Treuhand)") == "Sachbearbeiter/in Steuern"
    )
    assert clean_title("Farm Assistant, seasonal 1 July - 30 November") == "Farm Assistant"
    assert clean_title("Teacher - Eastbrook Primary") == "Teacher - Eastbrook Primary"


def test_a_dutch_mail_reads_its_subject_not_its_greeting() -> None:
    parsed = parse_posting(
        "Van: Sanne de Groot\nAan: Tomasz Nowak\n"
        "Onderwerp: Vacature Teamleider Warehouse (avonddienst) \u2013 Rotterdam Waalhaven\n\n"
        "Hoi Tomasz,\n\nIk heb een vacature voor je.\n"
    )
    assert parsed.title == "Teamleider Warehouse"
    assert parsed.location == "Rotterdam"


def test_a_county_board_title_in_capitals_under_the_county_line() -> None:
    parsed = parse_posting(
        "CARVER COUNTY, MINNESOTA\nJob Opportunities | Human Resources\n\n"
        "LIBRARIAN II - YOUTH SERVICES\nLocation: Chaska Library, 4 City Hall Plaza, Chaska, MN\n"
    )
    assert parsed.title == "LIBRARIAN II - YOUTH SERVICES"
    assert parsed.location == "Chaska, MN"


def test_job_offer_headings_in_other_languages_are_no_title() -> None:
    for heading in ("Stillingsannonse", "Oferta pracy", "Lediga jobb", "Stellenangebot"):
        parsed = parse_posting(f"{heading}\n\nMaskinist\nNordsjø Rederi AS\nArbeidssted: Bergen\n")
        assert parsed.title == "Maskinist"
        assert parsed.location == "Bergen"


def test_a_job_offer_label_before_the_title() -> None:
    parsed = parse_posting("Offre d'emploi : Vétérinaire canin (H/F)\nClinique des Alpes\nAnnecy\n")
    assert parsed.title == "Vétérinaire canin"


def test_a_postcode_before_a_labelled_town_is_no_street() -> None:
    parsed = parse_posting("Industriemechaniker (m/w/d)\nEinsatzort: 70565 Stuttgart-Vaihingen\n")
    assert parsed.location == "Stuttgart"


def test_a_slash_breadcrumb_and_a_department_lead_are_no_fields() -> None:
    parsed = parse_posting(
        "Home / Jobs / Engineering / Platform Engineer\n\nPlatform Engineer\n"
        "Engineering · Berlin · Full-time\n\nLumora is a forecasting company.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Platform Engineer",
        "Lumora",
        "Berlin",
    )


def test_a_terse_headline_in_capitals_names_the_town() -> None:
    parsed = parse_posting(
        "PLATFORM ENGINEER \u2013 BERLIN \u2013 \u20ac70-85K \u2013 PERM\nLumora GmbH\n- Python\n"
    )
    assert (parsed.company, parsed.location) == ("Lumora GmbH", "BERLIN")


def test_an_hn_line_with_a_work_mode_after_the_town() -> None:
    parsed = parse_posting(
        "Lumora | Platform Engineer | Berlin (onsite) | Full-time | \u20ac70-85k\n\nWe build.\n"
    )
    assert parsed.location == "Berlin"
