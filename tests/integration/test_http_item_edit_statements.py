"""The statement budget of a PUT of one item over HTTP, in a profile of 10 and of 1,000 items.

On SQLite and PostgreSQL the same statements run at both sizes: the bearer's session, one
query for the slice of the profile (owner, version, the kind's count, the item), the
conditional version bump and the item's row. No statement reads the profile's other rows.
"""

from __future__ import annotations

from typing import Any

from bench.seed import sized_profile
from httpx import AsyncClient

from tests.integration.test_http_profile_reads import statements
from tests.integration.test_http_profile_safety import PROFILES, create_profile, register


async def put_one_statements(client: AsyncClient, body: dict[str, Any]) -> list[str]:
    owner = await register(client, f"owner-{len(body['experiences'])}@example.com")
    profile = await create_profile(client, owner, body)
    item = {**profile["experiences"][0], "title": "Changed"}
    url = f"{PROFILES}/{profile['id']}/experiences"
    with statements() as seen:
        response = await client.put(url, json=[item], headers=owner)
    assert response.status_code == 200, response.text
    assert response.json()[0]["title"] == "Changed"
    return seen


async def test_a_put_of_one_item_runs_the_same_statements_at_10_and_1000_items(
    client: AsyncClient,
) -> None:
    small = await put_one_statements(client, sized_profile(10))
    large = await put_one_statements(client, sized_profile(1000))
    assert large == small
    kinds = [statement.split()[0] for statement in large]
    assert kinds == ["SELECT", "SELECT", "UPDATE", "UPDATE"], large
    session, part, bump, row = large
    assert "auth_sessions" in session
    assert "profile_components" in part
    assert "profile_components.id IN" in part  # only the named item's row
    assert bump.startswith("UPDATE profiles")
    assert row.startswith("UPDATE profile_components")
