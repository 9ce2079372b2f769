"""Skills as a user edits them: names compared case-insensitively, a whole part read and checked.

Both the commands (``resumecore.commands``) and the whole-part edits (``profile_revision``) use
these; the commands themselves are applied by ``resumecore.commands.skill_editing``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from resumecore.errors import InvalidValue
from resumecore.model import rules
from resumecore.model.components import without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import Skills

CATEGORIES = ("technical", "soft")


def fold(name: str) -> str:
    """The comparison key of a skill name: trimmed, case-folded."""
    return name.strip().casefold()


def add_skills(existing: tuple[str, ...], names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Append ``names`` keeping order, skipping case-insensitive duplicates and blanks."""
    result = list(existing)
    seen = {fold(name) for name in existing}
    for name in names:
        cleaned = name.strip()
        if cleaned and fold(cleaned) not in seen:
            result.append(cleaned)
            seen.add(fold(cleaned))
    return tuple(result)


def remove_skills(existing: tuple[str, ...], names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Drop every entry matching one of ``names`` case-insensitively."""
    doomed = {fold(name) for name in names}
    return tuple(name for name in existing if fold(name) not in doomed)


def resolve_skills(profile: Profile, skills: Skills, new_id: Callable[[], str]) -> Skills:
    """``skills`` checked, certifications keeping a known id (the first to claim it) or new.

    Raises:
        InvalidValue: every broken rule, under ``data``.
    """
    known = {c.id for c in profile.skills.certifications}
    certifications = []
    for certification in skills.certifications:
        # A known id keeps its item; any other (none, empty, unknown, repeated) is a new one.
        item_id = certification.id if certification.id in known else new_id()
        known.discard(item_id)
        fields = {name: getattr(certification, name) for name in certification.__struct_fields__}
        certifications.append(
            msgspec.structs.replace(
                certification, **{**without_blanks("certification", fields), "id": item_id}
            )
        )
    resolved = msgspec.structs.replace(
        skills,
        technical=tuple(name.strip() for name in skills.technical),
        soft=tuple(name.strip() for name in skills.soft),
        certifications=tuple(certifications),
    )
    problems = resolved.problems() + [
        p
        for i, c in enumerate(resolved.certifications)
        for p in rules.prefixed(f"certifications[{i}]", c.problems())
    ]
    if problems:
        raise InvalidValue(
            "The skills break the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return resolved


def skills_from_data(data: Any) -> Skills:
    """A whole skills object; certifications keep the id they carry (``""`` when none).

    Raises:
        InvalidValue: under ``data``, when the shape is wrong.
    """
    if not isinstance(data, dict):
        raise InvalidValue.for_field("data", "invalid_data", "data must be an object.")
    certifications = []
    for i, raw in enumerate(data.get("certifications") or []):
        if not isinstance(raw, dict):
            message = "A certification must be an object."
            raise InvalidValue.for_field(f"data.certifications[{i}]", "invalid_data", message)
        given = raw.get("id")
        certifications.append(
            {**without_blanks("certification", raw), "id": given if isinstance(given, str) else ""}
        )
    # Only a list is trimmed: a string left as it is gets msgspec's "Expected `array`", where
    # iterating it would have made one skill of every character.
    trimmed = {
        category: [n.strip() if isinstance(n, str) else n for n in names or []]
        for category in CATEGORIES
        if isinstance(names := data.get(category), list | None)
    }
    try:
        return msgspec.convert({**data, **trimmed, "certifications": certifications}, Skills)
    except msgspec.ValidationError as exc:
        problem = rules.decoding_problem(exc, "data")
        raise InvalidValue(problem.message, errors=[problem]) from None
