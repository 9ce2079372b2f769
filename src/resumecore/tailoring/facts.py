"""What a profile states, in forms the grounding verifier can compare claims against."""

from __future__ import annotations

import re
from collections.abc import Sequence

import msgspec

from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.items import item_skills, profile_items
from resumecore.tailoring.run_memo import remembered

NUMBER = re.compile(
    r"(?<![\w.\-/])([$€£]\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(\s?%|\s?percent\b|\s?(?:k|K|m|M|bn|million|billion|thousand)\b|\+?\s(?:years?|yrs?)\b)?"
    r"(?!\w|-\d|\.\d)"
)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_NAME = r"[A-Z][\w&'.\-]*[\w&]"
EMPLOYER_AFTER = re.compile(
    rf"\b(?i:at|joined|from|(?:worked|working|work)\s+for)\s+((?:the\s+)?{_NAME}(?:\s+(?:{_NAME}|&|of))*)"
)
EMPLOYER_SUFFIX = re.compile(
    rf"(?:{_NAME}\s+)+(?:Inc|Ltd|LLC|GmbH|plc|Corp|Corporation|Group|Labs|Bank|Hospital|Trust)\b"
)
TITLE_NOUNS = (
    "Engineer|Developer|Manager|Director|Nurse|Accountant|Analyst|Scientist|Designer|"
    "Consultant|Architect|Officer|Specialist|Assistant|Administrator|Technician|Intern|"
    "Coordinator|Physiotherapist|Controller|Auditor|Recruiter|Chef|President|Lead|Head"
)
TITLE = re.compile(rf"\b(?:[A-Z][\w/&\-]*\s+){{0,3}}(?:{TITLE_NOUNS})\b")
DEGREE = re.compile(
    r"\b(?:Ph\.?D|MBA|M\.?Sc|B\.?Sc|BEng|MEng|BSN|MSN|B\.A\.|M\.A\.|BA|MA|"
    r"Bachelor(?:'s)?|Master(?:'s)?|Doctorate|Associate(?:'s)? degree)\b"
)
_DEGREE_FAMILY = (
    ("doctorate", ("phd", "ph.d", "doctor")),
    ("master", ("master", "msc", "m.sc", "mba", "meng", "msn", "m.a.", "ma ")),
    ("bachelor", ("bachelor", "bsc", "b.sc", "beng", "bsn", "b.a.", "ba ")),
    ("associate", ("associate",)),
)


def degree_family(degree: str) -> str:
    """The level of a degree: doctorate, master, bachelor, associate, else the name folded."""
    folded = degree.casefold() + " "
    for family, marks in _DEGREE_FAMILY:
        if any(folded.startswith(mark) or f" {mark}" in folded for mark in marks):
            return family
    return folded.strip()


def number_value(match: re.Match[str]) -> tuple[float, str]:
    """``(value, unit)`` of a NUMBER match; unit is "%", "money", "years" or ""."""
    value = float(match.group(2).replace(",", ""))
    suffix = (match.group(3) or "").strip().casefold().rstrip("+ ")
    if suffix in {"%", "percent"}:
        return value, "%"
    if "year" in suffix or "yr" in suffix:
        return value, "years"
    value *= _SCALE.get(suffix, 1.0)
    return value, "money" if match.group(1) else ""


class Facts(msgspec.Struct, frozen=True, kw_only=True):
    """Numbers, years, names, titles, degree levels and skills the profile states."""

    numbers: frozenset[tuple[float, str]]
    plain_values: frozenset[float]
    years: frozenset[int]
    total_years: float
    names: tuple[str, ...]
    titles: tuple[frozenset[str], ...]
    degrees: frozenset[str]
    skills: frozenset[str]

    def knows_name(self, name: str) -> bool:
        """True when ``name`` is (part of) a known employer, school, issuer or project."""
        folded = name.casefold().removeprefix("the ")
        return any(folded in known or known in folded for known in self.names if known)

    def knows_title(self, title: str) -> bool:
        """True when every word of ``title`` appears in one role title of the profile."""
        words = frozenset(title.casefold().split())
        return any(words <= known for known in self.titles)


def profile_facts(
    profile: Profile, vocabulary: SkillVocabulary, allowed: Sequence[str] = ()
) -> Facts:
    """The facts of ``profile`` plus those of the ``allowed`` strings."""
    at = profile.updated_at
    items = profile_items(profile, at.year * 12 + at.month - 1)
    texts = [item.text for item in items] + [profile.professional_summary or "", *allowed]
    numbers = {number_value(m) for text in texts for m in NUMBER.finditer(text)}
    years: set[int] = set()
    dates: list[tuple[str | None, str | None]] = [
        (e.start_date, e.end_date or (at.date().isoformat() if e.is_current else None))
        for e in profile.experiences
    ]
    dates += [(e.start_date, e.end_date) for e in profile.education]
    dates += [(p.start_date, p.end_date) for p in profile.projects]
    dates += [(c.date_obtained, c.expiry_date) for c in profile.skills.certifications]
    for first, last in dates:
        span = [int(d[:4]) for d in (first, last) if d]
        if span:
            years.update(range(min(span), min(max(span), 2030) + 1))
    years.update(int(v) for v, unit in numbers if unit == "" and 1900 <= v <= 2100)
    months = sum(item.tenure for item in items if item.kind == "experience")
    names = [e.company for e in profile.experiences] + [e.institution for e in profile.education]
    names += [c.issuer or "" for c in profile.skills.certifications] + [
        c.name for c in profile.skills.certifications
    ]
    names += [p.name for p in profile.projects] + [e.location or "" for e in profile.experiences]
    names += [profile.personal_info.full_name, profile.personal_info.location or "", *allowed]
    titles = [e.title for e in profile.experiences] + list(allowed)
    return Facts(
        numbers=frozenset(numbers),
        plain_values=frozenset(v for v, _ in numbers),
        years=frozenset(years),
        total_years=round(months / 12 + 0.5),
        names=tuple(n.casefold() for n in names if n),
        titles=tuple(frozenset(t.casefold().replace(",", " ").split()) for t in titles),
        degrees=frozenset(degree_family(e.degree) for e in profile.education),
        skills=frozenset(name for text in texts for name in item_skills_of(text, vocabulary))
        | frozenset(name for item in items for name in item_skills(item, vocabulary)),
    )


def item_skills_of(text: str, vocabulary: SkillVocabulary) -> set[str]:
    """Canonical skills mentioned in ``text``."""
    return set(remembered(_skills_in, vocabulary, values=(text,)))


def _skills_in(vocabulary: SkillVocabulary, text: str) -> frozenset[str]:
    return frozenset(m.canonical for m in vocabulary.find(text))
