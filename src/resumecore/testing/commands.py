"""Strategies for sequences of profile commands that apply without an error.

A sequence is drawn against a given profile: each command is chosen for the profile as the
commands before it left it (counts, positions, skill names, custom-field keys), and refers
only to ids the profile had before (ids of added items are the caller's ``new_id``'s). The
caller's ``new_id`` must not give ids the profile already has (a UUID generator is fine).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import msgspec
from hypothesis import strategies as st

from resumecore import commands as c
from resumecore.commands.editing import edit
from resumecore.commands.parts import SkillCategory
from resumecore.model.component_kinds import KINDS
from resumecore.model.profile import Profile
from resumecore.testing import components, text

ADD: dict[str, type[c.AddComponent]] = {
    "experience": c.AddExperience, "education": c.AddEducation,
    "project": c.AddProject, "certification": c.AddCertification,
}  # fmt: skip
_SCRATCH_AT = datetime(2000, 1, 1, tzinfo=UTC)


@st.composite
def component_commands(draw: st.DrawFn, profile: Profile, known_ids: frozenset[str]) -> Any:
    """One valid add, update, remove or move of a component of ``profile``."""
    kind = draw(st.sampled_from(list(KINDS)))
    items = profile.items(kind)
    ids = [item.id for item in items if item.id in known_ids]
    ops = (["add"] if len(items) < KINDS[kind].max_items else []) + (
        ["update", "remove", "move"] if ids else []
    )
    op = draw(st.sampled_from(ops or ["add"]))
    if op == "add":
        position = draw(st.none() | st.integers(0, len(items)))
        return ADD[kind](item=draw(components.COMPONENTS[kind]()), position=position)
    target = draw(st.sampled_from(ids))
    if op == "remove":
        return components.commands_of_op("remove")[kind](id=target)
    if op == "move":
        return components.commands_of_op("move")[kind](
            id=target, position=draw(st.integers(0, len(items) - 1))
        )
    command_type = components.commands_of_op("update")[kind]
    changes = msgspec.convert(draw(components.component_changes(kind)), command_type.changes_type())
    return command_type(id=target, changes=changes)


@st.composite
def part_commands(  # noqa: PLR0911 - one return per kind of command
    draw: st.DrawFn, profile: Profile
) -> Any:
    """One valid change to the skills or the custom fields of ``profile``."""
    category: SkillCategory = draw(st.sampled_from(["technical", "soft"]))
    names = list(getattr(profile.skills, category))
    folded = {n.strip().casefold() for n in names}
    fields = profile.custom_fields
    choices = ["add_skill", "add_skills", "remove_skills", "set_skills", "set_custom_field"]
    choices += ["set_custom_fields"]
    if names:
        choices += ["remove_skill", "move_skill", "rename_skill"]
    if fields:
        choices += ["remove_custom_field", "update_custom_field"]
    choice = draw(st.sampled_from(choices))
    name = draw(text.realistic(text.SKILLS))
    if choice == "add_skill":
        position = draw(st.none() | st.integers(0, len(names)))
        return c.AddSkill(category=category, name=name, position=position)
    if choice in ("add_skills", "remove_skills"):
        many = draw(components.skill_names(5))
        command = c.AddSkills if choice == "add_skills" else c.RemoveSkills
        return command(category=category, names=many)
    if choice == "set_skills":
        return c.SetSkills(skills=draw(components.skills(max_skills=8)))
    if choice == "set_custom_fields":
        return c.SetCustomFields(fields=draw(components.custom_fields()))
    if choice in ("set_custom_field", "update_custom_field"):
        key = (
            draw(st.sampled_from(sorted(fields)))
            if choice == "update_custom_field"
            else draw(st.sampled_from(["availability", "notice period", "visa.status", "a-b_c"]))
        )
        value = draw(components.json_values())
        return c.SetCustomField(key=key, value=value, must_exist=choice == "update_custom_field")
    if choice == "remove_custom_field":
        return c.RemoveCustomField(key=draw(st.sampled_from(sorted(fields))))
    skill = draw(st.sampled_from(names))
    if choice == "remove_skill":
        return c.RemoveSkill(category=category, skill=skill)
    if choice == "move_skill":
        return c.MoveSkill(
            category=category, skill=skill, position=draw(st.integers(0, len(names) - 1))
        )
    fresh = draw(text.realistic(text.SKILLS).filter(lambda n: n.strip().casefold() not in folded))
    return c.RenameSkill(category=category, skill=skill, name=fresh)


def any_command(profile: Profile, known_ids: frozenset[str]) -> st.SearchStrategy[Any]:
    """One valid command of any type for ``profile`` as it is."""
    return component_commands(profile, known_ids) | part_commands(profile)


@st.composite
def command_sequences(
    draw: st.DrawFn, profile: Profile, *, min_size: int = 0, max_size: int = 10
) -> list[c.AnyCommand]:
    """Commands that ``edit(profile, commands, new_id=..., at=...)`` applies without raising."""
    known = frozenset(item.id for kind in KINDS for item in profile.items(kind))
    scratch_ids = (f"scratch-{n}" for n in itertools.count())
    current, drawn = profile, []
    for _ in range(draw(st.integers(min_size, max_size))):
        command = draw(any_command(current, known))
        current = advance(current, command, lambda: next(scratch_ids))
        drawn.append(command)
    return drawn


def advance(profile: Profile, command: c.AnyCommand, new_id: Callable[[], str]) -> Profile:
    """``profile`` after one command (the state the next command is drawn against)."""
    return edit(profile, [command], new_id=new_id, at=_SCRATCH_AT).profile
