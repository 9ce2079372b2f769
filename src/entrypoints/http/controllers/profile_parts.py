"""Skills and custom-field routes of a profile: typed commands in, the result translated."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from resumecore.commands import (
    AddSkills,
    RemoveCustomField,
    RemoveSkill,
    RemoveSkills,
    SetCustomField,
    SetCustomFields,
    SetSkills,
)
from resumecore.model.principal import Principal
from resumecore.model.profile_parts import Skills
from resumecore.services.profiles.edit import ApplyProfileOperations, Changed
from resumecore.services.profiles.queries import GetProfile
from resumecore_server.entrypoints.http.conditional import IfMatch, expected_version
from resumecore_server.entrypoints.http.controllers.profile_items import single
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import VERSIONED
from resumecore_server.entrypoints.http.responses import versioned
from resumecore_server.entrypoints.http.schemas.profiles import (
    CustomFieldsAdd,
    CustomFieldsUpdated,
    SkillNames,
    SkillsChanged,
)
from resumecore_server.entrypoints.http.security import provide_principal

Category = Literal["technical", "soft"]
AnyRequest = Request[Any, Any, Any]


class ProfilePartsController(Controller):
    """``/profiles/{id}/skills`` and ``/profiles/{id}/custom-fields``."""

    path = "/api/v1/profiles/{profile_id:str}"
    tags = ["profile skills and custom fields"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @get("/skills", operation_id="get_skills")
    async def get_skills(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
    ) -> Skills:
        """The skills object, in the user's order."""
        return (await get_profile(principal, profile_id)).skills

    @put("/skills", operation_id="replace_skills", response_headers=VERSIONED)
    async def replace_skills(
        self,
        profile_id: FromPath[str],
        data: JSONBody[Skills],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> Response[Skills]:
        """Replace all skills (certifications keep their ids when they send them)."""
        changed = await apply_profile_operations(
            principal,
            profile_id,
            [SetSkills(skills=data)],
            expected_version=expected_version(if_match),
        )
        return versioned(changed.profile.skills, changed.version)

    @post(
        "/skills/{category:str}",
        status_code=200,
        operation_id="add_skills",
        response_headers=VERSIONED,
    )
    async def add(
        self,
        profile_id: FromPath[str],
        category: FromPath[Category],
        data: JSONBody[SkillNames],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> Response[SkillsChanged]:
        """Append skills in order, skipping case-insensitive duplicates."""
        command = AddSkills(category=category, names=tuple(data.skills))
        changed = await apply_profile_operations(
            principal, profile_id, [command], expected_version=expected_version(if_match)
        )
        return _skills_changed(changed, category, "added")

    @delete(
        "/skills/{category:str}",
        status_code=200,
        operation_id="remove_skills",
        response_headers=VERSIONED,
    )
    async def remove(
        self,
        profile_id: FromPath[str],
        category: FromPath[Category],
        data: JSONBody[SkillNames],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> Response[SkillsChanged]:
        """Remove the named skills (case-insensitive); names not present are ignored."""
        command = RemoveSkills(category=category, names=tuple(data.skills))
        changed = await apply_profile_operations(
            principal, profile_id, [command], expected_version=expected_version(if_match)
        )
        return _skills_changed(changed, category, "removed")

    @delete(
        "/skills/{category:str}/{skill:str}",
        status_code=200,
        operation_id="remove_skill",
        response_headers=VERSIONED,
    )
    async def remove_one(
        self,
        profile_id: FromPath[str],
        category: FromPath[Category],
        skill: FromPath[str],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> Response[SkillsChanged]:
        """Remove one skill; 404 when it is not in the category."""
        command = RemoveSkill(category=category, skill=skill)
        changed = await single(
            apply_profile_operations(
                principal, profile_id, [command], expected_version=expected_version(if_match)
            ),
            "Skill not found.",
        )
        return _skills_changed(changed, category, "removed")

    @get("/custom-fields", operation_id="get_custom_fields")
    async def get_custom_fields(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
    ) -> dict[str, Any]:
        """The custom fields object."""
        return (await get_profile(principal, profile_id)).custom_fields

    @post(
        "/custom-fields",
        status_code=201,
        operation_id="add_custom_fields",
        response_headers=VERSIONED,
    )
    async def add_custom_fields(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[CustomFieldsAdd],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[CustomFieldsUpdated]:
        """Merge fields in (existing keys are overwritten)."""
        commands = [SetCustomField(key=field.key, value=field.value) for field in data.fields]
        changed = await apply_profile_operations(
            principal,
            profile_id,
            commands,
            expected_version=expected_version(if_match),
            idempotency=await idempotency_key(request, idempotency),
        )
        keys = list(dict.fromkeys(f.key for f in data.fields))
        body = CustomFieldsUpdated(
            message="Custom fields updated successfully", updated_fields=keys
        )
        return versioned(body, changed.version, 201)

    @put("/custom-fields", operation_id="replace_custom_fields", response_headers=VERSIONED)
    async def replace_custom_fields(
        self,
        profile_id: FromPath[str],
        data: JSONBody[dict[str, Any]],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> Response[dict[str, Any]]:
        """Replace all custom fields."""
        command = SetCustomFields(fields=data)
        changed = await apply_profile_operations(
            principal, profile_id, [command], expected_version=expected_version(if_match)
        )
        return versioned(changed.profile.custom_fields, changed.version)

    @delete("/custom-fields/{key:str}", status_code=204, operation_id="delete_custom_field")
    async def delete_custom_field(
        self,
        profile_id: FromPath[str],
        key: FromPath[str],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
    ) -> None:
        """Remove one key; 404 when absent."""
        await single(
            apply_profile_operations(
                principal,
                profile_id,
                [RemoveCustomField(key=key)],
                expected_version=expected_version(if_match),
            ),
            "Custom field not found.",
        )


def _skills_changed(changed: Changed, category: Category, verb: str) -> Response[SkillsChanged]:
    skills = list(getattr(changed.profile.skills, category))
    return versioned(
        SkillsChanged(message=f"Skills {verb} successfully", skills=skills), changed.version
    )
