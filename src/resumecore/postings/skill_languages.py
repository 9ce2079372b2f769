"""Whether a spoken language a posting names is one the applicant needs.

Not when it is a school subject ("GCSE English"), what documents are "available in", what
families "speak at home", a nationality ("Irish employment law", "Thai cuisine"), or English
beside the other language of a "bilingual" ask (the other language is the ask).
"""

from __future__ import annotations

import re

from resumecore.postings.skill_match import SkillMatch

_LANGUAGE_NOT_ASKED_BEFORE = re.compile(
    r"(?:\b(?:gcse|gcses|a[- ]level|o[- ]level|igcse|ks[1-5]|key stage \d)\b[\w ,/&()]*|"
    r"\bavailable in |\btranslated (?:in)?to )$",
    re.IGNORECASE,
)
_LANGUAGE_NOT_ASKED_AFTER = re.compile(
    r"^(?:[\w ,/]{0,30}\bat home\b|\s+(?:employment |labou?r |tax |data )?(?:law|laws|"
    r"legislation|regulations?|market|markets|company|companies|citizens?|citizenship|nationals|"
    r"residents|government|cuisine|food|dishes|culture|customers|clients|passport|engineering|"
    r"subsidiary|office|offices|headquarters|team|teams|entity|entities|employer|payroll|branch|"
    r"branches|holidays|bank|banks|firm|firms|startup)\b)",
    re.IGNORECASE,
)
_PREDICATE_BEFORE = re.compile(r"\b(?:is|are|was|were|est|sont|ist|sind|es|son)\s+$", re.IGNORECASE)
_BILINGUAL = re.compile(r"\bbilingual\b", re.IGNORECASE)


def language_not_asked(
    text: str, match: SkillMatch, matches: list[SkillMatch], languages: list[int]
) -> bool:
    """Whether the language ``match`` is named in passing, not asked of the applicant.

    Args:
        text: The posting body.
        match: A hit of a spoken language.
        matches: Every hit, in text order.
        languages: Positions in ``matches`` of the spoken-language hits.

    Returns:
        ``True`` when the posting does not ask the applicant for this language.
    """
    line_start = text.rfind("\n", 0, match.start) + 1
    if _LANGUAGE_NOT_ASKED_BEFORE.search(text, line_start, match.start):
        return True
    if _LANGUAGE_NOT_ASKED_AFTER.match(text[match.end : match.end + 40]):
        return True
    if match.canonical != "English":
        # "the vendor is Dutch", "l'éditeur est néerlandais": a nationality, not an ask.
        return _PREDICATE_BEFORE.search(text, line_start, match.start) is not None
    line_end = text.find("\n", match.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    others = [
        matches[i]
        for i in languages
        if matches[i].canonical != "English"
        and line_start <= matches[i].start < line_start + len(line)
    ]
    return bool(others) and _BILINGUAL.search(line) is not None
