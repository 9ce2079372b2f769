"""Typed bodies of the item routes, built per component kind from the kind's own types.

Each kind gets a response type (its view), a page type for its list route
(``{"<route>": [...], "pagination": {...}}``) and a PATCH body: every field of the kind's
``Changes`` optional, plus the keys clients echo (``id``, ``enhanced_description``, and a
project's ``github_url``), unknown keys refused as in every other body.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, UnsetType

from resumecore.commands.components import UpdateComponent
from resumecore.model.component_kinds import ComponentKindSpec
from resumecore.model.components import Experience
from resumecore_server.entrypoints.http.schemas.common import ResponseBody
from resumecore_server.entrypoints.http.schemas.profile_views import (
    CertificationView,
    EducationView,
    ProjectView,
)

ITEM_VIEWS: dict[str, type[msgspec.Struct]] = {
    "experience": Experience,
    "education": EducationView,
    "project": ProjectView,
    "certification": CertificationView,
}
ECHOED = "Accepted and ignored: the server writes it."


class ItemPagination(ResponseBody):
    """Where a page of items sits in the whole list."""

    total: Annotated[int, Meta(description="Items of this kind in the profile.")]
    limit: int
    offset: int


def item_page_type(spec: ComponentKindSpec) -> type[msgspec.Struct]:
    """``{"<route>": [view, ...], "pagination": ItemPagination}`` for one kind."""
    view = ITEM_VIEWS[spec.kind]
    return msgspec.defstruct(
        f"{view.__name__.removesuffix('View')}Page",
        [(spec.route, list[view]), ("pagination", ItemPagination)],  # type: ignore[valid-type]
        kw_only=True,
    )


def patch_body_type(spec: ComponentKindSpec, update: type[UpdateComponent]) -> type[Any]:
    """The PATCH body of one kind: the given keys change, the others stay."""
    echoed: list[tuple[str, Any, Any]] = [
        ("id", Annotated[str | UnsetType | None, Meta(description=ECHOED)], UNSET),
        (
            "enhanced_description",
            Annotated[str | UnsetType | None, Meta(description=ECHOED)],
            UNSET,
        ),
    ]
    if spec.kind == "project":
        about = "The app's name for repository_url (read as it when that is not given)."
        echoed.append(
            ("github_url", Annotated[str | UnsetType | None, Meta(description=about)], UNSET)
        )
    changes = update.changes_type()
    fields = [(f.name, f.type, UNSET) for f in msgspec.structs.fields(changes)]
    return msgspec.defstruct(
        f"{spec.type.__name__}Patch",
        [*fields, *[f for f in echoed if f[0] not in changes.__struct_fields__]],
        kw_only=True,
        forbid_unknown_fields=True,
    )
