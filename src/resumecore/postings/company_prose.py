"""The employer named in a posting's prose: "Acme is hiring", "About Acme", "Acme builds ..."."""

from __future__ import annotations

import re

from resumecore.postings.any_case import find_any_case
from resumecore.postings.header_labels import names_role
from resumecore.postings.page_lines import is_sentence
from resumecore.postings.section_headers import about_name

_COMPANY_PROSE = re.compile(
    r"(?:^|\n|\. )(?:At |Join )?(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|[A-Z][\w&.'\u2019-]*)){0,4}"
    # "Umhlanga Foods (Pty) Ltd is a ...": a legal form in brackets is part of the name.
    r"(?: \((?:Pty|Pvt|Private)\) (?:Ltd|Limited)\.?)?)"
    r"(?: is (?:hiring|looking|a |an |the |seeking|recruiting|building|growing|expanding|"
    r"creating|developing|reinventing|transforming|on a mission)|,? we\b)"
)
_OPENING = re.compile(
    # "Loaves & Co. builds ...": a name may end in "Co." or "Inc.".
    r"(?P<name>[A-Z][\w&'\u2019-]*(?: (?:&|[A-Z][\w&'\u2019-]*)){0,3}(?:\.(?= ))?) [a-z]{3,}s\b"
)
# "Trove is hiring!", "Warehouse in Fontana CA", "Join our team.": a line that says something
# is not a name.
SAYS_SOMETHING = re.compile(
    r"\s(?:is|are|was|has|have|we|will|in|near)\s|[!?]$|"
    r"^(?i:join|apply|help|come|become|build|grow|make|send|email|e-mail|call|text|submit|"
    r"contact|visit)\s|\s(?i:our|your|you)\b|\S@\S|"
    r"^(?i:cheers|thanks|many thanks|best|(?:kind |warm |best )?regards|sincerely)\b|"
    # "We build robots.": a short sentence in the first person, under the title.
    r"^(?:We|You|I)\s.*\.$"
)
# A mail's sign-off: "Cheers,", "Kind regards".
SIGN_OFF = re.compile(
    r"^(?i:cheers|thanks|many thanks|best|best wishes|(?:kind |warm |best )?regards|sincerely)"
    r"[,!.]?$"
)
# Words a sentence opens with that are no company's name.
_NOT_NAMES = re.compile(
    r"(?:This|That|It|There|Here|He|She|They|We|You|What|Who|Which|Each|Every|Our|Your|The|A|An|"
    r"Most|Many|Some|All|Applicants|Candidates?|Patients|Customers|Members|Position|Role|Job|"
    r"Duties|Responsibilities|Work|Shift|Pay|Salary|Team|Company|Department|Everyone|Training|"
    r"Experience|Benefits|Compensation|Schedule|Location|Hours|Note|Please|Apply)"
)

# The document a posting was copied from, named with its organisation on the first line:
# "NOVA SHORE HEALTH — STAFF BULLETIN", "Acme Co. - Position outline (copy from PDF)",
# "[Copied from the HR newsletter of Groupe Vélorail]".
_DOCUMENT = (
    r"(?:(?:staff|internal|hr|rh|members'?|team|company) )?(?:bulletin|newsletter|noticeboard|"
    r"notice board|position (?:outline|description)|job (?:description|profile|advert)|"
    r"role profile|vacancy notice|tablón de anuncios|intranet)"
)
_ORG_THEN_DOCUMENT = re.compile(
    rf"^[\[(]?(?P<org>[A-Z][^\n\[\]()|:]{{2,60}}?)\s+[-\u2013\u2014|:]\s+(?i:{_DOCUMENT})\b"
)
_DOCUMENT_OF = re.compile(
    rf"\b(?i:{_DOCUMENT})(?: (?i:rh|hr))? (?:of|de|du|from|at|der|des) "
    r"(?P<org>[A-Z][\w&'.-]*(?: (?:&|[A-Z][\w&'.-]*)){0,4})"
)


def document_owner(text: str) -> str | None:
    """The organisation whose bulletin, newsletter or position outline the first line names."""
    first = next((line for line in text.split("\n") if line.strip()), "").strip()
    found = _ORG_THEN_DOCUMENT.match(first) or _DOCUMENT_OF.search(first)
    return cased_elsewhere(text, found.group("org").strip(" .,")) if found else None


def name_in_about(text: str) -> str | None:
    """``Quillpay`` from an "About Quillpay" section header."""
    return next(
        (
            name
            for line in text.split("\n", 80)[:80]
            if (name := about_name(line)) and len(name) < 40
        ),
        None,
    )


def name_in_prose(text: str) -> str | None:
    """``Acme`` from "Acme is hiring", "At Acme, we ..." ("This is a ..." names nothing)."""
    for prose in _COMPANY_PROSE.finditer(text):
        if not _NOT_NAMES.fullmatch(prose.group("name").split()[0]):
            return prose.group("name")
    return None


def opening_name(text: str) -> str | None:
    """``Pantrybird`` from a first paragraph opening "Pantrybird delivers weekly meal kits"."""
    first = next((line for line in text.split("\n") if is_sentence(line)), "")
    found = _OPENING.match(first)
    if found is None or _NOT_NAMES.fullmatch(found.group("name").split()[0]):
        return None
    return None if names_role(found.group("name")) else found.group("name")


def cased_elsewhere(text: str, name: str) -> str:
    """An all-caps name as the body writes it: "THE LANTERN HOUSE" -> "The Lantern House"."""
    if not name.isupper():
        return name
    start = text.find(name) + len(name)
    at = find_any_case(name, text, start)
    if at is None:
        later = re.search(re.escape(name), text[start:], re.IGNORECASE)
        found = later.group(0) if later else None
    else:
        found = text[at : at + len(name)] if at >= 0 else None
    return found if found is not None and not found.isupper() else name


# "© 2026 Donau Data GmbH. All rights reserved.", "Copyright © 2025 Blue Heron Bistro LLC".
_COPYRIGHT = re.compile(
    r"(?:©|\((?i:c)\)|(?i:copyright))\s*(?:©\s*)?(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s+)?"
    r"(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|[A-Z][\w&.'\u2019-]*|\((?:Pty|Pvt)\))){0,5})"
)


def copyright_owner(text: str) -> str | None:
    """``Donau Data GmbH`` from a page's "© 2026 Donau Data GmbH. All rights reserved." line."""
    for found in _COPYRIGHT.finditer(text):
        name = found.group("name").split(". ", 1)[0].rstrip(".")
        if name.split()[0] not in {"All", "Copyright"} and not _NOT_NAMES.fullmatch(
            name.split()[0]
        ):
            return name
    return None
