"""Typed, self-validating commands: every way a profile's components and parts change.

``Command`` is a msgspec tagged union (tag field ``command``, one tag per command, e.g.
``add_experience``). The bulk route's wire shape (``{"op", "kind", "id", "data", "position"}``)
is read into commands by ``resumecore.commands.wire``; the item, skill and custom-field routes
build them from their typed bodies.
"""

from __future__ import annotations

from resumecore.commands.components import (
    COMPONENT_COMMANDS,
    AddCertification,
    AddComponent,
    AddEducation,
    AddExperience,
    AddProject,
    ComponentCommand,
    MoveCertification,
    MoveComponent,
    MoveEducation,
    MoveExperience,
    MoveProject,
    RemoveCertification,
    RemoveComponent,
    RemoveEducation,
    RemoveExperience,
    RemoveProject,
    UpdateCertification,
    UpdateComponent,
    UpdateEducation,
    UpdateExperience,
    UpdateProject,
)
from resumecore.commands.parts import (
    AddSkill,
    AddSkills,
    MoveSkill,
    PartCommand,
    RemoveCustomField,
    RemoveSkill,
    RemoveSkills,
    RenameSkill,
    SetCustomField,
    SetCustomFields,
    SetSkills,
)

Command = (
    AddExperience
    | UpdateExperience
    | RemoveExperience
    | MoveExperience
    | AddEducation
    | UpdateEducation
    | RemoveEducation
    | MoveEducation
    | AddProject
    | UpdateProject
    | RemoveProject
    | MoveProject
    | AddCertification
    | UpdateCertification
    | RemoveCertification
    | MoveCertification
    | AddSkill
    | RenameSkill
    | RemoveSkill
    | MoveSkill
    | AddSkills
    | RemoveSkills
    | SetSkills
    | SetCustomField
    | RemoveCustomField
    | SetCustomFields
)
AnyCommand = ComponentCommand | PartCommand

__all__ = [
    "COMPONENT_COMMANDS",
    "AddCertification",
    "AddComponent",
    "AddEducation",
    "AddExperience",
    "AddProject",
    "AddSkill",
    "AddSkills",
    "AnyCommand",
    "Command",
    "ComponentCommand",
    "MoveCertification",
    "MoveComponent",
    "MoveEducation",
    "MoveExperience",
    "MoveProject",
    "MoveSkill",
    "PartCommand",
    "RemoveCertification",
    "RemoveComponent",
    "RemoveCustomField",
    "RemoveEducation",
    "RemoveExperience",
    "RemoveProject",
    "RemoveSkill",
    "RemoveSkills",
    "RenameSkill",
    "SetCustomField",
    "SetCustomFields",
    "SetSkills",
    "UpdateCertification",
    "UpdateComponent",
    "UpdateEducation",
    "UpdateExperience",
    "UpdateProject",
]
