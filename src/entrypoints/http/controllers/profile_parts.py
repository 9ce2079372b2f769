"""Skills and custom-field routes of a profile, all running as profile operations."""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from litestar import Controller, Request, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from entrypoints.http.conditional import expected_version
from entrypoints.http.idempotency import idempotency_key
from entrypoints.http.responses import versioned
from entrypoints.http.schemas.profiles import (
    CustomFieldsAdd,
    CustomFieldsUpdated,
    SkillNames,
    SkillsChanged,
    content_of,
)
from entrypoints.http.schemas.profiles import ProfileUpdate as _Update
from entrypoints.http.security import provide_principal
from resumecore.errors import NotFound
from resumecore.model.principal import Principal
from resumecore.model.profile_parts import Skills
from resumecore.model.skill_editing import add_skills, fold, remove_skills
from resumecore.operations import Operation
from resumecore.services.profiles.edit import ApplyProfileOperations, ProfileChange
from resumecore.services.profiles.queries import GetProfile
from resumecore.services.retry import retrying

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

    @put("/skills", operation_id="replace_skills")
    async def replace_skills(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[Skills],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[Skills]:
        """Replace all skills (certifications keep their ids when they send them)."""
        skills = content_of(_Update(skills=data))["skills"]
        op = Operation(op="set", kind="skills", data=skills)
        change = await apply_profile_operations(
            principal, profile_id, [op], expected_version=expected_version(request)
        )
        return versioned(change.after.skills, change.after.version)

    @post("/skills/{category:str}", status_code=200, operation_id="add_skills")
    async def add(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        category: FromPath[Category],
        data: JSONBody[SkillNames],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[SkillsChanged]:
        """Append skills in order, skipping case-insensitive duplicates."""
        return await self._change(
            request,
            profile_id,
            category,
            data.skills,
            principal,
            get_profile,
            apply_profile_operations,
            add=True,
        )

    @delete("/skills/{category:str}", status_code=200, operation_id="remove_skills")
    async def remove(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        category: FromPath[Category],
        data: JSONBody[SkillNames],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[SkillsChanged]:
        """Remove the named skills (case-insensitive); names not present are ignored."""
        return await self._change(
            request,
            profile_id,
            category,
            data.skills,
            principal,
            get_profile,
            apply_profile_operations,
            add=False,
        )

    @delete("/skills/{category:str}/{skill:str}", status_code=200, operation_id="remove_skill")
    async def remove_one(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        category: FromPath[Category],
        skill: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[SkillsChanged]:
        """Remove one skill; 404 when it is not in the category."""
        current = await get_profile(principal, profile_id)
        names = getattr(current.skills, category)
        if fold(skill) not in {fold(name) for name in names}:
            raise NotFound("Skill not found.")
        return await self._change(
            request,
            profile_id,
            category,
            [skill],
            principal,
            get_profile,
            apply_profile_operations,
            add=False,
        )

    async def _change(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        category: FromPath[Category],
        names: list[str],
        principal: Principal,
        get_profile: GetProfile,
        apply_profile_operations: ApplyProfileOperations,
        *,
        add: bool,
    ) -> Response[SkillsChanged]:
        expected = expected_version(request)

        async def attempt() -> ProfileChange:
            # Read, compute the new list, write conditionally; a lost race is retried.
            current = await get_profile(principal, profile_id)
            existing: tuple[str, ...] = getattr(current.skills, category)
            updated = add_skills(existing, names) if add else remove_skills(existing, names)
            skills = msgspec.structs.replace(current.skills, **{category: updated})
            op = Operation(op="set", kind="skills", data=msgspec.to_builtins(skills))
            return await apply_profile_operations(
                principal,
                profile_id,
                [op],
                expected_version=current.version if expected is None else expected,
            )

        # The inner write always carries a version, so holding the profile's key is safe.
        change = await retrying(attempt, expected, key=f"profile:{profile_id}")
        verb = "added" if add else "removed"
        result = list(getattr(change.after.skills, category))
        return versioned(
            SkillsChanged(message=f"Skills {verb} successfully", skills=result),
            change.after.version,
        )

    @get("/custom-fields", operation_id="get_custom_fields")
    async def get_custom_fields(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
    ) -> dict[str, Any]:
        """The custom fields object."""
        return (await get_profile(principal, profile_id)).custom_fields

    @post("/custom-fields", status_code=201, operation_id="add_custom_fields")
    async def add_custom_fields(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[CustomFieldsAdd],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[CustomFieldsUpdated]:
        """Merge fields in (existing keys are overwritten)."""
        ops = [
            Operation(op="add", kind="custom_field", id=f.key, data=f.value) for f in data.fields
        ]
        change = await apply_profile_operations(
            principal,
            profile_id,
            ops,
            expected_version=expected_version(request),
            idempotency=await idempotency_key(request),
        )
        keys = list(dict.fromkeys(f.key for f in data.fields))
        body = CustomFieldsUpdated(
            message="Custom fields updated successfully", updated_fields=keys
        )
        return versioned(body, change.after.version, 201)

    @put("/custom-fields", operation_id="replace_custom_fields")
    async def replace_custom_fields(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[dict[str, Any]],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[dict[str, Any]]:
        """Replace all custom fields."""
        op = Operation(op="set", kind="custom_fields", data=data)
        change = await apply_profile_operations(
            principal, profile_id, [op], expected_version=expected_version(request)
        )
        return versioned(change.after.custom_fields, change.after.version)

    @delete("/custom-fields/{key:str}", status_code=204, operation_id="delete_custom_field")
    async def delete_custom_field(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        key: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> None:
        """Remove one key; 404 when absent."""
        if key not in (await get_profile(principal, profile_id)).custom_fields:
            raise NotFound("Custom field not found.")
        op = Operation(op="remove", kind="custom_field", id=key)
        await apply_profile_operations(
            principal, profile_id, [op], expected_version=expected_version(request)
        )
