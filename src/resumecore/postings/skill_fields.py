"""Field words ("accounting", "security operations") that are not a skill where they stand.

A field named as past experience ("2+ years of accounting experience", "in a SOC, security
operations or help desk role"): years of experience are not a skill, a tool named there is. A
field word after a standard or technology only qualifies it ("PCI DSS compliance"); a field word
right before another skill is its verb ("teaching AP Calculus").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from resumecore.postings.literal_guard import lowered_for_guards
from resumecore.postings.skill_match import SkillMatch

# Categories of technologies: a tool word, not a field word.
TECH = frozenset(
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
# One more field of a list: a separator, then one to three words. A later word is no "or" or
# "and": those separate the next field (read as words too, "a or b or c" could be split
# exponentially many ways before a failure).
_NEXT_FIELD = r"\s*(?:,|/|\bor\b|\band\b)\s*[\w-]+(?: (?!(?:or|and)\b)[\w-]+){0,2}"
_LIST_TO_THE_END = re.compile(rf"(?:{_NEXT_FIELD})*[\s.;,]*$")
# At most eight more fields before the role word: an unbounded list made every field word of a
# long pasted list read the rest of it (50,000 characters of "accounting, " took seconds).
_ROLE_AFTER = re.compile(
    rf"(?:{_NEXT_FIELD}){{0,8}}\s+(?:role|roles|position|positions|background)\b", re.IGNORECASE
)
# How far before a field word its years can start: the longest phrase _YEARS_BEFORE reads is
# about 100 characters of normalised text (one space between words).
_YEARS_REACH = 300
_ACRONYM_OR_NUMBER = re.compile(r"[A-Z]{2}|\d")
# Every _YEARS_BEFORE match holds one of these, in any case: a search where none is costs about
# 30 times the check (a paste of "ML ML ..." searched 300 characters before each "ML").
_YEAR_WORDS = ("yr", "year", "month")


def qualifies(
    text: str, matches: list[SkillMatch], index: int, category: Callable[[str], str | None]
) -> bool:
    """Whether a field word right after a standard or a technology only qualifies it.

    "PCI DSS compliance", "Kubernetes security" name the standard and the technology;
    "bathroom plumbing" is still plumbing.
    """
    match = matches[index]
    if index == 0 or " " in match.alias.strip():
        return False
    previous = matches[index - 1]
    named = category(previous.canonical) in TECH or _ACRONYM_OR_NUMBER.search(previous.alias)
    return (
        bool(named)
        and previous.canonical != match.canonical
        and text[previous.end : match.start] in {" ", "-"}
    )


def names_the_work_of(text: str, matches: list[SkillMatch], index: int) -> bool:
    """Whether a field word is the verb of the skill after it ("teaching AP Calculus")."""
    match = matches[index]
    if index + 1 >= len(matches) or " " in match.alias.strip():
        return False
    following = matches[index + 1]
    return following.canonical != match.canonical and text[match.end : following.start] == " "


def past_field(text: str, match: SkillMatch) -> bool:
    """Whether a field word names past experience or a role rather than a skill asked for."""
    if _ROLE_AFTER.match(text, match.end):
        return True
    reach = max(0, match.start - _YEARS_REACH)
    line_start = max(text.rfind("\n", reach, match.start) + 1, reach)
    window = lowered_for_guards(text[line_start : match.start])
    if (window is not None and not any(word in window for word in _YEAR_WORDS)) or not (
        _YEARS_BEFORE.search(text, line_start, match.start)
    ):
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
