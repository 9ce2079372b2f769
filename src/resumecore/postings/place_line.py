"""The place a header names: after a ``Location:`` label, or on a line of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

from resumecore.postings import company_prose, gazetteer, places
from resumecore.postings.addresses import town_of
from resumecore.postings.city_tidy import is_premises, tidy_location
from resumecore.postings.header_labels import LOCATION_LABELS, MODE_VALUES, is_label_line
from resumecore.postings.line_parts import BULLET, parts, strip_decoration

# A label's value written as prose ("our offices in Century City, Cape Town"): the town ends it.
_POSTCODE_TOWN = re.compile(r"^(?:[A-Z]-)?\d{4,5} [^\W\d]")
_REGION_PIECE = re.compile(
    r"^(?:Region|County|Province|District) of |\s(?:Region|County|Parish|Borough|District)$"
)
_PROSE_VALUE = re.compile(r"[a-z]|(?i:our|the|notre|nuestra|nuestro|unsere?) ")


def labelled_location(labels: list[tuple[str, str]]) -> str | None:
    """The place after the first location label that names one."""
    for label, value in labels:
        # "Where you'll teach: our school on Calle de Cuba 14, Ruzafa, Valencia".
        where = label in LOCATION_LABELS or label.startswith("where ")
        if where and value.strip(" .").lower() not in MODE_VALUES:
            # "Halton Region - 1151 Bronte Road, Oakville; inspections across ...": before ";".
            place = places.drop_mode_aside(value.split("; ", 1)[0])
            town = town_of(parts(place)[0][0]) if _PROSE_VALUE.match(place) else None
            if town:
                return town
            if label == "site" and ", " in place:
                place = place.rsplit(", ", 1)[1]
            if place.lower().startswith("remote"):
                return place
            pieces = [p for p, _ in parts(place)]
            # "Halton Region - 1151 Bronte Road, Oakville": the region is around the town.
            pieces = [p for p in pieces if not _REGION_PIECE.search(p)] or pieces
            # "Patient Service Center - 1820 W Bell Rd, Phoenix AZ": the premises are not the city.
            # "70565 Stuttgart-Vaihingen": a postcode before the town is no street number.
            town = next((p for p in pieces if not is_premises(p) or _POSTCODE_TOWN.match(p)), None)
            if town:
                return town
    # "Location: Emergency Communications Center" alone names no city.
    return None


def place_line(
    top: list[str], title_line: str | None, company: str | None
) -> tuple[str | None, bool]:
    """The first top line (or piece of one) that reads as a place, other than the title's.

    Returns:
        The place, and whether it is sure: "Remote ...", written with its region ("Reno,
        NV"), or a known town. A bare name the town list does not know ("Microsoft Excel"
        under the title) is the place only when nothing surer names one.
    """
    first: str | None = None
    for place in _place_pieces(top, title_line, company):
        remote = place.lower().startswith("remote")
        if remote or places.clearly_place(place) or gazetteer_knows(tidy_location(place)):
            return place, True
        first = first or place
    return first, False


# "Remote (US), full-time", "Remote | Full-time": the terms after the place are no part of it.
_TERMS_TAIL = re.compile(
    r"\s*(?:[|\u00b7\u2022,]|\s[-\u2013\u2014])\s*(?=(?i:(?:full|part)[- ]?time|contract|"
    r"temporary|permanent|fixed[- ]term|freelance)\b)"
)


def _remote_place(line: str) -> str:
    """A "Remote ..." line as a place: its first Lever meta piece, without the terms after it."""
    first = _meta_pieces(line)[0]
    tail = _TERMS_TAIL.search(first)
    return first[: tail.start()] if tail else first


def gazetteer_knows(place: str) -> bool:
    """Whether the town part of ``place`` is, or is a district of, a known town."""
    head = place.split(", ", 1)[0]
    return gazetteer.is_town(head) or gazetteer.district_town(head) is not None


def _place_pieces(top: list[str], title_line: str | None, company: str | None) -> Iterator[str]:
    signed = False
    for index, line in enumerate(top):
        # The lines under "Cheers," sign a mail (a name, an agency): no place; a bullet is a
        # list's item. (Whether a line above signs off is carried from line to line.)
        signed = signed or (
            index > 0 and bool(company_prose.SIGN_OFF.match(strip_decoration(top[index - 1])))
        )
        if line == title_line or is_label_line(line) or signed or BULLET.match(line):
            continue
        stripped = strip_decoration(line)
        if stripped.lower().startswith("remote"):
            yield _remote_place(stripped)
            continue
        # "San Francisco, CA / Product / Full-time": a Lever meta line.
        # "New York, NY; San Francisco, CA": the first of several places.
        pieces = [p for meta in _meta_pieces(stripped.split("; ")[0]) for p, _ in parts(meta)]
        for part in pieces:
            place = places.drop_mode_aside(part)
            # "Qualified Carpenter - Join Acme Build" under a labelled title: the role again;
            # "ACME BUILD" over "Company: Acme Build Ltd": the company again.
            named = {(company or "").lower(), (title_line or "").lower()}
            if (
                place
                and not any(n.startswith(place.lower()) for n in named if n)
                and not company_prose.SAYS_SOMETHING.search(place)
                # "Bristol BS1 4DJ", "75008 Paris", "Leeds or Manchester": a town and its codes.
                and (
                    places.looks_like_place(place) or places.looks_like_place(tidy_location(place))
                )
            ):
                yield place
        # "Brookfield Park Primary School, Fosse Road North, Leicester LE3 5RT": an address line.
        org, address = places.split_org_place(stripped)
        if org and address and address.count(", ") >= 1:
            town = tidy_location(address)
            if places.looks_like_place(town):
                yield address


def _meta_pieces(part: str) -> list[str]:
    return part.split(" / ") if part.count(" / ") >= 2 else [part]
