"""Section header phrases in the styles postings use, in English, German, French and Spanish."""

from __future__ import annotations

import re
from typing import Literal

from resumecore.postings.lowered_match import LoweredPattern, lowered

SectionKind = Literal["requirements", "nice_to_have", "responsibilities", "benefits", "other"]

_PHRASES: dict[SectionKind, str] = {
    "requirements": (
        "requirements | qualifications | requirements and qualifications | qualifications and "
        "requirements | skills and experience | experience and skills | skills and qualifications "
        "| what you'll bring | what you bring | what you will bring | what we're looking for | "
        "what we are looking for | who we're looking for | who we are looking for | what you need "
        "| what you'll need | what you will need | what you need to succeed | what you need to "
        "have | you'll need | you will need | you need | you have | you'll have | you will have | "
        "you should have | about you | who you are | your profile | profile | the ideal candidate "
        "| ideal candidate | must have | must haves | must-haves | essential | essential criteria "
        "| essential skills | person specification | key skills | skills | your skills | your "
        "experience | experience | what we need from you | you bring | you'll bring | candidate "
        "requirements | job requirements | what it takes | requirements for the role | "
        "anforderungen | ihr profil | dein profil | das bringst du mit | was du mitbringst | was "
        "sie mitbringen | das bringen sie mit | qualifikationen | profil recherché | votre profil "
        "| profil | compétences requises | prérequis | qualifications requises | requisitos | "
        "perfil | lo que buscamos | qué buscamos | requisitos mínimos"
    ),
    "nice_to_have": (
        "nice to have | nice to haves | bonus | bonus points | bonus if you have | preferred | "
        "preferred qualifications | preferred skills | preferred experience | desirable | "
        "desirable skills | desirable criteria | desired | desired skills | desired "
        "qualifications | pluses | it's a plus | plus | good to have | extra credit | would be "
        "great | it would be great if you also have | it would be great if you have | even better "
        "if | even better if you have | ideally | ideally you have | additional qualifications | "
        "optional | bonus skills | nice-to-haves | wünschenswert | von vorteil | pluspunkte | un "
        "plus | atouts | les plus | serait un plus | se valorará | valorable | deseable | será un "
        "plus | se valora"
    ),
    "responsibilities": (
        "responsibilities | key responsibilities | your responsibilities | main responsibilities "
        "| duties | key duties | main duties | main duties of the job | duties and "
        "responsibilities | responsibilities and duties | what you'll do | what you will do | "
        "what you'll be doing | what you will be doing | what you'll work on | what you will work "
        "on | the role | your role | role | in this role | in this role you will | day to day | "
        "your day to day | you will | you'll | the job | the work | scope of work | your mission "
        "| the opportunity | your impact | what you'll achieve | job description | description "
        "| role description | ihre aufgaben | deine aufgaben | aufgaben | ihr aufgabengebiet | "
        "was dich erwartet | vos missions | missions | vos responsabilités | responsabilités | "
        "le poste | funciones | responsabilidades | tus funciones | qué harás"
    ),
    "benefits": (
        "benefits | perks | perks and benefits | benefits and perks | what we offer | we offer | "
        "what's in it for you | why join us | why you'll love working here | compensation and "
        "benefits | our offer | what you'll get | what you get | rewards | total rewards | the "
        "package | wir bieten | was wir bieten | unser angebot | avantages | ce que nous offrons "
        "| nous offrons | pourquoi nous rejoindre | ofrecemos | qué ofrecemos | beneficios"
    ),
    "other": (
        "about us | about the company | who we are | our company | the company | company | about "
        "the job | how to apply | application process | interview process | equal opportunity | "
        "equal opportunity employer | eeo statement | diversity | privacy | compensation | salary "
        "| pay | our stack | tech stack | location | schedule | how we work | about the team | "
        "the team | team | full job description | über uns | qui sommes-nous | qui sommes nous | "
        "sobre nosotros | "
        "quiénes somos | hours | about the role | overview | summary | job summary | position "
        "summary"
    ),
}
_PREFIX_WORDS = (
    "key",
    "main",
    "minimum",
    "basic",
    "required",
    "essential",
    "your",
    "the",
    "our",
    "job",
    "role",
    "core",
)
_PREFIX = rf"(?:(?:{'|'.join(_PREFIX_WORDS)})\s+)?"
_SUFFIX = r"(?:\s+(?:and|&)\s+\w+)?"


