"""Skill words that a posting writes in passing rather than asks for.

- a negation right after the word ("German not required");
- an acronym the posting itself spells out as something else ("CPR (Civil Procedure Rules)",
  "professional learning communities (PLCs)");
- a spoken language that is not the applicant's: a school subject ("GCSE English"), what
  documents are "available in", what families "speak at home", or English beside the other
  language of a "bilingual" ask (the other language is the ask);
- a field word after a skill, which only qualifies it ("PCI DSS compliance");
- a field named as past experience ("2+ years of accounting experience", "in a SOC, security
  operations or help desk role"): years of experience are not a skill, a tool named there is;
- a team as the subject of its sentence ("Growth Marketing owns acquisition"), a part of the
  product ("the onboarding flow"), the hire's own kit ("own hand tools") or light
  chores ("light housekeeping");
- a pay line ("Pay: £12.25 per hour (higher rate for NVQ Level 3)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from resumecore.postings.skill_match import SkillMatch

_NEGATED = re.compile(
    r"\s*(?:is |are )?(?:not (?:required|necessary|needed|essential)|"
    r"(?:is |are )?optional\b(?! but))",
    re.IGNORECASE,
)
_EXPANSION_AFTER = re.compile(r"\s*\(([A-Za-z][\w '&/-]{3,60})\)")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})s?\)")
_WORDS = re.compile(r"[A-Za-z]+")
_ACRONYM_OR_NUMBER = re.compile(r"[A-Z]{2}|\d")
_LANGUAGE_NOT_ASKED_BEFORE = re.compile(
    r"(?:\b(?:gcse|gcses|a[- ]level|o[- ]level|igcse|ks[1-5]|key stage \d)\b[\w ,/&()]*|"
    r"\bavailable in |\btranslated (?:in)?to )$",
    re.IGNORECASE,
)
_LANGUAGE_NOT_ASKED_AFTER = re.compile(
    r"^(?:[\w ,/]{0,30}\bat home\b|\s+(?:employment |labou?r |tax |data )?(?:law|laws|"
    r"legislation|regulations?|market|markets|company|companies|citizens?|citizenship|nationals|"
    r"residents|government|cuisine|food|dishes|culture|customers|clients|passport|engineering|"
    r"subsidiary|office|offices|headquarters|team|teams)\b)",
    re.IGNORECASE,
)
_BILINGUAL = re.compile(r"\bbilingual\b", re.IGNORECASE)
_YEARS_BEFORE = re.compile(
    r"(?:\b\d{1,2}\+?|\b(?:one|two|three|four|five)\b|\(\d\))\s*(?:\+\s*)?(?:years?|yrs?|months?)\b"
    r"(?: of)?(?: (?:experience|professional|working|hands-on|progressive|relevant|paid)"
    r"(?: (?:in|with|as))?)?(?: an?| the)?[\w ,/-]{0,60}$",
    re.IGNORECASE,
)
_EXPERIENCE_AFTER = re.compile(
    r"^(?:[\w ,/-]{0,60}?)\s(?:experience|background|role|roles|position|positions|setting|"
    r"environment)\b",
    re.IGNORECASE,
)
_LIST_TO_THE_END = re.compile(r"(?:\s*(?:,|/|\bor\b|\band\b)\s*[\w-]+(?: [\w-]+){0,2})*[\s.;,]*$")
# "Own basic hand tools", "company supplies power tools": the hire's kit, not a skill.
_KIT_BEFORE = re.compile(
    r"\b(?:(?<!your )own|supplies|supplied|bring your own)(?: (?:basic|their|your|all))*\s+$|"
    r"\blight\s+$",
    re.IGNORECASE,
)
# "our DevOps Engineer", "a Front Desk Agent": the skill word names a person's job.
_JOB_TITLE_AFTER = re.compile(
    r"\s*\((?:m|w|f|d)\s*/\s*(?:m|w|f|d)\s*/\s*(?:m|w|f|d|x)\)|"
    r"(?:\s+(?:I{1,3}|IV|[1-3]))?[ -](?:engineer|developer|manager|designer|analyst|scientist|"
    r"nurse|technician|technologist|assistant|specialist|consultant|teacher|accountant|"
    r"therapist|machinist|welder|plumber|electrician|mechanic|caregiver|hygienist|bookkeeper|"
    r"administrator|architect|researcher|recruiter|representative|rep|aide|agent|clerk|"
    r"operator|driver|coordinator|supervisor|attendant|associate|officer|inspector|installer|"
    r"cook|chef|paralegal)s?\b(?![ -](?:experience|certification|certificate|licen[cs]e|"
    r"training|course|program|skills|exam|endorsement|card|registration))",
    re.IGNORECASE,
)
_KIT = re.compile(r"(?:tools?|kit|housekeeping|cleaning|duties)$", re.IGNORECASE)
_JOB_TITLE_END = re.compile(r"(?:[a-z]{3,}(?:or|er|ist|ant|ian|ic|ide)s?)$", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    r"(?:\s*(?:,|/|\bor\b|\band\b)\s*[\w-]+(?: [\w-]+){0,2})*\s+(?:role|roles|position|positions|"
    r"background)\b",
    re.IGNORECASE,
)
# "the onboarding flow", "checkout screens": a part of the product, not work the hire does.
_PRODUCT_PART_AFTER = re.compile(r" (?:flows?|funnels?|screens?|journeys?|wizard)\b", re.IGNORECASE)
# "property management accounting", "latency budgets": the alias's first word belongs to the
# word before it.
_COMPOUNDS = {
    "management": re.compile(
        r"\b(?:property|project|case|risk|asset|facility|facilities|waste|product|account|change|"
        r"inventory|supply|vendor|category|time|stress|anger|pain|weight|data)\s+$",
        re.IGNORECASE,
    ),
    "budget": re.compile(
        r"\b(?:latency|performance|error|time|memory|power|page|bundle|token|compute|size)\s+$",
        re.IGNORECASE,
    ),
}
# "Facilities Management maintains 40 buildings", "Growth Marketing owns acquisition": a team
# named as the subject of its own sentence.
_TEAM_VERB_AFTER = re.compile(
    r" (?:owns|maintains|provides|serves|runs|manages|operates|oversees|handles|sits|partners|"
    r"builds|delivers|supports|covers|includes|leads|works)\b"
)
_PAY_LINE = re.compile(
    r"^[\s*-]*(?:pay|salary|rate|compensation|wage|hourly rate)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)


def asides(
    text: str,
    matches: list[SkillMatch],
    category: Callable[[str], str | None],
    broad_fields: frozenset[str],
) -> set[int]:
    """Indexes of ``matches`` that are mentions in passing, not asks.

    Args:
        text: The posting body the matches were found in.
        matches: The vocabulary hits, in text order.
        category: The category of a canonical skill (``None`` if unknown).
        broad_fields: Canonical names of whole fields ("Accounting", "Nursing").

    Returns:
        The positions in ``matches`` to leave out.
    """
    pay_lines = [(m.start(), m.end()) for m in _PAY_LINE.finditer(text)]
    redefined = _redefined_acronyms(text, matches)
    languages = [i for i, m in enumerate(matches) if category(m.canonical) == "languages"]
    dropped: set[int] = set()
    for index, match in enumerate(matches):
        kind = category(match.canonical)
        if (
            _NEGATED.match(text, match.end)
            or _team_as_subject(text, match)
            or _in_compound(text, match)
            or (kind not in _TECH and _PRODUCT_PART_AFTER.match(text, match.end))
            or (
                _KIT.search(match.alias)
                and _KIT_BEFORE.search(text, max(0, match.start - 40), match.start)
            )
            or (
                kind != "languages"
                and _JOB_TITLE_AFTER.match(text, match.end)
                and not _JOB_TITLE_END.search(match.canonical)
            )
            or match.alias.upper().rstrip("S") in redefined.get(match.canonical, ())
            or (pay_lines and any(start <= match.start < end for start, end in pay_lines))
            or (kind == "languages" and _language_not_asked(text, match, matches, languages))
            or (match.canonical in broad_fields and _past_field(text, match))
            or (match.canonical in broad_fields and _qualifies(text, matches, index, category))
            or (match.canonical in broad_fields and _names_the_work_of(text, matches, index))
        ):
            dropped.add(index)
    return dropped


_TECH = frozenset(
    {
        "programming_language",
        "web_frontend",
        "backend_framework",
        "mobile",
        "database",
        "cloud",
        "devops",
        "data_engineering",
        "testing",
        "networking",
        "systems",
        "languages",
    }
)


def _redefined_acronyms(text: str, matches: list[SkillMatch]) -> dict[str, set[str]]:
    # An acronym hit whose spelled-out form in the text is not one of the skill's names.
    found: dict[str, set[str]] = {}
    for match in matches:
        if len(match.alias) > 7 or not match.alias[:2].isupper():
            continue
        alias = match.alias[:-1] if match.alias.endswith("s") else match.alias
        if not (2 <= len(alias) <= 6 and alias.isupper()):
            continue
        after = _EXPANSION_AFTER.match(text, match.end)
        if after and _spells(alias, after.group(1)) and not _names(match, after.group(1)):
            found.setdefault(match.canonical, set()).add(alias)
        if text[match.start - 1 : match.start] == "(":
            before = text[max(0, match.start - 80) : match.start - 1].rstrip()
            words = _WORDS.findall(before)[-len(alias) :]
            if _spells(alias, " ".join(words)) and not _names(match, " ".join(words)):
                found.setdefault(match.canonical, set()).add(alias)
    return found


def _spells(acronym: str, phrase: str) -> bool:
    initials = "".join(word[0] for word in _WORDS.findall(phrase) if word.lower() not in _SMALL)
    return initials.upper() == acronym.upper()


_SMALL = frozenset({"of", "and", "for", "the", "to", "in", "on", "a", "an", "&"})


def _names(match: SkillMatch, phrase: str) -> bool:
    return match.canonical.lower() in phrase.lower() or phrase.lower() in match.canonical.lower()


def _language_not_asked(
    text: str, match: SkillMatch, matches: list[SkillMatch], languages: list[int]
) -> bool:
    line_start = text.rfind("\n", 0, match.start) + 1
    if _LANGUAGE_NOT_ASKED_BEFORE.search(text, line_start, match.start):
        return True
    if _LANGUAGE_NOT_ASKED_AFTER.match(text[match.end : match.end + 40]):
        return True
    if match.canonical != "English":
        return False
    line_end = text.find("\n", match.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    others = [
        matches[i]
        for i in languages
        if matches[i].canonical != "English"
        and line_start <= matches[i].start < line_start + len(line)
    ]
    return bool(others) and _BILINGUAL.search(line) is not None


def _qualifies(
    text: str, matches: list[SkillMatch], index: int, category: Callable[[str], str | None]
) -> bool:
    # "PCI DSS compliance", "Kubernetes security": the field word after a standard or a
    # technology qualifies it ("bathroom plumbing" is still plumbing).
    match = matches[index]
    if index == 0 or " " in match.alias.strip():
        return False
    previous = matches[index - 1]
    named = category(previous.canonical) in _TECH or _ACRONYM_OR_NUMBER.search(previous.alias)
    return (
        bool(named)
        and previous.canonical != match.canonical
        and text[previous.end : match.start] in {" ", "-"}
    )


def _names_the_work_of(text: str, matches: list[SkillMatch], index: int) -> bool:
    # "teaching AP Calculus", "nursing wound care": the field word is a verb; the skill follows.
    match = matches[index]
    if index + 1 >= len(matches) or " " in match.alias.strip():
        return False
    following = matches[index + 1]
    return following.canonical != match.canonical and text[match.end : following.start] == " "


def _in_compound(text: str, match: SkillMatch) -> bool:
    first = match.alias.lower().split(" ")[0].removesuffix("s")
    before = _COMPOUNDS.get(first)
    return (
        before is not None
        and before.search(text, max(0, match.start - 20), match.start) is not None
    )


def _team_as_subject(text: str, match: SkillMatch) -> bool:
    if not match.alias[:1].isupper() or not _TEAM_VERB_AFTER.match(text, match.end):
        return False
    before = text[max(0, match.start - 3) : match.start]
    return match.start == 0 or before.endswith("\n") or before.rstrip(" ").endswith((".", "!"))


def _past_field(text: str, match: SkillMatch) -> bool:
    if _ROLE_AFTER.match(text, match.end):
        return True
    line_start = text.rfind("\n", 0, match.start) + 1
    if not _YEARS_BEFORE.search(text, line_start, match.start):
        return False
    if " " in match.alias.strip() and match.alias.lower() != match.canonical.lower():
        # "3+ years CNC machining experience" asks for the work; "2+ years in technical
        # support, solutions engineering or software engineering" names fields.
        line_end = text.find("\n", match.end)
        return (
            _LIST_TO_THE_END.match(text[match.end : len(text) if line_end < 0 else line_end])
            is not None
        )
    line_end = text.find("\n", match.end)
    rest = text[match.end : len(text) if line_end < 0 else line_end]
    return _EXPERIENCE_AFTER.match(rest) is not None or _LIST_TO_THE_END.match(rest) is not None
