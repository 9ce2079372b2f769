"""Field shapes of postings met in the wild: PDF forms, Canadian addresses, FTE asides."""

from __future__ import annotations

import time

import pytest

from resumecore.postings import email_shape, normalize_posting_text, parse_posting
from resumecore.postings.addresses import town_of
from resumecore.postings.city_tidy import tidy_location
from resumecore.postings.salary import find_salary
from resumecore.postings.title_cleanup import clean_title


def test_dot_leaders_of_a_pdf_form_read_as_labels() -> None:
    parsed = parse_posting(
        "POSITION OUTLINE\n\nPosition ........... Mechanical Fitter\n"
        "Site ............... Newcastle NSW 2304\nEngagement ......... Permanent full time\n"
    )
    assert parsed.title == "Mechanical Fitter"
    assert parsed.location == "Newcastle"
    assert normalize_posting_text("Reward ..... $52 per hour") == "Reward: $52 per hour"


def test_an_ellipsis_in_prose_is_no_label() -> None:
    assert normalize_posting_text("We grow... fast") == "We grow... fast"


def test_a_canadian_postal_code_is_not_the_city() -> None:
    assert tidy_location("1820 Quinpool Road, Halifax NS B3H 1V7") == "Halifax"


def test_a_titles_fte_and_its_dashed_initials_go() -> None:
    assert clean_title("Occupational Therapist (School-Based), 0.8 FTE") == (
        "Occupational Therapist (School-Based)"
    )
    assert clean_title("Certified Nursing Assistant - CNA") == "Certified Nursing Assistant"
    assert clean_title("Software Engineer - API") == "Software Engineer - API"


def test_a_german_workday_copy_reads_past_its_furniture() -> None:
    parsed = parse_posting(
        "Zum Hauptinhalt springen\nBergmann Kältetechnik Karriere\nNach Jobs suchen\nAnmelden\n\n"
        "Disponent (m/w/d) Kundendienst\nBewerben\nStandorte\nKassel\nArbeitszeit\nTeilzeit\n"
        "veröffentlicht\nVor 3 Tagen veröffentlicht\n\nIhre Aufgaben\n- Tourenplanung\n\n"
        "Wir bieten\nHybrides Arbeiten, 30 Tage Urlaub.\n"
    )
    assert (parsed.title, parsed.company) == ("Disponent Kundendienst", "Bergmann Kältetechnik")
    assert (parsed.location, parsed.remote, parsed.employment_type) == (
        "Kassel",
        "hybrid",
        "part_time",
    )


def test_pay_in_thousands_with_a_period_needs_no_sign() -> None:
    salary = find_salary("Laredo TX (office)\nFull time\n45-55k/yr DOE\n")
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (45000, 55000, "USD", "year")
    assert find_salary("Team of 12, 3-5k users") is None


def test_rand_and_an_hour_of_teaching() -> None:
    rand = find_salary("Remuneration: R28 000 \u2013 R34 000 per month CTC")
    assert rand is not None
    assert (rand.min, rand.max, rand.currency, rand.period) == (28000, 34000, "ZAR", "month")
    hourly = find_salary("Pay: 17 € gross per teaching hour")
    assert hourly is not None
    assert (hourly.max, hourly.period) == (17, "hour")


def test_the_client_named_late_in_a_recruiters_mail() -> None:
    assert email_shape.client_company(
        "Details below.\nThe facility is Harmon Ridge Medical Center on the north side."
    ) == ("Harmon Ridge Medical Center")


def test_tips_averaging_a_rate_are_not_the_pay() -> None:
    salary = find_salary("Pay: $16.25/hr + tips (averaging $4-6/hr)")
    assert salary is not None
    assert (salary.min, salary.max) == (16.25, 16.25)


def test_a_contract_manufacturer_is_no_contract_job() -> None:
    parsed = parse_posting(
        "Acme | Network Engineer | Reno, NV\n\nVPN to our contract manufacturer.\nFull-time.\n"
    )
    assert parsed.employment_type == "full_time"


def test_a_careers_pages_footer_address_names_the_city() -> None:
    parsed = parse_posting(
        "<html><head><title>Joiner - Join Tui Homes</title></head><body><header><div>TUI HOMES"
        '</div><ul class="menu"><li>Projects</li><li>About</li></ul></header>'
        "<h1>Joiner</h1><p>Company: Tui Homes Ltd</p><p>We fit out kitchens.</p>"
        "<footer><p>Tui Homes Ltd · Unit 2, 9 Mill Road, Hornby, Christchurch 8042 · 03 555 0100"
        "</p><p>© 2026 · Privacy</p></footer></body></html>"
    )
    assert (parsed.title, parsed.location) == ("Joiner", "Christchurch")


