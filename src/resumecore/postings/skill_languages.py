"""Whether a spoken language a posting names is one the applicant needs.

Not when it is a school subject ("GCSE English"), what documents are "available in", what
families "speak at home", a nationality ("Irish employment law", "Thai cuisine"), or English
beside the other language of a "bilingual" ask (the other language is the ask).
"""

from __future__ import annotations

import re
from bisect import bisect_left

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
# How far before a language the school subject it is can start: "GCSEs (grade 4 or above) in
# Maths, English and Science" is 45 characters; searching the whole line before each language
# made a long line of them quadratic (49,900 characters of "German, " took seconds).
_SUBJECT_REACH = 300
_BILINGUAL = re.compile(r"\bbilingual\b", re.IGNORECASE)


def language_not_asked(
    text: str,
    match: SkillMatch,
    other_starts: list[int],
    bilingual_lines: dict[int, bool],
) -> bool:
    """Whether the language ``match`` is named in passing, not asked of the applicant.

    Args:
        text: The posting body.
        match: A hit of a spoken language.
        other_starts: Where each hit of a spoken language other than English starts, in order.
        bilingual_lines: Whether a line says "bilingual", by its start: filled in as lines are
            read, so that a line naming many languages is read once.

    Returns:
        ``True`` when the posting does not ask the applicant for this language.
    """
    line_start = text.rfind("\n", 0, match.start) + 1
    if _LANGUAGE_NOT_ASKED_BEFORE.search(
        text, max(line_start, match.start - _SUBJECT_REACH), match.start
    ):
        return True
    if _LANGUAGE_NOT_ASKED_AFTER.match(text[match.end : match.end + 40]):
        return True
    if match.canonical != "English":
        # "the vendor is Dutch", "l'éditeur est néerlandais": a nationality, not an ask.
        end = match.start
        while end > line_start and text[end - 1].isspace():
            end -= 1
        # A match is a verb of at most four letters and the whitespace after it.
        return _PREDICATE_BEFORE.search(text, max(line_start, end - 4), match.start) is not None
    line_end = text.find("\n", match.end)
    line_end = len(text) if line_end < 0 else line_end
    if bisect_left(other_starts, line_start) == bisect_left(other_starts, line_end):
        return False  # no other language on the line
    if line_start not in bilingual_lines:
        bilingual_lines[line_start] = _BILINGUAL.search(text, line_start, line_end) is not None
    return bilingual_lines[line_start]
