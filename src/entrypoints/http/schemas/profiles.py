"""Profile bodies.

Items reuse the domain's component Structs (unknown fields are a 400); the domain's rules then
answer 422 with field paths.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

from entrypoints.http.schemas.common import RequestBody, ResponseBody
from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.operations import Operation

BULK_LIMIT = 100
Bulk = Annotated[list[Any], Meta(max_length=BULK_LIMIT)]


class ProfileCreate(RequestBody):
    """A whole profile in one request (components without ids)."""

    personal_info: PersonalInfo
    professional_summary: str | None = None
    skills: Skills = Skills()
    experiences: Annotated[list[Experience], Meta(max_length=200)] = []
    education: Annotated[list[Education], Meta(max_length=100)] = []
    projects: Annotated[list[Project], Meta(max_length=200)] = []
    custom_fields: dict[str, Any] = {}


class ProfileUpdate(RequestBody):
    """Any subset of the top-level parts; a list given replaces that list."""

    personal_info: PersonalInfo | UnsetType = UNSET
    professional_summary: str | UnsetType | None = UNSET
    skills: Skills | UnsetType = UNSET
    experiences: Annotated[list[Experience], Meta(max_length=200)] | UnsetType = UNSET
    education: Annotated[list[Education], Meta(max_length=100)] | UnsetType = UNSET
    projects: Annotated[list[Project], Meta(max_length=200)] | UnsetType = UNSET
    custom_fields: dict[str, Any] | UnsetType = UNSET


class OperationsRequest(RequestBody):
    """A batch for ``POST /profiles/{id}/operations``."""

    operations: Annotated[list[Operation], Meta(max_length=BULK_LIMIT)]
    expected_version: int | None = None


class ProfileList(ResponseBody):
    """A page of profiles."""

    profiles: list[Profile]
    total: int
    limit: int
    offset: int
    has_more: bool


class SkillNames(RequestBody):
    """Skill names to add or remove."""

    skills: Annotated[list[Annotated[str, Meta(max_length=100)]], Meta(max_length=BULK_LIMIT)]


class SkillsChanged(ResponseBody):
    """The category's skills after a change."""

    message: str
    skills: list[str]


class CustomFieldEntry(RequestBody):
    """One custom field."""

    key: Annotated[str, Meta(min_length=1, max_length=50)]
    value: Any


class CustomFieldsAdd(RequestBody):
    """Custom fields to merge in."""

    fields: Annotated[list[CustomFieldEntry], Meta(max_length=BULK_LIMIT)]


class CustomFieldsUpdated(ResponseBody):
    """Which keys were written."""

    message: str
    updated_fields: list[str]


def builtins_without_ids(item: msgspec.Struct) -> dict[str, Any]:
    """A component as plain data for the domain; an empty id means "new"."""
    data: dict[str, Any] = msgspec.to_builtins(item)
    if not data.get("id"):
        data.pop("id", None)
    return data


def content_of(body: ProfileCreate | ProfileUpdate) -> dict[str, Any]:
    """The parts a body sets, as plain data (unset parts left out)."""
    content: dict[str, Any] = {}
    for field in body.__struct_fields__:
        value = getattr(body, field)
        if value is UNSET:
            continue
        if isinstance(value, list):
            content[field] = [builtins_without_ids(item) for item in value]
        elif field == "skills" and isinstance(value, Skills):
            skills = msgspec.to_builtins(value)
            skills["certifications"] = [builtins_without_ids(c) for c in value.certifications]
            content[field] = skills
        else:
            content[field] = msgspec.to_builtins(value)
    return content


__all__ = ["Certification", "builtins_without_ids", "content_of"]
