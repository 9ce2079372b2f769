"""Granular component routes: one router per kind, built by one factory.

Experiences, education, projects and certifications (``component_kinds.KINDS``) each get
seven routes; each builds typed commands from its typed body and translates the result.
"""

# No `from __future__ import annotations`: handler annotations must be real types per kind.
from collections.abc import Awaitable
from typing import Annotated, Any, cast

import msgspec
from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromPath, JSONBody

from resumecore.commands import COMPONENT_COMMANDS, UpdateComponent
from resumecore.errors import BulkOperationRejected, NotFound
from resumecore.model.component_kinds import KINDS, MAX_COMMANDS, ComponentKindSpec
from resumecore.model.principal import Principal
from resumecore.services.profiles.edit import ApplyProfileOperations, Changed
from resumecore.services.profiles.queries import GetProfile
from resumecore_server.entrypoints.http.conditional import expected_version
from resumecore_server.entrypoints.http.idempotency import idempotency_key
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.responses import versioned
from resumecore_server.entrypoints.http.schemas.profile_commands import (
    changes_of,
    component_of,
    patch_changes,
)
from resumecore_server.entrypoints.http.schemas.profile_views import item_view
from resumecore_server.entrypoints.http.schemas.profiles import ProjectBody
from resumecore_server.entrypoints.http.security import provide_principal

ITEM_NOT_FOUND = "Item not found."
ITEM_BODIES: dict[str, type[msgspec.Struct]] = {"project": ProjectBody}


def _within_bulk_limit(items: list[Any]) -> None:
    # Litestar does not apply Meta(max_length) to a top-level list body, so check here.
    if len(items) > MAX_COMMANDS:
        msg = f"At most {MAX_COMMANDS} items per request."
        raise ValidationException(msg, extra=[{"key": "body", "message": msg}])


async def single(run: Awaitable[Changed], not_found: str = ITEM_NOT_FOUND) -> Changed:
    """Run a one-item command; an unknown item (or skill, or key) is a 404, not a 422."""
    try:
        return await run
    except BulkOperationRejected as exc:
        if any(error.code == "not_found" for error in exc.errors):
            raise NotFound(not_found) from exc
        raise


def build_item_router(spec: ComponentKindSpec) -> Router:
    """The seven routes of one component kind under ``/api/v1/profiles/{profile_id}/<route>``."""
    plural, kind, ids_field = spec.route, spec.kind, spec.ids_field
    item_type: Any = ITEM_BODIES.get(kind, spec.type)
    add = COMPONENT_COMMANDS[("add", kind)]
    update = cast("type[UpdateComponent]", COMPONENT_COMMANDS[("update", kind)])
    remove = COMPONENT_COMMANDS[("remove", kind)]
    ids_body = msgspec.defstruct(
        f"{item_type.__name__}Ids",
        [
            (
                ids_field,
                Annotated[
                    list[Annotated[str, msgspec.Meta(max_length=64)]],
                    msgspec.Meta(max_length=MAX_COMMANDS),
                ],
            )
        ],
        forbid_unknown_fields=True,
    )
    items_body = Annotated[list[item_type], msgspec.Meta(max_length=MAX_COMMANDS)]
    AnyRequest = Request[Any, Any, Any]  # noqa: N806

    @post("", status_code=201, operation_id=f"add_{plural}")
    async def add_items(
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[items_body],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[list[Any]]:
        _within_bulk_limit(data)
        commands = [add(item=component_of(item)) for item in data]
        changed = await apply_profile_operations(
            principal,
            profile_id,
            commands,
            expected_version=expected_version(request),
            idempotency=await idempotency_key(request),
        )
        created = changed.items(kind, changed.created_ids)
        return versioned([item_view(item) for item in created], changed.version, 201)

    @get("", operation_id=f"list_{plural}")
    async def list_items(
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        items = (await get_profile(principal, profile_id)).items(kind)
        return {
            plural: [item_view(item) for item in items[offset : offset + limit]],
            "pagination": {"total": len(items), "limit": limit, "offset": offset},
        }

    @put("", operation_id=f"update_{plural}")
    async def update_items(
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[items_body],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[list[Any]]:
        _within_bulk_limit(data)
        commands = [update(id=item.id, changes=changes_of(item, update)) for item in data]
        changed = await apply_profile_operations(
            principal, profile_id, commands, expected_version=expected_version(request)
        )
        wanted = {item.id for item in data}
        updated = [item for item in changed.profile.items(kind) if item.id in wanted]
        return versioned([item_view(item) for item in updated], changed.version)

    @delete("", status_code=204, operation_id=f"delete_{plural}")
    async def delete_items(
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[ids_body],  # type: ignore[valid-type]
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> None:
        commands = [remove(id=item_id) for item_id in getattr(data, ids_field)]
        await apply_profile_operations(
            principal, profile_id, commands, expected_version=expected_version(request)
        )

    @get("/{item_id:str}", operation_id=f"get_{kind}_item")
    async def get_item(
        profile_id: FromPath[str],
        item_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
    ) -> Any:
        item = (await get_profile(principal, profile_id)).find(kind, item_id)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND)
        return item_view(item)

    @patch("/{item_id:str}", operation_id=f"patch_{kind}_item")
    async def patch_item(
        request: AnyRequest,
        profile_id: FromPath[str],
        item_id: FromPath[str],
        data: JSONBody[dict[str, Any]],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> Response[Any]:
        unknown = sorted(set(data) - set(item_type.__struct_fields__) - {"id"})
        if unknown:  # as for every other body: unknown fields are malformed (400)
            errors = [
                {"key": key, "message": f"'{key}' is not a field this request accepts."}
                for key in unknown
            ]
            raise ValidationException("Unknown fields.", extra=errors)
        command = update(id=item_id, changes=patch_changes(kind, data, item_id, update))
        changed = await single(
            apply_profile_operations(
                principal, profile_id, [command], expected_version=expected_version(request)
            )
        )
        updated = changed.profile.find(kind, item_id)
        return versioned(item_view(updated) if updated else None, changed.version)

    @delete("/{item_id:str}", status_code=204, operation_id=f"delete_{kind}_item")
    async def delete_item(
        request: AnyRequest,
        profile_id: FromPath[str],
        item_id: FromPath[str],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> None:
        await single(
            apply_profile_operations(
                principal,
                profile_id,
                [remove(id=item_id)],
                expected_version=expected_version(request),
            )
        )

    return Router(
        path=f"/api/v1/profiles/{{profile_id:str}}/{plural}",
        route_handlers=[
            add_items,
            list_items,
            update_items,
            delete_items,
            get_item,
            patch_item,
            delete_item,
        ],
        dependencies={"principal": Provide(provide_principal)},
        security=[{"BearerToken": []}],
        tags=["profile items"],
    )


ITEM_ROUTERS = [build_item_router(spec) for spec in KINDS.values()]
