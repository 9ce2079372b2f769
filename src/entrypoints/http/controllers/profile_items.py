"""Granular component routes: one router per kind, built by one factory.

Experiences, education, projects and certifications (``component_kinds.KINDS``) each get
seven routes; each builds typed commands from its typed body and translates the result.
"""

# No `from __future__ import annotations`: handler annotations must be real types per kind.
from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar, cast

import msgspec
from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromPath, JSONBody

from resumecore.commands import (
    COMPONENT_COMMANDS,
    AddComponent,
    RemoveComponent,
    UpdateComponent,
)
from resumecore.errors import BulkOperationRejected, NotFound
from resumecore.model.component_kinds import KINDS, MAX_COMMANDS, ComponentKindSpec
from resumecore.model.principal import Principal
from resumecore.services.profiles.edit_items import EditProfileItems
from resumecore.services.profiles.queries import GetProfile
from resumecore_server.entrypoints.http.conditional import IfMatch, expected_version
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import VERSIONED
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.responses import versioned
from resumecore_server.entrypoints.http.schemas.profile_commands import (
    changes_of,
    component_of,
    patch_changes,
)
from resumecore_server.entrypoints.http.schemas.profile_items import (
    ITEM_VIEWS,
    ItemPagination,
    item_page_type,
    patch_body_type,
)
from resumecore_server.entrypoints.http.schemas.profile_views import item_view
from resumecore_server.entrypoints.http.schemas.profiles import ProjectBody
from resumecore_server.entrypoints.http.security import provide_principal

ITEM_NOT_FOUND = "Item not found."
Result = TypeVar("Result")
ITEM_BODIES: dict[str, type[msgspec.Struct]] = {"project": ProjectBody}


def _within_bulk_limit(items: list[Any]) -> None:
    # Litestar does not apply Meta(max_length) to a top-level list body, so check here.
    if len(items) > MAX_COMMANDS:
        msg = f"At most {MAX_COMMANDS} items per request."
        raise ValidationException(msg, extra=[{"key": "body", "message": msg}])


async def single(run: Awaitable[Result], not_found: str = ITEM_NOT_FOUND) -> Result:
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
    add = cast("type[AddComponent]", COMPONENT_COMMANDS[("add", kind)])
    update = cast("type[UpdateComponent]", COMPONENT_COMMANDS[("update", kind)])
    remove = cast("type[RemoveComponent]", COMPONENT_COMMANDS[("remove", kind)])
    view: Any = ITEM_VIEWS[kind]
    page: Any = item_page_type(spec)
    patch_body: Any = patch_body_type(spec, update)
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
    one, many = kind.replace("_", " "), plural.replace("_", " ")

    @post(
        "",
        status_code=201,
        operation_id=f"add_{plural}",
        response_headers=VERSIONED,
        description=f"Add {MAX_COMMANDS} {many} at most, in order, in one change; the created "
        f"{many} come back with their new ids. Idempotency-Key honoured; 422 lists the index "
        "of every failing item.",
    )
    async def add_items(
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[items_body],
        principal: NamedDependency[Principal],
        edit_profile_items: NamedDependency[EditProfileItems],
        if_match: IfMatch = None,
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[list[view]]:
        _within_bulk_limit(data)
        commands = [add(item=component_of(item)) for item in data]
        changed = await edit_profile_items(
            principal,
            profile_id,
            commands,
            expected_version=expected_version(if_match),
            idempotency=await idempotency_key(request, idempotency),
        )
        created = changed.items(kind, changed.created_ids)
        return versioned([item_view(item) for item in created], changed.version, 201)

    @get(
        "",
        operation_id=f"list_{plural}",
        description=f"A page of the profile's {many}, in the user's order, with the total.",
    )
    async def list_items(
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> page:
        items = (await get_profile(principal, profile_id)).items(kind)
        return page(
            **{plural: [item_view(item) for item in items[offset : offset + limit]]},
            pagination=ItemPagination(total=len(items), limit=limit, offset=offset),
        )

    @put(
        "",
        operation_id=f"update_{plural}",
        response_headers=VERSIONED,
        description=f"Replace every field of the given {many} (matched by id) in one change.",
    )
    async def update_items(
        profile_id: FromPath[str],
        data: JSONBody[items_body],
        principal: NamedDependency[Principal],
        edit_profile_items: NamedDependency[EditProfileItems],
        if_match: IfMatch = None,
    ) -> Response[list[view]]:
        _within_bulk_limit(data)
        commands = [update(id=item.id, changes=changes_of(item, update)) for item in data]
        changed = await edit_profile_items(
            principal, profile_id, commands, expected_version=expected_version(if_match)
        )
        wanted = {item.id for item in data}
        updated = [item for item in changed.touched if item.id in wanted]
        return versioned([item_view(item) for item in updated], changed.version)

    @delete(
        "",
        status_code=204,
        operation_id=f"delete_{plural}",
        description=f"Remove the {many} whose ids ``{ids_field}`` lists, in one change.",
    )
    async def delete_items(
        profile_id: FromPath[str],
        data: JSONBody[ids_body],  # type: ignore[valid-type]
        principal: NamedDependency[Principal],
        edit_profile_items: NamedDependency[EditProfileItems],
        if_match: IfMatch = None,
    ) -> None:
        commands = [remove(id=item_id) for item_id in getattr(data, ids_field)]
        await edit_profile_items(
            principal, profile_id, commands, expected_version=expected_version(if_match)
        )

    @get(
        "/{item_id:str}",
        operation_id=f"get_{kind}_item",
        description=f"One {one} of the profile; 404 when the profile has no such item.",
    )
    async def get_item(
        profile_id: FromPath[str],
        item_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
    ) -> view:
        item = (await get_profile(principal, profile_id)).find(kind, item_id)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND)
        return item_view(item)

    @patch(
        "/{item_id:str}",
        operation_id=f"patch_{kind}_item",
        response_headers=VERSIONED,
        description=f"Change the given fields of one {one}; the fields left out keep their "
        "values. Unknown fields are a 400.",
    )
    async def patch_item(
        profile_id: FromPath[str],
        item_id: FromPath[str],
        data: JSONBody[patch_body],
        principal: NamedDependency[Principal],
        edit_profile_items: NamedDependency[EditProfileItems],
        if_match: IfMatch = None,
    ) -> Response[view]:
        command = update(id=item_id, changes=patch_changes(kind, data, item_id, update))
        changed = await single(
            edit_profile_items(
                principal, profile_id, [command], expected_version=expected_version(if_match)
            )
        )
        updated = changed.find(kind, item_id)
        return versioned(item_view(updated) if updated else None, changed.version)

    @delete(
        "/{item_id:str}",
        status_code=204,
        operation_id=f"delete_{kind}_item",
        description=f"Remove one {one}; 404 when the profile has no such item.",
    )
    async def delete_item(
        profile_id: FromPath[str],
        item_id: FromPath[str],
        principal: NamedDependency[Principal],
        edit_profile_items: NamedDependency[EditProfileItems],
        if_match: IfMatch = None,
    ) -> None:
        await single(
            edit_profile_items(
                principal,
                profile_id,
                [remove(id=item_id)],
                expected_version=expected_version(if_match),
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
