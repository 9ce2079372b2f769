"""When a short, ambiguous alias ("Go", "R", "C", "Excel") really names a skill.

Such an alias must be written in its exact form, must not read as an ordinary word ("go to
market", "C-suite", "R&D", "Excel at"), and needs positive evidence: a list of other skills
around it, a phrase such as "experience in", a following word such as "developer", or a line of
its own in a bulleted list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from resumecore.postings.lowered_text import may_end_with

if TYPE_CHECKING:
    from resumecore.postings.skill_match import AliasInfo, SkillMatch


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TECH_CATEGORIES = _words(
    "programming_language web_frontend backend_framework mobile database cloud devops "
    "data_engineering data_science testing security networking systems"
)
_BLOCK_AFTER = _words(
    "to at ahead live back out beyond through over along above the a an your our their into "
    "in further far forward fast up down away home get you format file files"
)
_BLOCK_BEFORE = _words(
    "series plan grade vitamin type class level category option tier phase round section "
    "part block unit hepatitis to will can you we they must should who let lets let's not "
    "return returns tax court patent "
    "head sous pastry chef"
)
_EVIDENCE_AFTER = _words(
    "developer developers engineer engineers programmer programmers programming language "
    "code codebase lang backend services microservices experience skills proficiency "
    "expertise development framework ecosystem stack scripts scripting modules libraries "
    "packages apps applications spreadsheets spreadsheet formulas modelling modeling models "
    "macros pivot dashboards certification knowledge kenntnisse erfahrung"
)
_EVIDENCE_BEFORE = re.compile(
    r"(?:\b(?:in|with|using|use|uses|used|knowledge of|understanding of|command of|mit|en|con|"
    r"avec)"
    r"|[(:])\s*$",
    re.IGNORECASE,
)
# What an _EVIDENCE_BEFORE match ends with, before its closing whitespace.
_EVIDENCE_ENDS = (
    "in", "with", "using", "use", "uses", "used", "knowledge of", "understanding of",
    "command of", "mit", "en", "con", "avec", "(", ":",
)  # fmt: skip
# How far before its closing whitespace an _EVIDENCE_BEFORE match can start.
_EVIDENCE_REACH = max(map(len, _EVIDENCE_ENDS)) + 1
_LIST_GAP = re.compile(
    r"^[\s,/;|&+()]*(?:(?:and|or|und|oder|et|ou|y|o|as well as|plus|e\.g\.)[\s,/;|&+()]*)?$",
    re.IGNORECASE,
)
_CODE_WORDS = _words(
    "programming language languages scripting coding statistics statistical stack code "
    "developer developers engineer engineers"
)
_FILE_WORDS = _words("form forms document documents file files template templates version copy")
_WORD = re.compile(r"[\w'\u2019]+")
_LIST_REACH = 40
_SUITE = ("Microsoft ", "Google ")


def keep_safe(
    text: str,
    candidates: list[tuple[SkillMatch, AliasInfo]],
    is_tech: Callable[[str], bool],
) -> list[SkillMatch]:
    """The candidates that stand, in text order.

    Args:
        text: The text the candidates were found in.
        candidates: Regex hits with the alias data that produced them.
        is_tech: Whether a canonical skill belongs to the technical categories.

    Returns:
        Plain and case-checked matches, plus context-only matches with enough evidence.
    """
    # Whether a context-only name reads as a plain word here: asked once per name, not again
    # on each pass below (a fifth of the cost of a text dense with such names).
    as_word = [info.mode == "context" and _reads_as_word(text, m) for m, info in candidates]
    accepted = [
        info.mode != "context"
        or (not as_word[index] and (_in_own_line(text, match) or _has_evidence(text, match)))
        for index, (match, info) in enumerate(candidates)
    ]
    changed = True
    while changed:
        changed = False
        for index, (_match, info) in enumerate(candidates):
            if accepted[index] or info.mode != "context" or as_word[index]:
                continue
            if (
                _listed_with_skill(text, candidates, accepted, index, is_tech)
                or _middle_of_list(text, candidates, index)
                or _office_pair(text, candidates, index)
            ):
                accepted[index] = True
                changed = True
    return [match for (match, _), keep in zip(candidates, accepted, strict=True) if keep]


def _reads_as_word(text: str, match: SkillMatch) -> bool:
    after = text[match.end : match.end + 2]
    before = text[max(0, match.start - 1) : match.start]
    if after[:1] in {"&", "'", "\u2019"} or (after[:1] == "-" and after[1:2].isalnum()):
        return True
    if before in {"-", "&"}:
        return True
    if before == "(" and text[match.end : match.end + 1] == ")" and _bracketed_aside(text, match):
        return True
    next_word = _WORD.match(text, _skip_spaces(text, match.end))
    if (
        next_word
        and text[match.end : next_word.start()] == " "
        and next_word.group(0).lower() in _BLOCK_AFTER
    ):
        return True
    previous = _previous_word(text, match.start)
    return previous is not None and previous.lower() in _BLOCK_BEFORE


def _bracketed_aside(text: str, match: SkillMatch) -> bool:
    # "Radiography (R)", "Excel (R)": a registry's discipline letter or a trademark sign (only
    # "programming (R)" or "languages (Go)" name a language alone in brackets); "application
    # form (Word)": a file format.
    head = text[max(0, match.start - 30) : match.start - 1].rstrip()
    words = _WORD.findall(head)
    previous = words[-1].lower() if words else ""
    if previous in _FILE_WORDS:
        return True
    return len(match.alias) == 1 and previous not in _CODE_WORDS


def _has_evidence(text: str, match: SkillMatch) -> bool:
    line_start = text.rfind("\n", 0, match.start) + 1
    before = _evidence_window(text, line_start, match.start)
    if may_end_with(before, _EVIDENCE_ENDS) and _EVIDENCE_BEFORE.search(before):
        return True
    next_word = _WORD.match(text, _skip_spaces(text, match.end))
    return next_word is not None and next_word.group(0).lower() in _EVIDENCE_AFTER


def _evidence_window(text: str, line_start: int, end: int) -> str:
    # The end of text[line_start:end] that _EVIDENCE_BEFORE can match: its closing whitespace
    # and the longest evidence word with the character before it (which "\b" looks at). The
    # whole line would make a line of n alias mentions cost n searches of up to n characters.
    word_end = end
    while word_end > line_start and text[word_end - 1].isspace():
        word_end -= 1
    return text[max(line_start, word_end - _EVIDENCE_REACH) : end]


def _in_own_line(text: str, match: SkillMatch) -> bool:
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip(" -*•.,;:") == match.alias


def _listed_with_skill(
    text: str,
    candidates: list[tuple[SkillMatch, AliasInfo]],
    accepted: list[bool],
    index: int,
    is_tech: Callable[[str], bool],
) -> bool:
    match, info = candidates[index]
    needs_tech = info.category in TECH_CATEGORIES
    for other in (index - 1, index + 1):
        if not 0 <= other < len(candidates) or not accepted[other]:
            continue
        neighbour = candidates[other][0]
        if neighbour.canonical == match.canonical or (
            needs_tech and not is_tech(neighbour.canonical)
        ):
            continue
        left, right = (neighbour, match) if other < index else (match, neighbour)
        gap = text[left.end : right.start]
        # A bare space joins a common noun to the tool before it ("Tableau dashboards"): no list.
        joined = not gap.strip() and match.alias.islower()
        if len(gap) <= _LIST_REACH and "\n" not in gap and _LIST_GAP.match(gap) and not joined:
            return True
    return False


def _middle_of_list(text: str, candidates: list[tuple[SkillMatch, AliasInfo]], index: int) -> bool:
    # "Word, Excel and Outlook": three ambiguous names in one list vouch for each other.
    if not 0 < index < len(candidates) - 1:
        return False
    left, middle, right = (candidates[i][0] for i in (index - 1, index, index + 1))
    gaps = (text[left.end : middle.start], text[middle.end : right.start])
    return all(len(g) <= _LIST_REACH and "\n" not in g and _LIST_GAP.match(g) for g in gaps)


def _office_pair(text: str, candidates: list[tuple[SkillMatch, AliasInfo]], index: int) -> bool:
    # "especially Word and Excel": two applications of one office suite vouch for each other.
    match = candidates[index][0]
    for other in (index - 1, index + 1):
        if not 0 <= other < len(candidates):
            continue
        neighbour = candidates[other][0]
        left, right = (neighbour, match) if other < index else (match, neighbour)
        gap = text[left.end : right.start]
        if (
            match.canonical.startswith(_SUITE)
            and neighbour.canonical.startswith(_SUITE)
            and neighbour.canonical != match.canonical
            and len(gap) <= _LIST_REACH
            and "\n" not in gap
            and _LIST_GAP.match(gap)
        ):
            return True
    return False


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


def _previous_word(text: str, position: int) -> str | None:
    start = max(0, position - 30)
    words: list[str] = _WORD.findall(text[start:position])
    if not words or not text[start:position].rstrip().endswith(words[-1]):
        return None
    return words[-1]
