"""Security checklist 4.4: refresh-token rotation, reuse detection, lifetime, and logout, on
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import msgspec
from httpx import Response

from resumecore_server.entrypoints.bootstrap import Application, build_application
from tests.integration.http_helpers import (
    AUTH,
    Client,
    assert_problem,
    bearer,
    every_stored_value,
    logged_in,
    me,
    refresh,
    register,
    same_loop_client,
    units_of_work,
)
from tests.support.clock import FakeClock

DAY = 24 * 3600


async def logout(client: Client, access_token: str, body: dict[str, Any] | None = None) -> Response:
    return await client.post(f"{AUTH}/logout", headers=bearer(access_token), json=body)


def assert_refused(response: Response) -> None:
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_refresh_rotates_the_pair(client: Client) -> None:
    tokens = await register(client)
    response = await refresh(client, tokens["refresh_token"])
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["refresh_token"] != tokens["refresh_token"]
    assert rotated["access_token"] != tokens["access_token"]
    assert rotated["token_type"] == "Bearer"
    assert rotated["expires_in"] == 900
    assert rotated["user"]["id"] == tokens["user"]["id"]
    assert (await me(client, rotated["access_token"])).status_code == 200
    assert (await refresh(client, rotated["refresh_token"])).status_code == 200


async def test_reusing_a_spent_token_revokes_the_whole_family(
    client: Client, clock: FakeClock
) -> None:
    tokens = await register(client)
    other_session = await logged_in(client)
    child = (await refresh(client, tokens["refresh_token"])).json()
    clock.advance(31)  # past the reuse grace window
    assert_refused(await refresh(client, tokens["refresh_token"]))
    assert_refused(await refresh(client, child["refresh_token"]))
    assert_refused(await me(client, child["access_token"]))
    # Only that family: the user's other session is untouched.
    assert (await refresh(client, other_session["refresh_token"])).status_code == 200


async def test_without_grace_concurrent_refreshes_with_one_token_let_exactly_one_through(
    application: Application,
) -> None:
    strict = build_application(
        msgspec.structs.replace(application.settings, refresh_reuse_grace_seconds=0)
    )
    async with same_loop_client(strict) as client:
        for _ in range(3):
            tokens = await register(client, f"racer-{uuid.uuid4().hex[:8]}@example.com")
            responses = await asyncio.gather(
                *(refresh(client, tokens["refresh_token"]) for _ in range(4))
            )
            statuses = sorted(r.status_code for r in responses)
            assert statuses == [200, 401, 401, 401], [r.text for r in responses]
    await strict.aclose()


async def test_concurrent_refreshes_on_many_sessions_all_succeed(
    application: Application,
) -> None:
    async with same_loop_client(application) as client:
        await register(client)
        sessions = [await logged_in(client) for _ in range(4)]
        responses = await asyncio.gather(*(refresh(client, s["refresh_token"]) for s in sessions))
        assert [r.status_code for r in responses] == [200] * 4, [r.text for r in responses]


async def test_a_family_dies_after_30_days_even_when_rotated(
    client: Client, clock: FakeClock
) -> None:
    tokens = await register(client)
    for _ in range(29):
        clock.advance(DAY)
        response = await refresh(client, tokens["refresh_token"])
        assert response.status_code == 200, response.text
        tokens = response.json()
    clock.advance(DAY + 1)
    assert_refused(await refresh(client, tokens["refresh_token"]))


async def test_unknown_or_access_tokens_are_not_refresh_tokens(client: Client) -> None:
    tokens = await register(client)
    assert_refused(await refresh(client, tokens["access_token"]))
    assert_refused(await refresh(client, "definitely-not-a-token"))
    assert_refused(await refresh(client, tokens["refresh_token"] + "x"))
    # None of those spent or revoked the real one.
    assert (await refresh(client, tokens["refresh_token"])).status_code == 200


async def test_the_database_never_holds_raw_tokens(client: Client, database_url: str) -> None:
    tokens = await register(client)
    rotated = (await refresh(client, tokens["refresh_token"])).json()
    stored = await every_stored_value(database_url)
    assert tokens["user"]["id"] in stored  # the dump does see the rows
    for secret in (tokens["refresh_token"], rotated["refresh_token"], rotated["access_token"]):
        assert secret not in stored


async def test_refresh_of_a_deactivated_user_is_refused(
    client: Client, application: Application
) -> None:
    tokens = await register(client)
    async with units_of_work(application) as uow_factory, uow_factory() as uow:
        user = await uow.users.get_by_email("ada@example.com")
        assert user is not None
        await uow.users.update(msgspec.structs.replace(user, is_active=False))
        await uow.commit()
    assert_refused(await refresh(client, tokens["refresh_token"]))
    assert_refused(await me(client, tokens["access_token"]))


async def test_logout_ends_the_session_and_is_idempotent(client: Client) -> None:
    tokens = await register(client)
    other_session = await logged_in(client)
    response = await logout(client, tokens["access_token"])
    assert response.status_code == 200
    assert response.json() == {"message": "Successfully logged out"}
    assert_refused(await refresh(client, tokens["refresh_token"]))
    assert_refused(await me(client, tokens["access_token"]))
    again = await logout(client, tokens["access_token"])
    assert again.status_code == 200
    assert again.json() == {"message": "Successfully logged out"}
    assert (await me(client, other_session["access_token"])).status_code == 200


async def test_logout_without_a_valid_bearer_is_401(client: Client) -> None:
    tokens = await register(client)
    assert_refused(await client.post(f"{AUTH}/logout"))
    assert_refused(await logout(client, tokens["refresh_token"]))
    assert (await refresh(client, tokens["refresh_token"])).status_code == 200


async def test_logout_with_a_refresh_token_revokes_that_session_too(client: Client) -> None:
    tokens = await register(client)
    second = await logged_in(client)
    stranger = await register(client, "eve@example.com")
    response = await logout(
        client, tokens["access_token"], {"refresh_token": second["refresh_token"]}
    )
    assert response.status_code == 200
    assert_refused(await refresh(client, second["refresh_token"]))
    assert_refused(await me(client, second["access_token"]))
    # Somebody else's refresh token in the body is ignored, not revoked.
    third = await logged_in(client)
    assert (
        await logout(client, third["access_token"], {"refresh_token": stranger["refresh_token"]})
    ).status_code == 200
    assert (await refresh(client, stranger["refresh_token"])).status_code == 200
