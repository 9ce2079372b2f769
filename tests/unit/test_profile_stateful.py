"""Stateful property test: random edits through the profile use cases, against a reference model.

Hypothesis drives ``CreateProfile``, ``ApplyProfileOperations``, ``ReviseProfile`` and
``GetProfile`` (wired by hand on the in-memory unit of work) with valid and invalid operations,
alone and in batches, and compares every stored profile with a deliberately simple model: per
component kind a list of ``Item(id, data)``, the two skill lists, the custom fields and the version.

Invariants checked after every step:
- components and skills are in exactly the model's order, and every field sent is stored;
- component ids are unique across the whole profile, and an id, once given, never changes;
- a rejected request (bad batch, stale version, invalid PUT) changes nothing at all;
- every accepted request bumps the version by exactly one (an empty batch by zero);
- a rejected batch names exactly the operations that failed, by index (wire operations drawn
  here, and typed command sequences with one broken command from ``resumecore.testing``);
- editing one profile never changes the user's other profile.

Left out of the generated operations on purpose, because they fail today for a reason already
pinned by example tests in ``test_profile_domain.py`` (an error at the profile level carries no
operation index): renaming a skill onto another one and custom-field keys that break the key rule.
Skill names with surrounding spaces are only sent through ``add`` (which trims them) for the
same reason.

The model, strategies and comparisons are reused by the HTTP variant in
``tests/integration/test_http_profile_stateful.py``.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from resumecore.commands.item_editing import ItemCommand, is_item_command
from resumecore.commands.wire import command_of
from resumecore.errors import BulkOperationRejected, InvalidValue, NotFound, VersionConflict
from resumecore.ids import SessionId, UserId
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.user import User
from resumecore.operations import Operation
from resumecore.services.profiles.create import CreateProfile
from resumecore.services.profiles.edit import ApplyProfileOperations, ReviseProfile
from resumecore.services.profiles.edit_items import EditProfileItems
from resumecore.services.profiles.queries import GetProfile
from resumecore.testing import (
    component_changes,
    component_data,
    invalid_command_sequences,
    profile_contents,
)
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.system import UuidGenerator
from tests.support.clock import FakeClock

T = TypeVar("T")

KINDS = ("experience", "education", "project", "certification")
LIST_KINDS = ("experience", "education", "project")
PLURAL = {
    "experience": "experiences",
    "education": "education",
    "project": "projects",
    "certification": "certifications",
}
LABEL = {
    "experience": "title",
    "education": "institution",
    "project": "name",
    "certification": "name",
}
DATES = {
    "experience": ("start_date", "end_date"),
    "education": ("start_date", "end_date"),
    "project": ("start_date", "end_date"),
    "certification": ("date_obtained", "expiry_date"),
}
SKILL_POOL = ("Python", "Go", "Rust", "SQL", "Docker", "Kafka", "Linux", "React", "Elixir", "Zig")
RENAME_POOL = ("Haskell", "OCaml", "Erlang", "Scala", "Kotlin", "Swift", "Julia", "Lua")
FIELD_KEYS = ("availability", "relocation", "salary", "notice period", "visa.status", "a-b_c")
UNKNOWN_IDS = ("no-such-id", "00000000-0000-0000-0000-000000000000")


# --- the reference model --------------------------------------------------------------------


class Rejected(Exception):
    """The model refuses an operation."""


@dataclass
class Item:
    """One component as the model knows it: its id (None until the server assigns one) and
    every field the client sent."""

    id: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class Spec:
    """An operation to send. ``data_ok`` says whether its ``data`` obeys every rule;
    ``schema_error`` whether it is even the wrong shape (a typed HTTP body answers 400)."""

    op: Operation
    data_ok: bool = True
    schema_error: bool = False


@dataclass
class Model:
    """What the profile must look like."""

    items: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in KINDS})
    technical: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    custom: dict[str, Any] = field(default_factory=dict)
    version: int = 1
    seen_ids: set[str] = field(default_factory=set)

    def ids(self, kind: str) -> list[str]:
        return [item.id for item in self.items[kind] if item.id is not None]

    def names(self, category: str) -> list[str]:
        return self.technical if category == "technical" else self.soft

    def apply_batch(self, specs: list[Spec]) -> list[int]:
        """Apply ``specs`` in order, skipping failures (as the domain does).

        Returns the failing indexes; when there are none the model takes the result and its
        version goes up by one (an empty batch changes nothing).
        """
        work = copy.deepcopy(self)
        failing = []
        for index, spec in enumerate(specs):
            try:
                work.apply(spec)
            except Rejected:
                failing.append(index)
        if not failing and specs:
            self.items, self.technical, self.soft = work.items, work.technical, work.soft
            self.custom = work.custom
            self.version += 1
        return failing

    def apply(self, spec: Spec) -> None:
        op = spec.op
        if op.kind in KINDS:
            self._component(op, data_ok=spec.data_ok)
        elif op.kind == "skill":
            self._skill(op)
        else:
            self._custom_field(op)

    def _component(self, op: Operation, *, data_ok: bool) -> None:
        items = self.items[op.kind]
        if op.op == "add":
            position = len(items) if op.position is None else op.position
            if not data_ok or not 0 <= position <= len(items):
                raise Rejected
            items.insert(position, Item(None, dict(op.data)))
            return
        index = next((i for i, item in enumerate(items) if item.id == op.id), None)
        if index is None:
            raise Rejected
        if op.op == "update":
            if not data_ok:
                raise Rejected
            items[index] = Item(items[index].id, {**items[index].data, **op.data})
        elif op.op == "remove":
            del items[index]
        else:  # move
            if op.position is None or not 0 <= op.position < len(items):
                raise Rejected
            items.insert(op.position, items.pop(index))

    def _skill(self, op: Operation) -> None:
        data = op.data if isinstance(op.data, dict) else {}
        category = data.get("category", "technical")
        if category not in ("technical", "soft"):
            raise Rejected
        names = self.names(category)
        folded = [name.casefold() for name in names]
        if op.op == "add":
            name = _valid_name(data.get("name"))
            if name.casefold() in folded:
                return  # a duplicate is skipped, its position ignored
            updated = [*names, name]
            if op.position is not None:
                if not 0 <= op.position < len(updated):
                    raise Rejected
                updated.insert(op.position, updated.pop())
            names[:] = updated
            return
        wanted = (op.id or "").strip().casefold()
        if wanted not in folded:
            raise Rejected
        index = folded.index(wanted)
        if op.op == "remove":
            del names[index]
        elif op.op == "move":
            if op.position is None or not 0 <= op.position < len(names):
                raise Rejected
            names.insert(op.position, names.pop(index))
        else:  # update = rename
            name = _valid_name(data.get("name"))
            others = folded[:index] + folded[index + 1 :]
            if name.casefold() in others:
                raise Rejected
            names[index] = name

    def _custom_field(self, op: Operation) -> None:
        key = op.id or ""
        if op.op == "add":
            self.custom[key] = op.data
        elif key not in self.custom:
            raise Rejected
        elif op.op == "update":
            self.custom[key] = op.data
        else:
            del self.custom[key]


def _valid_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise Rejected
    return name.strip()


# --- comparing a stored profile (as plain JSON-like data) with the model ---------------------


def as_document(profile: Profile) -> dict[str, Any]:
    """The profile as the HTTP API would serialise it."""
    document: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(profile))
    return document


def components_of(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        "experience": document["experiences"],
        "education": document["education"],
        "project": document["projects"],
        "certification": document["skills"]["certifications"],
    }


def adopt_new_ids(model: Model, document: dict[str, Any]) -> None:
    """Learn the ids the server gave to items the model added; they must be brand new."""
    stored = components_of(document)
    for kind in KINDS:
        assert len(stored[kind]) == len(model.items[kind]), (kind, stored[kind])
        for got, want in zip(stored[kind], model.items[kind], strict=True):
            if want.id is None:
                assert got["id"] not in model.seen_ids, f"id {got['id']} was reused"
                want.id = got["id"]
            model.seen_ids.add(got["id"])


def same(got: Any, want: Any) -> bool:
    """Equal, where "" and None both mean unknown (HTTP sends "" for text the app requires)."""
    return got == want or (got in ("", None) and want in ("", None))


def assert_matches(model: Model, document: dict[str, Any]) -> None:
    """Order, ids, every sent field, skills, custom fields and version are as the model says."""
    stored = components_of(document)
    every_id = [item["id"] for kind in KINDS for item in stored[kind]]
    assert len(every_id) == len(set(every_id)), f"duplicate component ids: {every_id}"
    for kind in KINDS:
        assert [item["id"] for item in stored[kind]] == [item.id for item in model.items[kind]], (
            kind
        )
        for got, want in zip(stored[kind], model.items[kind], strict=True):
            differences = {
                k: (got.get(k), v) for k, v in want.data.items() if not same(got.get(k), v)
            }
            assert not differences, (kind, want.id, differences)
    assert document["skills"]["technical"] == model.technical
    assert document["skills"]["soft"] == model.soft
    assert document["custom_fields"] == model.custom
    assert document["version"] == model.version


# --- strategies -----------------------------------------------------------------------------

# Valid components, whole contents and partial updates come from resumecore.testing (users'
# tests draw from the same strategies); enhanced texts are left out because a client's value is
# ignored. Skill names and custom-field keys are drawn from small pools below on purpose: a
# collision (a name in another case, a key set twice) is what those operations must handle.
COMPONENT_SIZES: dict[str, dict[str, Any]] = {
    "experience": {"max_items": 2, "enhanced": False},
    "education": {"max_items": 2},
    "project": {"max_items": 3, "enhanced": False},
    "certification": {},
}


# (patch, is a schema error): each patch breaks a rule whatever item it is merged into.
INVALID_PATCHES: dict[str, list[tuple[dict[str, Any], bool]]] = {
    "experience": [
        ({"start_date": "2020-13"}, False),
        ({"end_date": "2020-02-30", "is_current": False}, False),
        ({"start_date": "2020-06", "end_date": "2020-05-31", "is_current": False}, False),
        ({"is_current": True, "end_date": "2021-01"}, False),
        ({"title": "   "}, False),
        ({"title": "t" * 201}, False),
        ({"achievements": [""]}, False),
        ({"id": "chosen-by-client"}, False),
        ({"salary": 100}, True),
        ({"is_current": "yes"}, True),
    ],
    "education": [
        ({"start_date": "2021-00"}, False),
        ({"start_date": "2021-01", "end_date": "2020-12"}, False),
        ({"gpa": 4.5}, False),
        ({"gpa": -1.0}, False),
        ({"institution": ""}, False),
        ({"degree": None}, True),
    ],
    "project": [
        ({"url": "javascript:alert(1)"}, False),
        ({"url": "ftp://example.com/x"}, False),
        ({"end_date": "2020-02-30"}, False),
        ({"name": " "}, False),
        ({"technologies": ["x" * 101]}, False),
        ({"technologies": "Python"}, True),
    ],
    "certification": [
        ({"date_obtained": "2020-13"}, False),
        ({"date_obtained": "2022-01", "expiry_date": "2021-12"}, False),
        ({"name": ""}, False),
        ({"issuer": "i" * 201}, False),
    ],
}

custom_values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    # NUL and lone surrogates are refused at the HTTP edge with a 400 (tests/integration/
    # security); the domain's own answer to them is tested in test_profile_domain.
    | st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=8)
    | st.lists(st.integers(0, 9), max_size=3)
    | st.dictionaries(st.sampled_from("abc"), st.integers(0, 9), max_size=2)
)


SKILL_NAMES = st.sampled_from(SKILL_POOL).flatmap(
    lambda n: st.sampled_from([n, n.lower(), n.upper(), f" {n} "])
)  # a pool name as a user might type it
FULL_DATA = {kind: component_data(kind, **COMPONENT_SIZES[kind]) for kind in KINDS}
VALID_PATCH = {kind: component_changes(kind) for kind in KINDS}


def pick(draw: st.DrawFn, values: list[T] | tuple[T, ...]) -> T:
    return draw(st.sampled_from(values))


def component_spec(
    draw: st.DrawFn, model: Model, kind: str, foreign_ids: tuple[str, ...], *, valid: bool
) -> Spec:
    """An operation on a component of ``kind``: valid, or invalid for a drawn reason."""
    ids, size = model.ids(kind), len(model.items[kind])
    fields: dict[str, Any] = {}
    data_ok, schema_error = True, False
    if valid:
        op = pick(draw, ["add", "update", "remove", "move"] if ids else ["add"])
        if op == "add":
            fields = {
                "data": draw(FULL_DATA[kind]),
                "position": draw(st.none() | st.integers(0, size)),
            }
        elif op == "update":
            fields = {"id": pick(draw, ids), "data": draw(VALID_PATCH[kind])}
        elif op == "remove":
            fields = {"id": pick(draw, ids)}
        else:
            fields = {"id": pick(draw, ids), "position": draw(st.integers(0, size - 1))}
        return Spec(Operation(op=op, kind=kind, **fields))  # type: ignore[arg-type]

    reason = pick(draw, ["bad_add", "bad_position", "unknown_id", *(["bad_update"] * bool(ids))])
    if reason in {"bad_add", "bad_update"}:
        patch, schema_error = pick(draw, INVALID_PATCHES[kind])
        data_ok, op = False, reason.removeprefix("bad_")
        fields = {"data": {**draw(FULL_DATA[kind]), **patch}}
        if op == "update":
            fields = {"id": pick(draw, ids), "data": patch}
    elif reason == "bad_position" and ids and draw(st.booleans()):
        op, fields = "move", {"id": pick(draw, ids), "position": pick(draw, [None, -1, size])}
    elif reason == "bad_position":
        op = "add"
        fields = {"data": draw(FULL_DATA[kind]), "position": pick(draw, [-1, size + 1])}
    else:
        op = pick(draw, ["update", "remove", "move"])
        fields = {
            "id": pick(draw, [*UNKNOWN_IDS, *foreign_ids, *other_kind_ids(model, kind)]),
            "data": draw(VALID_PATCH[kind]) if op == "update" else None,
            "position": 0,
        }
    return Spec(
        Operation(op=op, kind=kind, **fields),  # type: ignore[arg-type]
        data_ok=data_ok,
        schema_error=schema_error,
    )


def skill_spec(draw: st.DrawFn, model: Model, *, valid: bool) -> Spec:
    """A skill operation (``id`` is the name; ``data`` is ``{name, category}``)."""
    category = pick(draw, ["technical", "soft"])
    names = model.names(category)
    # technical is the default category, so it may be left out
    data: dict[str, Any] = (
        {} if category == "technical" and draw(st.booleans()) else {"category": category}
    )
    choices = ["add", *(["remove", "move", "rename"] if names else [])]
    if not valid:
        choices = ["bad_category", "bad_name", "missing", "bad_position"]
    choice = pick(draw, choices)

    def existing() -> str:
        name = pick(draw, names)
        return pick(draw, [name, name.upper()])

    op, name, position, payload = "add", None, None, dict(data)
    if choice == "add":
        payload["name"] = draw(SKILL_NAMES)
        position = draw(st.none() | st.integers(0, len(names)))
    elif choice == "remove":
        op, name = "remove", existing()
    elif choice == "move":
        op, name, position = "move", existing(), draw(st.integers(0, len(names) - 1))
    elif choice == "rename":
        taken = {n.casefold() for n in names}
        op, name = "update", existing()
        payload["name"] = pick(draw, [n for n in RENAME_POOL if n.casefold() not in taken])
    elif choice == "bad_category":
        payload = {"name": "Rust", "category": pick(draw, ["hard", "Soft", ""])}
    elif choice == "bad_name":
        payload["name"] = pick(draw, ["", "   ", "n" * 101])
    elif choice == "missing":
        op, name, position = pick(draw, ["remove", "move", "update"]), "Cobol", 0
        payload["name"] = "Fortran"
    elif names and draw(st.booleans()):  # bad position: a move past the end
        op, name, position = "move", names[0], len(names)
    else:  # bad position: an add of a new name past the end
        payload["name"], position = "Fortran", len(names) + 1
    return Spec(
        Operation(op=op, kind="skill", id=name, data=payload or None, position=position)  # type: ignore[arg-type]
    )


def custom_field_spec(draw: st.DrawFn, model: Model, *, valid: bool) -> Spec:
    """A custom-field operation (``id`` is the key)."""
    keys = list(model.custom)
    if valid:
        op = pick(draw, ["add", *(["update", "remove"] if keys else [])])
        key = pick(draw, FIELD_KEYS if op == "add" else keys)
    else:
        op = pick(draw, ["update", "remove"])
        key = pick(draw, [k for k in FIELD_KEYS if k not in keys] or ["never-set"])
    value = draw(custom_values) if op != "remove" else None
    return Spec(Operation(op=op, kind="custom_field", id=key, data=value))  # type: ignore[arg-type]


@st.composite
def operation_specs(
    draw: st.DrawFn, model: Model, foreign_ids: tuple[str, ...] = (), *, valid: bool
) -> Spec:
    """One operation of any kind, valid (against the current model) or invalid."""
    kind = pick(draw, [*KINDS, "skill", "custom_field"])
    if kind == "skill":
        return skill_spec(draw, model, valid=valid)
    if kind == "custom_field":
        return custom_field_spec(draw, model, valid=valid)
    return component_spec(draw, model, kind, foreign_ids, valid=valid)


def other_kind_ids(model: Model, kind: str) -> list[str]:
    return [i for k in KINDS if k != kind for i in model.ids(k)]


@st.composite
def batches(draw: st.DrawFn, model: Model, foreign_ids: tuple[str, ...] = ()) -> list[Spec]:
    """Several valid operations and maybe one invalid one, at most one skill rename."""
    valid = operation_specs(model, foreign_ids, valid=True)
    specs = draw(st.lists(valid, min_size=2, max_size=6))
    renames = [i for i, s in enumerate(specs) if s.op.kind == "skill" and s.op.op == "update"]
    specs = [s for i, s in enumerate(specs) if i not in renames[1:]]
    if draw(st.booleans()):
        bad = draw(operation_specs(model, foreign_ids, valid=False))
        specs.insert(draw(st.integers(0, len(specs))), bad)
    return specs


# A valid profile body for ``POST /profiles``.
initial_contents = profile_contents(
    max_experiences=3,
    max_education=2,
    max_projects=2,
    max_certifications=2,
    max_skills=4,
    max_items=2,
    max_custom_fields=2,
    enhanced=False,
)


def model_of(content: dict[str, Any]) -> Model:
    """The model of a profile just created from ``content`` (ids still unknown)."""
    model = Model()
    for kind in LIST_KINDS:
        model.items[kind] = [Item(None, dict(d)) for d in content[PLURAL[kind]]]
    skills = content["skills"]
    model.items["certification"] = [Item(None, dict(d)) for d in skills["certifications"]]
    # Names are stored trimmed.
    model.technical = [name.strip() for name in skills["technical"]]
    model.soft = [name.strip() for name in skills["soft"]]
    model.custom = dict(content["custom_fields"])
    return model


@st.composite
def revised_list(
    draw: st.DrawFn, model: Model, kind: str
) -> tuple[list[dict[str, Any]], list[Item], bool]:
    """A replacement list for ``kind``: some kept ids (in any order), some dropped, some new.

    Returns the body, the model's items after success, and whether it must be rejected.
    """
    kept = draw(st.permutations(model.items[kind]))
    kept = kept[: draw(st.integers(0, len(kept)))]
    body = [{**draw(FULL_DATA[kind]), "id": item.id} for item in kept]
    for _ in range(draw(st.integers(0, 2))):
        body.insert(draw(st.integers(0, len(body))), draw(FULL_DATA[kind]))
    broken = draw(st.sampled_from([None, None, None, "unknown_id", "bad_item"]))
    if broken == "unknown_id":
        body.insert(
            draw(st.integers(0, len(body))), {**draw(FULL_DATA[kind]), "id": UNKNOWN_IDS[0]}
        )
    elif broken == "bad_item":
        patch, _ = draw(st.sampled_from([p for p in INVALID_PATCHES[kind] if not p[1]]))
        if "id" in patch:
            patch = {LABEL[kind]: ""}
        body.insert(draw(st.integers(0, len(body))), {**draw(FULL_DATA[kind]), **patch})
    # An unknown id is not an error: that item is added under a new id (full replacement).
    items = [
        Item(raw.get("id") if raw.get("id") != UNKNOWN_IDS[0] else None, without_id(raw))
        for raw in body
    ]
    return body, items, broken == "bad_item"


def without_id(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k != "id"}


@st.composite
def revised_skills(draw: st.DrawFn, model: Model) -> tuple[dict[str, Any], Model, bool]:
    """A whole skills object: names maybe duplicated; certifications kept, new or unknown.

    Returns the body, the model after success, and whether it must be rejected.
    """
    technical = draw(st.lists(st.sampled_from([*SKILL_POOL, "python", "GO"]), max_size=5))
    soft = draw(st.lists(st.sampled_from(["Writing", "Mentoring", "Empathy"]), unique=True))
    certifications, items, broken = draw(revised_list(model, "certification"))
    folded = [name.casefold() for name in technical]
    after = copy.deepcopy(model)
    after.technical, after.soft = technical, soft
    after.items["certification"] = items
    body = {"technical": technical, "soft": soft, "certifications": certifications}
    return body, after, broken or len(folded) != len(set(folded))


@st.composite
def revisions(draw: st.DrawFn, model: Model) -> tuple[dict[str, Any], Model, bool]:
    """A PUT body replacing one or two parts.

    Returns the body, the model after success, and whether it must be rejected.
    """
    parts = draw(
        st.lists(
            st.sampled_from([*(PLURAL[k] for k in LIST_KINDS), "skills", "custom_fields"]),
            min_size=1,
            max_size=2,
            unique=True,
        )
    )
    changes: dict[str, Any] = {}
    after, rejected = copy.deepcopy(model), False
    for part in parts:
        if part == "skills":
            changes[part], skills_after, broken = draw(revised_skills(model))
            after.technical, after.soft = skills_after.technical, skills_after.soft
            after.items["certification"] = skills_after.items["certification"]
        elif part == "custom_fields":
            keys = st.sampled_from([*FIELD_KEYS, "bad/key", ""])
            changes[part] = draw(st.dictionaries(keys, custom_values, max_size=3))
            after.custom = dict(changes[part])
            broken = bool({"bad/key", ""} & set(changes[part]))
        else:
            kind = next(k for k in LIST_KINDS if PLURAL[k] == part)
            changes[part], after.items[kind], broken = draw(revised_list(model, kind))
        rejected = rejected or broken
    return changes, after, rejected


def item_commands(operations: list[Operation]) -> list[ItemCommand] | None:
    """The operations as item commands, or None when one is not (or is not a command at all)."""
    try:
        typed = [command_of(operation) for operation in operations]
    except InvalidValue:
        return None
    items = [command for command in typed if is_item_command(command)]
    return items if len(items) == len(typed) else None  # type: ignore[return-value]


# --- the machine over the use cases ---------------------------------------------------------


class ProfileUseCaseMachine(RuleBasedStateMachine):
    """Drives the profile use cases on the in-memory store and checks them against ``Model``."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.clock = FakeClock()
        self.uow = MemoryUnitOfWorkFactory()
        user_id = UserId("user-1")
        now = self.clock.now()
        self.uow.tables.users[user_id] = User(
            id=user_id,
            email="ada@example.com",
            full_name="Ada",
            password_hash="x",
            created_at=now,
            updated_at=now,
        )
        self.principal = Principal(user_id=user_id, session_id=SessionId("session-1"))
        ids = UuidGenerator()
        self.create = CreateProfile(self.uow, self.clock, ids)
        self.apply = ApplyProfileOperations(self.uow, self.clock, ids)
        self.edit_items = EditProfileItems(self.uow, self.clock, ids)
        self.revise = ReviseProfile(self.uow, self.clock, ids)
        self.get = GetProfile(self.uow)
        self.model = Model()
        self.profile_id = ""
        self.other: Profile | None = None

    def teardown(self) -> None:
        self.loop.close()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    def read(self) -> Profile:
        return self.run(self.get(self.principal, self.profile_id))

    def foreign_ids(self) -> tuple[str, ...]:
        assert self.other is not None
        return tuple(item.id for kind in KINDS for item in self.other.items(kind))

    def verify(self) -> Profile:
        """The stored profile matches the model; the other profile is untouched."""
        stored = self.read()
        assert_matches(self.model, as_document(stored))
        assert self.other is not None
        assert self.run(self.get(self.principal, self.other.id)) == self.other
        return stored

    def accepted(self, after: Profile, *, written: bool = True) -> None:
        """Learn new ids from an accepted request and check the store."""
        adopt_new_ids(self.model, as_document(after))
        stored = self.verify()
        assert stored == after
        if written:
            assert stored.updated_at == self.clock.now()

    @initialize(content=initial_contents, other=initial_contents)
    def create_profiles(self, content: dict[str, Any], other: dict[str, Any]) -> None:
        self.other = self.run(self.create(self.principal, other))
        self.clock.advance(1)
        created = self.run(self.create(self.principal, content))
        assert created.version == 1
        assert not created.is_primary
        self.profile_id = created.id
        self.model = model_of(content)
        self.model.seen_ids.update(self.foreign_ids())
        self.accepted(created)

    def attempt(self, coroutine: Coroutine[Any, Any, T]) -> T | BulkOperationRejected:
        """What the use case returns, or its refusal of the batch."""
        try:
            return self.run(coroutine)
        except BulkOperationRejected as exc:
            return exc

    def refused_as_modelled(
        self, refused: BulkOperationRejected, failing: list[int], before: Profile
    ) -> None:
        """A refusal the model expects, naming exactly the failing indexes; nothing changed."""
        assert failing, f"rejected a batch the model accepts: {refused.errors}"
        indexes = sorted({e.index for e in refused.errors if e.index is not None})
        assert indexes == failing, refused.errors
        assert self.read() == before

    def submit(
        self, specs: list[Spec], *, expected_version: int | None = None, by_item: bool = False
    ) -> None:
        """Send a batch; the model decides whether it must be accepted and which ops fail.

        ``by_item``: a batch of adds at the end, updates and removals goes to the item routes'
        use case (``EditProfileItems``), which loads only the items it names.
        """
        before = self.read()
        self.clock.advance(1)
        failing = self.model.apply_batch(specs)
        operations = [spec.op for spec in specs]
        items = item_commands(operations) if by_item and specs else None
        if items is not None:
            self.submit_items(items, before, failing, expected_version)
            return
        change = self.attempt(
            self.apply(
                self.principal, self.profile_id, operations, expected_version=expected_version
            )
        )
        if isinstance(change, BulkOperationRejected):
            self.refused_as_modelled(change, failing, before)
            return
        assert not failing, f"accepted a batch failing at {failing}: {operations}"
        assert change.profile_id == before.id
        if not specs:
            assert change.profile == before
        else:
            assert change.profile.version == change.version == before.version + 1
        self.accepted(change.profile, written=bool(specs))

    def submit_items(
        self,
        commands: list[ItemCommand],
        before: Profile,
        failing: list[int],
        expected_version: int | None,
    ) -> None:
        """Send item commands to ``EditProfileItems``: the same outcome as ``submit``'s."""
        change = self.attempt(
            self.edit_items(
                self.principal, self.profile_id, commands, expected_version=expected_version
            )
        )
        if isinstance(change, BulkOperationRejected):
            self.refused_as_modelled(change, failing, before)
            return
        assert not failing, f"accepted a batch failing at {failing}: {commands}"
        stored = self.read()
        assert change.profile_id == before.id
        assert change.version == stored.version == before.version + 1
        touched = {item.id for item in change.touched}
        assert list(change.touched) == [
            item for kind in KINDS for item in stored.items(kind) if item.id in touched
        ]
        assert set(change.created_ids) <= touched
        self.accepted(stored)

    @rule(data=st.data(), valid=st.booleans(), by_item=st.booleans())
    def one_operation(self, data: st.DataObject, valid: bool, by_item: bool) -> None:
        spec = data.draw(operation_specs(self.model, self.foreign_ids(), valid=valid))
        self.submit([spec], by_item=by_item)

    @rule(data=st.data(), send_version=st.booleans(), by_item=st.booleans())
    def batch(self, data: st.DataObject, send_version: bool, by_item: bool) -> None:
        specs = data.draw(batches(self.model, self.foreign_ids()))
        if data.draw(st.integers(0, 9)) == 0:
            specs = []  # an empty batch is accepted and changes nothing, version included
        version = self.model.version if send_version else None
        self.submit(specs, expected_version=version, by_item=by_item)

    @rule(
        data=st.data(),
        delta=st.sampled_from([-1, 1, 5]),
        unknown=st.sampled_from([*UNKNOWN_IDS, ""]),
    )
    def refused_requests_change_nothing(
        self, data: st.DataObject, delta: int, unknown: str
    ) -> None:
        """A stale expected version is a conflict; an unknown profile is not found."""
        before = self.read()
        spec = data.draw(operation_specs(self.model, valid=True))
        with pytest.raises(VersionConflict):
            self.run(
                self.apply(
                    self.principal,
                    self.profile_id,
                    [spec.op],
                    expected_version=self.model.version + delta,
                )
            )
        with pytest.raises(VersionConflict):
            self.run(
                self.revise(
                    self.principal,
                    self.profile_id,
                    {"custom_fields": {}},
                    expected_version=self.model.version + delta,
                )
            )
        with pytest.raises(NotFound):
            self.run(self.get(self.principal, unknown))
        with pytest.raises(NotFound):
            self.run(self.apply(self.principal, unknown, [spec.op]))
        assert self.verify() == before

    @rule(data=st.data())
    def broken_command_sequence(self, data: st.DataObject) -> None:
        """Typed commands with one broken among valid ones (``resumecore.testing``): refused,
        naming exactly that index, and nothing changes."""
        before = self.read()
        broken = data.draw(invalid_command_sequences(before, max_valid=3))
        self.clock.advance(1)
        with pytest.raises(broken.error) as refused:
            self.run(self.apply(self.principal, self.profile_id, list(broken.commands)))
        assert isinstance(refused.value, BulkOperationRejected)
        found = {(e.index, e.code) for e in refused.value.errors}
        assert {index for index, _ in found} == {broken.failing_index}, found
        assert (broken.failing_index, broken.code) in found
        assert self.verify() == before

    def submit_revision(self, changes: dict[str, Any], after: Model, rejected: bool) -> None:
        before = self.read()
        self.clock.advance(1)
        try:
            revised = self.run(self.revise(self.principal, self.profile_id, changes))
        except InvalidValue as exc:
            refused: InvalidValue | None = exc
        else:
            refused = None
        if refused is not None:
            assert rejected, f"rejected a valid revision: {refused.errors}"
            assert self.read() == before
            return
        assert not rejected, f"accepted an invalid revision: {changes}"
        assert revised.version == before.version + 1
        after.version = self.model.version + 1
        self.model = after
        self.accepted(revised)

    @rule(data=st.data())
    def revise(self, data: st.DataObject) -> None:
        """PUT: one or more parts replaced; lists keep the ids they carry."""
        changes, after, rejected = data.draw(revisions(self.model))
        self.submit_revision(changes, after, rejected)


def test_profile_use_cases_follow_the_reference_model() -> None:
    run_state_machine_as_test(
        ProfileUseCaseMachine,
        settings=settings(
            max_examples=100,
            # 38 steps over five rules keep the four older rules at about 30 steps each.
            stateful_step_count=38,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
