"""Commands from the typed bodies of the item routes (no dict in between).

Clients re-send what they read: an item's ``id`` and ``enhanced_description`` are accepted and
ignored on add and update (ids and enhanced texts are the server's), and the app's
``github_url`` is read as ``repository_url``. A PATCH body is a partial object, decoded into the
kind's ``<Kind>Patch`` (``profile_items.py``): its given keys are read into the kind's ``Changes``
as the bulk route reads ``data``.
"""

from __future__ import annotations

import msgspec

from resumecore.commands.changes import Changes
from resumecore.commands.components import UpdateComponent
from resumecore.commands.wire import component_data, fail
from resumecore.model.components import Component, Project
from resumecore_server.entrypoints.http.schemas.profiles import ProjectBody, client_item


def component_of(item: Component) -> Component:
    """A decoded item body as the domain's component (a project's ``github_url`` read)."""
    if not isinstance(item, ProjectBody):
        return item
    fields = {name: getattr(item, name) for name in Project.__struct_fields__}
    if item.github_url and not item.repository_url:
        fields["repository_url"] = item.github_url
    return Project(**fields)


def changes_of(item: Component, update: type[UpdateComponent]) -> Changes:
    """Every field of a whole item (a PUT of the list replaces the item's fields)."""
    component = component_of(item)
    changes = update.changes_type()
    return changes(**{name: getattr(component, name) for name in changes.__struct_fields__})


def patch_changes(
    kind: str, body: msgspec.Struct, item_id: str, update: type[UpdateComponent]
) -> Changes:
    """The ``Changes`` a decoded PATCH body gives (a partial object: the given keys only).

    Raises:
        InvalidValue: the body names another item's id.
    """
    given = {
        name: value
        for name in body.__struct_fields__
        if (value := getattr(body, name)) is not msgspec.UNSET
    }
    item = client_item(given)
    if item.get("id", item_id) != item_id:
        raise fail("id_not_allowed", "Ids are assigned by the server.", "data.id")
    return component_data(kind, item, update.changes_type())
