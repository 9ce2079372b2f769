"""The tailored document as JSON Resume: the profile cut down to what the document shows.

Every line of a written document names the profile items it came from; the JSON Resume export
keeps exactly those items (experiences with only the bullets shown, in the document's order;
projects, education, certifications, skills and languages shown), and the document's own
summary as ``basics.summary``. The mapping itself is the profile's (``resumecore.jsonresume``).
"""

from __future__ import annotations

from typing import Any

import msgspec

from resumecore.jsonresume import to_json_resume
from resumecore.model.document import WrittenDocument
from resumecore.model.profile import Profile
from resumecore.tailoring.items import achievement_id, skill_id


def _shown(document: WrittenDocument) -> list[str]:
    return list(dict.fromkeys(s for line in document.lines() for s in line.sources))


def _in_order(items: tuple[Any, ...], order: dict[str, int]) -> tuple[Any, ...]:
    return tuple(sorted((i for i in items if i.id in order), key=lambda i: order[i.id]))


def tailored_profile(profile: Profile, document: WrittenDocument) -> Profile:
    """``profile`` with only what ``document`` shows, in the document's order."""
    order = {source: n for n, source in enumerate(_shown(document))}
    experiences = tuple(
        msgspec.structs.replace(
            e,
            enhanced_description=None,
            achievements=tuple(
                text
                for _, text in sorted(
                    (order[achievement_id(e.id, i)], text)
                    for i, text in enumerate(e.achievements)
                    if achievement_id(e.id, i) in order
                )
            ),
        )
        for e in _in_order(profile.experiences, order)
    )
    skills = msgspec.structs.replace(
        profile.skills,
        technical=tuple(s for s in profile.skills.technical if skill_id(s) in order),
        soft=tuple(s for s in profile.skills.soft if skill_id(s) in order),
        certifications=_in_order(profile.skills.certifications, order),
    )
    summary = next(
        (
            " ".join(line.text for entry in s.entries for line in (entry.heading, *entry.lines))
            for s in document.sections
            if s.kind == "summary"
        ),
        None,
    )
    return msgspec.structs.replace(
        profile,
        professional_summary=summary,
        experiences=experiences,
        education=_in_order(profile.education, order),
        projects=tuple(
            msgspec.structs.replace(p, enhanced_description=None)
            for p in _in_order(profile.projects, order)
        ),
        skills=skills,
        custom_fields={},
        enhanced_professional_summary=None,
    )


def tailored_json_resume(profile: Profile, document: WrittenDocument) -> dict[str, Any]:
    """The JSON Resume document of what ``document`` shows."""
    return to_json_resume(tailored_profile(profile, document))
