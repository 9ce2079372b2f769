"""The verify stage: every sentence of a written document must be traceable to the profile."""

from __future__ import annotations

import re

from resumecore.model.document import WrittenDocument
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.grounding import GroundingChecker

_SEPARATORS = re.compile(r"[\s|\u00b7\u2022,;/()\-\u2013\u2014]+")


def _contact_values(profile: Profile) -> list[str]:
    info = profile.personal_info
    values = [info.full_name, info.email, info.phone, info.location]
    values += [info.linkedin, info.github, info.website]
    return sorted((v for v in values if v), key=len, reverse=True)


def unsupported_lines(
    document: WrittenDocument,
    profile: Profile,
    vocabulary: SkillVocabulary,
    allowed: tuple[str, ...],
) -> list[str]:
    """The lines that say something the profile (or ``allowed``, the job's words) does not.

    Header lines may hold only the profile's contact details; every other line goes through
    the grounding check (numbers, employers, titles, dates, schools, certifications, tools),
    with the person's own name and contacts allowed.
    """
    contacts = _contact_values(profile)
    # The person's own name and contacts are theirs to write (a sign-off "Ruby Chen" is not
    # a claim to know Ruby).
    checker = GroundingChecker(profile, vocabulary, allowed=(*allowed, *contacts))
    bad: list[str] = []
    for section in document.sections:
        for entry in section.entries:
            for line in (entry.heading, *entry.lines):
                if section.kind == "header":
                    rest = line.text
                    for value in contacts:
                        rest = rest.replace(value, " ")
                    if _SEPARATORS.sub("", rest):
                        bad.append(line.text)
                elif checker.claims(line.text):
                    bad.append(line.text)
    return bad
