"""Skill words that a posting writes in passing rather than asks for.

- a negation right after the word ("German not required");
- an acronym the posting itself spells out as something else ("CPR (Civil Procedure Rules)",
  "professional learning communities (PLCs)");
- a spoken language nobody asks of the applicant (``skill_languages``);
- a field word that names past experience, qualifies a standard or is a verb (``skill_fields``);
- a team as the subject of its sentence ("Growth Marketing owns acquisition") or as the one
  worked with ("coordinate with housekeeping"), a part of the
  product ("the onboarding flow"), the hire's own kit ("own hand tools"), light chores ("light
  housekeeping"), a compound's head word ("latency budgets") or a job title ("DevOps
  Engineer", "Mechatroniker (m/w/d)");
- a pay line ("Pay: £12.25 per hour (higher rate for NVQ Level 3)").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from resumecore.postings.line_start import LineStartPattern
from resumecore.postings.lowered_match import LoweredPattern, lowered
from resumecore.postings.lowered_text import LoweredText, may_end_with
from resumecore.postings.skill_fields import TECH, names_the_work_of, past_field, qualifies
from resumecore.postings.skill_languages import language_not_asked
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.span_cover import SpanCover

_NEGATED = re.compile(
    r"\s*(?:is |are )?(?:not (?:required|necessary|needed|essential)|"
    r"(?:is |are )?optional\b(?! but))",
    re.IGNORECASE,
)
# Every _NEGATED match holds one of these: a text with none of them negates no skill.
_NEGATION_WORDS = ("not ", "optional")
_EXPANSION_AFTER = re.compile(r"\s*\(([A-Za-z][\w '&/-]{3,60})\)")
_WORDS = re.compile(r"[A-Za-z]+")
# "Own basic hand tools", "company supplies power tools": the hire's kit, not a skill.
_KIT_BEFORE = re.compile(
    r"\b(?:(?<!your )own|supplies|supplied|bring your own)(?: (?:basic|their|your|all))*\s+$|"
    r"\blight\s+$",
    re.IGNORECASE,
)
# "our DevOps Engineer", "a Front Desk Agent": the skill word names a person's job. (Run over
# the lower-cased text: "Engineer II" is "engineer ii" there.)
_JOB_TITLE_AFTER = LoweredPattern(
    re.compile(
        r"\s*\((?:m|w|f|d)\s*/\s*(?:m|w|f|d)\s*/\s*(?:m|w|f|d|x)\)|"
        r"(?:\s+(?:i{1,3}|iv|[1-3]))?[ -](?:engineer|developer|manager|designer|analyst|scientist|"
        r"nurse|technician|technologist|assistant|specialist|consultant|teacher|accountant|"
        r"therapist|machinist|welder|plumber|electrician|mechanic|caregiver|hygienist|bookkeeper|"
        r"administrator|architect|researcher|recruiter|representative|rep|aide|agent|clerk|"
        r"operator|driver|coordinator|supervisor|attendant|associate|officer|inspector|installer|"
        r"cook|chef|paralegal)s?\b(?![ -](?:experience|certification|certificate|licen[cs]e|"
        r"training|course|program|skills|exam|endorsement|card|registration))",
        re.IGNORECASE,
    )
)
_KIT = re.compile(r"(?:tools?|kit|housekeeping|cleaning|duties)$", re.IGNORECASE)
_JOB_TITLE_END = re.compile(r"(?:[a-z]{3,}(?:or|er|ist|ant|ian|ic|ide)s?)$", re.IGNORECASE)
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
# "coordinate with housekeeping and maintenance", "partner with product marketing": a team.
_TEAM_BEFORE = re.compile(
    r"\b(?:coordinat\w*|liais\w*|collaborat\w*|partner\w*|communicat\w*|escalat\w*)"
    r"(?: closely)? (?:with|to) (?:the |our |your )?$",
    re.IGNORECASE,
)
# The word a _TEAM_BEFORE match ends with, before its closing space.
_TEAM_BEFORE_ENDS = ("with", "to", "the", "our", "your")
_PAY_LINE = re.compile(
    r"^(?:[^\S\n]|[*-])*(?:pay|salary|rate|compensation|wage|hourly rate)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_PAY_LINES = LineStartPattern(_PAY_LINE)


_CITIZEN_BEFORE = re.compile(r"\bcitizens?(?:hip)?\s*(?:or|/|and|,)\s*$", re.IGNORECASE)
_RESIDENCE_AFTER = re.compile(r"\s+(?:holders?|status|card|visa)\b", re.IGNORECASE)


def asides(
    text: str,
    matches: list[SkillMatch],
    category: Callable[[str], str | None],
    broad_fields: frozenset[str],
    names: Callable[[str], tuple[str, ...]] = lambda _: (),
) -> set[int]:
    """Indexes of ``matches`` that are mentions in passing, not asks.

    Args:
        text: The posting body the matches were found in.
        matches: The vocabulary hits, in text order.
        category: The category of a canonical skill (``None`` if unknown).
        broad_fields: Canonical names of whole fields ("Accounting", "Nursing").
        names: Every written form of a canonical skill.

    Returns:
        The positions in ``matches`` to leave out.
    """
    # A skill starts on a pay line when the line holds [start, start + 1).
    on_pay_line = SpanCover(_PAY_LINES.spans(text)).covers
    redefined = _redefined_acronyms(text, matches, names)
    kinds = [category(m.canonical) for m in matches]
    other_languages = [
        m.start
        for m, kind in zip(matches, kinds, strict=True)
        if kind == "languages" and m.canonical != "English"
    ]
    bilingual_lines: dict[int, bool] = {}
    negations = LoweredText(text).contains_any(_NEGATION_WORDS)
    low = lowered(text)
    dropped: set[int] = set()
    for index, match in enumerate(matches):
        kind = kinds[index]
        broad = match.canonical in broad_fields
        if (
            (negations and _NEGATED.match(text, match.end))
            or _team_as_subject(text, match)
            or (kind not in TECH and _team_before(text, match))
            or _in_compound(text, match)
            or (kind not in TECH and _PRODUCT_PART_AFTER.match(text, match.end))
            or (
                _names_kit(match.alias)
                and _KIT_BEFORE.search(text, max(0, match.start - 40), match.start)
            )
            or (kind != "languages" and _names_a_job(text, low, match))
            or (
                bool(redefined)
                and match.alias.upper().rstrip("S") in redefined.get(match.canonical, ())
            )
            or on_pay_line(match.start, match.start + 1)
            or (
                kind == "languages"
                and language_not_asked(text, match, other_languages, bilingual_lines)
            )
            or (match.alias == "PR" and _permanent_residence(text, match))
            or (
                broad
                and (
                    past_field(text, match)
                    or qualifies(text, matches, index, category)
                    or names_the_work_of(text, matches, index)
                )
            )
        ):
            dropped.add(index)
    return dropped


def _team_before(text: str, match: SkillMatch) -> bool:
    start = max(0, match.start - 40)
    return may_end_with(text[start : match.start], _TEAM_BEFORE_ENDS) and bool(
        _TEAM_BEFORE.search(text, start, match.start)
    )


def _permanent_residence(text: str, match: SkillMatch) -> bool:
    # "Singapore Citizen or PR", "PR holders": permanent residence, not public relations.
    return bool(
        _CITIZEN_BEFORE.search(text, max(0, match.start - 30), match.start)
        or _RESIDENCE_AFTER.match(text, match.end)
    )


def _redefined_acronyms(
    text: str, matches: list[SkillMatch], names: Callable[[str], tuple[str, ...]]
) -> dict[str, set[str]]:
    # An acronym hit whose spelled-out form in the text is not one of the skill's names.
    found: dict[str, set[str]] = {}
    for match in matches:
        if len(match.alias) > 7 or not match.alias[:2].isupper():
            continue
        alias = match.alias[:-1] if match.alias.endswith("s") else match.alias
        if not (2 <= len(alias) <= 6 and alias.isupper()):
            continue
        after = _EXPANSION_AFTER.match(text, match.end)
        if (
            after
            and _spells(alias, after.group(1))
            and not _names(match, after.group(1), names)
            and not _same_skill_within(matches, match, after.start(1), after.end(1))
        ):
            found.setdefault(match.canonical, set()).add(alias)
        if text[match.start - 1 : match.start] == "(":
            base = max(0, match.start - 80)
            before = text[base : match.start - 1].rstrip()
            words = _WORDS.findall(before)[-len(alias) :]
            start = base + (before.rfind(words[0]) if words else len(before))
            if (
                _spells(alias, " ".join(words))
                and not _names(match, " ".join(words), names)
                and not _same_skill_within(matches, match, start, match.start)
            ):
                found.setdefault(match.canonical, set()).add(alias)
    return found


def _same_skill_within(matches: list[SkillMatch], match: SkillMatch, start: int, end: int) -> bool:
    # "Compounded Sterile Preparation Technician (CSPT)": the spelled-out form is the same skill.
    return any(
        other.canonical == match.canonical and start <= other.start and other.end <= end
        for other in matches
        if other is not match
    )


def _spells(acronym: str, phrase: str) -> bool:
    initials = "".join(word[0] for word in _WORDS.findall(phrase) if word.lower() not in _SMALL)
    return initials.upper() == acronym.upper()


_SMALL = frozenset({"of", "and", "for", "the", "to", "in", "on", "a", "an", "&"})


def _names(match: SkillMatch, phrase: str, names: Callable[[str], tuple[str, ...]]) -> bool:
    # The spelled-out form names the same skill when it shares a content word with its names
    # ("Maryland Comprehensive Assessment Program" and "state assessments"); "professional
    # learning communities" shares none with "PLC Programming" or "programmable logic controller".
    if match.canonical.lower() in phrase.lower() or phrase.lower() in match.canonical.lower():
        return True
    spelled = {_stem(word) for word in _WORDS.findall(phrase) if len(word) > 3}
    known = {
        _stem(word)
        for name in (match.canonical, *names(match.canonical))
        for word in _WORDS.findall(name)
        if len(word) > 3
    }
    return bool(spelled & known)


def _stem(word: str) -> str:
    return word.lower().removesuffix("s")


@lru_cache(maxsize=4096)  # a posting names the same few skills again and again
def _names_kit(alias: str) -> bool:
    return _KIT.search(alias) is not None


def _in_compound(text: str, match: SkillMatch) -> bool:
    before = _compound_before(match.alias)
    return (
        before is not None
        and before.search(text, max(0, match.start - 20), match.start) is not None
    )


@lru_cache(maxsize=4096)  # a posting names the same few skills again and again
def _compound_before(alias: str) -> re.Pattern[str] | None:
    return _COMPOUNDS.get(alias.lower().split(" ")[0].removesuffix("s"))


def _names_a_job(text: str, low: str | None, match: SkillMatch) -> bool:
    # "a DevOps Engineer" names a job; "mentoring engineers", "training technicians" name work
    # done with people (a gerund before a plural).
    title = _JOB_TITLE_AFTER.match_span(text, low, match.end)
    if title is None or _JOB_TITLE_END.search(match.canonical):
        return False
    return not (match.alias.lower().endswith("ing") and text[slice(*title)].lower().endswith("s"))


def _team_as_subject(text: str, match: SkillMatch) -> bool:
    if not match.alias[:1].isupper() or not _TEAM_VERB_AFTER.match(text, match.end):
        return False
    before = text[max(0, match.start - 3) : match.start]
    return match.start == 0 or before.endswith("\n") or before.rstrip(" ").endswith((".", "!"))