def _key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("\u2019", "'").split())


_KIND_OF = {
    _key(phrase): kind for kind, phrases in _PHRASES.items() for phrase in phrases.split(" | ")
}
_ALTERNATION = "|".join(
    re.escape(p).replace(r"\ ", r"[\s-]+") for p in sorted(_KIND_OF, key=len, reverse=True)
)
_HEADER = LoweredPattern(
    re.compile(rf"{_PREFIX}(?P<phrase>{_ALTERNATION}){_SUFFIX}", re.IGNORECASE)
)
# A header opens with a prefix word or a phrase's first word, then a space, a hyphen or its end:
# a lower-cased line whose first word is none of these is no header (tests compare with the
# pattern alone).
_FIRST_WORDS = frozenset([*_PREFIX_WORDS, *(key.split(" ")[0] for key in _KIND_OF)])
_ABOUT = re.compile(r"(?:about|über|à propos de|acerca de)\s+(?P<name>[^\s].{1,60})", re.IGNORECASE)
_DECORATION = " \t#*_=~|>:-\u2013—.!?✨🚀💡🎯📌🔹🔸👉⭐🌟💼🧰🎁💰🛠️🤝"
MAX_HEADER_LENGTH = 70


def header_kind(line: str) -> tuple[SectionKind, str] | None:
    """The section a header line opens, with whatever follows a colon on the same line.

    Args:
        line: One line of normalised text.

    Returns:
        ``(kind, rest)``, where ``rest`` is text after ``Header:`` (empty for a bare header);
        ``None`` if the line is not a header.
    """
    head, colon, rest = line.partition(":")
    if colon and rest.strip(_DECORATION) and len(head) <= 40:
        kind = _match(head)
        return (kind, rest) if kind else None
    if len(line) > MAX_HEADER_LENGTH:
        return None
    kind = _match(line)
    if kind is None and _ABOUT.fullmatch(_strip(line)) and not line.rstrip().endswith("."):
        kind = "other"
    return (kind, "") if kind else None


_BOILERPLATE_PHRASES = (
    "about us | about the company | who we are | our company | the company | company | "
    "how to apply | application process | interview process | equal opportunity | "
    "equal opportunity employer | eeo statement | diversity | privacy | über uns | "
    "qui sommes-nous | qui sommes nous | sobre nosotros | quiénes somos | our story | "
    "our mission | our values | life at | why work with us | why work here | "
    "diversity and inclusion | diversity, equity and inclusion | accommodations | "
    "other openings | other jobs | more jobs | similar jobs | related jobs | open positions | "
    "current openings | other vacancies | more openings | weitere stellen | see all jobs"
)
_BOILERPLATE = frozenset(_key(p) for p in _BOILERPLATE_PHRASES.split(" | "))


def opens_boilerplate(line: str, header: tuple[SectionKind, str] | None) -> bool:
    """Whether a line opens company self-description, benefits, EEO or application text.

    Args:
        line: One line of normalised text.
        header: What ``header_kind`` said of that line.
    """
    if header is None:
        return len(line) < 40 and _key(_strip(line).rstrip(":")) in _BOILERPLATE
    kind, rest = header
    if rest.strip():
        return False
    return (
        kind == "benefits"
        or (kind == "other" and _key(_strip(line).rstrip(":")) in _BOILERPLATE)
        or about_name(line) is not None
    )


def about_name(line: str) -> str | None:
    """``Acme`` from an ``About Acme`` header, if the header names something."""
    found = _ABOUT.fullmatch(_strip(line))
    if not found:
        return None
    name = found.group("name").strip()
    if _match(line) or name.lower().split()[0] in {"the", "you", "us", "this", "our", "your"}:
        return None
    return name


def _match(text: str) -> SectionKind | None:
    line = _strip(text).replace("\u2019", "'")
    low = lowered(line)
    if low is not None and _first_word(low) not in _FIRST_WORDS:
        return None  # most lines: no header's first word, no pattern run
    phrase = _HEADER.lowered_fullmatch_span(line, low, "phrase")
    return _KIND_OF.get(_key(line[phrase[0] : phrase[1]])) if phrase else None


def _first_word(low: str) -> str:
    # What comes before the first space or hyphen (\s and str.split agree on what a space is).
    words = low.split(None, 1)
    return words[0].partition("-")[0] if words else ""


def _strip(text: str) -> str:
    return text.strip(_DECORATION).strip()