def test_the_town_of_a_postal_address() -> None:
    assert town_of("Avon Vale College, Ashley Down Road, Bristol BS7 9BU") == "Bristol"
    assert town_of("Acme Inc, 5 Rue de la Paix, 75002 Paris, France") == "Paris"
    assert town_of("1200 Congress Ave, Suite 400, Austin, TX 78701") == "Austin"
    assert town_of("Acme, 12 High Street") is None


def test_the_organisation_whose_bulletin_a_posting_was_copied_from() -> None:
    parsed = parse_posting(
        "HARBOUR HEALTH TRUST — STAFF BULLETIN, ISSUE 3\n\nWard Clerk\n"
        "St Kilda Hospital, 12 Bay Road, Dunedin 9012\nPermanent full-time\n"
    )
    assert parsed.company == "HARBOUR HEALTH TRUST"
    copied = parse_posting(
        "[Copié depuis la newsletter RH de Groupe Martel — rubrique On recrute]\n\n"
        "Comptable (H/F)\nContrat : CDI\n"
    )
    assert copied.company == "Groupe Martel"


def test_a_where_label_written_as_prose_names_its_last_town() -> None:
    parsed = parse_posting(
        "WE'RE LOOKING FOR: Spanish Tutor (mornings)\n"
        "Where you'll teach: our school on Carrer Gran 4, Gràcia, Barcelona\n"
    )
    assert (parsed.title, parsed.location) == ("Spanish Tutor", "Barcelona")


def test_both_full_and_part_time_offered_say_neither() -> None:
    parsed = parse_posting("Caregiver\nAcme Care\n$18 an hour - Full-time, Part-time\n")
    assert parsed.employment_type is None


def test_an_employment_type_label_outweighs_a_contract_word_above_it() -> None:
    parsed = parse_posting(
        "Position: Science Teacher\nSalary: $46,210 (187-day contract)\n"
        "Employment Type: Full-time, 1.0 FTE\n"
    )
    assert parsed.employment_type == "full_time"


def test_a_company_line_with_a_legal_form_and_a_role_word() -> None:
    parsed = parse_posting(
        "OFFICE MANAGER\nKaroo Tax Consultants (Pty) Ltd\nTerms: Permanent\n\nWe are small.\n"
    )
    assert parsed.company == "Karoo Tax Consultants (Pty) Ltd"


def test_based_at_premises_then_the_town() -> None:
    parsed = parse_posting(
        "Subject: Ground crew\n\nHi Sam,\n\nOur client is hiring ground crew based at "
        "Seletar Airport, Singapore.\n\nRegards,\nAnn\n"
    )
    assert parsed.location == "Singapore"


def test_a_signature_address_block_names_the_employer_and_its_town() -> None:
    parsed = parse_posting(
        "We are hiring a Bookkeeper!\n\nOur firm needs a part-time Bookkeeper for AP and AR.\n\n"
        "Send resumes to jobs@example.com\n\nPine Hollow Accounting\n"
        "1200 Congress Ave, Suite 400\nAustin, TX 78701\n"
    )
    assert (parsed.title, parsed.company) == ("Bookkeeper", "Pine Hollow Accounting")
    assert (parsed.location or "").startswith("Austin")


def test_a_company_and_its_legal_form_after_a_comma() -> None:
    parsed = parse_posting(
        "Electrician (Journeyman)\nSparks & Sons Electric, LLC\nTulsa, Oklahoma\n\nWe wire shops.\n"
    )
    assert parsed.company == "Sparks & Sons Electric, LLC"


def test_a_metro_region_gives_way_to_the_street_address_in_the_text() -> None:
    located = parse_posting(
        "School Nurse\nHillside Academy · Greater Chicago Area\n\nAbout the job\n"
        "Hillside Academy is located at 12 Lake Street in Evanston, IL.\n"
    )
    assert located.location == "Evanston"
    regional = parse_posting("Account Executive\nAcme Software\nGreater Boston Area · Hybrid\n")
    assert (regional.location or "").startswith("Boston")


def test_a_role_in_capitals_in_a_recruiters_mail_is_the_title() -> None:
    parsed = parse_posting(
        "From: Jo Hale <jo@agency.example>\nSubject: Mobile crane op - Leeds - £250 a day\n\n"
        "Hi Sam,\n\nGot a contract for you:\n\nMOBILE CRANE OPERATOR\nSite: Leeds LS1\n\n"
        "Cheers,\nJo\n"
    )
    assert parsed.title == "MOBILE CRANE OPERATOR"


def test_a_definition_list_of_facts_reads_as_labels() -> None:
    text = normalize_posting_text("<dl><dt>Location</dt><dd>Asheville, NC</dd></dl>")
    assert text == "Location: Asheville, NC"


