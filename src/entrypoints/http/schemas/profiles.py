"""Profile bodies.

Items reuse the domain's component Structs (unknown fields are a 400); the domain's rules then
answer 422 with field paths.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

from resumecore.model.component_kinds import KINDS, MAX_COMMANDS
from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.operations import Operation
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody
from resumecore_server.entrypoints.http.schemas.profile_views import ProfileView

BULK_LIMIT = MAX_COMMANDS
Bulk = Annotated[list[Any], Meta(max_length=BULK_LIMIT)]
MAX_EXPERIENCES = KINDS["experience"].max_items
MAX_EDUCATION = KINDS["education"].max_items
MAX_PROJECTS = KINDS["project"].max_items


# Server-owned keys clients send back with what they read (the app always does): accepted and
# ignored, so a null never wipes a server-held value.
Echo = Annotated[str, Meta(max_length=10_000)] | int | float | bool | None
ECHOED = frozenset(
    {"id", "user_id", "version", "is_primary", "created_at", "updated_at"}
    | {"enhanced_professional_summary"}
)


class ProjectBody(Project, frozen=True):
    """A project as clients send it; the app's ``github_url`` is read as ``repository_url``."""

    github_url: str | None = None


class EchoedKeys(RequestBody):
    """The server-owned keys a client may echo; their values are ignored."""

    id: Echo = None
    user_id: Echo = None
    version: Echo = None
    is_primary: Echo = None
    created_at: Echo = None
    updated_at: Echo = None
    enhanced_professional_summary: Echo = None


class ProfileCreate(EchoedKeys, kw_only=True):
    """A whole profile in one request (component ids, if any, are replaced by new ones)."""

    personal_info: PersonalInfo
    professional_summary: str | None = None
    skills: Skills = Skills()
    experiences: Annotated[list[Experience], Meta(max_length=MAX_EXPERIENCES)] = []
    education: Annotated[list[Education], Meta(max_length=MAX_EDUCATION)] = []
    projects: Annotated[list[ProjectBody], Meta(max_length=MAX_PROJECTS)] = []
    custom_fields: dict[str, Any] = {}


class ProfileUpdate(EchoedKeys, kw_only=True):
    """Any subset of the top-level parts; a list given replaces that list.

    Full replacement: items with a known id are updated, others added, those left out removed.
    """

    personal_info: PersonalInfo | UnsetType = UNSET
    professional_summary: str | UnsetType | None = UNSET
    skills: Skills | UnsetType = UNSET
    experiences: Annotated[list[Experience], Meta(max_length=MAX_EXPERIENCES)] | UnsetType = UNSET
    education: Annotated[list[Education], Meta(max_length=MAX_EDUCATION)] | UnsetType = UNSET
    projects: Annotated[list[ProjectBody], Meta(max_length=MAX_PROJECTS)] | UnsetType = UNSET
    custom_fields: dict[str, Any] | UnsetType = UNSET


class OperationsRequest(RequestBody):
    """A batch for ``POST /profiles/{id}/operations``; each operation is read as its command."""

    operations: Annotated[list[Operation], Meta(max_length=BULK_LIMIT)]
    expected_version: int | None = None


class ProfileList(ResponseBody):
    """A page of profiles."""

    profiles: list[ProfileView]
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


def client_item(data: dict[str, Any]) -> dict[str, Any]:
    """An item as a client sent it, as data for the domain.

    An empty id means "new"; the app's ``github_url`` is ``repository_url``; an enhanced text
    is the server's to write and is dropped.
    """
    item = {k: v for k, v in data.items() if k not in {"enhanced_description", "github_url"}}
    if not item.get("id"):
        item.pop("id", None)
    if data.get("github_url") and not data.get("repository_url"):
        item["repository_url"] = data["github_url"]
    return item


def builtins_without_ids(item: msgspec.Struct) -> dict[str, Any]:
    """A decoded component body as plain data for the domain (see ``client_item``)."""
    return client_item(msgspec.to_builtins(item))


def content_of(body: ProfileCreate | ProfileUpdate) -> dict[str, Any]:
    """The parts a body sets, as plain data (unset parts and echoed keys left out)."""
    content: dict[str, Any] = {}
    for field in body.__struct_fields__:
        value = getattr(body, field)
        if value is UNSET or field in ECHOED:
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


__all__ = ["Certification", "builtins_without_ids", "client_item", "content_of"]
