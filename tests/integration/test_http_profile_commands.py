"""Typed commands over HTTP: what a mistake in a bulk operation is called, and what replays store.

The wire shape of ``POST /profiles/{id}/operations`` is unchanged; each operation is read into
its command, so a typo in a kind or a field is named, and an accepted change is recorded for
idempotent replays as ids and a version only.
"""

from __future__ import annotations

import msgspec
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from resumecore.services.profiles.edit import ChangeRecord
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import idempotency_keys
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.test_http_profiles_flow import PROFILES, bearer, create
from tests.support.profiles import experience

Client = AsyncTestClient  # type: ignore[type-arg]


async def test_a_typo_in_a_kind_is_a_400_naming_the_kind(client: Client) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    body = {"operations": [{"op": "add", "kind": "skil", "data": {"name": "Zig"}}]}

    response = await client.post(
        f"{PROFILES}/{profile['id']}/operations", json=body, headers=headers
    )

    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["errors"][0]["field"] == "operations[0].kind"
    assert "skil" in problem["detail"]
    assert "id" not in problem["detail"].split("'")[0]


async def test_a_typo_in_a_field_is_a_422_naming_the_field_and_the_index(client: Client) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    good = {"op": "add", "kind": "experience", "data": experience(1)}
    typo = {"op": "add", "kind": "experience", "data": {**experience(2), "tittle": "X"}}

    response = await client.post(
        f"{PROFILES}/{profile['id']}/operations",
        json={"operations": [good, typo]},
        headers=headers,
    )

    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["index"], error["code"]) == (1, "invalid_data")
    assert "tittle" in error["message"]


async def test_an_update_changes_only_the_given_fields(client: Client) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    first = profile["experiences"][0]
    body = {
        "operations": [
            {"op": "update", "kind": "experience", "id": first["id"], "data": {"title": "CTO"}}
        ]
    }

    response = await client.post(
        f"{PROFILES}/{profile['id']}/operations", json=body, headers=headers
    )

    assert response.status_code == 200, response.text
    updated = response.json()["experiences"][0]
    assert updated == {**first, "title": "CTO"}


async def test_the_idempotency_record_holds_ids_and_a_version_not_profiles(
    client: Client, application: Application
) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    keyed = {**headers, "Idempotency-Key": "add-two"}
    url = f"{PROFILES}/{profile['id']}/experiences"

    first = await client.post(url, json=[experience(80), experience(81)], headers=keyed)
    again = await client.post(url, json=[experience(80), experience(81)], headers=keyed)

    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    # Read with an engine of our own: the app's runs on the test client's event loop.
    engine = make_engine(application.settings.database_url)
    try:
        async with engine.connect() as connection:
            query = select(idempotency_keys.c.result).where(idempotency_keys.c.key == "add-two")
            result = (await connection.execute(query)).scalar_one()
    finally:
        await engine.dispose()
    stored = msgspec.json.decode(result, type=ChangeRecord)
    assert stored.created_ids == tuple(item["id"] for item in first.json())
    assert stored.version == int(first.headers["etag"].strip('"'))
    assert set(msgspec.json.decode(result)) <= {
        "profile_id",
        "version",
        "created_ids",
        "removed_ids",
    }
