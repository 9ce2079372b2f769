"""The title of a posting: a labelled title, the line that names a role, or an HN header."""

from __future__ import annotations

import re

from resumecore.postings import email_shape, org_names, page_lines, places
from resumecore.postings.header_labels import TITLE_LABELS, is_label_line, names_role
from resumecore.postings.line_parts import (
    BULLET,
    HARD_SEPARATORS,
    PAY,
    TERMS_OR_PAY,
    TRAILING_ASIDE,
    between,
    parts,
    strip_decoration,
)
from resumecore.postings.named_parts import named_as_org, named_town

# "Front Desk Agent - Evening Shift", "Caregiver - Weekend Shifts": when, not what.
_SCHEDULE = re.compile(
    r"(?:(?:evening|night|day|weekend|morning|overnight|swing|rotating|\d(?:st|nd|rd|th)|first|"
    r"second|third) )?(?:shifts?|nights?|weekends?|evenings?|days)|per diem|prn|"
    r"home (?:daily|weekly|weekends|nightly)|"
    # "2do turno", "turno vespertino", "Nachtschicht", "équipe de nuit".
    r"(?:\d\w{0,2}|primer|segundo|tercer) turno|turno \w+|(?:früh|spät|nacht)schicht|"
    r"équipe de (?:nuit|jour)",
    re.IGNORECASE,
)
# "Joiner - Join Tui Homes", "Nurse | Work with us": the page invites, the role is before it.
_INVITATION = re.compile(r"(?:join|work (?:at|with|for)|careers? (?:at|with))\s", re.IGNORECASE)


def find_title(
    labels: list[tuple[str, str]], top: list[str], text: str, page_role: str | None = None
) -> tuple[str | None, str | None, list[str]]:
    """The title, the line it came from and the pieces after it on that line."""
    for label, value in labels:
        if label in TITLE_LABELS:
            labelled, _ = title_of_line(value, [], text)
            return labelled or None, None, []
    candidates = [
        line
        for line in top
        if not (is_label_line(line) or page_lines.is_sentence(line) or line.startswith("- "))
    ]
    # The page's heading repeats the role its document title names first.
    page_roles = (page_role, parts(page_role)[0][0]) if page_role else ()
    heading = next(
        (c for c in top if strip_decoration(c) in page_roles and not BULLET.match(c)), None
    )
    # A heading is the title's line whatever the others name.
    named = None if heading else _role_line(candidates)
    if heading is None and named is None:
        # No line names a role ("Cheers," / "Mark" under a pasted mail): a sentence may.
        prose = email_shape.prose_title(text)
        if prose and names_role(prose):
            return prose, None, []
    if heading is None and not candidates:
        return None, None, []
    if heading and strip_decoration(heading) == page_role and len(parts(page_role)) > 1:
        # "Band 6 Midwife - Integrated Community & Hospital" as the document title names it
        # too: every piece is the role but a place, work mode or pay at its end.
        return _whole_heading(strip_decoration(heading)), heading, []
    line = heading or named or candidates[0]
    pieces = parts(strip_decoration(line))
    if len(pieces) >= 3 and not names_role(pieces[0][0]):
        # "Acme (YC W22) | Platform Engineer | Remote | Full-time": the HN header line.
        named = next((p for p, _ in pieces[1:] if names_role(p)), None)
        if named:
            return named, line, [p for p, _ in pieces if p != named]
    title, rest = title_of_line(line, top, text)
    return places.drop_mode_aside(title) or None, line, rest


def _role_line(candidates: list[str]) -> str | None:
    # "Blue Ridge Orthopaedic Associates" over "Physician Assistant": a firm's name has role
    # words too; a line that names a role and no business comes first, else the first that
    # names one. Lines after the one chosen are not read (a role search is costly).
    first = None
    for line in candidates:
        if names_role(line):
            if not org_names.reads_as_business(strip_decoration(line)):
                return line
            first = line if first is None else first
    return first


def _whole_heading(heading: str) -> str:
    pieces = [p for p, _ in parts(heading)]
    while len(pieces) > 1 and (
        places.mode_words(pieces[-1]) or places.clearly_place(pieces[-1]) or PAY.search(pieces[-1])
    ):
        pieces.pop()
    return heading[: heading.rfind(pieces[-1]) + len(pieces[-1])]


def hn_header(line: str, title: str) -> bool:
    """``"Acme | Data Engineer | SF or Remote | $150k"``: the company leads the line."""
    pieces = parts(strip_decoration(line))
    return (
        len(pieces) >= 3
        and pieces[0][0] != title
        and all(separator == "|" for _, separator in pieces[1:])
        and not names_role(pieces[0][0])
    )


def title_of_line(line: str, top: list[str], text: str) -> tuple[str, list[str]]:
    """The title a line starts with, and the pieces after it (company, place, terms)."""
    pieces = parts(strip_decoration(line))
    if len(pieces) >= 3 and any(
        TERMS_OR_PAY.search(p) or places.clearly_place(p) for p, _ in pieces[2:]
    ):
        # "WELDER / FABRICATOR - MIG & TIG - PERM - WELSHPOOL WA": a terse headline.
        return pieces[0][0], [p for p, _ in pieces[1:]]
    title = pieces[0][0]
    rest: list[str] = []
    for index, (part, separator) in enumerate(pieces[1:], start=1):
        # "Transportation (12-Month Temporary)": the aside is about terms, the part is the job.
        core = TRAILING_ASIDE.sub("", part) or part
        if (
            separator in HARD_SEPARATORS
            or part[0].islower()
            or _SCHEDULE.fullmatch(core)
            or places.mode_words(core)
            or bool(PAY.search(core))
            or places.clearly_place(part)
            or _own_line(part, top, line)
            or named_as_org(part, text)
            or org_names.reads_as_business(part)
            or _INVITATION.match(part)
            or named_town(core, text)
        ):
            rest = [p for p, _ in pieces[index:] if not _SCHEDULE.fullmatch(p)]
            break
        title = f"{title}{between(line, title, part)}{part}"
    return title, rest


def _own_line(part: str, top: list[str], title_line: str) -> bool:
    # "Title - Acme" where Acme also stands on the line below: Acme is the company. Further
    # down ("Certified Medical Assistant - Family Medicine" / company / "Family Medicine") the
    # line repeats the title's specialisation.
    key = part.lower()
    below = top[top.index(title_line) + 1 : top.index(title_line) + 2] if title_line in top else top
    return any(
        strip_decoration(line).lower() == key or parts(strip_decoration(line))[0][0].lower() == key
        for line in below
        if part not in line or strip_decoration(line).lower() == key
    )
