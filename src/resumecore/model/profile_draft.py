"""A new profile as typed parts (``ProfileDraft``) and the version-1 profile built from it.

The typed twin of ``new_profile``'s content: the parts are already the domain's values, so
nothing is read from plain data, but every item and the whole profile are checked by the same
code (``profile_lists``, ``profile_revision``), ids are handed out in the same order and the
errors are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model.components import Education, Experience, Project
from resumecore.model.profile import Profile
from resumecore.model.profile_lists import LIST_KINDS, replaced_list
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.model.profile_revision import blank_profile, finished, part_errors
from resumecore.model.skills import resolve_skills


class ProfileDraft(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a new profile holds. Component ids and enhanced texts in it are ignored."""

    personal_info: PersonalInfo
    professional_summary: str | None = None
    skills: Skills = Skills()
    experiences: tuple[Experience, ...] = ()
    education: tuple[Education, ...] = ()
    projects: tuple[Project, ...] = ()
    custom_fields: dict[str, Any] = {}


def draft_profile(
    profile_id: ProfileId,
    user_id: UserId,
    draft: ProfileDraft,
    *,
    is_primary: bool,
    new_id: Callable[[], str],
    at: datetime,
) -> Profile:
    """A validated version-1 profile from ``draft``; every component gets a fresh id.

    The same profile (ids included) and the same errors as ``new_profile`` given the draft's
    parts as plain data.

    Raises:
        InvalidValue: listing every broken rule with its field path.
    """
    empty = blank_profile(profile_id, user_id, is_primary=is_primary, at=at)
    updates: dict[str, Any] = {
        "personal_info": draft.personal_info,
        "professional_summary": draft.professional_summary,
        "custom_fields": dict(draft.custom_fields),
    }
    errors: list[FieldError] = []
    # Sorted, as new_profile hands out ids: the same content gets the same ids.
    for field in sorted([*LIST_KINDS, "skills"]):
        try:
            if field == "skills":
                updates[field] = resolve_skills(empty, draft.skills, new_id)
            else:
                items = list(getattr(draft, field))
                updates[field] = replaced_list(empty, LIST_KINDS[field], items, new_id)
        except InvalidValue as exc:
            errors += part_errors(field, exc)
    return finished(empty, updates, errors, at)
