"""Commands on the components of a profile: add, update (partial), remove and move, per kind.

Each command names its kind (``KIND``, a key of ``resumecore.model.component_kinds.KINDS``)
and checks its own values (``problems``); what the profile must hold (the item exists, the
position is in range, the count limit) is checked when it is applied
(``resumecore.commands.editing``).
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from resumecore.commands.changes import (
    CertificationChanges,
    Changes,
    EducationChanges,
    ExperienceChanges,
    ProjectChanges,
)
from resumecore.errors import FieldError
from resumecore.model import rules
from resumecore.model.components import (
    Certification,
    Component,
    ComponentKind,
    Education,
    Experience,
    Project,
)


class ComponentCommand(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="command"
):
    """A change to one component of kind ``KIND``."""

    KIND: ClassVar[ComponentKind]

    def problems(self) -> list[FieldError]:
        """Rules the command's own values break (field paths as in the wire's ``data``)."""
        return []


class AddComponent(ComponentCommand, frozen=True, kw_only=True):
    """Add ``item`` (its id is assigned on apply) at ``position`` (default: last)."""

    item: Component
    position: int | None = None

    def problems(self) -> list[FieldError]:
        """The new item's rules."""
        return rules.prefixed("data", self.item.problems())


class UpdateComponent(ComponentCommand, frozen=True, kw_only=True):
    """Change the given fields of the item ``id``; the merged item must keep every rule."""

    id: str
    changes: Changes

    @classmethod
    def changes_type(cls) -> type[Changes]:
        """The ``Changes`` type of this kind."""
        changes: type[Changes] = next(
            field.type for field in msgspec.structs.fields(cls) if field.name == "changes"
        )
        return changes


class RemoveComponent(ComponentCommand, frozen=True, kw_only=True):
    """Remove the item ``id``."""

    id: str


class MoveComponent(ComponentCommand, frozen=True, kw_only=True):
    """Move the item ``id`` to ``position``."""

    id: str
    position: int


class AddExperience(AddComponent, frozen=True, kw_only=True, tag="add_experience"):
    """Add an experience."""

    KIND = "experience"
    item: Experience


class UpdateExperience(UpdateComponent, frozen=True, kw_only=True, tag="update_experience"):
    """Change fields of an experience."""

    KIND = "experience"
    changes: ExperienceChanges


class RemoveExperience(RemoveComponent, frozen=True, kw_only=True, tag="remove_experience"):
    """Remove an experience."""

    KIND = "experience"


class MoveExperience(MoveComponent, frozen=True, kw_only=True, tag="move_experience"):
    """Move an experience."""

    KIND = "experience"


class AddEducation(AddComponent, frozen=True, kw_only=True, tag="add_education"):
    """Add an education entry."""

    KIND = "education"
    item: Education


class UpdateEducation(UpdateComponent, frozen=True, kw_only=True, tag="update_education"):
    """Change fields of an education entry."""

    KIND = "education"
    changes: EducationChanges


class RemoveEducation(RemoveComponent, frozen=True, kw_only=True, tag="remove_education"):
    """Remove an education entry."""

    KIND = "education"


class MoveEducation(MoveComponent, frozen=True, kw_only=True, tag="move_education"):
    """Move an education entry."""

    KIND = "education"


class AddProject(AddComponent, frozen=True, kw_only=True, tag="add_project"):
    """Add a project."""

    KIND = "project"
    item: Project


class UpdateProject(UpdateComponent, frozen=True, kw_only=True, tag="update_project"):
    """Change fields of a project."""

    KIND = "project"
    changes: ProjectChanges


class RemoveProject(RemoveComponent, frozen=True, kw_only=True, tag="remove_project"):
    """Remove a project."""

    KIND = "project"


class MoveProject(MoveComponent, frozen=True, kw_only=True, tag="move_project"):
    """Move a project."""

    KIND = "project"


class AddCertification(AddComponent, frozen=True, kw_only=True, tag="add_certification"):
    """Add a certification."""

    KIND = "certification"
    item: Certification


class UpdateCertification(UpdateComponent, frozen=True, kw_only=True, tag="update_certification"):
    """Change fields of a certification."""

    KIND = "certification"
    changes: CertificationChanges


class RemoveCertification(RemoveComponent, frozen=True, kw_only=True, tag="remove_certification"):
    """Remove a certification."""

    KIND = "certification"


class MoveCertification(MoveComponent, frozen=True, kw_only=True, tag="move_certification"):
    """Move a certification."""

    KIND = "certification"


# (operation, kind) -> command type: how the wire's ``{"op", "kind"}`` pair is read.
COMPONENT_COMMANDS: dict[tuple[str, str], type[ComponentCommand]] = {
    (op, command.KIND): command
    for op, commands in (
        ("add", (AddExperience, AddEducation, AddProject, AddCertification)),
        ("update", (UpdateExperience, UpdateEducation, UpdateProject, UpdateCertification)),
        ("remove", (RemoveExperience, RemoveEducation, RemoveProject, RemoveCertification)),
        ("move", (MoveExperience, MoveEducation, MoveProject, MoveCertification)),
    )
    for command in commands
}
