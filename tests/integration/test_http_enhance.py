"""G3 ``POST /profile/enhance`` as the JobWise app sends it, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from tests.integration.test_http_profiles_flow import PROFILES, bearer, create
from tests.support.profiles import full_profile

ENHANCE = "/api/v1/profile/enhance"
Client = AsyncTestClient[Any]


def messy_profile() -> dict[str, Any]:
    body = full_profile()
    body["professional_summary"] = "  engineer who ships.  engineer who ships.\nmentor of 4"
    body["experiences"][0]["achievements"] = [
        "mentored juniors",
        "Cut p99 latency by 10%",
        "Reported to the CTO at Initech",
    ]
    return body


async def test_the_apps_enhance_call_writes_grounded_texts_beside_the_originals(
    client: Client,
) -> None:
    headers = await bearer(client)
    profile = await create(client, headers, messy_profile())

    response = await client.post(ENHANCE, json={"profile_id": profile["id"]}, headers=headers)

    assert response.status_code == 200, response.text
    reply = response.json()
    assert isinstance(reply, dict)  # the app reads it `as Map`
    first = profile["experiences"][0]
    assert reply["profile_id"] == profile["id"]
    assert (reply["version"], reply["changed"], reply["status"]) == (2, True, "completed")
    assert reply["writer"] == "offline/enhance-1"
    assert reply["enhanced"] == {"summary": True, "items": 9}
    assert (reply["skipped"], reply["left_out"]) == (0, 1)  # the Initech bullet
    assert reply["enhanced_professional_summary"] == "Engineer who ships. Mentor of 4."
    assert reply["items"][0] == {
        "id": first["id"],
        "kind": "experience",
        "enhanced_description": "Built and ran backend services in Python and PostgreSQL. "
        "Cut p99 latency by 10%. Mentored juniors.",
    }
    assert [item["kind"] for item in reply["items"]] == ["experience"] * 5 + ["project"] * 4

    read = await client.get(f"{PROFILES}/{profile['id']}", headers=headers)
    shown = read.json()
    assert read.headers["etag"] == '"2"'
    assert shown["enhanced_professional_summary"] == reply["enhanced_professional_summary"]
    texts = {i["id"]: i["enhanced_description"] for i in reply["items"]}
    for part in ("experiences", "projects"):
        assert [i["enhanced_description"] for i in shown[part]] == [
            texts[i["id"]] for i in shown[part]
        ]
    unenhanced = {**shown, "version": 1, "updated_at": profile["updated_at"]}
    unenhanced["enhanced_professional_summary"] = None
    for part in ("experiences", "projects"):
        unenhanced[part] = [{**i, "enhanced_description": None} for i in shown[part]]
    assert unenhanced == profile, "only the enhanced texts and the version may change"

    again = await client.post(ENHANCE, json={"profile_id": profile["id"]}, headers=headers)
    assert again.status_code == 200, again.text
    assert (again.json()["version"], again.json()["changed"]) == (2, False)
    assert again.json()["items"] == reply["items"]
    assert (await client.get(f"{PROFILES}/{profile['id']}", headers=headers)).json() == shown


async def test_a_put_of_what_the_app_read_keeps_the_enhanced_texts(client: Client) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    await client.post(ENHANCE, json={"profile_id": profile["id"]}, headers=headers)
    shown = (await client.get(f"{PROFILES}/{profile['id']}", headers=headers)).json()
    edited = {**shown, "enhanced_professional_summary": "Client text."}
    edited["experiences"] = [{**e, "enhanced_description": None} for e in shown["experiences"]]

    response = await client.put(f"{PROFILES}/{profile['id']}", json=edited, headers=headers)

    assert response.status_code == 200, response.text
    assert (
        response.json()["enhanced_professional_summary"] == shown["enhanced_professional_summary"]
    )
    assert [e["enhanced_description"] for e in response.json()["experiences"]] == [
        e["enhanced_description"] for e in shown["experiences"]
    ]


async def test_another_users_or_an_unknown_profile_is_not_found(client: Client) -> None:
    owner = await bearer(client, "a@example.com")
    intruder = await bearer(client, "b@example.com")
    profile = await create(client, owner)

    foreign = await client.post(ENHANCE, json={"profile_id": profile["id"]}, headers=intruder)
    unknown = await client.post(ENHANCE, json={"profile_id": "nope"}, headers=owner)

    assert foreign.status_code == unknown.status_code == 404
    assert foreign.json()["detail"] == unknown.json()["detail"]
    read = await client.get(f"{PROFILES}/{profile['id']}", headers=owner)
    assert read.json() == profile


async def test_malformed_bodies_are_refused_before_anything_runs(client: Client) -> None:
    headers = await bearer(client)
    profile = await create(client, headers)
    bodies: list[Any] = [
        {},
        {"profile_id": 7},
        {"profile_id": profile["id"], "extra": True},
        {"profile_id": "x" * 65},
        [profile["id"]],
    ]
    for body in bodies:
        response = await client.post(ENHANCE, json=body, headers=headers)
        assert response.status_code in {400, 422}, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await client.post(ENHANCE, json={"profile_id": profile["id"]})).status_code == 401
    read = await client.get(f"{PROFILES}/{profile['id']}", headers=headers)
    assert read.json()["version"] == 1
