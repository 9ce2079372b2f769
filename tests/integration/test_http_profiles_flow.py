"""The profile routes end to end, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from tests.support.profiles import experience, full_profile

AUTH = "/api/v1/auth"
PROFILES = "/api/v1/profiles"


async def bearer(client: AsyncTestClient, email: str = "ada@example.com") -> dict[str, str]:  # type: ignore[type-arg]
    response = await client.post(
        f"{AUTH}/register",
        json={"email": email, "password": "correct horse battery", "full_name": "Ada"},
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def create(
    client: AsyncTestClient, headers: dict[str, str], body: dict[str, Any] | None = None
) -> dict:  # type: ignore[type-arg]
    response = await client.post(PROFILES, json=body or full_profile(), headers=headers)
    assert response.status_code == 201, response.text
    assert response.headers["etag"] == '"1"'
    return dict(response.json())


async def test_create_read_update_delete_a_full_profile(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    created = await create(client, headers)
    assert created["is_primary"] is True
    assert [e["title"] for e in created["experiences"]] == [
        f"Software Engineer {i}" for i in range(5)
    ]
    assert created["skills"]["technical"][:3] == ["Python", "PostgreSQL", "Kubernetes"]
    assert (
        len({e["id"] for e in created["experiences"] + created["education"] + created["projects"]})
        == 12
    )

    read = await client.get(f"{PROFILES}/{created['id']}", headers=headers)
    assert read.json() == created
    cached = await client.get(
        f"{PROFILES}/{created['id']}", headers={**headers, "If-None-Match": '"1"'}
    )
    assert cached.status_code == 304
    assert (await client.get(f"{PROFILES}/me", headers=headers)).json()["id"] == created["id"]

    updated = await client.put(
        f"{PROFILES}/{created['id']}",
        json={"professional_summary": "New summary", "custom_fields": {"a": 1}},
        headers={**headers, "If-Match": '"1"'},
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == 2
    assert updated.json()["experiences"] == created["experiences"]
    stale = await client.put(
        f"{PROFILES}/{created['id']}",
        json={"professional_summary": "x"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert stale.status_code == 412
    assert stale.headers["etag"] == '"2"'

    assert (await client.delete(f"{PROFILES}/{created['id']}", headers=headers)).status_code == 204
    assert (await client.get(f"{PROFILES}/{created['id']}", headers=headers)).status_code == 404
    assert (await client.delete(f"{PROFILES}/{created['id']}", headers=headers)).status_code == 404


async def test_item_routes_skills_and_custom_fields(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    profile = await create(client, headers)
    base = f"{PROFILES}/{profile['id']}"

    added = await client.post(
        f"{base}/experiences", json=[experience(i) for i in range(10, 60)], headers=headers
    )
    assert added.status_code == 201, added.text
    assert len(added.json()) == 50
    page = (await client.get(f"{base}/experiences?limit=10&offset=50", headers=headers)).json()
    assert page["pagination"] == {"total": 55, "limit": 10, "offset": 50}
    assert [e["title"] for e in page["experiences"]] == [
        f"Software Engineer {i}" for i in range(55, 60)
    ]

    first = added.json()[0]
    patched = await client.patch(
        f"{base}/experiences/{first['id']}", json={"title": "Staff Engineer"}, headers=headers
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["title"] == "Staff Engineer"
    unknown = await client.patch(
        f"{base}/experiences/{first['id']}", json={"salary": 1}, headers=headers
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "salary"
    assert (await client.get(f"{base}/experiences/{first['id']}", headers=headers)).json()[
        "title"
    ] == "Staff Engineer"
    assert (
        await client.delete(f"{base}/experiences/{first['id']}", headers=headers)
    ).status_code == 204
    assert (
        await client.get(f"{base}/experiences/{first['id']}", headers=headers)
    ).status_code == 404
    assert (
        await client.delete(f"{base}/experiences/{first['id']}", headers=headers)
    ).status_code == 404

    bad = [
        experience(1),
        {**experience(2), "start_date": "2020-13"},
        experience(3),
        {**experience(4), "title": ""},
    ]
    rejected = await client.post(f"{base}/experiences", json=bad, headers=headers)
    assert rejected.status_code == 422
    assert sorted({e["index"] for e in rejected.json()["errors"]}) == [1, 3]
    assert (await client.get(f"{base}/experiences", headers=headers)).json()["pagination"][
        "total"
    ] == 54

    skills = await client.post(
        f"{base}/skills/technical", json={"skills": ["python", "Elixir", "Zig"]}, headers=headers
    )
    assert skills.status_code == 200, skills.text
    assert skills.json()["skills"][-2:] == ["Elixir", "Zig"]
    assert skills.json()["skills"].count("Python") == 1
    removed = await client.delete(f"{base}/skills/technical/elixir", headers=headers)
    assert "Elixir" not in removed.json()["skills"]

    fields = await client.post(
        f"{base}/custom-fields",
        json={"fields": [{"key": "pronouns", "value": "she/her"}]},
        headers=headers,
    )
    assert fields.status_code == 201
    assert (await client.get(f"{base}/custom-fields", headers=headers)).json()[
        "pronouns"
    ] == "she/her"
    assert (
        await client.delete(f"{base}/custom-fields/pronouns", headers=headers)
    ).status_code == 204
    assert (
        await client.delete(f"{base}/custom-fields/pronouns", headers=headers)
    ).status_code == 404


async def test_operations_are_atomic_and_list_every_failing_index(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    profile = await create(client, headers)
    base = f"{PROFILES}/{profile['id']}"
    exp_id = profile["experiences"][4]["id"]
    ok = await client.post(
        f"{base}/operations",
        json={
            "expected_version": 1,
            "operations": [
                {"op": "move", "kind": "experience", "id": exp_id, "position": 0},
                {
                    "op": "add",
                    "kind": "skill",
                    "data": {"name": "Haskell", "category": "technical"},
                },
                {"op": "remove", "kind": "custom_field", "id": "availability"},
            ],
        },
        headers=headers,
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["version"] == 2
    assert ok.json()["experiences"][0]["id"] == exp_id
    rejected = await client.post(
        f"{base}/operations",
        json={
            "operations": [
                {"op": "remove", "kind": "project", "id": "nope"},
                {"op": "add", "kind": "education", "data": {"institution": "X", "degree": "Y"}},
                {"op": "move", "kind": "experience", "id": exp_id, "position": 99},
            ]
        },
        headers=headers,
    )
    assert rejected.status_code == 422
    assert sorted({e["index"] for e in rejected.json()["errors"]}) == [0, 2]
    assert (await client.get(base, headers=headers)).json()["version"] == 2


async def test_another_users_profile_is_not_found(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    owner = await bearer(client, "a@example.com")
    intruder = await bearer(client, "b@example.com")
    profile = await create(client, owner)
    for method, path in [
        ("GET", ""),
        ("PUT", ""),
        ("DELETE", ""),
        ("GET", "/experiences"),
        ("GET", "/skills"),
    ]:
        response = await client.request(
            method,
            f"{PROFILES}/{profile['id']}{path}",
            headers=intruder,
            json={} if method == "PUT" else None,
        )
        assert response.status_code == 404, (method, path, response.text)
    assert (await client.get(f"{PROFILES}/{profile['id']}", headers=owner)).json() == profile


async def test_analytics_and_json_resume_round_trip(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    import json
    from pathlib import Path

    import jsonschema

    headers = await bearer(client)
    body = full_profile()
    body["experiences"] = [
        {**experience(0), "start_date": "2018-01", "end_date": "2020-12"},
        {**experience(1), "start_date": "2019-06", "end_date": "2021-06"},
    ]
    profile = await create(client, headers, body)
    analytics = (await client.get(f"{PROFILES}/{profile['id']}/analytics", headers=headers)).json()
    assert analytics["statistics"]["years_of_experience"] == 3.5
    assert 0 <= analytics["completeness"]["overall"] <= 100

    exported = await client.get(f"{PROFILES}/{profile['id']}/export/json-resume", headers=headers)
    assert exported.status_code == 200
    schema = json.loads((Path(__file__).parents[1] / "data/jsonresume/schema.json").read_text())
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        exported.json()
    )

    imported = await client.post(
        f"{PROFILES}/import/json-resume", json=exported.json(), headers=headers
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["is_primary"] is False
    again = await client.get(
        f"{PROFILES}/{imported.json()['id']}/export/json-resume", headers=headers
    )
    assert again.json() == exported.json()

    invalid = await client.post(
        f"{PROFILES}/import/json-resume", json={"work": "not a list"}, headers=headers
    )
    assert invalid.status_code == 422


async def test_every_creating_post_replays_with_an_idempotency_key(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    profile = await create(client, headers)
    base = f"{PROFILES}/{profile['id']}"
    cases = [
        (f"{base}/experiences", [experience(70), experience(71)]),
        (f"{base}/custom-fields", {"fields": [{"key": "k1", "value": 1}]}),
        (
            f"{base}/operations",
            {"operations": [{"op": "add", "kind": "skill", "data": {"name": "Zig"}}]},
        ),
    ]
    for i, (url, body) in enumerate(cases):
        keyed = {**headers, "Idempotency-Key": f"key-{i}"}
        first = await client.post(url, json=body, headers=keyed)
        second = await client.post(url, json=body, headers=keyed)
        assert first.status_code in {200, 201}, first.text
        assert (second.status_code, second.json()) == (first.status_code, first.json())
        other = await client.post(url, json={"different": True}, headers=keyed)
        assert other.status_code in {400, 422}
    final = (await client.get(base, headers=headers)).json()
    assert len(final["experiences"]) == 7
    assert final["skills"]["technical"].count("Zig") == 1
    assert final["version"] == 4
