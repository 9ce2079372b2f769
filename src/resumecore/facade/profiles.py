"""Build a profile from plain data, change it with commands, analyse it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from resumecore.commands import AnyCommand, Command
from resumecore.commands.editing import edit
from resumecore.errors import BulkOperationRejected, FieldError, InvalidValue
from resumecore.facade import defaults
from resumecore.ids import ProfileId, UserId
from resumecore.model import rules
from resumecore.model.analytics import ProfileAnalytics, analyze_profile
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile

NOT_A_COMMAND = (
    "A command is a value from resumecore.commands or a mapping tagged by `command`, "
    'such as {"command": "add_skill", "name": "Go"}.'
)
# A stored profile's own fields; a profile read back from JSON carries them, content does not.
STORED = frozenset(
    {"id", "user_id", "version", "is_primary", "created_at", "updated_at"}
    | {"enhanced_professional_summary"}
)


def build_profile(
    data: Mapping[str, Any],
    *,
    profile_id: str | None = None,
    user_id: str | None = None,
    at: datetime | None = None,
    new_id: Callable[[], str] | None = None,
) -> Profile:
    """A validated profile from plain data (the body ``POST /profiles`` takes).

    ``data`` has ``personal_info`` (``full_name`` required) and any of
    ``professional_summary``, ``skills``, ``experiences``, ``education``, ``projects`` and
    ``custom_fields``. A stored profile's own fields (``id``, ``version``, timestamps, ...)
    are ignored, so a profile dumped to JSON loads again. Every component gets a fresh id
    from ``new_id`` (random UUIDs by default); ``at`` (aware, default now in UTC) is its
    creation time.

    Raises:
        InvalidValue: every broken rule with its field path; ``naive_datetime`` for a naive
            ``at``.

    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada Lovelace"},
    ...     "skills": {"technical": ["Python", "SQL"]},
    ...     "experiences": [{"title": "Engineer", "company": "Acme", "start_date": "2020-01"}],
    ... })
    >>> ada.personal_info.full_name, ada.skills.technical, ada.version
    ('Ada Lovelace', ('Python', 'SQL'), 1)
    >>> from resumecore import InvalidValue
    >>> try:
    ...     build_profile({"personal_info": {"full_name": ""}})
    ... except InvalidValue as exc:
    ...     print([(e.field, e.code) for e in exc.errors])
    [('personal_info.full_name', 'required')]
    """
    if not isinstance(data, Mapping):
        raise InvalidValue(
            "A profile is built from a mapping (a JSON object).", code="invalid_data"
        )
    content = {key: value for key, value in data.items() if key not in STORED}
    return new_profile(
        ProfileId(profile_id or defaults.new_id()),
        UserId(user_id or defaults.LOCAL_USER),
        content,
        is_primary=True,
        new_id=new_id or defaults.new_id,
        at=defaults.moment(at),
    )


def apply(
    profile: Profile,
    *commands: AnyCommand | Mapping[str, Any],
    at: datetime | None = None,
    new_id: Callable[[], str] | None = None,
) -> Profile:
    """``profile`` after ``commands``, all or nothing; the version goes up by one.

    A command is a typed value from ``resumecore.commands`` or the same as plain data,
    tagged by ``command`` (``{"command": "add_skill", "name": "Go"}``).

    Raises:
        BulkOperationRejected: (an ``InvalidValue``) naming each failing command by index;
            nothing is changed.

    >>> from resumecore import Experience, InvalidValue, commands
    >>> ada = build_profile({"personal_info": {"full_name": "Ada"}})
    >>> ada = apply(
    ...     ada,
    ...     commands.AddSkills(category="technical", names=("Python", "Go")),
    ...     commands.AddExperience(item=Experience(
    ...         title="Engineer", company="Acme", start_date="2020-01",
    ...         achievements=("Cut p99 latency by 40%",))),
    ...     {"command": "add_skill", "category": "soft", "name": "Mentoring"},
    ... )
    >>> ada.skills.technical, ada.skills.soft, ada.experiences[0].title, ada.version
    (('Python', 'Go'), ('Mentoring',), 'Engineer', 2)
    >>> try:
    ...     apply(ada, {"command": "remove_experience", "id": "no-such-id"})
    ... except InvalidValue as exc:
    ...     print([(e.index, e.code) for e in exc.errors])
    [(0, 'not_found')]
    """
    typed: list[tuple[int, AnyCommand]] = []
    errors: list[FieldError] = []
    for index, command in enumerate(commands):
        if not isinstance(command, Mapping | msgspec.Struct):
            errors.append(FieldError("invalid_command", NOT_A_COMMAND, None, index))
            continue
        try:
            typed.append((index, _command(command)))
        except msgspec.ValidationError as exc:
            problem = rules.decoding_problem(exc, "")
            errors.append(replace(problem, code="invalid_command", index=index))
    try:
        changed = edit(
            profile,
            [command for _, command in typed],
            new_id=new_id or defaults.new_id,
            at=defaults.moment(at),
        )
    except BulkOperationRejected as exc:
        # Indices of the commands that were tried, back to the caller's positions.
        errors += [
            replace(e, index=None if e.index is None else typed[e.index][0]) for e in exc.errors
        ]
    if errors:
        failing = sorted({e.index for e in errors if e.index is not None})
        raise BulkOperationRejected(
            f"Commands {failing} were rejected; nothing was changed.", errors=errors
        )
    return changed.profile


def analyse(profile: Profile, *, today: date | None = None) -> ProfileAnalytics:
    """Completeness scores (0-100), counts and advice, as of ``today`` (default: UTC today).

    >>> ada = build_profile({"personal_info": {"full_name": "Ada"}})
    >>> report = analyse(ada, today=date(2026, 1, 1))
    >>> report.completeness.overall < 50, report.statistics.total_experiences
    (True, 0)
    """
    return analyze_profile(profile, today or datetime.now(UTC).date())


def _command(command: AnyCommand | Mapping[str, Any]) -> AnyCommand:
    if not isinstance(command, Mapping):
        return command
    typed: AnyCommand = msgspec.convert(command, Command)
    return typed
