"""Title, company and location: from labels ("Company: X"), the first lines, or the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumecore.postings import email_shape, org_names, page_lines, places
from resumecore.postings.city_tidy import is_premises, tidy_location
from resumecore.postings.section_headers import about_name, header_kind
from resumecore.postings.title_cleanup import clean_title

_LABEL = re.compile(
    r"^[*_#\s\u2022\u00b7\u2013\u2014-]*(?P<label>[A-Za-zÀ-ÿ][\w 'À-ÿ-]{1,30}?)[*_\s]*:"
    r"[*_\s]*(?P<value>\S.*)$"
)
_TITLE_LABELS = {
    "job title",
    "title",
    "position",
    "role",
    "job",
    "stelle",
    "poste",
    "puesto",
    "vacancy",
    "job role",
    "designation",
    "class title",
    "position title",
    "posting title",
    "working title",
    "job posting",
    "now hiring",
    "hiring",
    "we're hiring",
    "we are hiring",
    "urgently hiring",
}
_COMPANY_LABELS = {
    "company",
    "employer",
    "organisation",
    "organization",
    "firma",
    "unternehmen",
    "arbeitgeber",
    "entreprise",
    "société",
    "empresa",
    "store",
    "hiring company",
    "client",
    "company name",
    "co",
    "clinic",
    "practice",
    "hospital",
    "school",
    "restaurant",
    "hotel",
    "venue",
    "business",
}
_LOCATION_LABELS = {
    "location",
    "based in",
    "standort",
    "arbeitsort",
    "ort",
    "lieu",
    "localisation",
    "ubicación",
    "ciudad",
    "site",
    "office",
    "where",
    "job location",
    "work location",
    "locations",
    "loc",
    "base",
    "einsatzort",
    "arbeitsplatz",
    "worksite",
    "work site",
    "duty station",
    "place of work",
    "workplace",
    "office location",
    "work address",
    "job site",
    "city",
    "town",
    "stadt",
    "ville",
}
_SEPARATORS = re.compile(r"\s+(?:\||·|•|—|\u2013|-|@|at)\s+")
_HARD_SEPARATORS = {"|", "·", "•", "@", "at"}
_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|scientist|nurse|electrician|plumber|"
    r"technician|assistant|associate|specialist|consultant|teacher|accountant|paralegal|"
    r"lawyer|attorney|chef|cook|driver|agent|representative|coordinator|director|lead|head|"
    r"officer|administrator|architect|intern|partner|physiotherapist|therapist|clerk|"
    r"operator|writer|editor|recruiter|advisor|entwickler|ingénieur|développeur|analista|"
    r"especialista|desarrollador|worker|cashier|receptionist|mechanic|carpenter|welder|"
    r"researcher|hygienist|machinist|fabricator|apprentice|bookkeeper|pharmacist|executive|"
    r"sre|rep|nurse|teacher|tutor|instructor|installer|planner|controller|auditor|buyer|"
    r"dispatcher|attendant|supervisor|foreman|handler|picker|packer|loader|inspector|"
    r"surveyor|estimator|programmer|tester|hygienist|dentist|paramedic|caregiver|aide|"
    r"server|bartender|barista|housekeeper|cleaner|janitor|guard|plumber|fitter|"
    r"sachbearbeiter|mitarbeiter|\w*fachkraft|\w*techniker|\w*mechatroniker|leiter|generalist|"
    r"hr generalist|\w*pfleger(?:in)?|technologist|phlebotomist|radiographer|sonographer|"
    r"physician|surgeon|counsel(?:l)?or|psychologist|dietitian|nutritionist|midwife|"
    r"optometrist|optician|veterinarian|groomer|stylist|roofer|painter|labou?rer|landscaper|"
    r"custodian|porter|courier|host|hostess|baker|butcher|dishwasher|nanny|lecturer|"
    r"professor|paraprofessional|trainer|coach|underwriter|adjuster|broker|banker|teller|"
    r"merchandiser|stocker|cleaner|sorter|assembler|electrical|fräser|dreher|kaufmann|"
    r"kauffrau|erzieher(?:in)?|lehrer(?:in)?|lehrkraft|ingenieur(?:in)?|koch|köchin|"
    r"verkäufer(?:in)?|fahrer(?:in)?|elektriker(?:in)?|monteur(?:in)?|berater(?:in)?|"
    r"referent(?:in)?|assistent(?:in)?|pädagog\w*)s?\b",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"^(?:about the job|easy apply|apply|apply now|save|saved|show more|show less|promoted|"
    r"actively recruiting|see who .*|open positions|careers|karriere|vacatures|"
    r".*\bapplicants?\b.*|.*\b(?:reposted|posted)\b.*\bago\b.*|"
    r"[\W\d_]*)$",
    re.IGNORECASE,
)
_COMPANY_PROSE = re.compile(
    r"(?:^|\n|\. )(?:At |Join )?(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|[A-Z][\w&.'\u2019-]*)){0,4})"
    r"(?: is (?:hiring|looking|a |an |the |seeking|recruiting)|,? we\b)"
)
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
_OPENING = re.compile(
    r"(?P<name>[A-Z][\w&'\u2019-]*(?: (?:&|[A-Z][\w&'\u2019-]*)){0,3}) [a-z]{3,}s\b"
)
# "Trove is hiring!": a line that says something is not a name.
_SAYS_SOMETHING = re.compile(r"\s(?:is|are|was|has|have|we|will)\s|[!?]$", re.IGNORECASE)
_NOT_NAMES = frozenset(
    [
        "This",
        "That",
        "It",
        "There",
        "Here",
        "He",
        "She",
        "They",
        "We",
        "You",
        "What",
        "Who",
        "Which",
        "Each",
        "Every",
        "Our",
        "Your",
        "The",
        "A",
        "An",
        "Most",
        "Many",
        "Some",
        "All",
        "Our",
        "Applicants",
        "Candidates",
        "Patients",
        "Customers",
        "Members",
    ]
)
_PAY = re.compile(r"[$£€₹]\s?\d|\d\s?k\b|\bper (?:hour|annum|year)\b|/hr\b|\bp/?h\b", re.I)
_TERMS_OR_PAY = re.compile(
    r"[$£€]\s?\d|\d\s?k\b|\b(?:perm|permanent|full[- ]?time|part[- ]?time|contract|temp|"
    r"temporary|fixed[- ]term|ote|doe|per (?:hour|annum|year)|p/?h|ph)\b",
    re.IGNORECASE,
)
_MODE_VALUES = frozenset(
    {
        "in person",
        "in-person",
        "on site",
        "on-site",
        "onsite",
        "in office",
        "on the road",
        "multiple locations",
        "various locations",
        "field based",
        "field-based",
    }
)
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
    labels = [*facts, *_labels(text)]
    lines = [
        line
        for line in text.split("\n")
        if line.strip() and not _NOISE.match(_strip(line)) and not page_lines.is_breadcrumb(line)
    ]
    is_page_title, page_org = page_lines.page_title_company(lines[0]) if lines else (False, None)
    page_role = None
    if is_page_title:
        page_role = page_lines.page_title_role(lines[0])
        lines = lines[1:]
    top = [line for line in lines[:_TOP_LINES] if header_kind(line) is None or _is_label(line)]
    zone = "\n".join([*lines[:_TOP_LINES], *(f"{k}: {v}" for k, v in labels)])
    if email_shape.is_email(labels):
        return _email_header(labels, text, zone)
    title, title_line, rest = _title(labels, top, text, page_role)
    org, org_place = _company_line(top, title_line, rest, text)
    label_org, label_place = _labelled_company(labels)
    company = (
        label_org
        or page_org
        or org
        or _about_name(text)
        or _company_from_prose(text)
        or _opening_name(text)
    )
    location = (
        _labelled_location(labels)
        or label_place
        or org_place
        or _place_line(top, title_line or title, company)
        or places.in_prose(text)
    )
    location = tidy_location(location) if location else None
    if location and places.county_only(location):
        # "Location: Alder County, CA": the city, if any, is where the premises are.
        location = places.city_of_premises(text)
    if location and places.country_only(location):
        location = None
    if not location and company:
        location = places.municipality(company)  # "City of Brookhaven" works in Brookhaven
    if location:
        location = places.city_of_district(location, text)
    title = _cased_elsewhere(text, clean_title(title)) if title else None
    if title and location:
        # "Store Manager - Chermside" over a "Chermside QLD 4032" line: the place is not the job.
        title = re.sub(
            rf"\s+[-\u2013\u2014]\s+{re.escape(location)}$", "", title, flags=re.IGNORECASE
        )
    return Header(title=title or None, company=company, location=location, zone=zone)


def _email_header(labels: list[tuple[str, str]], text: str, zone: str) -> Header:
    # A recruiter's mail: never the greeting, the first bullet or the agency as a field.
    subject = email_shape.subject_parts(labels)
    labelled = next((_title_of_line(v, [], text)[0] for k, v in labels if k in _TITLE_LABELS), None)
    title = (
        labelled
        or next((p for p in subject if _ROLE_WORDS.search(p) and len(p) < 60), None)
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
        or places.in_prose(text)
    )
    location = tidy_location(location) if location else None
    title = clean_title(title) if title else None
    return Header(title=title or None, company=company, location=location, zone=zone)


def _labels(text: str) -> list[tuple[str, str]]:
    found = []
    for line in text.split("\n")[:60]:
        match = _LABEL.match(line)
        if match:
            found.append((match.group("label").strip().lower(), match.group("value").strip(" *_")))
    return found


def _is_label(line: str) -> bool:
    match = _LABEL.match(line)
    known = _TITLE_LABELS | _COMPANY_LABELS | _LOCATION_LABELS
    return match is not None and match.group("label").strip().lower() in known


def _title(
    labels: list[tuple[str, str]], top: list[str], text: str, page_role: str | None = None
) -> tuple[str | None, str | None, list[str]]:
    for label, value in labels:
        if label in _TITLE_LABELS:
            labelled, _ = _title_of_line(value, [], text)
            return labelled or None, None, []
    candidates = [
        line
        for line in top
        if not _LABEL.match(line) and not _sentence(line) and not line.startswith("- ")
    ]
    # The page's heading repeats the role its document title names first.
    heading = next((c for c in top if page_role and _strip(c) == page_role), None)
    if heading is None and not candidates:
        return None, None, []
    line = heading or next((c for c in candidates if _ROLE_WORDS.search(c)), candidates[0])
    parts = _parts(_strip(line))
    if len(parts) >= 3 and not _ROLE_WORDS.search(parts[0][0]):
        # "Acme (YC W22) | Platform Engineer | Remote | Full-time": the HN header line.
        named = next((p for p, _ in parts[1:] if _ROLE_WORDS.search(p)), None)
        if named:
            return named, line, [p for p, _ in parts if p != named]
    title, rest = _title_of_line(line, top, text)
    return places.drop_mode_aside(title) or None, line, rest


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
            or places.mode_words(core)
            or bool(_PAY.search(core))
            or places.clearly_place(part)
            or _own_line(part, top, line)
            or _named_as_org(part, text)
            or org_names.reads_as_business(part)
        ):
            rest = [p for p, _ in parts[index:]]
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
    org, heard_place = _org_and_place(rest)
    if org and not org[0].islower():
        # "Ferrowave (YC W22)": the aside is not part of the name.
        return _cased_elsewhere(text, _TRAILING_ASIDE.sub("", org) or org), heard_place
    if title_line in top:
        # A Workday copy: the company's line, then "Careers Home" and "Sign In", then the title.
        above = [_strip(line) for line in top[: top.index(title_line)]]
        named = next((line for line in reversed(above) if page_lines.name_line(line)), None)
        if named:
            return named, heard_place
    after_title = top[top.index(title_line) + 1 :] if title_line in top else top
    for line in after_title[:2]:
        if _LABEL.match(line) or _sentence(line):
            continue
        org, place = places.split_org_place(_strip(line))
        if (
            org
            and org[0].isalpha()
            and not _SAYS_SOMETHING.search(org)
            and (not _ROLE_WORDS.search(org) or text.count(org) > 1 or place)
        ):
            return org, place or heard_place
    return None, heard_place


def _org_and_place(rest: list[str]) -> tuple[str | None, str | None]:
    # What follows the title on its line: "Acme · Reno, NV", "Leicester & surrounding - £40k".
    if not rest:
        return None, None
    first = rest[0]
    org: str | None = first
    if (
        places.mode_words(first)
        or places.clearly_place(first)
        or places.without_area_tail(first) != first
        or _TERMS_OR_PAY.search(first)
    ):
        org = None
    place = None
    for index, part in enumerate(rest):
        candidate = places.without_area_tail(places.drop_mode_aside(part))
        if (
            index == 0
            and org is None
            and (places.clearly_place(candidate) or candidate != places.drop_mode_aside(part))
        ):
            return None, candidate
        if index > 0 and places.looks_like_place(candidate):
            place = candidate
            break
    return org, place


def _labelled_company(labels: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    for label, value in labels:
        if label in _COMPANY_LABELS:
            return places.split_org_place(value)
    return None, None


def _labelled_location(labels: list[tuple[str, str]]) -> str | None:
    for label, value in labels:
        if label in _LOCATION_LABELS and value.strip(" .").lower() not in _MODE_VALUES:
            place = places.drop_mode_aside(value)
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
    for line in top:
        if line == title_line or _LABEL.match(line):
            continue
        stripped = _strip(line)
        if stripped.lower().startswith("remote"):
            return stripped
        # "San Francisco, CA / Product / Full-time": a Lever meta line.
        pieces = [p for meta in _meta_pieces(stripped) for p, _ in _parts(meta)]
        for part in pieces:
            place = places.drop_mode_aside(part)
            if place and place != company and places.looks_like_place(place):
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


def _about_name(text: str) -> str | None:
    # "About Quillpay" as a section header names the employer.
    return next(
        (name for line in text.split("\n")[:80] if (name := about_name(line)) and len(name) < 40),
        None,
    )


def _company_from_prose(text: str) -> str | None:
    for prose in _COMPANY_PROSE.finditer(text):
        if prose.group("name").split()[0] not in _NOT_NAMES:
            return prose.group("name")
    return None


def _opening_name(text: str) -> str | None:
    # "Pantrybird delivers weekly meal kits ...": the first paragraph opens with the employer.
    first = next((line for line in text.split("\n") if _sentence(line)), "")
    found = _OPENING.match(first)
    if found is None or found.group("name").split()[0] in _NOT_NAMES:
        return None
    return None if _ROLE_WORDS.search(found.group("name")) else found.group("name")


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


def _cased_elsewhere(text: str, name: str) -> str:
    # "SOUS CHEF \u2013 THE LANTERN HOUSE": prefer the body's "The Lantern House".
    if not name.isupper():
        return name
    later = re.search(re.escape(name), text[text.find(name) + len(name) :], re.IGNORECASE)
    return later.group(0) if later and not later.group(0).isupper() else name


def _sentence(line: str) -> bool:
    if line.count(" | ") >= 2:
        return False  # "Acme | Platform Engineer | Remote | Full-time | $120k": a header line
    return len(line) > 100 or (line.rstrip().endswith(".") and len(line.split()) > 6)


def _strip(line: str) -> str:
    return line.strip(_DECORATION)
