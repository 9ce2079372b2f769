"""Title, company and location: from labels ("Company: X"), the first lines, or the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from resumecore.postings import (
    company_prose,
    email_shape,
    org_names,
    page_lines,
    place_prose,
    places,
)
from resumecore.postings.addresses import address_block, address_town, town_of
from resumecore.postings.city_tidy import is_premises, tidy_location
from resumecore.postings.header_labels import (
    COMPANY_LABELS,
    LABEL,
    LOCATION_LABELS,
    MODE_VALUES,
    ROLE_WORDS,
    TITLE_LABELS,
    is_known_label,
    label_pairs,
)
from resumecore.postings.section_headers import header_kind
from resumecore.postings.title_cleanup import clean_title

_SEPARATORS = re.compile(r"\s+(?:\||·|•|—|\u2013|-|@|at)\s+")
_HARD_SEPARATORS = {"|", "·", "•", "@", "at"}
_NOISE = re.compile(
    r"^(?:about the job|easy apply|apply|apply now|save|saved|show more|show less|promoted|"
    r"actively recruiting|see who .*|open positions|careers|karriere|vacatures|"
    r".*\bapplicants?\b.*|.*\b(?:reposted|posted)\b.*\bago\b.*|"
    r"[\W\d_]*)$",
    re.IGNORECASE,
)
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
# "Front Desk Agent - Evening Shift", "Caregiver - Weekend Shifts": when, not what.
_SCHEDULE = re.compile(
    r"(?:(?:evening|night|day|weekend|morning|overnight|swing|rotating|\d(?:st|nd|rd|th)|first|"
    r"second|third) )?(?:shifts?|nights?|weekends?|evenings?|days)|per diem|prn|"
    r"home (?:daily|weekly|weekends|nightly)",
    re.IGNORECASE,
)
_PAY = re.compile(r"[$£€₹]\s?\d|\d\s?k\b|\bper (?:hour|annum|year)\b|/hr\b|\bp/?h\b", re.I)
_TERMS_OR_PAY = re.compile(
    r"[$£€]\s?\d|\d\s?k\b|\b(?:perm|permanent|full[- ]?time|part[- ]?time|contract|temp|"
    r"temporary|fixed[- ]term|ote|doe|per (?:hour|annum|year)|p/?h|ph)\b",
    re.IGNORECASE,
)
# "Joiner - Join Tui Homes", "Nurse | Work with us": the page invites, the role is before it.
_INVITATION = re.compile(r"(?:join|work (?:at|with|for)|careers? (?:at|with))\s", re.IGNORECASE)
# A label's value written as prose ("our offices in Century City, Cape Town"): the town ends it.
_PROSE_VALUE = re.compile(r"[a-z]|(?i:our|the|notre|nuestra|nuestro|unsere?) ")
_DECORATION = " \t#*_|>:-\u2013—•·✨🚀🚚💼📍🎉✅💵📅"
_TOP_LINES = 8


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of a posting says about the job itself."""

    title: str | None
    company: str | None
    location: str | None
    zone: str


