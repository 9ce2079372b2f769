"""Known towns (GeoNames): a district's town, a town named inside noise, page-title companies."""

from __future__ import annotations

from resumecore.postings import gazetteer, page_lines, parse_posting
from resumecore.postings.town_names import known_town


def test_known_towns_in_their_own_language_and_without_accents() -> None:
    assert gazetteer.is_town("Wien")
    assert gazetteer.is_town("München")
    assert gazetteer.is_town("zurich")
    assert not gazetteer.is_town("Midwifery")


def test_a_district_names_its_larger_town() -> None:
    assert gazetteer.district_town("Hamburg-Altona") == "Hamburg"
    assert gazetteer.district_town("Lyon Part-Dieu") == "Lyon"


def test_a_hyphenated_town_is_no_district() -> None:
    assert gazetteer.district_town("Winston-Salem") is None
    assert gazetteer.district_town("Stratford-upon-Avon") is None
    assert gazetteer.district_town("Baden-Baden") is None


def test_the_town_inside_words_around_it() -> None:
    assert gazetteer.town_within("siège de Lyon Part-Dieu") == "Lyon"
    assert gazetteer.town_within("Garage Wien-Floridsdorf") == "Wien"


def test_no_town_is_made_of_a_name_the_list_does_not_know() -> None:
    # "Laurel Springs" and "Riverside Heights" are not Laurel, Springs or Riverside.
    assert gazetteer.town_within("Laurel Springs") is None
    assert gazetteer.town_within("Riverside Heights") is None
    assert known_town("Laurel Springs, MS") == "Laurel Springs, MS"


def test_a_location_keeps_its_region_when_its_town_is_cut() -> None:
    assert known_town("Hamburg-Altona, Germany") == "Hamburg, Germany"
    assert known_town("Remote (EU)") == "Remote (EU)"


def test_a_labelled_district_gives_the_city() -> None:
    parsed = parse_posting("Einkäufer (m/w/d)\nFirma: Nordlicht GmbH\nStandort: Hamburg-Altona\n")
    assert parsed.location == "Hamburg"


def test_careers_after_the_name_in_a_page_title_names_the_company() -> None:
    assert page_lines.page_title_company("Harbour Dental | Careers") == (True, "Harbour Dental")
    assert page_lines.page_title_company("Dental Nurse | Careers") == (True, None)
    assert page_lines.page_title_company("Dental Nurse - Harbour Dental Careers") == (
        True,
        "Harbour Dental",
    )


def test_a_bullet_under_the_title_is_no_place() -> None:
    parsed = parse_posting(
        "Dental Nurse\nHarbour Dental\n\nRequirements\n- Microsoft Excel\n\n"
        "Our practice in Bristol, UK is growing.\n"
    )
    assert parsed.location == "Bristol, UK"


def test_a_town_with_its_postcode_on_its_own_line() -> None:
    for line, town in (("Bristol BS1 4DJ", "Bristol"), ("75008 Paris", "Paris")):
        parsed = parse_posting(f"Dental Nurse\nHarbour Dental\n{line}\n\nRequirements\n- Excel\n")
        assert parsed.location == town


def test_a_bare_unknown_name_yields_to_a_place_in_the_prose() -> None:
    parsed = parse_posting(
        "Accounts Clerk\nLedgerline\nFinance Operations\n\nYou will join our team in Leeds.\n"
    )
    assert parsed.location == "Leeds"


def test_a_known_town_leads_a_place_line_not_a_business() -> None:
    parsed = parse_posting("Software Engineer\nMünchen, Bayern, Deutschland\nHybrid\n")
    assert parsed.company is None
    assert parsed.location == "München, Bayern, Deutschland"


def test_a_metro_area_under_the_title_is_no_company() -> None:
    parsed = parse_posting("Accountant\nGreater Manchester Area\n\nRequirements\n- Excel\n")
    assert parsed.company is None
    assert parsed.location == "Manchester"


def test_a_business_named_after_a_town_stays_the_company() -> None:
    parsed = parse_posting("Apprentice Electrician\nSparks & Sons Electric, Mesa AZ\n$17/hr\n")
    assert parsed.company == "Sparks & Sons Electric"


def test_one_word_after_a_large_town_is_its_district() -> None:
    assert gazetteer.district_town("Rotterdam Waalhaven", spaced=True) == "Rotterdam"
    assert gazetteer.district_town("Rotterdam Waalhaven") is None
    assert gazetteer.district_town("Spokane Valley", spaced=True) is None  # a town of its own


def test_a_part_of_a_large_city_names_the_city() -> None:
    assert known_town("Indiranagar, Bengaluru, Karnataka") == "Bengaluru, Karnataka"
    parsed = parse_posting(
        "Clerk\nAcme Foods\n\nWe are based at our head office in Sandton, Johannesburg.\n"
    )
    assert parsed.location == "Johannesburg"


def test_no_city_is_read_from_a_state_or_country_after_an_unknown_town() -> None:
    assert known_town("Laurel Springs, New York") == "Laurel Springs, New York"
    assert known_town("Cobham, Surrey") == "Cobham, Surrey"


def test_a_labelled_region_yields_to_the_address_after_it() -> None:
    parsed = parse_posting(
        "Building Inspector II\n"
        "Location: Halton Region \u2014 1151 Bronte Road, Oakville; inspections across Milton\n"
    )
    assert parsed.location == "Oakville"


def test_arrondissements_and_postal_districts_leave_the_town() -> None:
    for line, town in (("Lyon 2e", "Lyon"), ("8000 Aarhus C", "Aarhus")):
        parsed = parse_posting(f"Sous Chef\nLe Petit Zinc\n{line}\n\nRequirements\n- HACCP\n")
        assert parsed.location == town


def test_a_workday_location_code_and_several_places_on_a_line() -> None:
    coded = parse_posting("Acme Careers\n\nSenior Accountant\nlocations\nUS-CO-Denver\n")
    assert coded.location == "Denver"
    several = parse_posting("Quillpay\nPlatform Engineer\nNew York, NY; San Francisco, CA\n")
    assert several.location == "New York, NY"


def test_a_large_town_after_the_title_that_the_posting_names_again() -> None:
    parsed = parse_posting(
        "Optometrist - Tampines\nClearview Optical\n\nJoin our Tampines Hub outlet.\n"
    )
    assert parsed.title == "Optometrist"
    assert parsed.company == "Clearview Optical"
    specialised = parse_posting(
        "Software Engineer - Mobile\nAppworks\nBerlin\n\nYou build Mobile apps; mobile first.\n"
    )
    assert specialised.title == "Software Engineer - Mobile"


def test_the_compact_town_table_answers_every_name_as_the_file_does() -> None:
    sizes = gazetteer._read_sizes()
    towns = gazetteer._Towns(sizes)
    assert len(towns) == len(sizes)
    assert all(towns.size(name) == size for name, size in sizes.items())
    assert towns.size("midwifery") == 0
