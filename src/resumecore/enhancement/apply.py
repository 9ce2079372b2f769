"""Checking an enhancer's proposal against the profile and writing what passes beside it.

Pure: the use case runs ``checked`` on its CPU workers and saves what ``applied`` returns.
Only ``enhanced_professional_summary`` and the items' ``enhanced_description`` ever change.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from resumecore.model.components import LONG
from resumecore.model.profile import Profile
from resumecore.ports.profile_enhancer import Enhancement
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.grounding import GroundingChecker

EnhancedKind = Literal["experience", "project"]


class EnhancedItem(msgspec.Struct, frozen=True, kw_only=True):
    """An item's enhanced description that passed the check."""

    id: str
    kind: EnhancedKind
    enhanced_description: str


class Checked(msgspec.Struct, frozen=True, kw_only=True):
    """The texts of a proposal that passed, in the profile's order, and how many did not."""

    summary: str | None
    items: tuple[EnhancedItem, ...]
    skipped: int


def checked(
    profile: Profile, enhancement: Enhancement, vocabulary: SkillVocabulary | None = None
) -> Checked:
    """Keep each proposed text that is non-empty, within the length limit and grounded.

    A text for an id that is not one of the profile's experiences or projects is skipped too.
    """
    checker = GroundingChecker(profile, vocabulary)

    def passes(text: str) -> bool:
        return bool(text.strip()) and len(text) <= LONG and not checker.claims(text)

    proposed = enhancement.summary
    summary = proposed if proposed is not None and passes(proposed) else None
    skipped = int(proposed is not None and summary is None)
    kinds: dict[str, EnhancedKind] = {e.id: "experience" for e in profile.experiences}
    kinds |= {p.id: "project" for p in profile.projects}
    skipped += sum(1 for item_id in enhancement.items if item_id not in kinds)
    items = []
    for item_id, kind in kinds.items():
        text = enhancement.items.get(item_id)
        if text is None:
            continue
        if passes(text):
            items.append(EnhancedItem(id=item_id, kind=kind, enhanced_description=text))
        else:
            skipped += 1
    return Checked(summary=summary, items=tuple(items), skipped=skipped)


def applied(profile: Profile, result: Checked) -> Profile:
    """``profile`` with the passed texts; the same object when that changes nothing.

    A field without a passed text keeps its stored value. A change bumps the version once;
    ``updated_at`` stays, because it is the last time the person edited the profile: the
    "today" every writer (and this enhancer) counts years of experience from, so enhancing
    changes no generated document's facts and enhancing again gives the same texts.
    """
    texts = {item.id: item.enhanced_description for item in result.items}
    candidate = msgspec.structs.replace(
        profile,
        enhanced_professional_summary=result.summary or profile.enhanced_professional_summary,
        experiences=tuple(
            msgspec.structs.replace(e, enhanced_description=texts.get(e.id, e.enhanced_description))
            for e in profile.experiences
        ),
        projects=tuple(
            msgspec.structs.replace(p, enhanced_description=texts.get(p.id, p.enhanced_description))
            for p in profile.projects
        ),
    )
    if candidate == profile:
        return profile
    return msgspec.structs.replace(candidate, version=profile.version + 1)
