"""Security checklist 4.1: every way a bearer token for GET /auth/me can be wrong is a 401.

Token-crafting cases do not depend on the database, so they run on SQLite only; the
revocation cases (logout, password change) use the two-backend ``client`` fixture.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jwt
import msgspec
import pytest

from resumecore_server.adapters.security.jwt_codec import PyJwtAccessTokenCodec
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.settings import Settings
from tests.integration.http_helpers import (
    AUTH,
    ME_FIELDS,
    PASSWORD,
    Client,
    app_client,
    bearer,
    logged_in,
    me,
    outbox_path,
    read_mails,
    register,
    reset_token_in,
)
from tests.support.app import TEST_SECRET, make_settings
from tests.support.clock import FakeClock

ISSUER = "resumecore"
AUDIENCE = "resumecore-api"
OTHER_KEY = "an-attacker-controlled-key-of-enough-length-42"
LIFETIME = 15 * 60
LEEWAY = 10


class Env(msgspec.Struct, kw_only=True):
    client: Client
    clock: FakeClock
    tokens: dict[str, Any]
    outbox: Path


@pytest.fixture
async def env(tmp_path: Path, sqlite_url: str) -> AsyncIterator[Env]:
    clock = FakeClock()
    async with app_client(tmp_path, sqlite_url, clock=clock) as (client, application):
        tokens = await register(client)
        yield Env(client=client, clock=clock, tokens=tokens, outbox=outbox_path(application))


def real_claims(env: Env) -> dict[str, Any]:
    """The claims of the token the app issued (read, not trusted)."""
    return dict(jwt.decode(env.tokens["access_token"], options={"verify_signature": False}))


def fresh_claims(env: Env, **changes: Any) -> dict[str, Any]:
    """Claims for the registered user's session, valid at the fake clock's now."""
    now = int(env.clock.now().timestamp())
    claims = real_claims(env) | {"iat": now, "nbf": now, "exp": now + LIFETIME}
    claims.update(changes)
    return claims


def sign(claims: dict[str, Any], key: str = TEST_SECRET, **kwargs: Any) -> str:
    return jwt.encode(claims, key, **({"algorithm": "HS256"} | kwargs))


def b64url(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


async def assert_rejected(env: Env, headers: dict[str, str] | list[tuple[str, str]]) -> str:
    """401 with ``WWW-Authenticate: Bearer``; returns the body for comparison."""
    response = await env.client.get(f"{AUTH}/me", headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.text


async def test_valid_token_returns_only_the_allow_listed_fields(env: Env) -> None:
    response = await me(env.client, env.tokens["access_token"])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ME_FIELDS
    assert body["id"] == env.tokens["user"]["id"]
    assert body["email"] == "ada@example.com"


async def test_a_token_crafted_with_our_key_and_all_claims_is_accepted(env: Env) -> None:
    # The control for every negative case below: our crafting alone does not cause the 401s.
    assert (await me(env.client, sign(fresh_claims(env)))).status_code == 200


async def test_alg_none_is_rejected(env: Env) -> None:
    token = f"{b64url({'alg': 'none', 'typ': 'JWT'})}.{b64url(fresh_claims(env))}."
    await assert_rejected(env, bearer(token))


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_hs512_with_our_key_is_rejected(env: Env) -> None:
    await assert_rejected(env, bearer(sign(fresh_claims(env), algorithm="HS512")))


async def test_expiry_boundary_uses_the_injected_clock(env: Env) -> None:
    token = env.tokens["access_token"]
    env.clock.advance(LIFETIME - 1)
    assert (await me(env.client, token)).status_code == 200
    env.clock.advance(1 + LEEWAY + 1)  # exp + leeway + 1 s
    await assert_rejected(env, bearer(token))


async def test_nbf_in_the_future_is_rejected(env: Env) -> None:
    now = int(env.clock.now().timestamp())
    await assert_rejected(env, bearer(sign(fresh_claims(env, nbf=now + 60))))


@pytest.mark.parametrize(
    "claim", [{"aud": "another-api"}, {"iss": "someone-else"}, {"typ": "refresh"}]
)
async def test_wrong_audience_issuer_or_type_is_rejected(env: Env, claim: dict[str, str]) -> None:
    await assert_rejected(env, bearer(sign(fresh_claims(env, **claim))))


@pytest.mark.parametrize("missing", ["sub", "sid", "typ", "iat", "nbf", "exp", "iss", "aud", "jti"])
async def test_each_required_claim_missing_is_rejected(env: Env, missing: str) -> None:
    claims = fresh_claims(env)
    del claims[missing]
    await assert_rejected(env, bearer(sign(claims)))


async def test_edited_payload_is_rejected(env: Env) -> None:
    header, _, signature = env.tokens["access_token"].split(".")
    forged = fresh_claims(env, sub="00000000-0000-0000-0000-000000000000")
    await assert_rejected(env, bearer(f"{header}.{b64url(forged)}.{signature}"))


async def test_token_signed_with_another_key_is_rejected(env: Env) -> None:
    await assert_rejected(env, bearer(sign(fresh_claims(env), OTHER_KEY)))


async def test_refresh_and_reset_tokens_are_not_bearer_tokens(env: Env) -> None:
    await assert_rejected(env, bearer(env.tokens["refresh_token"]))
    await env.client.post(f"{AUTH}/forgot-password", json={"email": "ada@example.com"})
    (mail,) = read_mails(env.outbox)
    await assert_rejected(env, bearer(reset_token_in(mail)))


@pytest.mark.parametrize(
    "headers",
    [
        {"jku": "https://evil.example/jwks.json", "kid": "evil"},
        {"x5u": "https://evil.example/cert.pem"},
        {"jwk": {"kty": "oct", "k": base64.urlsafe_b64encode(OTHER_KEY.encode()).decode()}},
    ],
)
async def test_key_hint_headers_are_ignored(env: Env, headers: dict[str, Any]) -> None:
    await assert_rejected(env, bearer(sign(fresh_claims(env), OTHER_KEY, headers=headers)))
    # Signed with our configured key, the same hints change nothing.
    assert (await me(env.client, sign(fresh_claims(env), headers=headers))).status_code == 200


async def test_malformed_authorization_headers_get_one_identical_401(env: Env) -> None:
    token = env.tokens["access_token"]
    cases: list[dict[str, str] | list[tuple[str, str]]] = [
        {},
        {"Authorization": "Basic x"},
        {"Authorization": f"Basic {token}"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {token}, Bearer {token}"},
        {"Authorization": f"Bearer {token} {token}"},
        [("Authorization", f"Bearer {token}"), ("Authorization", f"Bearer {token}")],
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": f"Bearer {sign(fresh_claims(env), OTHER_KEY)}"},
    ]
    bodies = {await assert_rejected(env, headers) for headers in cases}
    assert len(bodies) == 1, bodies
    assert (await me(env.client, token)).status_code == 200


async def test_access_token_dies_with_logout(client: Client) -> None:
    tokens = await register(client)
    other = await logged_in(client)
    logout = await client.post(f"{AUTH}/logout", headers=bearer(tokens["access_token"]))
    assert logout.status_code == 200
    response = await me(client, tokens["access_token"])
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert (await me(client, other["access_token"])).status_code == 200


async def test_password_change_in_one_session_ends_the_others(client: Client) -> None:
    first = await register(client)
    second = await logged_in(client)
    changed = await client.post(
        f"{AUTH}/change-password",
        headers=bearer(second["access_token"]),
        json={"current_password": PASSWORD, "new_password": "entirely different words 77"},
    )
    assert changed.status_code == 200, changed.text
    assert (await me(client, first["access_token"])).status_code == 401
    assert (await me(client, second["access_token"])).status_code == 200


@pytest.mark.parametrize("secret", ["x" * 31, "é" * 15 + "x", "short"])
def test_a_short_secret_is_refused_by_settings(tmp_path: Path, secret: str) -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        make_settings(tmp_path, "sqlite+aiosqlite:///unused.db", secret_key=secret)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Settings.from_env({"RESUMECORE_SECRET_KEY": secret, "RESUMECORE_DATA_DIR": str(tmp_path)})


def test_a_32_byte_secret_is_enough(tmp_path: Path) -> None:
    assert make_settings(tmp_path, "sqlite+aiosqlite:///unused.db", secret_key="é" * 16)
    assert PyJwtAccessTokenCodec("y" * 32, FakeClock()).lifetime_seconds == LIFETIME


def test_an_app_wired_with_a_short_secret_fails_to_start(tmp_path: Path, sqlite_url: str) -> None:
    unchecked = msgspec.structs.replace(
        make_settings(tmp_path, sqlite_url), secret_key="only-31-bytes-long-secret-key!!"
    )
    assert len(unchecked.secret_key.encode()) == 31
    with pytest.raises(ValueError, match="at least 32 bytes"):
        build_application(unchecked)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        PyJwtAccessTokenCodec("é" * 15 + "x", FakeClock())
