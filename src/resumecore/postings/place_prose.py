"""Places named in a posting's prose, and what a found place says of the city.

"our Leeds office", "the Detention Facility in Marysdale"; a county is a region,
"Hamburg-Langenhorn" is a district of Hamburg, "City of Brookhaven" works in Brookhaven.
"""

from __future__ import annotations

import re

from resumecore.postings import gazetteer

_PROSE = re.compile(
    r"\b(?:in|based in|located in|out of(?: their| our| the)?|near|outside(?: of)?)\s+"
    r"(?P<place>[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+)?, "
    r"(?:[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    # "a warehouse in Fontana CA": a US state's code without the comma.
    r"|[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+)? (?:A[LKZR]|C[AOT]|FL|GA|I[DLNA]|K[SY]|"
    r"M[ADINOST]|N[CDEHJMVY]|O[HKR]|PA|S[CD]|T[NX]|UT|V[AT]|W[AIVY])(?=[ \t]*(?:\n|$|[.,;)])))"
    r"|\b(?i:team|office|offices|site|store|home|hospital|clinic|branch|depot|warehouse|"
    r"headquarters|hq|practice|surgery|pharmacy|restaurant|hotel|salon|client|employer|bakery|"
    r"caf[eé]|shop|garage|farm|factory|plant|school|college|nursery|hospice|care home|"
    r"outlets|stores|branches|clinics|sites) in "
    r"(?P<city>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)"
    # "Der Standort ist in Blaustein", "on the east side of Spokane".
    r"|\b(?:[Ss]tandort|[Aa]rbeitsort|[Ee]insatzort)(?: ist)? in (?P<de>[A-ZÄÖÜ][\w'\u2019-]+)"
    r"|\bside of (?P<side>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)\b"
    r"|\b(?P<based>[A-Z][\w'\u2019]+(?: [A-Z][\w'\u2019]+)?)-based\b"
    r"|\b(?:our|their) (?P<own>[A-Z][\w'\u2019]+(?: [A-Z][\w'\u2019]+)?) "
    r"(?:office|branch|clinic|site|store|depot|warehouse|hq|headquarters|campus)\b"
    # "based at Changi Airport, Singapore": premises, then the town.
    r"|\b(?:based|located) at (?:the )?[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,4}, "
    r"(?P<at>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)\b"
    r"|\b(?:headquartered|based|located) in (?P<hq>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)\b"
)


_AFTER_PLACE = re.compile(r", [A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?")
# "the Hall of Justice in Laurel Springs", "the Rancho Oro Middle School campus in Rancho Oro".
_PREMISES_IN = re.compile(
    r"\b(?:[A-Z][\w'\u2019]+|campus|facility|building|site|office|clinic|hospital|school|"
    r"center|centre|station|plant|yard|depot) in "
    r"(?P<city>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)\b"
    r"(?! County| Parish| Borough)"
)
_DISTRICT = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+)-[A-ZÄÖÜ][a-zäöüß]+(?=,|$)")
_MUNICIPALITY = re.compile(
    r"^(?:City|Town|Village|Stadt|Ville) (?:of|de) ([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)$"
)
_ADDRESS = re.compile(
    r"\b\d{2,6} [A-Z][\w .'\u2019-]{2,40}?,\s*(?P<city>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?),"
    r"\s*[A-Z]{2}\s+\d{5}\b"
)
_METRO_REGION = re.compile(
    r"^(?:greater .+|.+ (?:metropolitan|metro) area|.+ bay area|.+ metroplex)$", re.IGNORECASE
)
_STREET_IN = re.compile(
    r"\b\d{1,6} [A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,4} in "
    r"(?P<city>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)\b"
)
_COUNTY = re.compile(r"(?:^County of |\s(?:County|Parish|Borough)$)")
_MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def city_of_district(place: str, text: str) -> str:
    """``"Hamburg-Langenhorn, Klinikum"`` -> ``"Hamburg"``: a district's town.

    The posting names Hamburg alone, or Hamburg is a larger known town than Hamburg-Langenhorn.

    "Winston-Salem" stays: the posting never names "Winston" on its own, and no larger town is
    called Winston.
    """
    found = _DISTRICT.match(place)
    if found and gazetteer.district_town(found.group(0)):
        return found.group(1)
    if found and re.search(
        rf"\b{re.escape(found.group(1))}\b(?!-)", text.replace(found.group(0), "")
    ):
        return found.group(1)
    return place


def municipality(name: str) -> str | None:
    """``"City of Brookhaven"`` -> ``"Brookhaven"``: a town's own government works in the town."""
    found = _MUNICIPALITY.match(name)
    return found.group(1) if found else None


def county_only(place: str) -> bool:
    """``"Alder County"``: a county names a region, not the city of the place of work."""
    return bool(_COUNTY.search(place.split(",", maxsplit=1)[0].strip()))


def city_of_premises(text: str) -> str | None:
    """The town a posting's premises stand in.

    The town of a street address ("2200 W. Main St., Visalia, CA 93291"), or of premises named
    in a sentence ("the Detention Facility in Marysdale").
    """
    address = _ADDRESS.search(text)
    if address:
        return address.group("city")
    for found in _PREMISES_IN.finditer(text):
        city = found.group("city")
        if city.split()[0] not in _MONTHS and not county_only(city):
            return city
    return None


def town_in_region(location: str, text: str) -> str | None:
    """The town a posting's premises stand in when its location is a metro region.

    ``"Greater Boston Area"`` with "located at 45 Riverside Avenue in Medford, MA" -> ``"Medford"``.
    """
    if not _METRO_REGION.match(location.strip()):
        return None
    street = _STREET_IN.search(text)
    return street.group("city") if street else city_of_premises(text)


def in_prose(text: str) -> str | None:
    """A place named in a sentence: "in Chicago, IL", "our team in Norwich"."""
    found = _PROSE.search(text)
    if found is None:
        return None
    place = next(group for group in found.groups() if group)
    # "our head office in Sandton, Johannesburg": the city the place is part of, too.
    after = _AFTER_PLACE.match(text, found.end())
    return f"{place}{after.group(0)}" if after and found.group("city") == place else place


def named_as_place(name: str, text: str) -> bool:
    """Whether ``text`` speaks of ``name`` as a place: "in Denver, CO", "their London office"."""
    if not name:
        return False
    place = re.escape(name)
    return bool(
        re.search(
            rf"\b(?:in|near|outside|around|out of|across)(?: (?:central|downtown|greater|the|"
            rf"their|our))? {place}\b(?!-)|\b{place}(?:, [A-Z]|(?: area| office| offices| terminal|"
            rf" branch| site| depot| clinic| campus| location|-based| based)\b)",
            text,
        )
    )
