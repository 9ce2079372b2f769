"""Is this text a place? Work-mode asides, "Org, City" lines and places named in prose."""

from __future__ import annotations

import re

from resumecore.postings.gazetteer import is_town
from resumecore.postings.lowered_match import LoweredPattern
from resumecore.postings.org_names import has_legal_form

_MODE_WORDS = LoweredPattern(
    re.compile(
        r"\b(?:remote|hybrid|on[- ]?site|in[- ]office|full[- ]?time|part[- ]?time|contract|"
        r"temporary|freelance|permanent|internship|remoto|hybride|vollzeit|teilzeit|days? a week|"
        r"(?:mid-)?senior level|entry level|\d(?:st|nd|rd|th) shift|cdi|cdd|temps plein|"
        r"temps partiel|intérim|alternance|befristet|unbefristet|vor ort|sur site|présentiel|"
        r"télétravail|presencial|in sede|ibrido|híbrido|en remoto|teletrabajo|op locatie|"
        r"hybride|thuiswerken)\b",
        re.IGNORECASE,
    )
)
_COUNTRIES = frozenset(
    {
        "uk",
        "united kingdom",
        "england",
        "scotland",
        "wales",
        "ireland",
        "northern ireland",
        "usa",
        "us",
        "united states",
        "canada",
        "germany",
        "deutschland",
        "france",
        "spain",
        "españa",
        "italy",
        "italia",
        "portugal",
        "netherlands",
        "belgium",
        "switzerland",
        "austria",
        "österreich",
        "poland",
        "sweden",
        "norway",
        "denmark",
        "finland",
        "india",
        "australia",
        "new zealand",
        "singapore",
        "japan",
        "mexico",
        "méxico",
        "brazil",
        "argentina",
        "south africa",
        "uae",
        "israel",
        "czech republic",
        "romania",
        "greece",
        "luxembourg",
        "estonia",
        "eu",
        "europe",
        "emea",
        "latam",
        "apac",
    }
)
# "South San Francisco, California": a state or province written out.
_REGION_NAME = re.compile(
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Ontario|Quebec|Québec|"
    r"British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|"
    r"New South Wales|Victoria|Queensland|Tasmania|Western Australia|South Australia|"
    r"Bayern|Bavaria|Hessen|Sachsen|Niedersachsen|Nordrhein-Westfalen|Baden-Württemberg"
)
_REGION_CODE = re.compile(r"^[A-Z]{2,3}(?: \d{4,5})?$")
_WORD = r"[A-ZÀ-Ý][\w.'\u2019-]*"
_PLACE = re.compile(
    rf"^(?:remote\b.*|{_WORD}(?: (?:{_WORD}|upon|on|am|im|de|del|la|le))"
    r"{0,3}"
    # "Madrid, Comunidad de Madrid, España": a region's name may have "de" in it too.
    rf"(?:, (?:the )?{_WORD}(?: (?:{_WORD}|de|del|la|of)){{0,3}}){{0,2}}"
    # "Chermside QLD 4032", "Norwich (NR3)": a postcode written after the place.
    # "Dublin 2", "Lyon (69)": a district or département number.
    r"(?: \d{4,5}| \d{1,2}| \([A-Z]{1,2}\d{1,2}[A-Z]?\)| \(\d{2,3}\))?"
    r"(?: or remote(?: \(\w+\))?)?)$",
)
_STATE_CODE = re.compile(
    r"^[A-ZÀ-Ý][\w.'\u2019-]*(?: [A-ZÀ-Ý][\w.'\u2019-]*){0,2} "
    r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[TA]|W[AVIY]|NSW|VIC|QLD|TAS|ACT|NT|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)"
    r"(?: \d{4,5})?$"
)
# "Leicester & surrounding areas": the area around a place is still that place.
_AREA_TAIL = re.compile(
    r"\s*(?:&|and|\+)\s*(?:the )?surround(?:ing|s)(?: areas?)?\b.*$", re.IGNORECASE
)
_AREA_LEAD = re.compile(r"^(?:downtown|central|greater|uptown|midtown|inner[- ]city) (?=[A-Z])")
_LAST_SEGMENT = re.compile(r"(?:\s*\([^()]*\)|\s*[,—\u2013-]\s*[^,—\u2013()-]*)\s*$")
_OR_REMOTE = re.compile(r" or remote\b.*$")
_PIECE_SEPARATOR = re.compile(r"\s+(?:\||·|•|—|\u2013|-)\s+")
# What a last segment opens with, after spaces, besides a bracket: a comma or a dash.
_SEGMENT_MARKS = (",", "—", "\u2013", "-")


def mode_words(text: str) -> bool:
    """Whether ``text`` speaks of work mode or contract ("Hybrid", "Full-time")."""
    return _MODE_WORDS.search(text)


