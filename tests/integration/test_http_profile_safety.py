"""Data safety of the profile routes over HTTP, on SQLite and PostgreSQL: all or nothing, limits.

Every bulk route gets N valid items plus one invalid one and must answer 422 naming the failing
index (or field path), with the whole database unchanged: a content hash over every row of every
table in ``resumecore_server.adapters.sql.tables.metadata``, ordered by primary key and read with
raw SQL on an
engine of our own. Bodies over 1 MiB, bulk arrays over 100 items and server-owned fields in a
body are refused before anything is written.

Retries and concurrency (If-Match, Idempotency-Key) are in ``test_http_profile_safety_retries``;
these helpers are shared with it and with ``test_http_ownership``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import metadata
from resumecore_server.entrypoints.bootstrap import Application
from tests.support.profiles import experience, full_profile

AUTH = "/api/v1/auth"
PROFILES = "/api/v1/profiles"
PASSWORD = "correct horse battery staple"
Headers = dict[str, str]


async def register(client: AsyncClient, email: str = "ada@example.com") -> Headers:
    """A new account; its bearer header."""
    response = await client.post(
        f"{AUTH}/register", json={"email": email, "password": PASSWORD, "full_name": "Ada"}
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def login(client: AsyncClient, email: str = "ada@example.com") -> Headers:
    """A new session of an existing account; its bearer header."""
    response = await client.post(f"{AUTH}/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def profile_body(name: str = "Ada Lovelace") -> dict[str, Any]:
    """The benchmark profile with three certifications."""
    body = full_profile(name)
    body["skills"]["certifications"] = [
        {"name": f"Cert {i}", "issuer": "Issuer", "date_obtained": f"202{i}-05"} for i in range(3)
    ]
    return body


async def create_profile(
    client: AsyncClient, headers: Headers, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await client.post(PROFILES, json=body or profile_body(), headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def items_of(profile: dict[str, Any], plural: str) -> list[dict[str, Any]]:
    """The items of one kind from a Profile body (certifications live under skills)."""
    if plural == "certifications":
        return list(profile["skills"]["certifications"])
    return list(profile[plural])


async def database_state(database_url: str) -> dict[str, tuple[int, str]]:
    """Per table: row count and a SHA-256 over every row, ordered by primary key."""
    engine = make_engine(database_url)
    state: dict[str, tuple[int, str]] = {}
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                query = select(table).order_by(*table.primary_key.columns)
                rows = (await connection.execute(query)).all()
                digest = hashlib.sha256()
                for row in rows:
                    digest.update(repr(tuple(row)).encode())
                state[table.name] = (len(rows), digest.hexdigest())
    finally:
        await engine.dispose()
    return state


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = dict(response.json())
    assert body["status"] == status
    return body


# --- (a) all or nothing: N valid items + 1 invalid one, on every bulk route ----------------------


def edu(i: int) -> dict[str, Any]:
    return {"institution": f"School {i}", "degree": "MSc", "start_date": "2010-09", "gpa": 3.7}


def project(i: int) -> dict[str, Any]:
    return {"name": f"Tool {i}", "technologies": ["Go"], "url": f"https://example.com/{i}"}


def cert(i: int) -> dict[str, Any]:
    return {"name": f"Extra {i}", "date_obtained": "2020-01"}


def changed(p: dict[str, Any], plural: str, i: int, **fields: Any) -> dict[str, Any]:
    return {**items_of(p, plural)[i], **fields}


def ids(p: dict[str, Any], plural: str, *extra: str) -> list[str]:
    return [item["id"] for item in items_of(p, plural)][:2] + list(extra)


Body = Callable[[dict[str, Any]], Any]
UNKNOWN = str(uuid.uuid4())
# name: (method, path under the profile ("" = the profile; None = POST /profiles), body,
#        failing indices, or a field path the error must name)
BULK_CASES: dict[str, tuple[str, str | None, Body, set[int] | None, str | None]] = {
    "post-experiences": (
        "POST",
        "/experiences",
        lambda p: [experience(20), experience(21), {**experience(22), "start_date": "2020-13"}],
        {2},
        None,
    ),
    "post-education": ("POST", "/education", lambda p: [edu(1), {**edu(2), "gpa": 4.5}], {1}, None),
    "post-projects": (
        "POST",
        "/projects",
        lambda p: [project(1), project(2), {**project(3), "url": "javascript:alert(1)"}],
        {2},
        None,
    ),
    "post-certifications": (
        "POST",
        "/certifications",
        lambda p: [cert(1), {**cert(2), "expiry_date": "2019-01"}, cert(3)],
        {1},
        None,
    ),
    "put-experiences": (
        "PUT",
        "/experiences",
        lambda p: [
            changed(p, "experiences", 0, title="Changed"),
            changed(p, "experiences", 1, title="Changed"),
            {**experience(3), "id": UNKNOWN},
        ],
        {2},
        None,
    ),
    "put-education": (
        "PUT",
        "/education",
        lambda p: [changed(p, "education", 0, degree="PhD"), changed(p, "education", 1, gpa=5)],
        {1},
        None,
    ),
    "put-projects": (
        "PUT",
        "/projects",
        lambda p: [
            changed(p, "projects", 0, name="Renamed"),
            changed(p, "projects", 1, name="Renamed"),
            changed(p, "projects", 2, start_date="2022-01", end_date="2021-01"),
        ],
        {2},
        None,
    ),
    "put-certifications": (
        "PUT",
        "/certifications",
        lambda p: [
            changed(p, "certifications", 0, name="Renamed"),
            changed(p, "certifications", 1, name="   "),
        ],
        {1},
        None,
    ),
    "delete-experiences": (
        "DELETE",
        "/experiences",
        lambda p: {"experience_ids": ids(p, "experiences", UNKNOWN)},
        {2},
        None,
    ),
    "delete-education": (
        "DELETE",
        "/education",
        lambda p: {"education_ids": ids(p, "education", "not-an-id")},
        {2},
        None,
    ),
    "delete-projects": (  # the same id twice: the second remove finds nothing
        "DELETE",
        "/projects",
        lambda p: {"project_ids": ids(p, "projects", items_of(p, "projects")[0]["id"])},
        {2},
        None,
    ),
    "delete-certifications": (
        "DELETE",
        "/certifications",
        lambda p: {"certification_ids": [UNKNOWN, *ids(p, "certifications")]},
        {0},
        None,
    ),
    "operations": (
        "POST",
        "/operations",
        lambda p: {
            "operations": [
                {"op": "add", "kind": "experience", "data": experience(40)},
                {"op": "remove", "kind": "project", "id": UNKNOWN},
                {"op": "add", "kind": "skill", "data": {"name": "Haskell"}},
                {
                    "op": "move",
                    "kind": "experience",
                    "id": p["experiences"][0]["id"],
                    "position": 99,
                },
                {"op": "remove", "kind": "custom_field", "id": "availability"},
            ]
        },
        {1, 3},
        None,
    ),
    "put-profile": (
        "PUT",
        "",
        lambda p: {
            "professional_summary": "Changed",
            "custom_fields": {"new": 1},
            "experiences": [*p["experiences"], experience(30), {**experience(31), "title": ""}],
        },
        None,
        "experiences[6].title",
    ),
    "post-profile": (
        "POST",
        None,
        lambda p: (
            profile_body()
            | {
                "experiences": [
                    *map(experience, range(5)),
                    {**experience(5), "end_date": "1999-01"},
                ]
            }
        ),
        None,
        "experiences[5].end_date",
    ),
    "put-skills": (
        "PUT",
        "/skills",
        lambda p: {"technical": ["Rust", "Go", "Zig", "rust"], "soft": ["Writing"]},
        None,
        "technical[3]",
    ),
    "post-custom-fields": (
        "POST",
        "/custom-fields",
        lambda p: {
            "fields": [
                {"key": "pronouns", "value": "she/her"},
                {"key": "nested", "value": {"a": [0.1]}},
                {"key": "no/slashes", "value": 1},
            ]
        },
        None,
        "no/slashes",
    ),
    "put-custom-fields": (
        "PUT",
        "/custom-fields",
        lambda p: {"pronouns": "she/her", "bad key!": 2},
        None,
        "bad key!",
    ),
}


@pytest.mark.parametrize("case", sorted(BULK_CASES))
async def test_a_bulk_request_with_one_invalid_item_changes_nothing(
    client: AsyncClient, application: Application, case: str
) -> None:
    method, path, body, indices, field = BULK_CASES[case]
    headers = await register(client)
    profile = await create_profile(client, headers)
    url = PROFILES if path is None else f"{PROFILES}/{profile['id']}{path}"
    before = await database_state(application.settings.database_url)

    response = await client.request(method, url, json=body(profile), headers=headers)

    problem = assert_problem(response, 422)
    errors = problem.get("errors", [])
    if indices is not None:
        assert {e.get("index") for e in errors} == indices, errors
    if field is not None:
        assert any(field in str(e.get("field", "")) for e in errors), errors
    assert await database_state(application.settings.database_url) == before
    again = await client.get(f"{PROFILES}/{profile['id']}", headers=headers)
    assert again.json() == profile
