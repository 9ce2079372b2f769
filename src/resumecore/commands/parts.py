"""Commands on skills and custom fields."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from resumecore.errors import FieldError
from resumecore.model.profile_parts import CUSTOM_KEY, Skills

SkillCategory = Literal["technical", "soft"]
SkillName = Annotated[str, msgspec.Meta(max_length=100)]
INVALID_NAME = FieldError(
    "invalid_name", "A skill name of 1-100 characters is required.", "data.name"
)


class PartCommand(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="command"
):
    """A change to the skills or the custom fields."""

    def problems(self) -> list[FieldError]:
        """Rules the command's own values break."""
        return []


def _name_problems(name: str) -> list[FieldError]:
    return [] if name.strip() and len(name) <= 100 else [INVALID_NAME]


class AddSkill(PartCommand, frozen=True, kw_only=True, tag="add_skill"):
    """Add one skill (a case-insensitive duplicate is skipped), last or at ``position``."""

    category: SkillCategory = "technical"
    name: str
    position: int | None = None

    def problems(self) -> list[FieldError]:
        """A name of 1-100 characters."""
        return _name_problems(self.name)


class RenameSkill(PartCommand, frozen=True, kw_only=True, tag="rename_skill"):
    """Rename the skill ``skill`` (matched case-insensitively) to ``name``."""

    category: SkillCategory = "technical"
    skill: str
    name: str

    def problems(self) -> list[FieldError]:
        """A name of 1-100 characters."""
        return _name_problems(self.name)


class RemoveSkill(PartCommand, frozen=True, kw_only=True, tag="remove_skill"):
    """Remove the skill ``skill``; it must be listed."""

    category: SkillCategory = "technical"
    skill: str


class MoveSkill(PartCommand, frozen=True, kw_only=True, tag="move_skill"):
    """Move the skill ``skill`` to ``position``."""

    category: SkillCategory = "technical"
    skill: str
    position: int


class AddSkills(PartCommand, frozen=True, kw_only=True, tag="add_skills"):
    """Append names in order, skipping blanks and case-insensitive duplicates."""

    category: SkillCategory
    names: tuple[SkillName, ...]


class RemoveSkills(PartCommand, frozen=True, kw_only=True, tag="remove_skills"):
    """Remove every listed name (case-insensitive); names not listed are ignored."""

    category: SkillCategory
    names: tuple[SkillName, ...]


class SetSkills(PartCommand, frozen=True, kw_only=True, tag="set_skills"):
    """Replace all skills; a certification keeps its id when it carries a known one."""

    skills: Skills


class SetCustomField(PartCommand, frozen=True, kw_only=True, tag="set_custom_field"):
    """Write ``value`` under ``key``; with ``must_exist`` the key must already be there."""

    key: str
    value: Any = None
    must_exist: bool = False

    def problems(self) -> list[FieldError]:
        """Keys are 1-50 letters, digits, spaces or ``_.-``."""
        if CUSTOM_KEY.match(self.key):
            return []
        message = "Keys are 1-50 letters, digits, spaces or _.-"
        return [FieldError("invalid_key", message, f"custom_fields.{self.key[:60]}")]


class RemoveCustomField(PartCommand, frozen=True, kw_only=True, tag="remove_custom_field"):
    """Remove ``key``; it must be there."""

    key: str


class SetCustomFields(PartCommand, frozen=True, kw_only=True, tag="set_custom_fields"):
    """Replace all custom fields."""

    fields: dict[str, Any]