def looks_like_place(text: str) -> bool:
    """A short run of capitalised words with optional ", Region" parts, or "Remote ..."."""
    core = _OR_REMOTE.sub("", text)
    return bool(_PLACE.match(text)) and (core.lower().startswith("remote") or not mode_words(core))


def clearly_place(text: str) -> bool:
    """A place beyond doubt: "Remote ...", "City, Region", "City ST", or a country name."""
    lowered = text.lower()
    return bool(_STATE_CODE.match(text)) or (
        looks_like_place(text)
        and (", " in text or lowered.startswith("remote") or lowered in _COUNTRIES)
    )


def without_area_tail(text: str) -> str:
    """``"Leicester & surrounding"`` -> ``"Leicester"``."""
    return _AREA_TAIL.sub("", text)


def drop_mode_aside(value: str) -> str:
    """``Charlotte, NC (hybrid)`` -> ``Charlotte, NC``; ``Remote (EU)`` keeps its region."""
    match = _last_segment(value)
    while match and mode_words(match.group(0)) and not value.lower().startswith("remote"):
        value = value[: match.start()].rstrip()
        match = _last_segment(value)
    return value.strip(" ,")


def _last_segment(value: str) -> re.Match[str] | None:
    """What ``_LAST_SEGMENT.search(value)`` finds, searched from where a segment can start.

    A search tries every position and each reads on to the end. A last segment opens with
    spaces and either the last bracket or the last comma or dash (nothing of its kind follows
    it), so none starts before the spaces ahead of the earlier of those two. Searching from the
    first mark instead made ``drop_mode_aside`` quadratic on a long line of asides.
    """
    opens = [found for found in (value.rfind("("), _last_mark(value)) if found >= 0]
    if not opens:
        return None
    start = min(opens)
    while start > 0 and value[start - 1].isspace():
        start -= 1
    return _LAST_SEGMENT.search(value, start)


def _last_mark(value: str) -> int:
    """Where the last comma or dash of ``value`` is, or -1."""
    return max(value.rfind(mark) for mark in _SEGMENT_MARKS)


# "Stockholm, Sweden (relocation offered)", "London / Remote UK": a place, then a word on it.
_AFTER_PLACE = re.compile(r"\s*\([^()]*\)\s*$|\s+/\s+.*$")


def _place_before_aside(pieces: list[str]) -> str | None:
    """The first piece that is a place once an aside or a "/ alternative" after it is gone."""
    for piece in pieces:
        place = _AFTER_PLACE.sub("", piece)
        if place != piece and looks_like_place(place):
            return place
    return None


def split_org_place(line: str) -> tuple[str | None, str | None]:
    """``The Marlowe Hotel, Savannah, GA`` -> ``("The Marlowe Hotel", "Savannah, GA")``.

    A line that is itself a place ("Denver, CO", "Lyon, France") gives ``(None, place)``.
    """
    pieces = _PIECE_SEPARATOR.split(line)
    first = pieces[0].strip()
    # "Ember & Oak Tavern - downtown Asheville": the part of town is not part of the place.
    bare = [_AREA_LEAD.sub("", drop_mode_aside(p)) for p in pieces[1:]]
    place = next((p for p in bare if looks_like_place(p)), None) or _place_before_aside(bare)
    if mode_words(first.split(", ")[0]):
        return None, first if looks_like_place(first.split(", ", 1)[-1]) else place
    # "Sparks & Sons Electric, LLC": the legal form is no region code.
    segments = [first] if has_legal_form(first) else first.split(", ")
    if len(segments) >= 3:
        # "München, Bayern, Deutschland": a known town leads a place, not a business.
        town = is_town(segments[0])
        return (None, first) if town else (segments[0], ", ".join(segments[1:]))
    if len(segments) == 2:
        tail = segments[1].strip()
        if (
            _REGION_CODE.match(tail)
            or tail.lower() in _COUNTRIES
            or _REGION_NAME.fullmatch(tail)
            or is_town(segments[0])  # "Reading, Berkshire"
        ):
            return None, first
        if looks_like_place(tail):
            return segments[0], tail
    if mode_words(first):
        return None, place
    return first or None, place


def region_or_country(name: str) -> bool:
    """``"Washington"``, ``"New York"``, ``"Mexico"``: a state, province or country's name."""
    return bool(_REGION_NAME.fullmatch(name.strip())) or name.strip(" .").lower() in _COUNTRIES


def country_only(place: str) -> bool:
    """``"United States"``, ``"Germany"``: a country is not a city (Singapore is both)."""
    name = place.strip(" .").lower()
    return name in _COUNTRIES and name not in {"singapore", "luxembourg", "monaco"}
