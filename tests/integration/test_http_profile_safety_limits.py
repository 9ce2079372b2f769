"""Resource limits and property-level safety of the profile routes (OWASP API3, API4).

On SQLite and PostgreSQL: a body over 1 MiB is 413, a bulk array of 101 items is 400 (the
contract's "bulk arrays <=100 items" as a schema cap), server-owned fields (id, user_id,
version, created_at, is_primary) in a body are 400, and text that JSON allows but PostgreSQL
cannot store (NUL) is refused or stored losslessly, never a 5xx. Each refusal leaves the
database content hash unchanged. Helpers come from ``test_http_profile_safety``.
"""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.test_http_profile_safety import (
    PROFILES,
    assert_problem,
    create_profile,
    database_state,
    profile_body,
    register,
)
from tests.support.profiles import experience


async def test_a_body_over_one_mebibyte_is_413_and_writes_nothing(
    client: AsyncClient, application: Application
) -> None:
    headers = await register(client)
    profile = await create_profile(client, headers)
    before = await database_state(application.settings.database_url)
    huge = profile_body() | {"professional_summary": "x" * (1024 * 1024)}

    created = await client.post(PROFILES, json=huge, headers=headers)
    replaced = await client.put(
        f"{PROFILES}/{profile['id']}",
        json={"custom_fields": {"blob": "y" * 2**20}},
        headers=headers,
    )

    assert_problem(created, 413)
    assert_problem(replaced, 413)
    assert await database_state(application.settings.database_url) == before


def _over_cap(profile: dict[str, Any], route: str) -> tuple[str, str, Any]:
    first = profile["experiences"][0]
    skills = [{"op": "add", "kind": "skill", "data": {"name": f"S{i}"}} for i in range(101)]
    return {
        "post-experiences": ("POST", "/experiences", [experience(i) for i in range(101)]),
        "put-experiences": ("PUT", "/experiences", [first] * 101),
        "delete-experiences": ("DELETE", "/experiences", {"experience_ids": [first["id"]] * 101}),
        "post-skills": ("POST", "/skills/technical", {"skills": [f"S{i}" for i in range(101)]}),
        "post-custom-fields": (
            "POST",
            "/custom-fields",
            {"fields": [{"key": f"k{i}", "value": i} for i in range(101)]},
        ),
        "operations": ("POST", "/operations", {"operations": skills}),
    }[route]


@pytest.mark.parametrize(
    "route",
    [
        "post-experiences",
        "put-experiences",
        "delete-experiences",
        "post-skills",
        "post-custom-fields",
        "operations",
    ],
)
async def test_a_bulk_array_of_101_items_is_400_and_writes_nothing(
    client: AsyncClient, application: Application, route: str
) -> None:
    # Contract, Conventions: "bulk arrays <=100 items"; the schema cap answers 400.
    headers = await register(client)
    profile = await create_profile(client, headers)
    method, path, body = _over_cap(profile, route)
    before = await database_state(application.settings.database_url)

    response = await client.request(
        method, f"{PROFILES}/{profile['id']}{path}", json=body, headers=headers
    )

    assert_problem(response, 400)
    assert await database_state(application.settings.database_url) == before


@pytest.mark.parametrize("method", ["POST", "PUT"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "00000000-0000-4000-8000-000000000000"),
        ("user_id", "00000000-0000-4000-8000-000000000001"),
        ("user_id", 7),
        ("version", 99),
        ("created_at", "2000-01-01T00:00:00Z"),
        ("is_primary", False),
        ("enhanced_professional_summary", "I cured everything."),
    ],
)
async def test_server_owned_fields_in_a_profile_body_are_ignored(
    client: AsyncClient, method: str, field: str, value: Any
) -> None:
    # Contract: the keys the app echoes are accepted and ignored, never applied.
    headers = await register(client)
    profile = await create_profile(client, headers)
    url = PROFILES if method == "POST" else f"{PROFILES}/{profile['id']}"
    if field == "is_primary":  # a second profile (POST) is not primary; the first (PUT) is
        value = method == "POST"
    body = (profile_body() if method == "POST" else {"professional_summary": "x"}) | {field: value}

    response = await client.request(method, url, json=body, headers=headers)

    assert response.status_code == (201 if method == "POST" else 200), response.text
    written = response.json()
    assert written[field] != value
    assert written["user_id"] == profile["user_id"]
    assert written["version"] == 1 if method == "POST" else profile["version"] + 1
    read = await client.get(f"{PROFILES}/{written['id']}", headers=headers)
    assert read.json()[field] == written[field]


@pytest.mark.parametrize("method", ["POST", "PUT"])
async def test_a_key_neither_ours_nor_the_apps_is_400_naming_it_and_writes_nothing(
    client: AsyncClient, application: Application, method: str
) -> None:
    headers = await register(client)
    profile = await create_profile(client, headers)
    before = await database_state(application.settings.database_url)
    url = PROFILES if method == "POST" else f"{PROFILES}/{profile['id']}"
    body = profile_body() | {"experiences": [{**profile_body()["experiences"][0], "salary": 1}]}

    response = await client.request(method, url, json=body, headers=headers)

    problem = assert_problem(response, 400)
    assert problem["detail"] == "'experiences[0].salary' is not a field this request accepts."
    assert await database_state(application.settings.database_url) == before


async def test_nul_in_text_is_refused_with_400_and_writes_nothing(
    client: AsyncClient, application: Application
) -> None:
    # JSON allows "\u0000"; PostgreSQL text cannot hold it. The same rule on both databases:
    # refused before decoding (400), never a 5xx, nothing written.
    headers = await register(client)
    before = await database_state(application.settings.database_url)
    body = profile_body() | {"professional_summary": "nul \u0000 bell \u0007 end"}

    response = await client.post(PROFILES, json=body, headers=headers)

    assert_problem(response, 400)
    assert await database_state(application.settings.database_url) == before