def test_an_employer_building_something_and_their_named_office() -> None:
    parsed = parse_posting(
        "Backend Engineer\nEngineering / Full-time\n\n"
        "Tallgrass Health is building software for home care agencies.\n"
    )
    assert parsed.company == "Tallgrass Health"
    mail = parse_posting(
        "Subject: Paralegal\n\nHi Amy, my client Hartwell & Price LLP are looking for a "
        "Paralegal to join their Manchester office.\n"
    )
    assert mail.location == "Manchester"


def test_training_or_parking_on_site_is_no_work_mode() -> None:
    parsed = parse_posting("Forklift Driver\n- Valid forklift cert (we certify onsite too)\n")
    assert parsed.remote is None
    assert parse_posting("Welder\nThis is an on-site role.\n").remote == "onsite"


def test_an_hn_header_line_leads_with_the_company() -> None:
    parsed = parse_posting(
        "Harbor Analytics | Senior Data Engineer | SF or Remote (US) | $150k-$190k + equity\n\n"
        "We're a 20-person team building forecasting.\n"
    )
    assert (parsed.title, parsed.company, parsed.remote) == (
        "Senior Data Engineer",
        "Harbor Analytics",
        "remote",
    )


def test_a_french_brand_label_names_the_company() -> None:
    parsed = parse_posting(
        "Responsable de magasin H/F\nEnseigne : Maison Lavande\nLieu : Bordeaux\n"
    )
    assert (parsed.title, parsed.company) == ("Responsable de magasin", "Maison Lavande")


def test_based_out_of_a_town() -> None:
    parsed = parse_posting(
        "OTR DRIVER NEEDED\n- Company: Ironhorse Transport\n- Based out of Joplin, MO\n"
    )
    assert parsed.location == "Joplin, MO"


def test_a_client_set_off_after_its_kind_and_a_practice_in_a_town() -> None:
    mail = parse_posting(
        "Subject: Site Manager | Cheltenham\n\nMorning Dan,\n\nI'm looking for a Site Manager "
        "for a regional housebuilder, Cotswold Edge Homes, on a new development.\n"
    )
    assert mail.company == "Cotswold Edge Homes"
    practice = parse_posting(
        "From: hr@example.com\nSubject: Dental Nurse vacancy\n\nDear applicant,\n\n"
        "Brightwater Dental Practice in Swindon is recruiting a qualified Dental Nurse.\n"
    )
    assert (practice.company, practice.location) == ("Brightwater Dental Practice", "Swindon")


def test_a_pasted_mail_body_without_headers_names_its_role_in_prose() -> None:
    parsed = parse_posting(
        "Hi Priya,\n\nHope you're well! I have a contract opportunity with a global insurer for "
        "a Senior Business Analyst. 6 months, £600/day, hybrid.\n\nCheers,\nMark\n"
    )
    assert parsed.title == "Senior Business Analyst"
    assert parsed.location != "Mark"


def test_a_letter_r_before_a_small_number_is_no_rand() -> None:
    assert find_salary("We teach Grade R3 learners in band R5.") is None


def test_a_long_line_of_bracketed_words_is_tidied_in_linear_time() -> None:
    # The trailing-codes pattern was searched from each character of the value: a pasted line
    # of 50,000 characters of "(Python) (Python) ..." took seconds on the event loop.
    line = ("(Python) " * 6000)[:49_900]
    started = time.perf_counter()
    tidy_location(line)
    assert time.perf_counter() - started < 0.5
    assert tidy_location("Sydney NSW 2000 (CBD)") == "Sydney"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Remote (West Coast territory) | Full-time", "Remote (West Coast territory)"),
        ("Remote (US), full-time", "Remote (US)"),
        ("Remote \u2013 Europe / Engineering / Contract / Remote", "Remote \u2013 Europe"),
        ("Remote - United Kingdom", "Remote - United Kingdom"),
    ],
)
def test_a_remote_line_is_the_place_without_the_terms_after_it(line: str, place: str) -> None:
    parsed = parse_posting(
        f"Clinical Education Specialist\nPhilips Oral Healthcare\n{line}\n\nHi.\n"
    )
    assert parsed.location == place


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Klarna - Stockholm, Sweden (relocation offered)", "Stockholm, Sweden"),
        ("Monzo Bank - London / Remote UK", "London"),
    ],
)
def test_a_company_line_place_is_read_before_an_aside_or_an_alternative(
    line: str, place: str
) -> None:
    parsed = parse_posting(f"Engineering Manager, Platform\n{line}\n\nWe are hiring.\n")
    assert (parsed.company, parsed.location) == (line.split(" - ", maxsplit=1)[0], place)