def read_header(text: str, facts: tuple[tuple[str, str], ...] = ()) -> Header:
    """Title, company and location, and the header zone (top lines and label lines).

    Args:
        text: Normalised posting text, board furniture stripped.
        facts: ``(label, value)`` pairs the furniture stated; they come before label lines.

    Returns:
        The fields found; each is a substring of ``text``.
    """
    labels = [*facts, *label_pairs(text)]
    # Only the first lines are read: a page title and the top lines after it.
    lines = list(
        islice(
            (
                line
                for line in text.split("\n")
                if line.strip()
                and not _NOISE.match(_strip(line))
                and not page_lines.is_breadcrumb(line)
            ),
            _TOP_LINES + 1,
        )
    )
    logo_org = page_lines.logo_name(lines[0]) if lines else None
    if logo_org:
        lines = lines[1:]
    is_page_title, page_org = page_lines.page_title_company(lines[0]) if lines else (False, None)
    page_org = logo_org or page_org
    page_role = None
    if is_page_title:
        page_role = page_lines.page_title_role(lines[0])
        lines = lines[1:]
    top = [line for line in lines[:_TOP_LINES] if header_kind(line) is None or is_known_label(line)]
    zone = "\n".join([*lines[:_TOP_LINES], *(f"{k}: {v}" for k, v in labels)])
    if email_shape.is_email(labels):
        head = email_shape.before_signature(text)
        return _email_header([*facts, *label_pairs(head)], head, zone)
    title, title_line, rest = _title(labels, top, text, page_role)
    org, org_place = _company_line(top, title_line, rest, text)
    if title and title_line and _hn_header(title_line, title):
        # "Acme | Data Engineer | SF or Remote | $150k": the company leads an HN header line.
        org = company_prose.cased_elsewhere(text, _TRAILING_ASIDE.sub("", rest[0]) or rest[0])
        org_place = _org_and_place(rest[1:])[1]
    label_org, label_place = _labelled_company(labels)
    block_org, block_town = address_block(text)
    company = (
        label_org
        or company_prose.document_owner(text)
        or page_org
        or org
        or company_prose.name_in_about(text)
        or company_prose.name_in_prose(text)
        or block_org
        or company_prose.opening_name(text)
    )
    location = (
        _labelled_location(labels)
        or label_place
        or org_place
        or _place_line(top, title_line or title, company)
        or place_prose.in_prose(text)
        or address_town(text)
        or block_town
    )
    location = (location and place_prose.town_in_region(location, text)) or location
    location = _settle_city(location, text, company)
    title = company_prose.cased_elsewhere(text, clean_title(title)) if title else None
    if title and location:
        # "Store Manager - Chermside" over a "Chermside QLD 4032" line: the place is not the job.
        title = re.sub(
            rf"\s+[-\u2013\u2014]\s+{re.escape(location)}$", "", title, flags=re.IGNORECASE
        )
    return Header(title=title or None, company=company, location=location, zone=zone)


def _email_header(labels: list[tuple[str, str]], text: str, zone: str) -> Header:
    # A recruiter's mail: never the greeting, the first bullet or the agency as a field.
    subject = email_shape.subject_parts(labels)
    labelled = next((_title_of_line(v, [], text)[0] for k, v in labels if k in TITLE_LABELS), None)
    title = (
        labelled
        or next((p for p in subject if ROLE_WORDS.search(p) and len(p) < 60), None)
        or email_shape.caps_title_line(text)
        or email_shape.prose_title(text)
    )
    if title and not labelled:
        title = email_shape.unabbreviated(title, text)
    company = (
        _labelled_company(labels)[0]
        or email_shape.client_company(text)
        or email_shape.subject_employer(labels)
        or email_shape.subject_company(subject, title, text)
    )
    location = (
        _labelled_location(labels)
        or email_shape.subject_place(subject, title, company, text)
        or place_prose.in_prose(text)
    )
    location = _settle_city(location, text, company)
    title = clean_title(title) if title else None
    return Header(title=title or None, company=company, location=location, zone=zone)


def _settle_city(location: str | None, text: str, company: str | None) -> str | None:
    # What the place found says of the city: a county or a country is none.
    location = tidy_location(location) if location else None
    if location and place_prose.county_only(location):
        # "Location: Alder County, CA": the city, if any, is where the premises are.
        location = place_prose.city_of_premises(text)
    if location and places.country_only(location):
        location = None
    if not location and company:
        location = place_prose.municipality(company)  # "City of Brookhaven" works in Brookhaven
    return place_prose.city_of_district(location, text) if location else None


def _title(
    labels: list[tuple[str, str]], top: list[str], text: str, page_role: str | None = None
) -> tuple[str | None, str | None, list[str]]:
    for label, value in labels:
        if label in TITLE_LABELS:
            labelled, _ = _title_of_line(value, [], text)
            return labelled or None, None, []
    candidates = [
        line
        for line in top
        if not LABEL.match(line) and not page_lines.is_sentence(line) and not line.startswith("- ")
    ]
    # The page's heading repeats the role its document title names first.
    heading = next((c for c in top if page_role and _strip(c) == page_role), None)
    named = next((c for c in candidates if ROLE_WORDS.search(c)), None)
    if heading is None and named is None:
        # No line names a role ("Cheers," / "Mark" under a pasted mail): a sentence may.
        prose = email_shape.prose_title(text)
        if prose and ROLE_WORDS.search(prose):
            return prose, None, []
    if heading is None and not candidates:
        return None, None, []
    line = heading or named or candidates[0]
    parts = _parts(_strip(line))
    if len(parts) >= 3 and not ROLE_WORDS.search(parts[0][0]):
        # "Acme (YC W22) | Platform Engineer | Remote | Full-time": the HN header line.
        named = next((p for p, _ in parts[1:] if ROLE_WORDS.search(p)), None)
        if named:
            return named, line, [p for p, _ in parts if p != named]
    title, rest = _title_of_line(line, top, text)
    return places.drop_mode_aside(title) or None, line, rest


