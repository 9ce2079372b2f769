"""The grounding verifier: claims in generated text that the profile does not support.

Checked claims: numbers (plain, percentages, money, "N years"), years, employers (a
capitalised name after "at/for/with/joined" or ending in Inc/Ltd/GmbH...), job titles
(a capitalised phrase ending in a title noun), degrees, and skills the vocabulary knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import msgspec

from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.facts import (
    DEGREE,
    EMPLOYER_AFTER,
    EMPLOYER_SUFFIX,
    NUMBER,
    TITLE,
    Facts,
    degree_family,
    number_value,
    profile_facts,
)
from resumecore.tailoring.text import STOPWORDS

ClaimKind = Literal["number", "date", "employer", "title", "degree", "skill"]


class Claim(msgspec.Struct, frozen=True, kw_only=True):
    """A claim found in text at ``text[start:end]`` that nothing in the profile supports."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    reason: str


def _claim(kind: ClaimKind, text: str, start: int, end: int, reason: str) -> Claim:
    return Claim(kind=kind, text=text[start:end].strip(), start=start, end=end, reason=reason)


def _numbers(text: str, facts: Facts) -> list[Claim]:
    found = []
    for match in NUMBER.finditer(text):
        value, unit = number_value(match)
        where = (text, match.start(), match.end())
        if unit == "" and value.is_integer() and 1900 <= value <= 2100:
            if int(value) not in facts.years:
                found.append(
                    _claim("date", *where, "no dated item in the profile covers this year")
                )
            continue
        if unit == "years" and value <= facts.total_years:
            continue
        if (value, unit) in facts.numbers or (unit == "" and value in facts.plain_values):
            continue
        found.append(_claim("number", *where, "this figure does not appear in the profile"))
    return found


def _named(text: str, facts: Facts, vocabulary: SkillVocabulary) -> list[Claim]:
    found = []
    candidates = [(m.start(1), m.end(1)) for m in EMPLOYER_AFTER.finditer(text)]
    candidates += [(m.start(), m.end()) for m in EMPLOYER_SUFFIX.finditer(text)]
    for start, end in sorted(set(candidates)):
        name = text[start:end]
        if facts.knows_name(name) or TITLE.fullmatch(name) or _all_skills(name, vocabulary):
            continue
        found.append(
            _claim("employer", text, start, end, "no employer, school or issuer has this name")
        )
    for match in TITLE.finditer(text):
        start, words = match.start(), match.group(0).split(" ")
        # A sentence may open with "As" or "Our": leading stopwords are not part of a title.
        while len(words) > 1 and words[0].casefold() in STOPWORDS:
            start += len(words.pop(0)) + 1
        title = " ".join(words)
        if not facts.knows_title(title) and not facts.knows_name(title):
            reason = "no role in the profile has this title"
            found.append(_claim("title", text, start, match.end(), reason))
    for match in DEGREE.finditer(text):
        if degree_family(match.group(0)) not in facts.degrees:
            reason = "no degree of this level in the profile"
            found.append(_claim("degree", text, match.start(), match.end(), reason))
    return found


def _all_skills(name: str, vocabulary: SkillVocabulary) -> bool:
    covered = sum(m.end - m.start for m in vocabulary.find(name))
    return covered >= len(name.replace(" ", "")) - 1 and covered > 0


class GroundingChecker:
    """``unsupported_claims`` for many texts against one profile.

    The profile's facts are gathered once; gathering them is most of the cost of one check.
    """

    def __init__(
        self,
        profile: Profile,
        vocabulary: SkillVocabulary | None = None,
        *,
        allowed: Sequence[str] = (),
    ) -> None:
        """Check against ``profile`` and the ``allowed`` strings (see ``unsupported_claims``)."""
        self._vocabulary = vocabulary or default_vocabulary()
        self._facts = profile_facts(profile, self._vocabulary, allowed)

    def claims(self, text: str) -> list[Claim]:
        """Every unsupported claim in ``text``, left to right."""
        facts = self._facts
        claims = _numbers(text, facts) + _named(text, facts, self._vocabulary)
        claims += [
            _claim("skill", text, m.start, m.end, f"the profile never mentions {m.canonical}")
            for m in self._vocabulary.find(text)
            if m.canonical not in facts.skills
        ]
        return sorted(claims, key=lambda c: (c.start, c.end, c.kind))


def unsupported_claims(
    text: str,
    profile: Profile,
    vocabulary: SkillVocabulary | None = None,
    *,
    allowed: Sequence[str] = (),
) -> list[Claim]:
    """Every claim in ``text`` that ``profile`` does not support, left to right.

    Args:
        text: generated text (summary, bullet, cover letter).
        profile: the master profile, the only source of facts.
        vocabulary: the skill vocabulary (the shipped one by default).
        allowed: other strings the text may name without a claim (the job's title and
            company, for a cover letter); their numbers, names and skills count as supported.

    Returns:
        The unsupported claims; empty when everything checked is grounded. To check many
        texts against one profile, build a ``GroundingChecker`` once.
    """
    return GroundingChecker(profile, vocabulary, allowed=allowed).claims(text)
