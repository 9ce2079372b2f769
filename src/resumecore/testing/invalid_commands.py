"""Strategies for command sequences with one deliberately broken command and its error."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import msgspec
from hypothesis import strategies as st

from resumecore import commands as c
from resumecore.errors import BulkOperationRejected
from resumecore.model.component_kinds import KINDS
from resumecore.model.profile import Profile
from resumecore.testing.commands import ADD, advance, any_command
from resumecore.testing.components import COMPONENTS, commands_of_op

# Never generated: ids are UUIDs or "<kind>-<n>", keys obey the key rule, skill names lack "∅".
UNKNOWN_ID = "no-such-id"
MISSING_KEY = "missing/field"
MISSING_SKILL = "no such skill ∅"


@dataclass(frozen=True)
class InvalidSequence:
    """Commands of which exactly the one at ``failing_index`` breaks a rule.

    Applying them raises ``error`` (every command or none is applied) and its ``errors`` name
    ``failing_index`` with the problem ``code``.
    """

    commands: tuple[c.AnyCommand, ...]
    failing_index: int
    code: str
    error: type[Exception] = BulkOperationRejected


@st.composite
def broken_commands(  # noqa: PLR0911 - one return per way of breaking
    draw: st.DrawFn, profile: Profile, known_ids: frozenset[str] | None = None
) -> tuple[Any, str]:
    """One command ``profile`` refuses, and the problem code it is refused with.

    Only ``known_ids`` (default: all) are referred to by id.
    """
    kind = draw(st.sampled_from(list(KINDS)))
    items = profile.items(kind)
    ids = [item.id for item in items if known_ids is None or item.id in known_ids]
    reasons = ["unknown_id", "bad_item", "blank_required", "bad_key", "missing_field"]
    reasons += ["missing_skill", "blank_skill", "add_past_end"] + (["move_past_end"] if ids else [])
    reason = draw(st.sampled_from(reasons))
    if reason == "unknown_id":
        op = draw(st.sampled_from(["update", "remove", "move"]))
        command_type = commands_of_op(op)[kind]
        extra: dict[str, Any] = {"position": 0} if op == "move" else {}
        if op == "update":
            extra = {"changes": command_type.changes_type()()}
        return command_type(id=UNKNOWN_ID, **extra), "not_found"
    if reason == "move_past_end":
        target = draw(st.sampled_from(ids))
        return commands_of_op("move")[kind](id=target, position=len(items)), "invalid_position"
    if reason == "add_past_end":
        item = draw(COMPONENTS[kind]())
        return ADD[kind](item=item, position=len(items) + 1), "invalid_position"
    if reason == "bad_item":  # dates in the wrong order
        start = "start_date" if kind != "certification" else "date_obtained"
        end = "end_date" if kind != "certification" else "expiry_date"
        dates = {start: "2020-05", end: "2019-01"}
        item = draw(COMPONENTS[kind]())
        flags = {f: False for f in ("is_current", "is_ongoing") if f in item.__struct_fields__}
        item = msgspec.structs.replace(item, **dates, **flags)
        return ADD[kind](item=item), "end_before_start"
    if reason == "blank_required":
        label = {"experience": "title", "education": "institution"}.get(kind, "name")
        item = msgspec.structs.replace(draw(COMPONENTS[kind]()), **{label: " "})
        return ADD[kind](item=item), "required"
    if reason == "bad_key":
        return c.SetCustomField(key="bad/key", value=1), "invalid_key"
    if reason == "missing_field":
        return c.RemoveCustomField(key=MISSING_KEY), "not_found"
    if reason == "missing_skill":
        return c.RemoveSkill(skill=MISSING_SKILL), "not_found"
    return c.AddSkill(name=" "), "invalid_name"


@st.composite
def invalid_command_sequences(
    draw: st.DrawFn, profile: Profile, *, max_valid: int = 5
) -> InvalidSequence:
    """Valid commands around one broken command (see ``InvalidSequence``)."""
    known = frozenset(item.id for kind in KINDS for item in profile.items(kind))
    scratch_ids = (f"scratch-{n}" for n in itertools.count())
    before, after = draw(st.integers(0, max_valid)), draw(st.integers(0, max_valid))
    current, drawn = profile, []
    for _ in range(before):
        drawn.append(draw(any_command(current, known)))
        current = advance(current, drawn[-1], lambda: next(scratch_ids))
    broken, code = draw(broken_commands(current, known))
    failing_index = len(drawn)
    drawn.append(broken)
    for _ in range(after):  # a refused command changes nothing, so they see the same state
        drawn.append(draw(any_command(current, known)))
        current = advance(current, drawn[-1], lambda: next(scratch_ids))
    return InvalidSequence(tuple(drawn), failing_index, code)
