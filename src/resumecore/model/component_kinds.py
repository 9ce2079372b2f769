"""The component kinds of a profile in one table: type, limits, routes and JSON Resume section.

Everything that varies by kind is read from ``KINDS``: the profile's invariants (``MAX_ITEMS``,
``LIST_FIELD``), the commands (``resumecore.commands``), the item routes
(``/profiles/{id}/<route>``, bulk DELETE body ``{<ids_field>: [...]}``) and the JSON Resume
section whose field table (``resumecore.jsonresume.mapping.FIELDS``) maps the kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from resumecore.model.components import (
    Certification,
    Component,
    ComponentKind,
    Education,
    Experience,
    Project,
)

# Commands per request: the bulk item routes, ``/operations``, skill names and custom fields.
MAX_COMMANDS = 100


@dataclass(frozen=True)
class ComponentKindSpec:
    """How one kind of component is stored, limited, routed and exported."""

    kind: ComponentKind
    type: type[Component]
    list_field: str
    max_items: int
    route: str
    ids_field: str
    json_resume_section: str


KINDS: dict[str, ComponentKindSpec] = {
    spec.kind: spec
    for spec in (
        ComponentKindSpec(
            "experience", Experience, "experiences", 200, "experiences", "experience_ids", "work"
        ),
        ComponentKindSpec(
            "education", Education, "education", 100, "education", "education_ids", "education"
        ),
        ComponentKindSpec(
            "project", Project, "projects", 200, "projects", "project_ids", "projects"
        ),
        ComponentKindSpec(
            "certification",
            Certification,
            "skills.certifications",
            200,
            "certifications",
            "certification_ids",
            "certificates",
        ),
    )
}
MAX_ITEMS = {kind: spec.max_items for kind, spec in KINDS.items()}
LIST_FIELD = {kind: spec.list_field for kind, spec in KINDS.items()}
