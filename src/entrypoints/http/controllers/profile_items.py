"""Granular component routes: one router per kind, built by one factory.

Experiences, education, projects and certifications each get seven routes, all running as
profile operations.
"""

# No `from __future__ import annotations`: handler annotations must be real types per kind.
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromPath, JSONBody

from entrypoints.http.conditional import expected_version
from entrypoints.http.idempotency import idempotency_key
from entrypoints.http.paging import Limit, Offset
from entrypoints.http.responses import versioned
from entrypoints.http.schemas.profile_views import item_view
from entrypoints.http.schemas.profiles import (
    BULK_LIMIT,
    ProjectBody,
    builtins_without_ids,
    client_item,
)
from entrypoints.http.security import provide_principal
from resumecore.errors import BulkOperationRejected, NotFound
from resumecore.model.components import Certification, Education, Experience
from resumecore.model.principal import Principal
from resumecore.operations import Operation
from resumecore.services.profiles.edit import ApplyProfileOperations, ProfileChange
from resumecore.services.profiles.queries import GetProfile

ITEM_NOT_FOUND = "Item not found."
KINDS: tuple[tuple[str, str, str, type[msgspec.Struct]], ...] = (
    ("experiences", "experience", "experience_ids", Experience),
    ("education", "education", "education_ids", Education),
    ("projects", "project", "project_ids", ProjectBody),
    ("certifications", "certification", "certification_ids", Certification),
)


def _created(change: ProfileChange, kind: str) -> list[Any]:
    known = {item.id for item in change.before.items(kind)}
    return [item_view(item) for item in change.after.items(kind) if item.id not in known]


def _touched(change: ProfileChange, kind: str, ids: list[str]) -> list[Any]:
    wanted = set(ids)
    return [item_view(item) for item in change.after.items(kind) if item.id in wanted]


def _within_bulk_limit(items: list[Any]) -> None:
    # Litestar does not apply Meta(max_length) to a top-level list body, so check here.
    if len(items) > BULK_LIMIT:
        msg = f"At most {BULK_LIMIT} items per request."
        raise ValidationException(msg, extra=[{"key": "body", "message": msg}])


async def _single(run: Any) -> ProfileChange:
    """Run a one-item operation; an unknown item id is a 404, not a 422."""
    try:
        change: ProfileChange = await run
    except BulkOperationRejected as exc:
        if any(error.code == "not_found" for error in exc.errors):
            raise NotFound(ITEM_NOT_FOUND) from exc
        raise
    return change


def build_item_router(plural: str, kind: str, ids_field: str, item_type: Any) -> Router:
    """The seven routes of one component kind under ``/api/v1/profiles/{profile_id}/<plural>``."""
    ids_body = msgspec.defstruct(
        f"{item_type.__name__}Ids",
        [
            (
                ids_field,
                Annotated[
                    list[Annotated[str, msgspec.Meta(max_length=64)]],
                    msgspec.Meta(max_length=BULK_LIMIT),
                ],
            )
        ],
        forbid_unknown_fields=True,
    )
    items_body = Annotated[list[item_type], msgspec.Meta(max_length=BULK_LIMIT)]
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
        ops = [Operation(op="add", kind=kind, data=builtins_without_ids(i)) for i in data]  # type: ignore[arg-type]
        change = await apply_profile_operations(
            principal,
            profile_id,
            ops,
            expected_version=expected_version(request),
            idempotency=await idempotency_key(request),
        )
        return versioned(_created(change, kind), change.after.version, 201)

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
        ops = [
            Operation(op="update", kind=kind, id=item.id or None, data=builtins_without_ids(item))  # type: ignore[arg-type]
            for item in data
        ]
        change = await apply_profile_operations(
            principal, profile_id, ops, expected_version=expected_version(request)
        )
        return versioned(_touched(change, kind, [item.id for item in data]), change.after.version)

    @delete("", status_code=204, operation_id=f"delete_{plural}")
    async def delete_items(
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[ids_body],  # type: ignore[valid-type]
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> None:
        ops = [Operation(op="remove", kind=kind, id=i) for i in getattr(data, ids_field)]  # type: ignore[arg-type]
        await apply_profile_operations(
            principal, profile_id, ops, expected_version=expected_version(request)
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
        op = Operation(op="update", kind=kind, id=item_id, data=client_item(data))  # type: ignore[arg-type]
        change = await _single(
            apply_profile_operations(
                principal, profile_id, [op], expected_version=expected_version(request)
            )
        )
        updated = change.after.find(kind, item_id)
        return versioned(item_view(updated) if updated else None, change.after.version)

    @delete("/{item_id:str}", status_code=204, operation_id=f"delete_{kind}_item")
    async def delete_item(
        request: AnyRequest,
        profile_id: FromPath[str],
        item_id: FromPath[str],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
    ) -> None:
        op = Operation(op="remove", kind=kind, id=item_id)  # type: ignore[arg-type]
        await _single(
            apply_profile_operations(
                principal, profile_id, [op], expected_version=expected_version(request)
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


ITEM_ROUTERS = [build_item_router(*spec) for spec in KINDS]