def _hn_header(line: str, title: str) -> bool:
    parts = _parts(_strip(line))
    return (
        len(parts) >= 3
        and parts[0][0] != title
        and all(separator == "|" for _, separator in parts[1:])
        and not ROLE_WORDS.search(parts[0][0])
    )


def _title_of_line(line: str, top: list[str], text: str) -> tuple[str, list[str]]:
    parts = _parts(_strip(line))
    if len(parts) >= 3 and any(
        _TERMS_OR_PAY.search(p) or places.clearly_place(p) for p, _ in parts[2:]
    ):
        # "WELDER / FABRICATOR - MIG & TIG - PERM - WELSHPOOL WA": a terse headline.
        return parts[0][0], [p for p, _ in parts[1:]]
    title = parts[0][0]
    rest: list[str] = []
    for index, (part, separator) in enumerate(parts[1:], start=1):
        # "Transportation (12-Month Temporary)": the aside is about terms, the part is the job.
        core = _TRAILING_ASIDE.sub("", part) or part
        if (
            separator in _HARD_SEPARATORS
            or part[0].islower()
            or _SCHEDULE.fullmatch(core)
            or places.mode_words(core)
            or bool(_PAY.search(core))
            or places.clearly_place(part)
            or _own_line(part, top, line)
            or _named_as_org(part, text)
            or org_names.reads_as_business(part)
            or _INVITATION.match(part)
        ):
            rest = [p for p, _ in parts[index:] if not _SCHEDULE.fullmatch(p)]
            break
        title = f"{title}{_between(line, title, part)}{part}"
    return title, rest


def _own_line(part: str, top: list[str], title_line: str) -> bool:
    # "Title - Acme" where Acme also stands on the line below: Acme is the company. Further
    # down ("Certified Medical Assistant - Family Medicine" / company / "Family Medicine") the
    # line repeats the title's specialisation.
    key = part.lower()
    below = top[top.index(title_line) + 1 : top.index(title_line) + 2] if title_line in top else top
    return any(
        _strip(line).lower() == key or _parts(_strip(line))[0][0].lower() == key
        for line in below
        if part not in line or _strip(line).lower() == key
    )


def _named_as_org(part: str, text: str) -> bool:
    # "... — Kestrel Travel" where the body says "Kestrel Travel is" or "at Kestrel Travel".
    name = re.escape(part)
    return bool(
        re.search(
            rf"(?:\b(?:at|join|with) {name}\b|"
            rf"(?:^|\n|\. ){name}(?: is| has| was| are|,? we\b|['\u2019]s))",
            text,
            re.IGNORECASE,
        )
    )


def _company_line(
    top: list[str], title_line: str | None, rest: list[str], text: str
) -> tuple[str | None, str | None]:
    org, heard_place = _org_and_place(rest, text)
    if org and not org[0].islower():
        # "Ferrowave (YC W22)": the aside is not part of the name.
        return company_prose.cased_elsewhere(text, _TRAILING_ASIDE.sub("", org) or org), heard_place
    if title_line in top:
        # A Workday copy: the company's line, then "Careers Home" and "Sign In", then the title.
        above = [_strip(line) for line in top[: top.index(title_line)]]
        named = next((line for line in reversed(above) if page_lines.name_line(line)), None)
        if named:
            return named, heard_place
    after_title = top[top.index(title_line) + 1 :] if title_line in top else top
    for index, line in enumerate(after_title[:2]):
        if LABEL.match(line) or page_lines.is_sentence(line):
            continue
        org, place = places.split_org_place(_strip(line))
        # "Swiftline Couriers" over "Newark, NJ": a name with a role word in it, above the place.
        above_place = index + 1 < len(after_title) and places.clearly_place(
            _strip(after_title[index + 1])
        )
        if (
            org
            and org[0].isalpha()
            and not company_prose.SAYS_SOMETHING.search(org)
            and (
                not ROLE_WORDS.search(org)
                or text.count(org) > 1
                or place
                or above_place
                or org_names.has_legal_form(org)
            )
        ):
            return org, place or heard_place
    return None, heard_place


