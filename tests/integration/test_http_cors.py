"""CORS for the Flutter web build, and the small contract fixes of issue #9 item 8."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from httpx import Response

from resumecore_server.entrypoints.http.cors import origin_patterns
from tests.integration.http_helpers import AUTH, Client, app_client, assert_problem, register
from tests.support.app import make_settings

PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "Authorization, Content-Type",
}


@pytest.fixture
async def web(
    tmp_path: Path, sqlite_url: str, request: pytest.FixtureRequest
) -> AsyncIterator[Client]:
    changes: dict[str, Any] = getattr(request, "param", {})
    async with app_client(tmp_path, sqlite_url, **changes) as (client, _):
        yield client


async def preflight(client: Client, origin: str, path: str = f"{AUTH}/login") -> Response:
    return await client.options(path, headers={"Origin": origin, **PREFLIGHT})


def assert_allowed(response: Response, origin: str) -> None:
    assert response.status_code in {200, 204}, response.text
    assert response.headers["access-control-allow-origin"] == origin
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "POST", "PUT", "PATCH", "DELETE"} <= methods
    headers = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"authorization", "content-type"} <= headers


DEVELOPMENT = {"environment": "development"}


@pytest.mark.parametrize("web", [DEVELOPMENT], indirect=True)
@pytest.mark.parametrize(
    "origin", ["http://localhost:5173", "http://127.0.0.1:8080", "http://localhost"]
)
async def test_development_allows_loopback_origins_on_any_port(web: Client, origin: str) -> None:
    assert_allowed(await preflight(web, origin), origin)
    assert_allowed(await preflight(web, origin, f"{AUTH}/me"), origin)
    simple = await web.get("/health", headers={"Origin": origin})
    assert simple.headers["access-control-allow-origin"] == origin
    assert "Origin" in simple.headers.get("vary", "")


@pytest.mark.parametrize("web", [DEVELOPMENT], indirect=True)
@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "http://localhost.evil.example",
        "http://localhost:5173.evil.example",
        "https://localhost:5173",
        "http://127.0.0.1.nip.io:80",
    ],
)
async def test_other_origins_get_no_allow_origin(web: Client, origin: str) -> None:
    response = await preflight(web, origin)
    assert "access-control-allow-origin" not in response.headers
    simple = await web.get("/health", headers={"Origin": origin})
    assert "access-control-allow-origin" not in simple.headers


async def test_production_sends_no_cors_headers_by_default(web: Client) -> None:
    response = await preflight(web, "http://localhost:5173")
    assert "access-control-allow-origin" not in response.headers
    simple = await web.get("/health", headers={"Origin": "http://localhost:5173"})
    assert "access-control-allow-origin" not in simple.headers


@pytest.mark.parametrize(
    "web", [{"cors_origins": "https://app.example.com, http://10.0.2.2:*"}], indirect=True
)
async def test_configured_origins_replace_the_default(web: Client) -> None:
    assert_allowed(await preflight(web, "https://app.example.com"), "https://app.example.com")
    assert_allowed(await preflight(web, "http://10.0.2.2:8000"), "http://10.0.2.2:8000")
    denied = await preflight(web, "https://app.example.com:8443")
    assert "access-control-allow-origin" not in denied.headers
    registered = await web.post(
        f"{AUTH}/register",
        json={"email": "web@example.com", "password": "a fine long passphrase", "full_name": "W"},
        headers={"Origin": "https://app.example.com"},
    )
    assert registered.status_code == 201
    assert registered.headers["access-control-allow-origin"] == "https://app.example.com"


@pytest.mark.parametrize("bad", ["localhost:*", "http://*.example.com", "http://a.example/path"])
def test_malformed_origins_are_refused_at_start(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="RESUMECORE_CORS_ORIGINS"):
        make_settings(tmp_path, "sqlite+aiosqlite://", cors_origins=bad)


def test_origin_defaults_per_environment() -> None:
    assert origin_patterns(None, "development") == ("http://localhost:*", "http://127.0.0.1:*")
    assert origin_patterns(None, "production") == ()
    assert origin_patterns("", "development") == ()


# --- issue #9 item 8 ---------------------------------------------------------------------------


async def test_health_answers_healthy(web: Client) -> None:
    response = await web.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "healthy"}
    assert (await web.get("/health/ready")).json()["status"] == "ready"


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "@example.com", ""])
async def test_forgot_password_with_a_malformed_email_is_422(web: Client, email: str) -> None:
    response = await web.post(f"{AUTH}/forgot-password", json={"email": email})
    body = assert_problem(response, 422)
    assert body["errors"][0]["code"] == "invalid_email"


async def test_forgot_password_with_an_unknown_email_stays_200_like_a_known_one(
    web: Client,
) -> None:
    await register(web)
    known = await web.post(f"{AUTH}/forgot-password", json={"email": "ada@example.com"})
    unknown = await web.post(f"{AUTH}/forgot-password", json={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
