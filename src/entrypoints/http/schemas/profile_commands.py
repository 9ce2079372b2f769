"""Commands from the typed bodies of the item routes, and the creation body as a draft.

No dict in between. Clients re-send what they read: an item's ``id`` and
``enhanced_description`` are accepted and ignored on add, update and creation (ids and enhanced
texts are the server's), and the app's ``github_url`` is read as ``repository_url``. A PATCH
body is a partial object, decoded into the kind's ``<Kind>Patch`` (``profile_items.py``): its
given keys are read into the kind's ``Changes`` as the bulk route reads ``data``.
"""

from __future__ import annotations

import msgspec

from resumecore.commands.changes import Changes
from resumecore.commands.components import UpdateComponent
from resumecore.commands.wire import component_data, fail
from resumecore.model.components import Component, Project
from resumecore.model.profile_draft import ProfileDraft
from resumecore_server.entrypoints.http.schemas.profiles import (
    ProfileCreate,
    ProjectBody,
    client_item,
)


def component_of(item: Component) -> Component:
    """A decoded item body as the domain's component (a project's ``github_url`` read)."""
    return project_of(item) if isinstance(item, ProjectBody) else item


def project_of(item: ProjectBody) -> Project:
    """A decoded project body as the domain's project, the app's ``github_url`` read."""
    fields = {name: getattr(item, name) for name in Project.__struct_fields__}
    if item.github_url and not item.repository_url:
        fields["repository_url"] = item.github_url
    return Project(**fields)


def draft_of(body: ProfileCreate) -> ProfileDraft:
    """A creation body as the domain's draft (the echoed keys are left out)."""
    return ProfileDraft(
        personal_info=body.personal_info,
        professional_summary=body.professional_summary,
        skills=body.skills,
        experiences=tuple(body.experiences),
        education=tuple(body.education),
        projects=tuple(project_of(project) for project in body.projects),
        custom_fields=body.custom_fields,
    )


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
