"""Trim a found location down to where the city is: no street, postcode or work-mode lead-in.

The result is always a substring of the location it came from, so it is still a substring of
the posting.
"""

from __future__ import annotations

import re

_MODE_LEAD = re.compile(
    r"^(?:(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]person)(?: work| role| position)?"
    r"(?: in| from| near)|work(?:ing)? (?:from|in)|based in|(?:hybrid|on-?site|in[- ]person),|"
    r"(?:downtown|central|greater|uptown|midtown))\s",
    re.IGNORECASE,
)
# "North Sydney NSW 2060 + CBD sites", "Leeds or Bradford": the first place named.
# "Denver metro", "Leeds area": the town the area is around.
_AREA_WORD = re.compile(r"\s+(?:metro(?:politan)?(?: area)?|area|region)$", re.IGNORECASE)
_MORE_PLACES = re.compile(r"\s+(?:\+|&|/|or|and)\s+(?![Rr]emote\b).*$")
# A street address segment: "1440 W Southern Ave", "12 High Street", "Unit 4".
# "Quellenstraße 118", "Fosse Road North", "400 Mill St": a street, wherever it stands.
_NAMED_STREET = re.compile(
    r"[a-zäöüß](?:straße|strasse|gasse|weg|platz|allee)\s+\d+\w?$|"
    r"\b(?:road|street|avenue|lane) (?:north|south|east|west)$|^\d+[A-Za-z]? \w",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"^(?:\d[\w-]*\s|unit\s|suite\s)|\b(?:st|street|ave|avenue|rd|road|blvd|dr|drive|lane|ln|"
    r"way|hwy|highway|pkwy|straße|strasse|str\.|hall|school|academy|college|campus|building|"
    r"centre|center|house|hospital|clinic|office|offices|tower|plaza|depot|warehouse|library|"
    r"quay|wharf|square|terrace|crescent|parade|yard|facility|complex|annex|courthouse|"
    r"estate|business park|industrial park|retail park|plant)\.?$",
    re.IGNORECASE,
)
_LEADING_POSTCODE = re.compile(
    # "80331 München", "D-80331 München"; a Workday code "US-CO-Denver", "GB-London".
    r"^(?:(?:[A-Z]-)?\d{4,5} (?=\S)|(?:[A-Z]{2,3}-){1,2}(?=[A-Z][a-z]))"
)
# Trailing postcodes and region codes written without a comma: "Stoke-on-Trent ST4",
# "London EC2A", "Chermside QLD 4032", "Mesa AZ 85201", "Mesa AZ", "Dublin 2",
# "Halifax NS B3H 1V7" (a Canadian postal code), "London EC2A (Shoreditch)" (a district),
# "Lyon 2e", "Aarhus C".
_TRAILING = re.compile(
    r"(?: (?:[A-Z]\d[A-Z] \d[A-Z]\d|"
    r"[A-Z]{1,2}\d[A-Z\d]?(?: \d(?:[A-Z]{2}|xx))?|\d{1,5}(?:-\d{4})?|\([^()]{2,30}\)|"
    r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT|[A-Z]{2}|"
    # "Lyon 2e", "Paris 8ème": an arrondissement; "Aarhus C", "København K": a postal district.
    r"\d{1,2}(?:e|er|ème)|(?<=[a-zæøå]{3} )[A-ZÆØ]))+$"
)

# How far back from a location's end its trailing codes may start.
_TRAILING_REACH = 120


def tidy_location(location: str) -> str:
    """``"Hybrid work in San Antonio"`` -> ``"San Antonio"``; ``"Mesa AZ"`` -> ``"Mesa"``.

    ``"1440 W Southern Ave, Mesa, AZ 85201"`` -> ``"Mesa, AZ 85201"``;
    ``"80331 München"`` -> ``"München"``; ``"Chermside QLD 4032"`` -> ``"Chermside"``.
    """
    value = location.strip()
    value = value[_lead_end(value) :]
    if value.lower().startswith("remote"):
        return value
    value = _MORE_PLACES.sub("", value) or value
    value = _AREA_WORD.sub("", value) or value
    segments = value.split(", ")
    while len(segments) > 1 and (
        _STREET.search(segments[0])
        or _NAMED_STREET.search(segments[0])
        or any(_NAMED_STREET.search(s) for s in segments[1:-1])
    ):
        value = value[len(segments[0]) + 2 :]
        segments = segments[1:]
    first = segments[0]
    postcode = _LEADING_POSTCODE.match(first)
    trimmed = first[postcode.end() :] if postcode else first
    # Trailing codes are a few words: searched for in the last characters only, since a search
    # of the whole value tries the run from each character (a 50,000-character line of
    # "(Python) (Python) ..." took seconds).
    tail = _TRAILING.search(trimmed, max(0, len(trimmed) - _TRAILING_REACH))
    if tail and tail.start() > 0 and trimmed[: tail.start()].strip():
        trimmed = trimmed[: tail.start()]
    return trimmed.strip() if trimmed != first else value


def is_premises(part: str) -> bool:
    """``"Patient Service Center"``, ``"12 High Street"``: a building or street, not a town."""
    return all(_STREET.search(segment) for segment in part.split(", "))


def _lead_end(value: str) -> int:
    lead = _MODE_LEAD.match(value)
    return lead.end() if lead and len(value) > lead.end() else 0
