"""Security checklist 4.3: login gives nothing away about which e-mails exist, and is throttled
per account (temporary lockout) and per client IP (password spraying)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import Response

from resumecore.ports.security import PasswordHasher
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import (
    AUTH,
    EMAIL,
    PASSWORD,
    Client,
    app_client,
    assert_problem,
    login,
    read_mails,
    register,
    user_count,
)
from tests.support.clock import FakeClock
from tests.support.hasher import CountingHasher

WINDOW = 15 * 60
UNKNOWN = "nobody@example.com"
SPRAYED = "spray password 1"


def comparable_headers(response: Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in {"date", "x-request-id"}}


async def fail_logins(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        assert_problem(await login(client, email, "not the password at all"), 401)


def assert_throttled(response: Response) -> int:
    """429 with a sane ``Retry-After``; returns it."""
    assert_problem(response, 429)
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= WINDOW
    return retry_after


async def test_wrong_password_and_unknown_email_look_and_cost_the_same(
    tmp_path: Path, sqlite_url: str
) -> None:
    hasher = CountingHasher()
    async with app_client(tmp_path, sqlite_url, overrides={PasswordHasher: hasher}) as (client, _):
        await register(client)
        hasher.verify_calls = 0
        wrong = await login(client, EMAIL, "not the password at all")
        assert hasher.verify_calls == 1
        unknown = await login(client, UNKNOWN, "not the password at all")
        assert hasher.verify_calls == 2
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.content == unknown.content
    assert comparable_headers(wrong) == comparable_headers(unknown)
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert wrong.json()["detail"] == "Invalid credentials"


async def test_forgot_password_answers_the_same_but_mails_only_real_accounts(
    client: Client, outbox: Path
) -> None:
    await register(client)
    unknown = await client.post(f"{AUTH}/forgot-password", json={"email": UNKNOWN})
    assert read_mails(outbox) == []
    known = await client.post(f"{AUTH}/forgot-password", json={"email": EMAIL})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert comparable_headers(known) == comparable_headers(unknown)
    (mail,) = read_mails(outbox)
    assert mail["To"] == EMAIL


async def test_duplicate_registration_is_409_case_insensitively(
    client: Client, application: Application
) -> None:
    await register(client)
    for variant in ("ada@example.com", "  ADA@Example.COM "):
        response = await client.post(
            f"{AUTH}/register",
            json={"email": variant, "password": "another fine passphrase", "full_name": "Eve"},
        )
        body = assert_problem(response, 409)
        assert body["type"].endswith("email_taken")
    assert await user_count(application) == 1
    assert (await login(client)).status_code == 200


@pytest.mark.parametrize("email", [EMAIL, UNKNOWN])
async def test_five_failures_lock_the_account_even_for_the_right_password(
    client: Client, clock: FakeClock, email: str
) -> None:
    await register(client)
    await fail_logins(client, email, 5)
    locked = await login(client, email, PASSWORD)
    assert assert_throttled(locked) == WINDOW
    assert locked.json()["type"].endswith("rate_limited")
    clock.advance(WINDOW - 300)
    assert assert_throttled(await login(client, email, PASSWORD)) == 300
    # Another account is not affected by this one's lockout.
    other, expected = (UNKNOWN, 401) if email == EMAIL else (EMAIL, 200)
    assert (await login(client, other, PASSWORD)).status_code == expected


async def test_lockout_bodies_do_not_reveal_whether_the_account_exists(client: Client) -> None:
    await register(client)
    await fail_logins(client, EMAIL, 5)
    await fail_logins(client, UNKNOWN, 5)
    real = await login(client, EMAIL, PASSWORD)
    ghost = await login(client, UNKNOWN, PASSWORD)
    assert real.status_code == ghost.status_code == 429
    assert real.content == ghost.content
    assert comparable_headers(real) == comparable_headers(ghost)


async def test_the_lockout_ends_with_the_window(client: Client, clock: FakeClock) -> None:
    await register(client)
    await fail_logins(client, EMAIL, 5)
    clock.advance(WINDOW - 1)
    assert_throttled(await login(client))
    clock.advance(2)
    assert (await login(client)).status_code == 200


async def test_a_success_resets_the_failure_counter(client: Client) -> None:
    await register(client)
    await fail_logins(client, EMAIL, 4)
    assert (await login(client)).status_code == 200
    await fail_logins(client, EMAIL, 4)
    assert (await login(client)).status_code == 200
    await fail_logins(client, EMAIL, 5)
    assert_throttled(await login(client))


@pytest.fixture
async def strict(tmp_path: Path, sqlite_url: str) -> AsyncIterator[tuple[Client, FakeClock]]:
    """An app allowing 10 requests per minute and IP in each quota bucket."""
    clock = FakeClock()
    async with app_client(tmp_path, sqlite_url, clock=clock, ip_requests_per_minute=10) as (
        client,
        _,
    ):
        yield client, clock


def spray(n: int) -> list[tuple[str, dict[str, str]]]:
    """``n`` requests cycling over the auth routes, each with a different e-mail."""
    requests = []
    for i in range(n):
        email = f"u{i}@example.com"
        bodies = {
            "login": {"email": email, "password": SPRAYED},
            "register": {"email": email, "password": SPRAYED, "full_name": "U"},
            "forgot-password": {"email": email},
            "reset-password": {"token": f"guess-{i}", "new_password": SPRAYED},
        }
        route = list(bodies)[i % len(bodies)]
        requests.append((route, bodies[route]))
    return requests


async def test_per_ip_quota_stops_spraying_across_emails(
    strict: tuple[Client, FakeClock],
) -> None:
    client, clock = strict
    for route, body in spray(10):
        response = await client.post(f"{AUTH}/{route}", json=body)
        assert response.status_code != 429, (route, response.text)
    for route, body in spray(14)[10:]:
        response = await client.post(f"{AUTH}/{route}", json=body)
        assert_throttled(response)
        assert response.json()["type"].endswith("rate_limited")
    # X-Forwarded-For is not trusted by default, so a forged one does not escape the quota.
    spoofed = await client.post(
        f"{AUTH}/login",
        json={"email": "x@example.com", "password": SPRAYED},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert spoofed.status_code == 429
    clock.advance(61)
    assert (await login(client, "u99@example.com", SPRAYED)).status_code == 401


async def test_check_email_has_its_own_per_ip_quota(strict: tuple[Client, FakeClock]) -> None:
    client, _ = strict
    for i in range(10):
        response = await client.get(f"{AUTH}/check-email", params={"email": f"c{i}@example.com"})
        assert response.status_code == 200
        assert response.json() == {"available": True}
    assert_throttled(await client.get(f"{AUTH}/check-email", params={"email": "z@example.com"}))
    # The auth bucket is separate: logging in still works from this address.
    assert (await login(client, "c1@example.com", SPRAYED)).status_code == 401
