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
