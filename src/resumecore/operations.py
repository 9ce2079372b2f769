"""The wire shape of a bulk profile change (``POST .../operations``).

Each ``Operation`` is read into its typed command by ``resumecore.commands.wire``.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from resumecore.model.component_kinds import MAX_COMMANDS

OperationName = Literal["add", "update", "remove", "move", "set"]
OperationKind = Literal[
    "experience",
    "education",
    "project",
    "certification",
    "skill",
    "custom_field",
    "skills",
    "custom_fields",
]
MAX_OPERATIONS = MAX_COMMANDS


class Operation(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One change; which fields matter depends on ``op`` and ``kind``.

    - components (experience, education, project, certification): ``add`` takes ``data``
      (without ``id``) and an optional ``position``; ``update`` takes ``id`` and partial
      ``data``; ``remove`` takes ``id``; ``move`` takes ``id`` and ``position``.
    - ``skill``: ``id`` is the skill's name; ``data`` is ``{"name", "category"}`` with category
      ``technical`` (default) or ``soft``; ``update`` renames.
    - ``custom_field``: ``id`` is the key; ``add``/``update`` take the value as ``data``.
    - ``set`` with kind ``skills`` or ``custom_fields`` replaces that whole part with ``data``.
    """

    op: OperationName
    kind: OperationKind
    id: str | None = None
    data: Any = None
    position: int | None = None
