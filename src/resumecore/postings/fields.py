"""Title, company and location: from labels ("Company: X"), the first lines, or the prose.

The title is read in ``title_line``, the company on the header lines in ``company_line``, a
place on them in ``place_line``; this module puts the header together and settles the city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from resumecore.postings import company_prose, email_shape, page_lines, place_prose, places
from resumecore.postings.addresses import address_block, address_town
from resumecore.postings.city_tidy import tidy_location
from resumecore.postings.company_line import company_line, labelled_company, org_and_place
from resumecore.postings.header_labels import (
    TITLE_LABELS,
    is_known_label,
    label_pairs,
    names_role,
)
from resumecore.postings.header_noise import is_header_noise
from resumecore.postings.line_parts import TRAILING_ASIDE
from resumecore.postings.lowered_match import lowered
from resumecore.postings.place_line import labelled_location, place_line
from resumecore.postings.section_headers import header_kind
from resumecore.postings.title_cleanup import clean_title
from resumecore.postings.title_line import find_title, hn_header, title_of_line
from resumecore.postings.town_names import known_town

_TOP_LINES = 8
_DASH = re.compile(r"[-\u2013\u2014]")
_DASH_BEFORE_END = re.compile(r"\s+[-\u2013\u2014]\s+\Z")


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
                if line.strip() and not is_header_noise(line) and not page_lines.is_breadcrumb(line)
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
    title, title_line, rest = find_title(labels, top, text, page_role)
    org, org_place = company_line(top, title_line, rest, text)
    if title and title_line and hn_header(title_line, title):
        # "Acme | Data Engineer | SF or Remote | $150k": the company leads an HN header line.
        org = company_prose.cased_elsewhere(text, TRAILING_ASIDE.sub("", rest[0]) or rest[0])
        org_place = org_and_place(rest[1:])[1]
    label_org, label_place = labelled_company(labels)
    block_org, block_town = address_block(text)
    company = (
        label_org
        or company_prose.document_owner(text)
        or page_org
        or org
        or company_prose.name_in_about(text)
        or company_prose.name_in_prose(text)
        or block_org
        or company_prose.copyright_owner(text)
        or company_prose.opening_name(text)
    )
    line_place, sure = place_line(top, title_line or title, company)
    location = (
        labelled_location(labels)
        or label_place
        or org_place
        or (line_place if sure else None)
        or place_prose.in_prose(text)
        or address_town(text)
        or block_town
        or line_place
    )
    location = (location and place_prose.town_in_region(location, text)) or location
    location = _settle_city(location, text, company)
    title = company_prose.cased_elsewhere(text, clean_title(title)) if title else None
    if title and location:
        title = _without_place(title, location)
    return Header(title=title or None, company=company, location=location, zone=zone)


def _without_place(title: str, location: str) -> str:
    # "Store Manager - Chermside" over a "Chermside QLD 4032" line: the place is not the job.
    if not _DASH.search(title):
        return title  # no " - <place>" to cut (and no pattern compiled for this place)
    low_title, low_place = lowered(title), lowered(location)
    if low_title is None or low_place is None or title.endswith("\n") or not location:
        return re.sub(rf"\s+[-\u2013\u2014]\s+{re.escape(location)}$", "", title, flags=re.I)
    # Over the lower-cased copies the place ends the title or the pattern cannot match; what
    # comes before it is tried with one pattern for every place (none compiled per place).
    if not low_title.endswith(low_place):
        return title
    dash = _DASH_BEFORE_END.search(title, 0, len(title) - len(location))
    return title[: dash.start()] if dash else title


def _email_header(labels: list[tuple[str, str]], text: str, zone: str) -> Header:
    # A recruiter's mail: never the greeting, the first bullet or the agency as a field.
    subject = email_shape.subject_parts(labels)
    labelled = next((title_of_line(v, [], text)[0] for k, v in labels if k in TITLE_LABELS), None)
    title = (
        labelled
        or next((p for p in subject if names_role(p) and len(p) < 60), None)
        or email_shape.caps_title_line(text)
        or email_shape.prose_title(text)
    )
    if title and not labelled:
        title = email_shape.unabbreviated(title, text)
    company = (
        labelled_company(labels)[0]
        or email_shape.client_company(text)
        or email_shape.subject_employer(labels)
        or email_shape.subject_company(subject, title, text)
    )
    location = (
        labelled_location(labels)
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
    return known_town(place_prose.city_of_district(location, text)) if location else None
