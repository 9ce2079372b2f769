"""Header lines of a copied careers page: its <title> line, breadcrumbs, the company line.

A careers page's document title reads "Role | Careers | Company" or "Role | Careers at Company";
it names the company but is not where the title is read (the page's heading is). Board copies
(Ashby, Glassdoor, Greenhouse, Lever) put the company on a line of its own above the title.
"""

from __future__ import annotations

import re

from resumecore.postings import places
from resumecore.postings.header_labels import names_role
from resumecore.postings.section_headers import header_kind

_PARTS = re.compile(r"\s+(?:\||·|•|—|\u2013|-)\s+")
_CAREERS = re.compile(
    r"^(?:careers?|jobs?|karriere|stellenangebote|stellen|vacatures|vacancies|emplois|empleo|"
    r"open positions|join us|work with us|(?:current |job )?(?:openings|opportunities))"
    r"(?: (?:at|bei|chez|en|@|with) (?P<org>.+))?$",
    re.IGNORECASE,
)
# "Join Fernhill Bakery - Head Baker": the page invites to the company.
_JOIN = re.compile(r"^join (?!us\b|our\b|the\b|a\b)(?P<org>[A-Z][^|·•]{1,60})$", re.IGNORECASE)
_OWN_CAREERS = re.compile(
    r"^(?:welcome to )?(?P<org>[A-Z][^|·•]{2,60}?) "
    r"(?:careers|jobs|job bulletin|employment opportunities|karriere|stellenangebote|vacatures)$",
    re.IGNORECASE,
)
_LOGO = re.compile(r"^(?:logo (?:for|of) (.{2,60})|(.{2,60}?) logo)$", re.IGNORECASE)
# "Home / Jobs / Engineering / Platform Engineer": a trail written with slashes.
_SLASH_TRAIL = re.compile(
    r"^(?:home|start|startseite|accueil|inicio|jobs|careers|karriere)\s*/\s*.+\s/\s", re.I
)
_BREADCRUMB = re.compile(r"[\u203a\u00bb>].*\s[\u203a\u00bb>]\s")
_NOT_A_NAME = re.compile(
    r"[\d$€£¥₹:!?%@]|\b(?:apply|hiring|we|our|you|your|the role|about|overview|"
    r"open positions|careers?|jobs?|karriere|vacatures|vacancies|department|team|opportunities|"
    r"openings|positions|human resources|details|vacancy|vacature|stellenangebot)\b|"
    r"\s[|\u2013\u2014]\s",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 6
_MENU = frozenset({"home", "about", "about us", "contact", "contact us", "jobs", "careers", "news"})


def page_title_company(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is a page's document title, and the company it names.

    ``"CNC Machinist | Careers | Halbach"`` -> ``(True, "Halbach")``;
    ``"ML Engineer | Careers at Helioscope Energy"`` -> ``(True, "Helioscope Energy")``.
    """
    parts = [p.strip() for p in _PARTS.split(line.strip()) if p.strip()]
    named = _own_or_joined(parts)
    if named:
        return True, named
    lead = _CAREERS.match(parts[0]) if parts else None
    if lead and (lead.group("org") or len(parts) >= 2):
        # "Jobs at Parcelwise" (an Ashby page's first line); "Vacancies - Role - School";
        # "Careers - Bakery Supervisor" names no company.
        org = lead.group("org") or (parts[-1] if len(parts) >= 3 else None)
        if org is None and not names_role(parts[1]):
            org = parts[1]  # "Careers | Acme Health"
        return True, org.strip() if org else None
    for index, part in enumerate(parts[1:], start=1):
        careers = _CAREERS.match(part)
        if careers is None:
            continue
        if careers.group("org"):
            return True, careers.group("org").strip()
        if index + 1 < len(parts):
            return True, parts[index + 1]
        # "Harbour Dental | Careers": the name before the careers part, unless it is a role.
        before = parts[index - 1]
        return True, before if index == 1 and name_line(before) and not names_role(before) else None
    return False, None


def _own_or_joined(parts: list[str]) -> str | None:
    # "Tulare County Careers", "Dental Nurse - Harbour Dental Careers": the last part names the
    # county's or company's own jobs page; "Join Fernhill Bakery - Head Baker" the first.
    own = _OWN_CAREERS.match(parts[-1]) if parts else None
    if own and len(own.group("org").split()) >= 2 and name_line(own.group("org")):
        return own.group("org")
    joined = _JOIN.match(parts[0]) if len(parts) >= 2 else None
    return joined.group("org").strip() if joined and joined.group("org")[0].isupper() else None


def logo_name(line: str) -> str | None:
    """``"Logo for Halcyon Bio"``, ``"Halcyon Bio logo"``: an image caption names the company."""
    found = _LOGO.match(line.strip())
    return (found.group(1) or found.group(2)).strip() if found else None


def page_title_role(line: str) -> str | None:
    """The role a page's document title names first: "CNC Machinist | Careers | Halbach".

    Everything before the careers part: "Band 6 Midwife - Integrated Community & Hospital |
    Jobs | North Thames NHS Trust" names the role with its specialisation.
    """
    parts = [p.strip() for p in _PARTS.split(line.strip()) if p.strip()]
    if len(parts) >= 2 and _JOIN.match(parts[0]):
        return parts[1]
    if parts and _CAREERS.match(parts[0]) and len(parts) >= 2:
        # "Careers - Bakery Supervisor", "Vacancies - Role - School"; not "Careers | Acme".
        return parts[1] if len(parts) >= 3 or names_role(parts[1]) else None
    careers = next((i for i, p in enumerate(parts) if i > 1 and _CAREERS.match(p)), None)
    if careers is not None:
        separators = list(_PARTS.finditer(line.strip()))
        return line.strip()[: separators[careers - 1].start()]
    return parts[0] if len(parts) >= 2 else None


def is_breadcrumb(line: str) -> bool:
    """``"Careers > Production > Neu-Ulm"``: a page's trail of links, not about the job."""
    if len(line) >= 100 or line.endswith("."):
        return False
    # Each pattern needs its marks: most lines have none, and no pattern runs.
    if ("/" in line and _SLASH_TRAIL.match(line)) or (
        ("\u203a" in line or "\u00bb" in line or ">" in line) and _BREADCRUMB.search(line)
    ):
        return True
    # "Home | Parents | About Us | Vacancies | Contact": a site's menu is a trail of links too.
    items = line.split(" | ")
    return len(items) >= 4 and not _MENU.isdisjoint(p.strip().lower() for p in items)


def name_line(line: str) -> bool:
    """A line that can be a company's name on its own: a few words, no money, no sentence."""
    words = line.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and line[0].isupper()
        and not _NOT_A_NAME.search(line)
        and header_kind(line) is None
        and not places.mode_words(line)
        and not places.clearly_place(line)
        and not is_breadcrumb(line)
    )


def is_sentence(line: str) -> bool:
    """A line of prose, not a header line: long, or a sentence ending in a full stop."""
    if line.count(" | ") >= 2:
        return False  # "Acme | Platform Engineer | Remote | Full-time | $120k": a header line
    return len(line) > 100 or (line.rstrip().endswith(".") and len(line.split()) > 6)