def _org_and_place(rest: list[str], text: str = "") -> tuple[str | None, str | None]:
    # What follows the title on its line: "Acme · Reno, NV", "Leicester & surrounding - £40k".
    if not rest:
        return None, None
    first = rest[0]
    org: str | None = first
    town = _town_in_headline(rest, text)
    if (
        places.mode_words(first)
        or places.clearly_place(first)
        or places.without_area_tail(first) != first
        or _TERMS_OR_PAY.search(first)
        or town
    ):
        org = None
    place = None
    for index, part in enumerate(rest):
        candidate = places.without_area_tail(places.drop_mode_aside(part))
        if (
            index == 0
            and org is None
            and (
                town or places.clearly_place(candidate) or candidate != places.drop_mode_aside(part)
            )
        ):
            return None, candidate
        if index > 0 and places.looks_like_place(candidate):
            place = candidate
            break
    return org, place


def _town_in_headline(rest: list[str], text: str) -> bool:
    # "Carpenter - Bristol - £220/day CIS": between the role and the pay of a terse headline a
    # bare name is the town, unless it reads as a business or the posting speaks of it as one.
    first = rest[0]
    return (
        len(rest) >= 2
        and all(_TERMS_OR_PAY.search(part) or places.mode_words(part) for part in rest[1:])
        and not any(places.looks_like_place(places.drop_mode_aside(part)) for part in rest[1:])
        and any(_PAY.search(part) for part in rest[1:])
        and len(first.split()) <= 2
        and places.looks_like_place(first)
        and not org_names.reads_as_business(first)
        and not _named_as_org(first, text)
    )


def _labelled_company(labels: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    for label, value in labels:
        if label in COMPANY_LABELS:
            return places.split_org_place(value)
    return None, None


def _labelled_location(labels: list[tuple[str, str]]) -> str | None:
    for label, value in labels:
        # "Where you'll teach: our school on Calle de Cuba 14, Ruzafa, Valencia".
        where = label in LOCATION_LABELS or label.startswith("where ")
        if where and value.strip(" .").lower() not in MODE_VALUES:
            place = places.drop_mode_aside(value)
            town = town_of(_parts(place)[0][0]) if _PROSE_VALUE.match(place) else None
            if town:
                return town
            if label == "site" and ", " in place:
                place = place.rsplit(", ", 1)[1]
            if place.lower().startswith("remote"):
                return place
            parts = [p for p, _ in _parts(place)]
            # "Patient Service Center - 1820 W Bell Rd, Phoenix AZ": the premises are not the city.
            town = next((p for p in parts if not is_premises(p)), None)
            if town:
                return town
    # "Location: Emergency Communications Center" alone names no city.
    return None


def _place_line(top: list[str], title_line: str | None, company: str | None) -> str | None:
    for index, line in enumerate(top):
        # The name under "Cheers," signs a mail; it is no place.
        signed = index > 0 and company_prose.SIGN_OFF.match(_strip(top[index - 1]))
        if line == title_line or LABEL.match(line) or signed:
            continue
        stripped = _strip(line)
        if stripped.lower().startswith("remote"):
            return stripped
        # "San Francisco, CA / Product / Full-time": a Lever meta line.
        pieces = [p for meta in _meta_pieces(stripped) for p, _ in _parts(meta)]
        for part in pieces:
            place = places.drop_mode_aside(part)
            # "Qualified Carpenter - Join Acme Build" under a labelled title: the role again;
            # "ACME BUILD" over "Company: Acme Build Ltd": the company again.
            named = {(company or "").lower(), (title_line or "").lower()}
            if (
                place
                and not any(n.startswith(place.lower()) for n in named if n)
                and not company_prose.SAYS_SOMETHING.search(place)
                and places.looks_like_place(place)
            ):
                return place
        # "Brookfield Park Primary School, Fosse Road North, Leicester LE3 5RT": an address line.
        org, address = places.split_org_place(stripped)
        if org and address and address.count(", ") >= 1:
            town = tidy_location(address)
            if places.looks_like_place(town):
                return address
    return None


def _meta_pieces(part: str) -> list[str]:
    return part.split(" / ") if part.count(" / ") >= 2 else [part]


def _parts(line: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    position, separator = 0, ""
    for found in _SEPARATORS.finditer(line):
        pieces.append((line[position : found.start()].strip(), separator))
        position, separator = found.end(), found.group(0).strip()
    pieces.append((line[position:].strip(), separator))
    return [(p, s) for p, s in pieces if p] or [("", "")]


def _between(line: str, left: str, right: str) -> str:
    start = line.find(left) + len(left)
    end = line.find(right, start)
    return line[start:end] if end >= start else " - "


def _strip(line: str) -> str:
    return line.strip(_DECORATION)
