"""The mobile app refreshes in parallel with one refresh token (no queue, no lock): within the
reuse grace window every twin gets the same successor; past it, reuse still revokes the family.
Real HTTP to a uvicorn server on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.http.app import create_app
from tests.integration.http_helpers import assert_problem, me, refresh, register
from tests.support.clock import FakeClock
from tests.support.server import serving

GRACE = 30
PARALLEL = 20


@pytest.fixture
async def http(application: Application) -> AsyncIterator[httpx.AsyncClient]:
    """A client talking HTTP to the real app served by uvicorn."""
    with serving(create_app(application)) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            yield client


async def test_medium_4_parallel_refreshes_share_one_successor(http: httpx.AsyncClient) -> None:
    tokens = await register(http)

    responses = await asyncio.gather(
        *(refresh(http, tokens["refresh_token"]) for _ in range(PARALLEL))
    )

    assert [r.status_code for r in responses] == [200] * PARALLEL, [r.text for r in responses]
    successors = {r.json()["refresh_token"] for r in responses}
    assert len(successors) == 1
    (successor,) = successors
    assert successor != tokens["refresh_token"]
    for response in responses:
        assert (await me(http, response.json()["access_token"])).status_code == 200
    rotated = await refresh(http, successor)
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["refresh_token"] not in {successor, tokens["refresh_token"]}


async def test_reuse_after_the_grace_window_revokes_the_family(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    tokens = await register(http)
    child = (await refresh(http, tokens["refresh_token"])).json()
    clock.advance(GRACE + 1)

    assert_problem(await refresh(http, tokens["refresh_token"]), 401)

    assert_problem(await refresh(http, child["refresh_token"]), 401)
    assert_problem(await me(http, child["access_token"]), 401)


async def test_reuse_at_the_end_of_the_window_still_gets_the_successor(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    tokens = await register(http)
    child = (await refresh(http, tokens["refresh_token"])).json()
    clock.advance(GRACE)

    twin = await refresh(http, tokens["refresh_token"])

    assert twin.status_code == 200, twin.text
    assert twin.json()["refresh_token"] == child["refresh_token"]


async def test_the_successor_of_the_grace_path_is_rotated_normally_later(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    tokens = await register(http)
    first, twin = await asyncio.gather(
        refresh(http, tokens["refresh_token"]), refresh(http, tokens["refresh_token"])
    )
    assert first.status_code == twin.status_code == 200
    successor = twin.json()["refresh_token"]
    clock.advance(10 * 60)

    rotated = await refresh(http, successor)
    assert rotated.status_code == 200, rotated.text
    next_token = rotated.json()["refresh_token"]
    assert next_token != successor
    clock.advance(GRACE + 1)

    # Rotated like any token: spent for good once the window has passed.
    assert_problem(await refresh(http, successor), 401)
    assert_problem(await refresh(http, next_token), 401)


async def test_a_late_twin_gets_the_live_token_not_a_rotated_one(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    # Three 401s on resume: the first refresh's answer is saved, a later 401 refreshes with
    # that saved token, and a twin of the first (sent with the old token) is answered last, so
    # the app stores the twin's answer over the newer one.
    tokens = await register(http)
    first = (await refresh(http, tokens["refresh_token"])).json()
    later = (await refresh(http, first["refresh_token"])).json()
    clock.advance(5)

    twin = await refresh(http, tokens["refresh_token"])

    assert twin.status_code == 200, twin.text
    assert twin.json()["refresh_token"] == later["refresh_token"]
    clock.advance(15 * 60)  # the access token of the stored answer expires
    next_refresh = await refresh(http, twin.json()["refresh_token"])
    assert next_refresh.status_code == 200, next_refresh.text
    assert (await me(http, next_refresh.json()["access_token"])).status_code == 200
