"""Gotcha G7: one structured JSON line per request on stdout, and never a password or token.

Logging does not depend on the database, so this runs on SQLite only.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import Response

from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import (
    AUTH,
    NEW_PASSWORD,
    PASSWORD,
    Client,
    app_client,
    bearer,
    outbox_path,
    read_mails,
    reset_token_in,
)

WRONG_PASSWORD = "wrong-but-secret-guess-31337"
FINAL_PASSWORD = "the final passphrase 4242"


@pytest.fixture
async def env(tmp_path: Path, sqlite_url: str) -> AsyncIterator[tuple[Client, Application]]:
    async with app_client(tmp_path, sqlite_url) as pair:
        yield pair


def log_lines(captured: str) -> list[dict[str, Any]]:
    """Every stdout line, each of which must be a JSON object."""
    lines = [line for line in captured.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def request_lines(captured: str) -> list[dict[str, Any]]:
    return [line for line in log_lines(captured) if line.get("event") == "request"]


async def test_auth_flow_logs_one_line_per_request_and_no_secrets(
    env: tuple[Client, Application], capsys: pytest.CaptureFixture[str]
) -> None:
    client, application = env
    capsys.readouterr()
    responses: list[tuple[str, str, Response]] = []

    async def call(method: str, route: str, **kwargs: Any) -> Response:
        response = await client.request(method, f"{AUTH}/{route}", **kwargs)
        responses.append((method, f"{AUTH}/{route}", response))
        return response

    account = {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada"}
    registered = (await call("POST", "register", json=account)).json()
    await call("POST", "login", json={"email": "ada@example.com", "password": WRONG_PASSWORD})
    logged = (
        await call("POST", "login", json={"email": "ada@example.com", "password": PASSWORD})
    ).json()
    rotated = (
        await call("POST", "refresh", json={"refresh_token": logged["refresh_token"]})
    ).json()
    await call("GET", "me", headers=bearer(rotated["access_token"]))
    await call(
        "POST",
        "change-password",
        headers=bearer(rotated["access_token"]),
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    await call("POST", "forgot-password", json={"email": "ada@example.com"})
    reset_token = reset_token_in(read_mails(outbox_path(application))[-1])
    reset = await call(
        "POST", "reset-password", json={"token": reset_token, "new_password": FINAL_PASSWORD}
    )
    assert [r.status_code for _, _, r in responses] == [201, 401, 200, 200, 200, 200, 200, 200]
    assert reset.json() == {"message": "Password reset successfully"}

    captured = capsys.readouterr()
    lines = request_lines(captured.out)
    assert len(lines) == len(responses), captured.out
    for line, (method, route, response) in zip(lines, responses, strict=True):
        assert line["method"] == method
        assert line["route"] == route
        assert line["status"] == response.status_code
        assert isinstance(line["duration_ms"], int | float)
        assert line["duration_ms"] >= 0
        assert line["request_id"] == response.headers["x-request-id"]
    assert len({line["request_id"] for line in lines}) == len(lines)

    secrets = [PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, FINAL_PASSWORD, reset_token]
    for tokens in (registered, logged, rotated):
        secrets += [tokens["access_token"], tokens["refresh_token"]]
    everything = captured.out + captured.err
    for secret in secrets:
        assert secret not in everything
        assert json.dumps(secret)[1:-1] not in everything


async def test_route_is_the_template_without_query_or_unmatched_path(
    env: tuple[Client, Application], capsys: pytest.CaptureFixture[str]
) -> None:
    client, _ = env
    capsys.readouterr()
    await client.get(f"{AUTH}/check-email", params={"email": "private.person@example.com"})
    await client.get("/no/such/page-with-secret-xyz")
    lines = request_lines(capsys.readouterr().out)
    assert [(line["route"], line["status"]) for line in lines] == [
        (f"{AUTH}/check-email", 200),
        ("<unmatched>", 404),
    ]
    assert "private.person" not in json.dumps(lines)
    assert "page-with-secret-xyz" not in json.dumps(lines)


async def test_a_valid_incoming_request_id_is_echoed_and_logged(
    env: tuple[Client, Application], capsys: pytest.CaptureFixture[str]
) -> None:
    client, _ = env
    capsys.readouterr()
    response = await client.get("/health", headers={"X-Request-ID": "req-42.abc_XYZ"})
    assert response.headers["x-request-id"] == "req-42.abc_XYZ"
    (line,) = request_lines(capsys.readouterr().out)
    assert line["request_id"] == "req-42.abc_XYZ"
    assert (line["method"], line["route"], line["status"]) == ("GET", "/health", 200)


@pytest.mark.parametrize("incoming", ["has spaces in it", "x" * 65, '"}{"injected": 1', ""])
async def test_an_invalid_incoming_request_id_is_replaced(
    env: tuple[Client, Application], capsys: pytest.CaptureFixture[str], incoming: str
) -> None:
    client, _ = env
    capsys.readouterr()
    response = await client.get("/health", headers={"X-Request-ID": incoming})
    generated = response.headers["x-request-id"]
    assert generated != incoming
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    (line,) = request_lines(capsys.readouterr().out)
    assert line["request_id"] == generated
    assert "injected" not in line
