"""The Profile aggregate: the master career profile every document is tailored from."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import FieldError
from resumecore.ids import ProfileId, UserId
from resumecore.model import rules
from resumecore.model.component_kinds import LIST_FIELD, MAX_ITEMS
from resumecore.model.components import Component, Education, Experience, Project
from resumecore.model.profile_parts import PersonalInfo, Skills, custom_field_problems

# The top-level part holding each kind's items (certifications are part of the skills).
PART_OF_KIND = {kind: field.split(".")[0] for kind, field in LIST_FIELD.items()}


class Profile(msgspec.Struct, frozen=True, kw_only=True):
    """A user's master profile. Immutable: every change returns a new value (see editing)."""

    id: ProfileId
    user_id: UserId
    version: int = 1
    is_primary: bool = False
    personal_info: PersonalInfo
    professional_summary: str | None = None
    skills: Skills = Skills()
    experiences: tuple[Experience, ...] = ()
    education: tuple[Education, ...] = ()
    projects: tuple[Project, ...] = ()
    custom_fields: dict[str, Any] = msgspec.field(default_factory=dict)
    enhanced_professional_summary: str | None = None
    created_at: datetime
    updated_at: datetime

    def items(self, kind: str) -> tuple[Component, ...]:
        """The components of one kind, in the user's order."""
        if kind == "certification":
            return self.skills.certifications
        items: tuple[Component, ...] = getattr(self, LIST_FIELD[kind])
        return items

    def with_items(self, kind: str, items: tuple[Any, ...]) -> Profile:
        """A copy with the components of ``kind`` replaced."""
        if kind == "certification":
            skills = msgspec.structs.replace(self.skills, certifications=items)
            return msgspec.structs.replace(self, skills=skills)
        return msgspec.structs.replace(self, **{LIST_FIELD[kind]: items})

    def find(self, kind: str, item_id: str) -> Component | None:
        """The component of ``kind`` with ``item_id``, or None."""
        return next((item for item in self.items(kind) if item.id == item_id), None)

    def problems(self, *, checked: Collection[str] = ()) -> list[FieldError]:
        """Every invariant the whole profile breaks, with field paths.

        ``checked``: top-level parts (``experiences``, ``skills``...) whose own rules and
        items' rules the caller has just checked on these very values; only the rules across
        parts (item limits, unique ids) are checked for them.
        """
        found = [
            *rules.prefixed("personal_info", self.personal_info.problems()),
            *rules.text(self.professional_summary, "professional_summary", max_length=5000),
            *rules.text(
                self.enhanced_professional_summary, "enhanced_professional_summary", max_length=5000
            ),
            *(rules.prefixed("skills", self.skills.problems()) if "skills" not in checked else ()),
            *custom_field_problems(self.custom_fields),
        ]
        seen: set[str] = set()
        for kind, limit in MAX_ITEMS.items():
            items = self.items(kind)
            if len(items) > limit:
                found.append(
                    FieldError("too_many", f"Use at most {limit} items.", LIST_FIELD[kind])
                )
            items_checked = PART_OF_KIND[kind] in checked
            for i, item in enumerate(items):
                path = f"{LIST_FIELD[kind]}[{i}]"
                if not items_checked:
                    found += rules.prefixed(path, item.problems())
                if not item.id or item.id in seen:
                    found.append(FieldError("duplicate_id", "Component ids must be unique.", path))
                seen.add(item.id)
        return found


def all_components(profile: Profile) -> list[tuple[str, int, Component]]:
    """``(kind, position, component)`` for every component (what storage writes)."""
    return [
        (kind, position, item)
        for kind in MAX_ITEMS
        for position, item in enumerate(profile.items(kind))
    ]
