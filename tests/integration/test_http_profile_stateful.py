"""Stateful property test of the profile HTTP API on SQLite, against the reference model.

The same model and strategies as ``tests/unit/test_profile_stateful.py``, but every change goes
through the real app over HTTP: ``POST /profiles/{id}/operations`` (single and bulk), the item
routes (``POST``/``PUT``/``DELETE /{kind}`` with arrays, ``PATCH``/``DELETE /{kind}/{item}``), the
skills routes, the custom-field routes, ``PUT /profiles/{id}``, ``PUT /skills`` and
``PUT /custom-fields``. After every step ``GET /profiles/{id}`` must match the model:

- order and ids as the model says, ids unique, every sent field stored;
- an accepted request answers its success status, ``ETag`` = the new version, version + 1;
- a refused request answers 400/404/412/422 as the contract says (422 naming every failing
  index) and changes nothing at all, byte for byte;
- the user's other profile never changes.

Each example starts with two fresh profiles of the one registered user (the database is shared
by the whole run), so no wiping is needed between examples.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import httpx
import msgspec
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from litestar.testing import TestClient

from resumecore.operations import Operation
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.clock import FakeClock
from tests.support.databases import wipe
from tests.support.profiles import full_profile
from tests.unit.test_profile_stateful import (
    FULL_DATA,
    INVALID_PATCHES,
    KINDS,
    LABEL,
    PLURAL,
    UNKNOWN_IDS,
    Model,
    Spec,
    adopt_new_ids,
    assert_matches,
    batches,
    initial_contents,
    model_of,
    operation_specs,
    revisions,
)

PROFILES = "/api/v1/profiles"
IDS_FIELD = {
    "experience": "experience_ids",
    "education": "education_ids",
    "project": "project_ids",
    "certification": "certification_ids",
}


@dataclass(frozen=True)
class Call:
    """One HTTP request against the profile, and what the contract says it must answer.

    ``specs`` are the operations it stands for (the model applies them); ``indexed`` says
    whether a 422 must name exactly the failing operations by ``index``.
    """

    method: str
    path: str
    specs: list[Spec]
    body: Any = None
    ok: int = 200
    refused: tuple[int, ...] = (422,)
    indexed: bool = True


def operations_call(specs: list[Spec], expected_version: int | None = None) -> Call:
    body: dict[str, Any] = {"operations": [msgspec.to_builtins(s.op) for s in specs]}
    if expected_version is not None:
        body["expected_version"] = expected_version
    return Call("POST", "/operations", specs, body)


def single_item_call(spec: Spec, model: Model) -> Call | None:
    """The dedicated route for one operation, when there is one (else None: use operations)."""
    op = spec.op
    if op.kind in KINDS:
        return _component_call(spec, model)
    if op.kind == "skill":
        return _skill_call(spec, model)
    return _custom_field_call(spec, model)


def _component_call(spec: Spec, model: Model) -> Call | None:
    op, plural = spec.op, PLURAL[spec.op.kind]
    known = op.id in model.ids(op.kind)
    # The item routes read what the app echoes: an added item's id is ignored there, not
    # refused (test_item_routes_ignore_the_id_of_an_added_item); /operations refuses it.
    if op.op == "add" and op.position is None and "id" not in (op.data or {}):
        refused = (400,) if spec.schema_error else (422,)
        return Call("POST", f"/{plural}", [spec], [op.data], ok=201, refused=refused)
    if op.op == "update" and not spec.schema_error:
        path = f"/{plural}/{quote(op.id or '', safe='')}"
        return Call("PATCH", path, [spec], op.data, refused=(422,) if known else (404,))
    if op.op == "remove":
        path = f"/{plural}/{quote(op.id or '', safe='')}"
        return Call("DELETE", path, [spec], ok=204, refused=(404,), indexed=False)
    return None


def _skill_call(spec: Spec, model: Model) -> Call | None:
    op = spec.op
    data = op.data if isinstance(op.data, dict) else {}
    category = data.get("category", "technical")
    if category not in ("technical", "soft"):
        return None
    names = model.names(category)
    if op.op == "add" and op.position is None and isinstance(data.get("name"), str):
        name = data["name"]
        if name.strip() and len(name) <= 100:
            return Call("POST", f"/skills/{category}", [spec], {"skills": [name]})
    if op.op == "remove" and op.id and op.id == op.id.strip():
        known = op.id.casefold() in {n.casefold() for n in names}
        path = f"/skills/{category}/{quote(op.id, safe='')}"
        return Call("DELETE", path, [spec], refused=() if known else (404,), indexed=False)
    return None


def _custom_field_call(spec: Spec, model: Model) -> Call | None:
    op = spec.op
    key = op.id or ""
    if op.op == "add" or (op.op == "update" and key in model.custom):
        body = {"fields": [{"key": key, "value": op.data}]}
        return Call("POST", "/custom-fields", [spec], body, ok=201)
    if op.op == "remove":
        path = f"/custom-fields/{quote(key, safe='')}"
        refused = () if key in model.custom else (404,)
        return Call("DELETE", path, [spec], ok=204, refused=refused, indexed=False)
    return None


@st.composite
def bulk_item_calls(draw: st.DrawFn, model: Model, foreign_ids: tuple[str, ...]) -> Call:
    """``POST``, ``PUT`` or ``DELETE /{kind}`` with an array; maybe one bad entry."""
    kind = draw(st.sampled_from(KINDS))
    plural, ids = PLURAL[kind], model.ids(kind)
    action = draw(st.sampled_from(["add", "update", "delete"] if ids else ["add"]))
    bad_at = draw(st.none() | st.integers(0, 3))
    unknown = st.sampled_from([*UNKNOWN_IDS, *foreign_ids])
    specs: list[Spec] = []
    if action == "add":
        for i in range(draw(st.integers(1, 4))):
            data, ok, schema_error = draw(FULL_DATA[kind]), True, False
            if i == bad_at:
                patches = [p for p in INVALID_PATCHES[kind] if "id" not in p[0]]
                patch, schema_error = draw(st.sampled_from(patches))
                data, ok = {**data, **patch}, False
            specs.append(Spec(Operation(op="add", kind=kind, data=data), ok, schema_error))  # type: ignore[arg-type]
        refused = (400,) if any(s.schema_error for s in specs) else (422,)
        body = [s.op.data for s in specs]
        return Call("POST", f"/{plural}", specs, body, ok=201, refused=refused)
    if action == "update":
        for i in range(draw(st.integers(1, 3))):
            item_id = draw(unknown) if i == bad_at else draw(st.sampled_from(ids))
            specs.append(
                Spec(Operation(op="update", kind=kind, id=item_id, data=draw(FULL_DATA[kind])))
            )  # type: ignore[arg-type]
        body = [{**s.op.data, "id": s.op.id} for s in specs]
        return Call("PUT", f"/{plural}", specs, body, refused=(404, 422))
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    if bad_at is not None:
        chosen.insert(min(bad_at, len(chosen)), draw(unknown))
    specs = [Spec(Operation(op="remove", kind=kind, id=i)) for i in chosen]  # type: ignore[arg-type]
    body = {IDS_FIELD[kind]: chosen}
    return Call("DELETE", f"/{plural}", specs, body, ok=204, refused=(404, 422))


class ProfileHttpMachine(RuleBasedStateMachine):
    """Drives the profile routes of the real app on SQLite and checks them against ``Model``."""

    client: ClassVar[TestClient[Any]]
    headers: ClassVar[dict[str, str]]

    def __init__(self) -> None:
        super().__init__()
        self.model = Model()
        self.base = ""
        self.other: dict[str, Any] = {}

    # --- plumbing -----------------------------------------------------------------------

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return self.client.request(
            method,
            path,
            json=body,
            headers={**self.headers, **(headers or {})},
        )

    def read(self) -> dict[str, Any]:
        response = self.request("GET", self.base)
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == f'"{response.json()["version"]}"'
        return dict(response.json())

    def foreign_ids(self) -> tuple[str, ...]:
        items = [*self.other["experiences"], *self.other["education"], *self.other["projects"]]
        items += self.other["skills"]["certifications"]
        return tuple(item["id"] for item in items)

    def verify(self) -> dict[str, Any]:
        """The stored profile matches the model; the other profile is untouched."""
        document = self.read()
        assert_matches(self.model, document)
        other = self.request("GET", f"{PROFILES}/{self.other['id']}")
        assert other.json() == self.other
        return document

    def send(self, call: Call, headers: dict[str, str] | None = None) -> httpx.Response:
        """Send ``call``; the model decides whether it must succeed; check the answer."""
        before = self.read()
        failing = self.model.apply_batch(call.specs)
        response = self.request(call.method, self.base + call.path, call.body, headers)
        if failing:
            assert response.status_code in call.refused, (failing, response.text)
            if response.status_code == 422 and call.indexed:
                errors = response.json()["errors"]
                assert sorted({e["index"] for e in errors if "index" in e}) == failing, errors
            assert self.read() == before, "a refused request changed the profile"
            return response
        assert response.status_code == call.ok, (call, response.text)
        if call.ok != 204:
            assert response.headers["etag"] == f'"{self.model.version}"'
        after = self.read()
        adopt_new_ids(self.model, after)
        self.verify()
        return response

    # --- rules --------------------------------------------------------------------------

    @initialize(content=initial_contents, other=initial_contents)
    def create_profiles(self, content: dict[str, Any], other: dict[str, Any]) -> None:
        self.other = self.create(other)
        created = self.create(content)
        assert created["is_primary"] is False
        self.base = f"{PROFILES}/{created['id']}"
        self.model = model_of(content)
        self.model.seen_ids.update(self.foreign_ids())
        adopt_new_ids(self.model, created)
        assert self.verify() == created

    def create(self, content: dict[str, Any]) -> dict[str, Any]:
        response = self.request("POST", PROFILES, content)
        assert response.status_code == 201, response.text
        assert response.headers["etag"] == '"1"'
        return dict(response.json())

    @rule(data=st.data(), valid=st.booleans(), dedicated=st.booleans())
    def one_operation(self, data: st.DataObject, valid: bool, dedicated: bool) -> None:
        """One operation, through its own route when it has one, else through operations."""
        spec = data.draw(operation_specs(self.model, self.foreign_ids(), valid=valid))
        call = single_item_call(spec, self.model) if dedicated else None
        response = self.send(call or operations_call([spec]))
        if call and response.status_code == 201 and spec.op.kind in KINDS:
            created = response.json()
            assert [c[LABEL[spec.op.kind]] for c in created] == [spec.op.data[LABEL[spec.op.kind]]]
            assert created[0]["id"] == self.model.items[spec.op.kind][-1].id

    @rule(data=st.data(), version_in=st.sampled_from(["none", "body", "if-match"]))
    def batch(self, data: st.DataObject, version_in: str) -> None:
        """A bulk batch through operations, optionally with the expected version."""
        specs = data.draw(batches(self.model, self.foreign_ids()))
        version = self.model.version
        if version_in == "if-match":
            self.send(operations_call(specs), headers={"If-Match": f'"{version}"'})
        else:
            self.send(operations_call(specs, version if version_in == "body" else None))

    @rule(data=st.data())
    def bulk_item_route(self, data: st.DataObject) -> None:
        """``POST``/``PUT``/``DELETE /{kind}`` with an array: all or nothing."""
        call = data.draw(bulk_item_calls(self.model, self.foreign_ids()))
        response = self.send(call)
        if call.method == "POST" and response.status_code == 201:
            label = LABEL[call.specs[0].op.kind]
            assert [c[label] for c in response.json()] == [s.op.data[label] for s in call.specs]

    @rule(data=st.data(), dedicated=st.booleans())
    def revise(self, data: st.DataObject, dedicated: bool) -> None:
        """``PUT /profiles/{id}``, or ``PUT /skills`` / ``PUT /custom-fields`` for one part."""
        changes, after, rejected = data.draw(revisions(self.model))
        before = self.read()
        path, body = "", changes
        if dedicated and list(changes) == ["skills"]:
            path, body = "/skills", changes["skills"]
        elif dedicated and list(changes) == ["custom_fields"]:
            path, body = "/custom-fields", changes["custom_fields"]
        response = self.request("PUT", self.base + path, body)
        if rejected:
            assert response.status_code == 422, response.text
            assert self.read() == before
            return
        assert response.status_code == 200, response.text
        after.version = self.model.version + 1
        assert response.headers["etag"] == f'"{after.version}"'
        self.model = after
        adopt_new_ids(self.model, self.read())
        self.verify()

    @rule(data=st.data(), delta=st.sampled_from([-1, 1, 9]))
    def stale_version_is_refused(self, data: st.DataObject, delta: int) -> None:
        """A write naming a version other than the current one: 412, current ETag, no change."""
        before = self.read()
        stale = self.model.version + delta
        spec = msgspec.to_builtins(data.draw(operation_specs(self.model, valid=True)).op)
        if_match = {"If-Match": f'"{stale}"'}
        attempts = [
            ("PUT", "", {"custom_fields": {}}, if_match),
            ("POST", "/operations", {"operations": [spec]}, if_match),
            ("POST", "/operations", {"expected_version": stale, "operations": [spec]}, {}),
            ("PUT", "/custom-fields", {}, if_match),
            ("PUT", "/skills", {}, if_match),
            ("POST", "/skills/soft", {"skills": ["Cobol"]}, if_match),
            (
                "POST",
                "/experiences",
                [{"title": "T", "company": "C", "start_date": "2020-01"}],
                if_match,
            ),
            ("DELETE", "", None, if_match),
        ]
        for kind in KINDS:
            attempts += [
                ("PATCH", f"/{PLURAL[kind]}/{item_id}", {}, if_match)
                for item_id in self.model.ids(kind)[:1]
            ]
        method, path, body, headers = data.draw(st.sampled_from(attempts))
        response = self.request(method, self.base + path, body, headers)
        assert response.status_code == 412, (method, path, response.text)
        assert response.headers["etag"] == f'"{self.model.version}"'
        assert self.read() == before
        cached = self.request("GET", self.base, headers={"If-None-Match": f'"{before["version"]}"'})
        assert cached.status_code == 304

    @rule(unknown=st.sampled_from(UNKNOWN_IDS), data=st.data())
    def unknown_profile_is_not_found(self, unknown: str, data: st.DataObject) -> None:
        spec = msgspec.to_builtins(data.draw(operation_specs(self.model, valid=True)).op)
        method, path, body = data.draw(
            st.sampled_from(
                [
                    ("GET", "", None),
                    ("PUT", "", {"custom_fields": {}}),
                    ("DELETE", "", None),
                    ("POST", "/operations", {"operations": [spec]}),
                    ("GET", "/experiences", None),
                    ("GET", "/custom-fields", None),
                ]
            )
        )
        response = self.request(method, f"{PROFILES}/{unknown}{path}", body)
        assert response.status_code == 404, (method, path, response.text)
        self.verify()


def register(client: TestClient[Any]) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "stateful@example.com",
            "password": "correct horse battery staple",
            "full_name": "Ada Lovelace",
        },
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def wipe_database(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        await wipe(engine)
    finally:
        await engine.dispose()


def test_http_profile_api_follows_the_reference_model(tmp_path: Path, sqlite_url: str) -> None:
    asyncio.run(wipe_database(sqlite_url))
    application = make_application(tmp_path, sqlite_url, clock=FakeClock())
    with TestClient(app=create_app(application)) as client:
        ProfileHttpMachine.client = client
        ProfileHttpMachine.headers = register(client)
        run_state_machine_as_test(
            ProfileHttpMachine,
            settings=settings(
                max_examples=20,
                stateful_step_count=15,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )


def test_item_routes_ignore_the_id_of_an_added_item(tmp_path: Path, sqlite_url: str) -> None:
    asyncio.run(wipe_database(sqlite_url))
    application = make_application(tmp_path, sqlite_url, clock=FakeClock())
    with TestClient(app=create_app(application)) as client:
        headers = register(client)
        created = client.post("/api/v1/profiles", json=full_profile(), headers=headers)
        base = f"/api/v1/profiles/{created.json()['id']}"
        item = {"title": "Engineer", "company": "Acme", "start_date": "2020-01"}
        added = client.post(
            f"{base}/experiences", json=[{**item, "id": "chosen-by-client"}], headers=headers
        )
        assert added.status_code == 201, added.text
        new_id = added.json()[0]["id"]
        assert new_id
        assert new_id != "chosen-by-client"
        operation = {"op": "add", "kind": "experience", "data": {**item, "id": "chosen"}}
        refused = client.post(
            f"{base}/operations", json={"operations": [operation]}, headers=headers
        )
        assert refused.status_code == 422, refused.text
        listed = client.get(f"{base}/experiences", headers=headers).json()["experiences"]
        assert [e["id"] for e in listed][-1] == new_id
