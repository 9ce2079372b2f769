"""The company a header names: on the title's line, on the line under it, or after a label."""

from __future__ import annotations

import re

from resumecore.postings import company_prose, org_names, page_lines, places
from resumecore.postings.city_tidy import tidy_location
from resumecore.postings.header_labels import COMPANY_LABELS, is_label_line, names_role
from resumecore.postings.line_parts import (
    BULLET,
    PAY,
    TERMS_OR_PAY,
    TRAILING_ASIDE,
    strip_decoration,
)
from resumecore.postings.named_parts import named_as_org, named_town
from resumecore.postings.place_line import gazetteer_knows

_DESCRIPTION = re.compile(r"\s*\([^()]*\b[a-z]{4,}\b[^()]*\)$")
# "Engineering · Berlin · Full-time": a Lever meta line leads with the department.
_DEPARTMENT = re.compile(
    r"(?i:engineering|sales|marketing|operations|product|design|finance|people|hr|legal|"
    r"customer success|customer support|support|data|it|research|r&d|manufacturing|"
    r"logistics|administration|nursing|clinical|education|hospitality|retail)"
    r"(?: (?i:department|team|dept\.?))?"
)
_JOINED = re.compile(r"\s(?:&|and|\+)\s")


def company_line(
    top: list[str], title_line: str | None, rest: list[str], text: str
) -> tuple[str | None, str | None]:
    """The company and place the header lines around the title name."""
    org, heard_place = org_and_place(rest, text)
    if org and not org_names.has_legal_form(org) and (below := _legal_name_below(top, title_line)):
        # "Clinical Team Lead - Respiratory Outpatient Clinic" over "Bristol Community Health
        # CIC": the title's aside names the unit, the legal name under it the employer.
        return below
    if org and not org[0].islower():
        # "Ferrowave (YC W22)": the aside is not part of the name.
        return company_prose.cased_elsewhere(text, TRAILING_ASIDE.sub("", org) or org), heard_place
    if title_line in top:
        # A Workday copy: the company's line, then "Careers Home" and "Sign In", then the title.
        above = [strip_decoration(line) for line in top[: top.index(title_line)]]
        named = next((line for line in reversed(above) if page_lines.name_line(line)), None)
        if named:
            return named, heard_place
    after_title = top[top.index(title_line) + 1 :] if title_line in top else top
    for index, line in enumerate(after_title[:2]):
        if is_label_line(line) or page_lines.is_sentence(line) or BULLET.match(line):
            continue
        org, place = places.split_org_place(strip_decoration(line))
        # "Swiftline Couriers" over "Newark, NJ": a name with a role word in it, above the place.
        above_place = index + 1 < len(after_title) and places.clearly_place(
            strip_decoration(after_title[index + 1])
        )
        if (
            org
            and org[0].isalpha()
            and not company_prose.SAYS_SOMETHING.search(org)
            # "Greater Manchester Area", "Hamburg-Altona" under the title: a known town's line.
            and not _town_line(org)
            and not _DEPARTMENT.fullmatch(org)
            # A role search is costly: it comes after what a place already settles.
            and (
                place
                or above_place
                or not names_role(org)
                or text.count(org) > 1
                or org_names.has_legal_form(org)
            )
        ):
            return org, place or heard_place
    return None, heard_place


def org_and_place(rest: list[str], text: str = "") -> tuple[str | None, str | None]:
    """What follows the title on its line: "Acme · Reno, NV", "Leicester & surrounding - £40k"."""
    if not rest:
        return None, None
    first = rest[0]
    org: str | None = first
    town = _town_in_headline(rest, text)
    if (
        places.mode_words(first)
        or places.clearly_place(first)
        or places.without_area_tail(first) != first
        or TERMS_OR_PAY.search(first)
        or town
        or named_town(first, text)
        or _DEPARTMENT.fullmatch(first)
    ):
        org = None
    place = None
    for index, part in enumerate(rest):
        candidate = places.without_area_tail(places.drop_mode_aside(part))
        if (
            index == 0
            and org is None
            and (
                town
                or places.clearly_place(candidate)
                or candidate != places.drop_mode_aside(part)
                or named_town(candidate, text)
                or gazetteer_knows(candidate)
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
        and all(TERMS_OR_PAY.search(part) or places.mode_words(part) for part in rest[1:])
        and not any(
            places.looks_like_place(places.drop_mode_aside(part)) and not TERMS_OR_PAY.search(part)
            for part in rest[1:]
        )
        and any(PAY.search(part) for part in rest[1:])
        and len(first.split()) <= 2
        and places.looks_like_place(places.drop_mode_aside(first))
        and not org_names.reads_as_business(first)
        and not named_as_org(first, text)
    )


def labelled_company(labels: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The company (and a place written with it) after a ``Company:`` label."""
    for label, value in labels:
        if label in COMPANY_LABELS:
            org, place = places.split_org_place(value)
            # "Thamesgate Insurance Group (Lloyd's market specialty insurer)": a description.
            described = _DESCRIPTION.search(org) if org else None
            return (org[: described.start()] if org and described else org), place
    return None, None


def _legal_name_below(top: list[str], title_line: str | None) -> tuple[str, str | None] | None:
    """The line right under the title when it is a name with its legal form, and its place."""
    below = top.index(title_line) + 1 if title_line in top else len(top)
    if below >= len(top):
        return None
    line = top[below]
    if is_label_line(line) or page_lines.is_sentence(line) or BULLET.match(line):
        return None
    org, place = places.split_org_place(strip_decoration(line))
    return (org, place) if org and org_names.has_legal_form(org) else None


def _town_line(org: str) -> bool:
    # "Greater Manchester Area", "Hamburg-Altona": a known town, with no "& Sons" after it.
    return (
        not org_names.has_legal_form(org)
        and not _JOINED.search(org)
        and gazetteer_knows(tidy_location(org))
    )
