"""Ownership (OWASP API1, BOLA) over the app's own route table, on SQLite and PostgreSQL.

Every route whose path takes an id (``{profile_id}``, ``{item_id}``, any ``{...id...}``) is in
``COVERED`` with a minimal plausible body; user B calls each with user A's ids and must get 404
(never 2xx, 403 or 500) while A's profile, read back as A, stays byte-identical and the database
content hash is unchanged. ``test_every_id_route_is_covered`` compares ``COVERED`` with the
routes discovered from ``app.routes``, so a new id-taking route fails the suite until it is
added here. Also: a child of another parent, a bulk delete smuggling in a foreign id, and
unknown or malformed ids are all 404 (or a 422 that changes nothing).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient
from litestar.routes import HTTPRoute
from sqlalchemy import text

from resumecore.services.exports.create import Renderers
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import app_client
from tests.integration.test_http_profile_safety import (
    PROFILES,
    assert_problem,
    create_profile,
    database_state,
    items_of,
    profile_body,
    register,
)
from tests.support.profiles import experience
from tests.support.renderers import fake_renderers

P = f"{PROFILES}/{{profile_id}}"
UNSETTLED = text("SELECT count(*) FROM tasks WHERE state IN ('queued', 'leased')")


async def settled_state(database_url: str) -> dict[str, tuple[int, str]]:
    """The database state once the generation's task is settled.

    The answer can leave before the worker marks its task done; a snapshot taken in between
    differed from the next one in the tasks table alone (1 run in 3).
    """
    engine = make_engine(database_url)
    try:
        for _ in range(200):
            async with engine.connect() as connection:
                if (await connection.execute(UNSETTLED)).scalar_one() == 0:
                    break
            await asyncio.sleep(0.025)
    finally:
        await engine.dispose()
    return await database_state(database_url)


Body = Callable[[dict[str, Any]], Any]
NEW_ITEM: dict[str, tuple[str, str, dict[str, Any]]] = {  # plural: (ids field, text field, item)
    "experiences": ("experience_ids", "title", experience(50)),
    "education": ("education_ids", "degree", {"institution": "MIT", "degree": "MSc"}),
    "projects": ("project_ids", "name", {"name": "Intruder", "url": "https://example.com"}),
    "certifications": ("certification_ids", "name", {"name": "Intruder"}),
}


def _item_routes(plural: str) -> dict[tuple[str, str], Body]:
    ids_field, text, item = NEW_ITEM[plural]
    return {
        ("GET", f"{P}/{plural}"): lambda a: None,
        ("POST", f"{P}/{plural}"): lambda a: [item],
        ("PUT", f"{P}/{plural}"): lambda a: [{**items_of(a, plural)[0], text: "pwned"}],
        ("DELETE", f"{P}/{plural}"): lambda a: {ids_field: [items_of(a, plural)[0]["id"]]},
        ("GET", f"{P}/{plural}/{{item_id}}"): lambda a: None,
        ("PATCH", f"{P}/{plural}/{{item_id}}"): lambda a: {text: "pwned"},
        ("DELETE", f"{P}/{plural}/{{item_id}}"): lambda a: None,
    }


COVERED: dict[tuple[str, str], Body] = {
    ("GET", P): lambda a: None,
    ("PUT", P): lambda a: {"professional_summary": "pwned", "custom_fields": {}},
    ("DELETE", P): lambda a: None,
    ("GET", f"{P}/analytics"): lambda a: None,
    ("GET", f"{P}/export/json-resume"): lambda a: None,
    ("POST", f"{P}/operations"): lambda a: {
        "operations": [{"op": "remove", "kind": "experience", "id": a["experiences"][0]["id"]}]
    },
    ("GET", f"{P}/skills"): lambda a: None,
    ("PUT", f"{P}/skills"): lambda a: {"technical": ["pwned"]},
    ("POST", f"{P}/skills/{{category}}"): lambda a: {"skills": ["pwned"]},
    ("DELETE", f"{P}/skills/{{category}}"): lambda a: {"skills": ["Python"]},
    ("DELETE", f"{P}/skills/{{category}}/{{skill}}"): lambda a: None,
    ("GET", f"{P}/custom-fields"): lambda a: None,
    ("POST", f"{P}/custom-fields"): lambda a: {"fields": [{"key": "pwned", "value": 1}]},
    ("PUT", f"{P}/custom-fields"): lambda a: {"pwned": 1},
    ("DELETE", f"{P}/custom-fields/{{key}}"): lambda a: None,
    **{route: body for plural in NEW_ITEM for route, body in _item_routes(plural).items()},
}
JOBS = "/api/v1/jobs"
J = f"{JOBS}/{{job_id}}"
JOB_COVERED: dict[tuple[str, str], Any] = {
    ("GET", J): None,
    ("PUT", J): {"title": "pwned"},
    ("PATCH", J): {"application_status": "applied"},
    ("DELETE", J): None,
    ("GET", f"{J}/export/job-schema"): None,
    ("GET", f"{J}/match"): None,
    ("GET", f"{JOBS.replace('jobs', 'rankings')}/job/{{job_id}}"): None,
}
GENERATIONS = "/api/v1/generations"
G = f"{GENERATIONS}/{{generation_id}}"
GENERATION_COVERED: dict[tuple[str, str], Any] = {
    ("GET", G): None,
    ("DELETE", G): None,
    ("POST", f"{G}/cancel"): None,
    ("GET", f"{G}/events"): None,
}
EXPORTS = "/api/v1/exports"
E = f"{EXPORTS}/files/{{export_id}}"
EXPORT_COVERED: dict[tuple[str, str], Any] = {
    ("GET", E): None,
    ("DELETE", E): None,
    ("GET", f"{E}/download"): None,
    ("GET", f"{EXPORTS}/files/job/{{job_id}}"): None,
}
SAMPLES = "/api/v1/samples"
SAMPLE_COVERED: dict[tuple[str, str], Any] = {
    ("GET", f"{SAMPLES}/{{sample_id}}"): None,
    ("DELETE", f"{SAMPLES}/{{sample_id}}"): None,
}
# Ids of shared resources, not owned by anybody: saving a catalog posting makes the
# caller's own copy (tested below not to touch anyone else's copy); templates are the same
# for everybody. The signed download is public on purpose: the signature binds the export id
# and an expiry, so only a link its owner asked for works (tested below and in
# test_http_exports.py: forged, altered, expired and other-id links are 403).
SHARED = {
    ("POST", f"{JOBS}/browse/{{catalog_id}}/save"),
    ("GET", f"{EXPORTS}/templates/{{template_id}}"),
    ("GET", f"{E}/content"),
}
PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def id_routes(routes: list[Any]) -> set[tuple[str, str]]:
    """(method, path) of every HTTP route with a ``{...id...}`` path parameter."""
    found = set()
    for route in routes:
        if not isinstance(route, HTTPRoute):
            continue
        if not any("id" in name for name in PARAMETER.findall(route.path)):
            continue
        path = PARAMETER.sub(r"{\1}", route.path)
        for handler in route.route_handlers:
            found |= {(m, path) for m in handler.http_methods if m not in {"OPTIONS", "HEAD"}}
    return found


def fill(path: str, profile: dict[str, Any], profile_id: str | None = None) -> str:
    """The path with ``profile``'s ids (and an item of the kind the path names)."""
    plural = next((k for k in NEW_ITEM if f"/{k}/" in path), None)
    return path.format(
        profile_id=profile_id or profile["id"],
        item_id=items_of(profile, plural)[0]["id"] if plural else "",
        category="technical",
        skill=profile["skills"]["technical"][0],
        key=next(iter(profile["custom_fields"])),
    )


