"""Bad input on every auth POST route (OWASP API3 and API4) and misconfiguration (API8).

Every rejection is an RFC 9457 problem, never a 500 or a traceback, and writes nothing.
Validation does not depend on the database, so these run on SQLite only.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import (
    AUTH,
    PASSWORD,
    Client,
    app_client,
    assert_problem,
    bearer,
    login,
    me,
    register,
    user_count,
)

MiB = 1024 * 1024
CAPS = {"email": 320, "password": 4096, "full_name": 1000, "refresh_token": 512, "token": 512}
CAPS |= {"current_password": 4096, "new_password": 4096}


class Route(msgspec.Struct, frozen=True):
    path: str
    body: dict[str, str]
    needs_auth: bool = False


ROUTES = {
    "register": Route(
        "register", {"email": "new@example.com", "password": PASSWORD, "full_name": "N"}
    ),
    "login": Route("login", {"email": "ada@example.com", "password": PASSWORD}),
    "refresh": Route("refresh", {"refresh_token": "x" * 43}),
    "logout": Route("logout", {"refresh_token": "x" * 43}, needs_auth=True),
    "change-password": Route(
        "change-password",
        {"current_password": PASSWORD, "new_password": "a different passphrase"},
        needs_auth=True,
    ),
    "forgot-password": Route("forgot-password", {"email": "ada@example.com"}),
    "reset-password": Route(
        "reset-password", {"token": "x" * 43, "new_password": "fresh passphrase"}
    ),
}
SMUGGLED = {
    "id": "00000000-0000-0000-0000-000000000001",
    "user_id": "00000000-0000-0000-0000-000000000001",
    "is_admin": True,
    "password_hash": "bcrypt-hmac-v1$$2b$04$" + "a" * 53,
}


def bad_bodies(route: Route) -> list[tuple[str, bytes, int]]:
    """(label, raw body, expected status) for one route."""
    valid = route.body
    cases: list[tuple[str, Any, int]] = [
        ("malformed json", b'{"email": "a@example.com",', 400),
        ("array", [valid], 400),
        ("string", "text", 400),
        ("number", 42, 400),
    ]
    for field in valid:
        for wrong in (123, True, ["x"], {"x": 1}):
            cases.append((f"{field}={wrong!r}", valid | {field: wrong}, 400))
        if route.path != "logout":  # its body is optional
            cases.append((f"missing {field}", {k: v for k, v in valid.items() if k != field}, 400))
        cases.append((f"{field} too long", valid | {field: "k" * (CAPS[field] + 1)}, 400))
    for name, value in SMUGGLED.items():
        cases.append((f"unknown field {name}", valid | {name: value}, 400))
    huge = valid | {next(iter(valid)): "k" * (MiB + 1)}
    cases.append(("body over 1 MiB", huge, 413))
    return [
        (label, body if isinstance(body, bytes) else json.dumps(body).encode(), status)
        for label, body, status in cases
    ]


@pytest.fixture
async def env(tmp_path: Path, sqlite_url: str) -> AsyncIterator[tuple[Client, Application]]:
    async with app_client(tmp_path, sqlite_url) as pair:
        yield pair


@pytest.mark.parametrize("name", list(ROUTES))
async def test_bad_bodies_are_problems_and_write_nothing(
    env: tuple[Client, Application], name: str
) -> None:
    client, application = env
    route = ROUTES[name]
    tokens = await register(client, "ada@example.com") if name != "register" else None
    headers = {"Content-Type": "application/json"}
    if tokens is not None and route.needs_auth:
        headers |= bearer(tokens["access_token"])
    users_before = await user_count(application)
    for label, raw, status in bad_bodies(route):
        response = await client.post(f"{AUTH}/{route.path}", content=raw, headers=headers)
        assert response.status_code == status, (label, response.status_code, response.text)
        body = assert_problem(response, status)
        assert isinstance(body["detail"], str), label
        assert body["detail"], label
    assert await user_count(application) == users_before
    if tokens is not None:
        # Neither the password nor the session changed.
        assert (await login(client)).status_code == 200
        assert (await me(client, tokens["access_token"])).status_code == 200


async def test_a_body_that_is_not_utf8_is_400_on_every_route(
    env: tuple[Client, Application],
) -> None:
    client, application = env
    tokens = await register(client)
    headers = {"Content-Type": "application/json"} | bearer(tokens["access_token"])
    statuses = {}
    for route in ROUTES.values():
        raw = b'{"' + next(iter(route.body)).encode() + b'": "\xff\xfe"}'
        response = await client.post(f"{AUTH}/{route.path}", content=raw, headers=headers)
        statuses[route.path] = response.status_code
        assert response.headers["content-type"].startswith("application/problem+json")
    assert statuses == dict.fromkeys(statuses, 400)
    assert await user_count(application) == 1
    assert (await me(client, tokens["access_token"])).status_code == 200


async def test_unknown_fields_cannot_create_an_admin(env: tuple[Client, Application]) -> None:
    client, application = env
    response = await client.post(
        f"{AUTH}/register", json=ROUTES["register"].body | {"is_admin": True}
    )
    assert_problem(response, 400)
    assert await user_count(application) == 0
    assert (await client.post(f"{AUTH}/register", json=ROUTES["register"].body)).status_code == 201
    assert await user_count(application) == 1


async def test_an_unknown_top_level_field_is_named_once(env: tuple[Client, Application]) -> None:
    client, _ = env
    response = await client.post(
        f"{AUTH}/register", json=ROUTES["register"].body | {"is_admin": True}
    )
    body = assert_problem(response, 400)
    assert body["detail"] == "'is_admin' is not a field this request accepts."
    unknown = "Object contains unknown field `is_admin`"
    assert body["errors"] == [{"field": "is_admin", "code": "invalid", "message": unknown}]


async def test_a_missing_top_level_field_is_named_in_errors(
    env: tuple[Client, Application],
) -> None:
    client, _ = env
    response = await client.post(f"{AUTH}/login", json={"email": "ada@example.com"})
    body = assert_problem(response, 400)
    assert body["detail"] == "'password' is required."
    missing = "Object missing required field `password`"
    assert body["errors"] == [{"field": "password", "code": "invalid", "message": missing}]


async def test_every_malformed_request_is_one_kind_of_400(env: tuple[Client, Application]) -> None:
    client, _ = env
    json_type = {"Content-Type": "application/json"}
    login_body = ROUTES["login"].body
    responses = {
        "unknown field": await client.post(f"{AUTH}/login", json=login_body | {"x": 1}),
        "malformed JSON": await client.post(
            f"{AUTH}/login", content=b'{"email":', headers=json_type
        ),
        "nested too deeply": await client.post(
            f"{AUTH}/login", content=b"[" * 100 + b"]" * 100, headers=json_type
        ),
        "NUL in the query": await client.get(f"{AUTH}/check-email?email=a%00b@example.com"),
        "not UTF-8": await client.post(
            f"{AUTH}/login", content=b'{"email": "\xff"}', headers=json_type
        ),
        "no body": await client.post(f"{AUTH}/login", content=b"", headers=json_type),
    }
    kinds = {
        label: (problem["type"], problem["title"])
        for label, response in responses.items()
        for problem in [assert_problem(response, 400)]
    }
    assert kinds == dict.fromkeys(responses, ("/problems/bad_request", "Bad request"))


async def test_an_absent_body_is_said_in_words(env: tuple[Client, Application]) -> None:
    client, _ = env
    response = await client.post(
        f"{AUTH}/login", content=b"", headers={"Content-Type": "application/json"}
    )
    body = assert_problem(response, 400)
    assert body["detail"] == "The request needs a JSON body."
    assert body["errors"] == [
        {"field": "body", "code": "invalid", "message": "The request needs a JSON body"}
    ]


async def test_a_missing_route_and_a_missing_resource_read_alike(
    env: tuple[Client, Application],
) -> None:
    client, _ = env
    tokens = await register(client)
    no_route = assert_problem(await client.get("/api/v1/nothing-here"), 404)
    no_profile = assert_problem(
        await client.get(
            "/api/v1/profiles/00000000-0000-4000-8000-000000000000",
            headers=bearer(tokens["access_token"]),
        ),
        404,
    )
    assert no_route["type"] == no_profile["type"] == "/problems/not_found"
    assert no_route["title"] == no_profile["title"] == "Not found"
    assert assert_problem(await client.delete(f"{AUTH}/me"), 405)["title"] == "Method not allowed"


async def test_check_email_query_is_validated(env: tuple[Client, Application]) -> None:
    client, _ = env
    assert_problem(await client.get(f"{AUTH}/check-email"), 400)
    assert_problem(await client.get(f"{AUTH}/check-email", params={"email": "a" * 321}), 400)
    assert_problem(await client.get(f"{AUTH}/check-email", params={"email": "not-an-email"}), 422)


async def test_unknown_route_and_wrong_method_are_problems(env: tuple[Client, Application]) -> None:
    client, _ = env
    assert_problem(await client.get("/api/v1/nothing-here"), 404)
    assert_problem(await client.get("/api/v1/auth/nothing-here"), 404)
    assert_problem(await client.get(f"{AUTH}/login"), 405)
    assert_problem(await client.delete(f"{AUTH}/me"), 405)


async def test_liveness_is_served(env: tuple[Client, Application]) -> None:
    client, _ = env
    health = await client.get("/health")
    assert health.status_code == 200
    assert health.json() == {"status": "healthy"}


async def test_readiness_checks_the_database(env: tuple[Client, Application]) -> None:
    client, _ = env
    ready = await client.get("/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"
    assert ready.json()["checks"]["database"]["status"] == "ok"


async def test_openapi_schema_lists_the_auth_routes_without_secrets(
    env: tuple[Client, Application],
) -> None:
    client, _ = env
    schema = await client.get("/schema/openapi.json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.1")
    assert {f"{AUTH}/{r.path}" for r in ROUTES.values()} <= set(document["paths"])
    assert "password_hash" not in schema.text


class ExplodingMailer(Mailer):
    """A mail relay failing in a way nobody planned for."""

    async def send(self, message: OutgoingMail) -> None:
        raise RuntimeError("relay smtp://admin:hunter2@mail.internal refused")


async def test_an_unexpected_error_is_a_generic_500(tmp_path: Path, sqlite_url: str) -> None:
    async with app_client(tmp_path, sqlite_url, overrides={Mailer: ExplodingMailer()}) as (
        client,
        _,
    ):
        tokens = await register(client)
        # (forgot-password mails after answering now, so a failing relay cannot show there)
        response = await client.post(
            f"{AUTH}/change-password",
            json={"current_password": PASSWORD, "new_password": "another long passphrase"},
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
    body = assert_problem(response, 500)
    assert body["detail"] == "An unexpected error occurred."
    for leak in ("hunter2", "mail.internal", "RuntimeError", "File ", "line "):
        assert leak not in response.text
