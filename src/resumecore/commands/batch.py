"""A batch of commands: tried in turn, every failure collected, all rejected on any failure.

Shared by the two ways a batch is applied: to a whole profile (``editing.edit``) and to the
slice of a profile an edit of items by id needs (``item_editing.edit_slice``). Both try every
command so the error lists **every** failing index, then check the profile-level rules the
batch touched, and reject the whole batch on any failure.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TypeVar

from resumecore.commands import AnyCommand
from resumecore.commands.wire import command_of
from resumecore.errors import BulkOperationRejected, FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.component_kinds import LIST_FIELD, MAX_COMMANDS, MAX_ITEMS
from resumecore.operations import Operation

State = TypeVar("State")


class Tally:
    """What the commands touched, so only that is checked again."""

    def __init__(self) -> None:
        self.parts: set[str] = set()
        self.created: list[str] = []
        self.removed: list[str] = []


def applied_in_turn(
    state: State,
    commands: Sequence[AnyCommand | Operation],
    apply: Callable[[State, AnyCommand, Tally], State],
) -> tuple[State, Tally, list[FieldError]]:
    """``state`` after each command in turn, what they touched, and every failure.

    A failing command is skipped and named by its ``index``. Wire ``Operation``s are read first.

    Raises:
        BulkOperationRejected: more than ``MAX_COMMANDS`` commands.
    """
    if len(commands) > MAX_COMMANDS:
        raise BulkOperationRejected(
            f"At most {MAX_COMMANDS} operations per request.",
            errors=[
                FieldError("too_many", f"Use at most {MAX_COMMANDS} operations.", "operations")
            ],
        )
    errors: list[FieldError] = []
    tally = Tally()
    for index, command in enumerate(commands):
        try:
            typed = command_of(command) if isinstance(command, Operation) else command
            problems = typed.problems()
            if problems:
                raise InvalidValue("The change breaks the profile's rules.", errors=problems)
            state = apply(state, typed, tally)
        except InvalidValue as exc:
            errors += rules.prefixed("", exc.errors, index=index) or [
                FieldError(exc.code, exc.message, None, index)
            ]
    return state, tally, errors


def reject_any(errors: list[FieldError]) -> None:
    """Raise ``BulkOperationRejected`` naming every failing index, if anything failed."""
    if not errors:
        return
    failing = sorted({e.index for e in errors if e.index is not None})
    detail = (
        f"Operations {failing} were rejected; nothing was changed."
        if failing
        else "The changes break the profile's rules; nothing was changed."
    )
    raise BulkOperationRejected(detail, errors=errors)


def count_problems(counts: Mapping[str, int]) -> list[FieldError]:
    """A ``too_many`` for each kind whose count (of those given) is over its limit."""
    return [
        FieldError("too_many", f"Use at most {MAX_ITEMS[kind]} items.", LIST_FIELD[kind])
        for kind in MAX_ITEMS
        if kind in counts and counts[kind] > MAX_ITEMS[kind]
    ]


def clashing_ids(created: list[str], taken: Callable[[], Collection[str]]) -> list[FieldError]:
    """New ids must be unique in the profile (they come from the id generator).

    ``taken``: the profile's ids that could clash, asked for only when ids were created.
    """
    if not created:
        return []
    used = taken()
    if len(set(created)) == len(created) and not any(i in used for i in created):
        return []
    return [FieldError("duplicate_id", "Component ids must be unique.", "id")]
