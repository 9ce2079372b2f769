"""Safe retries of ``POST /profiles`` with an Idempotency-Key, over HTTP on SQLite and PostgreSQL.

Same key and body: the first response is replayed without a second effect. Same key with another
body: 422. Keys are scoped per user, a refused request stores nothing (so the fixed retry with
the same key succeeds), keys are capped at 255 characters, records are replayed for 24 h and not
after, and two concurrent twins never create two profiles (nor disturb other users' records).
The racing client and helpers come from ``test_http_profile_safety_retries`` and
``test_http_profile_safety``.
"""

from __future__ import annotations

import asyncio

from httpx import AsyncClient

from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.test_http_profile_safety import (
    PROFILES,
    assert_problem,
    database_state,
    login,
    profile_body,
    register,
)
from tests.integration.test_http_profile_safety_retries import racing_client
from tests.support.clock import FakeClock
from tests.support.profiles import experience


async def total(client: AsyncClient, headers: dict[str, str]) -> int:
    response = await client.get(PROFILES, headers=headers)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


async def test_three_identical_posts_with_one_key_create_one_profile(
    client: AsyncClient, application: Application
) -> None:
    headers = {**await register(client), "Idempotency-Key": "3f8e6a52-create-once"}
    body = profile_body()

    responses = [await client.post(PROFILES, json=body, headers=headers) for _ in range(3)]

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert responses[0].content == responses[1].content == responses[2].content
    assert {r.headers["etag"] for r in responses} == {'"1"'}
    assert await total(client, headers) == 1
    state = await database_state(application.settings.database_url)
    assert state["profiles"][0] == state["idempotency_keys"][0] == 1


async def test_the_same_key_with_another_body_is_422_and_creates_nothing(
    client: AsyncClient, application: Application
) -> None:
    headers = {**await register(client), "Idempotency-Key": "reused"}
    first = await client.post(PROFILES, json=profile_body(), headers=headers)
    assert first.status_code == 201, first.text
    before = await database_state(application.settings.database_url)

    other = await client.post(PROFILES, json=profile_body("Grace Hopper"), headers=headers)

    assert assert_problem(other, 422)["type"].endswith("idempotency_key_reused")
    assert await database_state(application.settings.database_url) == before


async def test_keys_are_scoped_per_user(client: AsyncClient) -> None:
    ada = {**await register(client, "ada@example.com"), "Idempotency-Key": "shared"}
    grace = {**await register(client, "grace@example.com"), "Idempotency-Key": "shared"}

    adas = await client.post(PROFILES, json=profile_body(), headers=ada)
    graces = await client.post(PROFILES, json=profile_body(), headers=grace)

    assert (adas.status_code, graces.status_code) == (201, 201)
    assert graces.json()["id"] != adas.json()["id"]
    assert graces.json()["user_id"] != adas.json()["user_id"]
    assert await total(client, ada) == await total(client, grace) == 1


async def test_a_refused_first_request_stores_nothing_so_the_fixed_retry_succeeds(
    client: AsyncClient, application: Application
) -> None:
    headers = {**await register(client), "Idempotency-Key": "fix-and-retry"}
    before = await database_state(application.settings.database_url)
    invalid = profile_body() | {"experiences": [{**experience(1), "start_date": "2020-13"}]}
    malformed = profile_body() | {"unknown": True}

    assert_problem(await client.post(PROFILES, json=invalid, headers=headers), 422)
    assert_problem(await client.post(PROFILES, json=malformed, headers=headers), 400)
    assert await database_state(application.settings.database_url) == before

    fixed = await client.post(PROFILES, json=profile_body(), headers=headers)
    again = await client.post(PROFILES, json=profile_body(), headers=headers)
    assert (fixed.status_code, again.status_code) == (201, 201), fixed.text
    assert again.content == fixed.content
    assert await total(client, headers) == 1


async def test_a_key_over_255_characters_is_422_and_writes_nothing(
    client: AsyncClient, application: Application
) -> None:
    # The contract caps keys at 255 characters without naming the status; the app answers 422
    # (a well-formed request breaking a rule), with the header named in ``errors``.
    headers = await register(client)
    before = await database_state(application.settings.database_url)

    for key in ("k" * 256, " "):
        refused = await client.post(
            PROFILES, json=profile_body(), headers={**headers, "Idempotency-Key": key}
        )
        assert assert_problem(refused, 422)["errors"][0]["field"] == "Idempotency-Key"
    assert await database_state(application.settings.database_url) == before

    longest = {**headers, "Idempotency-Key": "k" * 255}
    created = await client.post(PROFILES, json=profile_body(), headers=longest)
    replayed = await client.post(PROFILES, json=profile_body(), headers=longest)
    assert (created.status_code, replayed.content) == (201, created.content)


async def test_a_record_is_replayed_for_24_hours_and_not_after(
    client: AsyncClient, clock: FakeClock
) -> None:
    await register(client)
    key = {"Idempotency-Key": "daily"}
    first = await client.post(PROFILES, json=profile_body(), headers=await login(client) | key)
    assert first.status_code == 201, first.text

    clock.advance(24 * 3600)  # access tokens live 15 minutes: log in again after each jump
    headers = await login(client) | key
    at_24h = await client.post(PROFILES, json=profile_body(), headers=headers)
    clock.advance(1)
    after = await client.post(PROFILES, json=profile_body(), headers=headers)

    assert (at_24h.status_code, at_24h.content) == (201, first.content)
    assert after.status_code == 201, after.text
    assert after.json()["id"] != first.json()["id"]
    assert await total(client, headers) == 2


async def test_concurrent_twins_with_one_key_never_create_two_profiles(
    application: Application,
) -> None:
    async with racing_client(application, "idempotency") as (client, meet):
        bystander = {**await register(client, "grace@example.com"), "Idempotency-Key": "g"}
        kept = await client.post(PROFILES, json=profile_body("Grace"), headers=bystander)
        headers = {**await register(client), "Idempotency-Key": "twins"}
        meet.armed = True
        responses = await asyncio.gather(
            *(client.post(PROFILES, json=profile_body(), headers=headers) for _ in range(2))
        )
        count = await total(client, headers)
        replay = await client.post(PROFILES, json=profile_body(), headers=headers)
        bystander_retry = await client.post(PROFILES, json=profile_body("Grace"), headers=bystander)
        bystander_count = await total(client, bystander)

    assert meet.arrived == 2  # both looked the key up before either stored it
    statuses = sorted(r.status_code for r in responses)
    assert count == 1, (
        f"statuses {statuses}; another user's key still replays: "
        f"{bystander_retry.content == kept.content}; their profiles: {bystander_count}"
    )
    assert statuses in ([201, 201], [201, 409]), [r.text for r in responses]
    created = [r for r in responses if r.status_code == 201]
    assert all(r.content == created[0].content for r in created)
    assert (replay.status_code, replay.content) == (201, created[0].content)
    # Another user's stored key is untouched by the race: it still replays.
    assert (bystander_retry.status_code, bystander_retry.content) == (201, kept.content)
    assert bystander_count == 1
