"""Security regressions of the profile API (issue #10 medium 9), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import msgspec
from httpx import AsyncClient

from resumecore.ids import ProfileId
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.test_app_profiles_casts import PROFILES, new_profile_body, register
from tests.support.app_profile_json import as_app_resends

FORGED = "Invented a cure for everything."
SERVER_SUMMARY = "Pioneer of compilers (enhanced)."
SERVER_BULLET = "Led the COBOL standardisation effort (enhanced)."


async def _enhance_on_the_server(application: Application, profile_id: str) -> None:
    """Stand-in for profile enhancement: the only writer of enhanced texts."""
    engine = make_engine(application.settings.database_url)  # the test's own event loop
    try:
        await _enhance_with(SqlUnitOfWorkFactory(engine), profile_id)
    finally:
        await engine.dispose()


async def _enhance_with(uow_factory: SqlUnitOfWorkFactory, profile_id: str) -> None:
    async with uow_factory() as uow:
        profile = await uow.profiles.get(ProfileId(profile_id))
        assert profile is not None
        experience = msgspec.structs.replace(
            profile.experiences[0], enhanced_description=SERVER_BULLET
        )
        enhanced = msgspec.structs.replace(
            profile,
            experiences=(experience, *profile.experiences[1:]),
            enhanced_professional_summary=SERVER_SUMMARY,
            version=profile.version + 1,
        )
        await uow.profiles.save(enhanced, expected_version=profile.version)
        await uow.commit()


def _enhanced(profile: dict[str, Any]) -> tuple[Any, ...]:
    return (
        profile["enhanced_professional_summary"],
        tuple(e["enhanced_description"] for e in profile["experiences"]),
        tuple(p["enhanced_description"] for p in profile["projects"]),
    )


async def test_medium_9_clients_cannot_write_enhanced_texts(
    client: AsyncClient, application: Application
) -> None:
    headers = await register(client)
    forged_body = new_profile_body()
    forged_body["enhanced_professional_summary"] = FORGED
    forged_body["experiences"][0]["enhanced_description"] = FORGED
    forged_body["projects"][0]["enhanced_description"] = FORGED
    created = await client.post(PROFILES, json=forged_body, headers=headers)
    assert created.status_code == 201, created.text
    assert _enhanced(created.json()) == (None, (None,), (None,))

    profile_id = created.json()["id"]
    one = f"{PROFILES}/{profile_id}"
    await _enhance_on_the_server(application, profile_id)
    held = (await client.get(one, headers=headers)).json()
    assert _enhanced(held) == (SERVER_SUMMARY, (SERVER_BULLET,), (None,))
    experience_id = held["experiences"][0]["id"]

    # The app's saves send null (edit screen) or the value it read; neither wipes nor forges.
    nulls = as_app_resends(held)
    nulls["enhanced_professional_summary"] = None
    nulls["experiences"][0]["enhanced_description"] = None
    forged = as_app_resends(held)
    forged["enhanced_professional_summary"] = FORGED
    forged["experiences"][0]["enhanced_description"] = FORGED
    attempts = [
        ("PUT", one, nulls),
        ("PUT", one, forged),
        ("PUT", f"{one}/experiences", [{**held["experiences"][0], "enhanced_description": FORGED}]),
        ("PATCH", f"{one}/experiences/{experience_id}", {"enhanced_description": FORGED}),
        ("PATCH", f"{one}/experiences/{experience_id}", {"enhanced_description": None}),
        (
            "POST",
            f"{one}/operations",
            {
                "operations": [
                    {
                        "op": "update",
                        "kind": "experience",
                        "id": experience_id,
                        "data": {"enhanced_description": FORGED},
                    }
                ]
            },
        ),
    ]
    for method, url, body in attempts:
        response = await client.request(method, url, json=body, headers=headers)
        assert response.status_code == 200, (method, url, response.text)
        after = (await client.get(one, headers=headers)).json()
        assert _enhanced(after) == _enhanced(held), (method, url)

    added = await client.post(
        f"{one}/projects",
        json=[{"name": "Forged", "description": "x", "enhanced_description": FORGED}],
        headers=headers,
    )
    assert added.status_code == 201, added.text
    assert added.json()[0]["enhanced_description"] is None