async def snapshot(client: AsyncClient, headers: dict[str, str], profile_id: str) -> bytes:
    """The profile as its owner reads it, with its ETag."""
    response = await client.get(f"{PROFILES}/{profile_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.headers["etag"].encode() + response.content


async def two_users(client: AsyncClient) -> tuple[dict[str, str], dict[str, Any], dict[str, str]]:
    """A with a full profile, B with a profile of their own; (A headers, A profile, B headers)."""
    owner = await register(client, "a@example.com")
    intruder = await register(client, "b@example.com")
    profile = await create_profile(client, owner)
    await create_profile(client, intruder, profile_body("Mallory"))
    return owner, profile, intruder


async def test_every_id_route_is_covered(client: AsyncClient) -> None:
    discovered = id_routes(client.app.routes)  # type: ignore[attr-defined]

    assert discovered, "no id-taking routes found: the discovery is broken"
    covered = (
        set(COVERED)
        | set(JOB_COVERED)
        | set(GENERATION_COVERED)
        | set(EXPORT_COVERED)
        | set(SAMPLE_COVERED)
        | SHARED
    )
    assert discovered - covered == set(), "new id-taking routes need an ownership case"
    assert covered - discovered == set(), "covered routes that no longer exist"


@pytest.mark.parametrize(
    ("method", "path"),
    [pytest.param(m, p, id=f"{m} {p.removeprefix(PROFILES)}") for m, p in sorted(COVERED)],
)
async def test_another_users_ids_are_not_found_and_change_nothing(
    client: AsyncClient, application: Application, method: str, path: str
) -> None:
    owner, profile, intruder = await two_users(client)
    before = await snapshot(client, owner, profile["id"])
    state = await database_state(application.settings.database_url)

    response = await client.request(
        method, fill(path, profile), json=COVERED[method, path](profile), headers=intruder
    )

    assert_problem(response, 404)
    assert await snapshot(client, owner, profile["id"]) == before
    assert await database_state(application.settings.database_url) == state


@pytest.mark.parametrize("plural", sorted(NEW_ITEM))
async def test_a_child_of_another_parent_is_not_found(
    client: AsyncClient, application: Application, plural: str
) -> None:
    _, profile, intruder = await two_users(client)
    own = (await client.get(f"{PROFILES}/me", headers=intruder)).json()
    state = await database_state(application.settings.database_url)
    theirs = items_of(profile, plural)[0]
    nested = f"{PROFILES}/{own['id']}/{plural}/{theirs['id']}"
    ids_field, text, _ = NEW_ITEM[plural]

    for method, body in (("GET", None), ("PATCH", {text: "pwned"}), ("DELETE", None)):
        assert_problem(await client.request(method, nested, json=body, headers=intruder), 404)
    for method, body in (
        ("PUT", [{**theirs, text: "pwned"}]),
        ("DELETE", {ids_field: [theirs["id"]]}),
    ):
        response = await client.request(
            method, f"{PROFILES}/{own['id']}/{plural}", json=body, headers=intruder
        )
        assert response.status_code in (404, 422), response.text

    assert await database_state(application.settings.database_url) == state


async def test_a_bulk_delete_with_one_foreign_id_changes_nothing_for_either_user(
    client: AsyncClient, application: Application
) -> None:
    owner, profile, intruder = await two_users(client)
    own = (await client.get(f"{PROFILES}/me", headers=intruder)).json()
    before = (
        await snapshot(client, owner, profile["id"]),
        await snapshot(client, intruder, own["id"]),
    )
    state = await database_state(application.settings.database_url)
    ids = [
        own["experiences"][0]["id"],
        profile["experiences"][0]["id"],
        own["experiences"][1]["id"],
    ]

    response = await client.request(
        "DELETE",
        f"{PROFILES}/{own['id']}/experiences",
        json={"experience_ids": ids},
        headers=intruder,
    )

    assert response.status_code in (404, 422), response.text
    if response.status_code == 422:
        assert {e.get("index") for e in response.json()["errors"]} == {1}
    after = (
        await snapshot(client, owner, profile["id"]),
        await snapshot(client, intruder, own["id"]),
    )
    assert after == before
    assert await database_state(application.settings.database_url) == state


async def test_a_foreign_id_is_answered_exactly_like_an_unknown_one(client: AsyncClient) -> None:
    _, profile, intruder = await two_users(client)

    foreign = await client.get(f"{PROFILES}/{profile['id']}", headers=intruder)
    unknown = await client.get(f"{PROFILES}/{uuid.uuid4()}", headers=intruder)

    assert (foreign.status_code, foreign.json()) == (unknown.status_code, unknown.json())
    assert foreign.headers.get("etag") is None


@pytest.mark.parametrize("condition", ['"1"', "*", 'W/"1", "2"'])
async def test_a_conditional_read_of_a_foreign_profile_is_not_found_not_304(
    client: AsyncClient, condition: str
) -> None:
    _, profile, intruder = await two_users(client)

    response = await client.get(
        f"{PROFILES}/{profile['id']}", headers={**intruder, "If-None-Match": condition}
    )

    assert_problem(response, 404)
    assert response.headers.get("etag") is None


# Fixed, not drawn: every test worker must collect the same test ids.
MALFORMED = [
    "4f0c8e57-9a43-4f5e-b3a4-2d1c6e9b7a10",  # well formed, never stored
    "not-a-uuid",
    "..%2Fx",
    "%2E%2E",
    "x" * 300,
    "1%27%20OR%20%271%27%3D%271",
    "%F0%9F%9A%80",
    "%00",  # refused as malformed input (400) before any lookup: never a 404 that leaks
]


@pytest.mark.parametrize("bad", MALFORMED)
async def test_unknown_and_malformed_ids_are_not_found(
    client: AsyncClient, application: Application, bad: str
) -> None:
    owner, profile, _ = await two_users(client)
    state = await database_state(application.settings.database_url)
    own = f"{PROFILES}/{profile['id']}"
    requests = [
        ("GET", f"{PROFILES}/{bad}", None),
        ("PUT", f"{PROFILES}/{bad}", {"professional_summary": "x"}),
        ("DELETE", f"{PROFILES}/{bad}", None),
        ("GET", f"{PROFILES}/{bad}/experiences", None),
        ("GET", f"{own}/experiences/{bad}", None),
        ("PATCH", f"{own}/projects/{bad}", {"name": "x"}),
        ("DELETE", f"{own}/certifications/{bad}", None),
        ("DELETE", f"{own}/custom-fields/{bad}", None),
    ]

    expected = 400 if bad == "%00" else 404
    for method, url, body in requests:
        response = await client.request(method, url, json=body, headers=owner)
        assert response.status_code == expected, (method, url, response.status_code, response.text)

    assert await database_state(application.settings.database_url) == state


@pytest.mark.parametrize(("method", "path"), sorted(JOB_COVERED))
async def test_another_users_job_is_not_found_and_unchanged(
    client: AsyncClient, application: Application, method: str, path: str
) -> None:
    owner = await register(client, "a@example.com")
    intruder = await register(client, "b@example.com")
    job = (
        await client.post(JOBS, json={"title": "Mine", "notes": "private"}, headers=owner)
    ).json()
    state = await database_state(application.settings.database_url)

    url = path.format(job_id=job["id"])
    response = await client.request(method, url, json=JOB_COVERED[method, path], headers=intruder)

    assert_problem(response, 404)
    assert (await client.get(f"{JOBS}/{job['id']}", headers=owner)).json() == job
    assert await database_state(application.settings.database_url) == state


@pytest.mark.parametrize(("method", "path"), sorted(GENERATION_COVERED))
async def test_another_users_generation_is_not_found_and_unchanged(
    client: AsyncClient, application: Application, method: str, path: str
) -> None:
    owner = await register(client, "a@example.com")
    intruder = await register(client, "b@example.com")
    await create_profile(client, owner)
    job = (await client.post(JOBS, json={"title": "Mine"}, headers=owner)).json()
    made = await client.post(f"{GENERATIONS}/resume", json={"job_id": job["id"]}, headers=owner)
    assert made.status_code == 201, made.text
    state = await settled_state(application.settings.database_url)

    url = path.format(generation_id=made.json()["id"])
    response = await client.request(method, url, headers=intruder)

    assert_problem(response, 404)
    assert await database_state(application.settings.database_url) == state
    assert (await client.get(f"{GENERATIONS}/{made.json()['id']}", headers=owner)).json() == (
        made.json() | {"llm_metadata": {**made.json()["llm_metadata"], "cache_hit": False}}
    )


@pytest.mark.parametrize(("method", "path"), sorted(SAMPLE_COVERED))
async def test_another_users_writing_sample_is_not_found_and_unchanged(
    client: AsyncClient, application: Application, method: str, path: str
) -> None:
    owner = await register(client, "a@example.com")
    intruder = await register(client, "b@example.com")
    files = {"file": ("mine.txt", b"- Led a team of four.\n", "application/octet-stream")}
    made = await client.post(
        f"{SAMPLES}/upload", data={"document_type": "resume"}, files=files, headers=owner
    )
    assert made.status_code == 201, made.text
    state = await database_state(application.settings.database_url)

    url = path.format(sample_id=made.json()["id"])
    response = await client.request(method, url, headers=intruder)

    assert_problem(response, 404)
    assert await database_state(application.settings.database_url) == state
    mine = await client.get(f"{SAMPLES}/{made.json()['id']}", headers=owner)
    assert mine.json()["full_text"] == "- Led a team of four.\n"


async def test_saving_a_catalog_posting_makes_only_the_callers_copy(client: AsyncClient) -> None:
    owner = await register(client, "a@example.com")
    intruder = await register(client, "b@example.com")
    posting = (await client.get(f"{JOBS}/browse?limit=1", headers=owner)).json()["jobs"][0]
    mine = (await client.post(f"{JOBS}/browse/{posting['id']}/save", headers=owner)).json()

    theirs = await client.post(f"{JOBS}/browse/{posting['id']}/save", headers=intruder)

    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine["id"]
    assert (await client.get(f"{JOBS}/{mine['id']}", headers=owner)).json() == mine
    assert (await client.get(f"{JOBS}/{mine['id']}", headers=intruder)).status_code == 404


@pytest.mark.parametrize(("method", "path"), sorted(EXPORT_COVERED))
async def test_another_users_export_is_not_found_and_unchanged(
    tmp_path: Path, database_url: str, method: str, path: str
) -> None:
    overrides = {Renderers: fake_renderers()}
    async with app_client(tmp_path, database_url, overrides=overrides) as (client, application):
        owner = await register(client, "a@example.com")
        intruder = await register(client, "b@example.com")
        await create_profile(client, owner)
        job = (await client.post(JOBS, json={"title": "Mine"}, headers=owner)).json()
        made = await client.post(f"{GENERATIONS}/resume", json={"job_id": job["id"]}, headers=owner)
        assert made.status_code == 201, made.text
        body = {"generation_id": made.json()["id"], "template": "modern"}
        export = await client.post(f"{EXPORTS}/pdf", json=body, headers=owner)
        assert export.status_code == 201, export.text
        # Exporting someone else's generation is a 404 too, and stores nothing.
        assert_problem(await client.post(f"{EXPORTS}/pdf", json=body, headers=intruder), 404)
        state = await database_state(application.settings.database_url)
        files = sorted((tmp_path / "exports").rglob("*"))

        url = path.format(export_id=export.json()["id"], job_id=job["id"])
        response = await client.request(method, url, headers=intruder)

        assert_problem(response, 404)
        assert await database_state(application.settings.database_url) == state
        assert sorted((tmp_path / "exports").rglob("*")) == files
        mine = await client.get(f"{EXPORTS}/files/{export.json()['id']}", headers=owner)
        assert mine.status_code == 200
        own_link = mine.json()["download_url"].split("/api/v1", 1)[1]
        assert (await client.get(f"/api/v1{own_link}")).status_code == 200
        stolen = own_link.replace(export.json()["id"], made.json()["id"])
        assert_problem(await client.get(f"/api/v1{stolen}", headers=intruder), 403)
