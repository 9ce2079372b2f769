"""Jobs as the JobWise app needs them (issue #9), over HTTP on SQLite and PostgreSQL.

Creating with ``source`` and ``remote``, no URL fetching, ``company`` always a string, sources
the app's enum knows, ``hasMore``, a public and filterable catalog, free status moves.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import get_args

from litestar.testing import AsyncTestClient

from resumecore.model.application_status import ApplicationStatus
from resumecore.model.job_factory import NO_URL_FETCH
from tests.integration.http_helpers import app_client, assert_problem
from tests.integration.test_http_login_throttle import assert_throttled
from tests.integration.test_http_profiles_flow import bearer
from tests.support.app_casts_jobs import JOB_SOURCES
from tests.support.clock import FakeClock

JOBS = "/api/v1/jobs"
STATES: tuple[str, ...] = get_args(ApplicationStatus)
SAVED_FROM_BROWSE = {
    "source": "imported",
    "title": "Site Reliability Engineer",
    "company": "Northwind",
    "requirements": ["5 years of Linux", "Kubernetes"],
    "benefits": ["Pension"],
    "remote": True,
}


async def test_a_structured_create_keeps_source_and_remote(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)

    saved = await client.post(JOBS, json=SAVED_FROM_BROWSE, headers=headers)
    onsite = await client.post(
        JOBS, json={**SAVED_FROM_BROWSE, "remote": False, "location": "Oslo"}, headers=headers
    )
    pasted = await client.post(
        JOBS,
        json={"source": "user_created", "raw_text": "Engineer\nAcme\nFully remote role."},
        headers=headers,
    )
    not_remote = await client.post(
        JOBS,
        json={"raw_text": "Engineer\nAcme\nFully remote role.", "remote": False},
        headers=headers,
    )

    assert saved.status_code == 201, saved.text
    job = saved.json()
    assert (job["source"], job["remote"], job["work_mode"]) == ("imported", True, "remote")
    assert job["requirements"] == SAVED_FROM_BROWSE["requirements"]
    assert (onsite.json()["remote"], onsite.json()["work_mode"]) == (False, None)
    assert (pasted.json()["source"], pasted.json()["remote"]) == ("user_created", True)
    assert (not_remote.json()["remote"], not_remote.json()["work_mode"]) == (False, None)
    assert (await client.get(f"{JOBS}?source=imported", headers=headers)).json()["total"] == 2
    assert (await client.get(f"{JOBS}?remote=true", headers=headers)).json()["total"] == 2


async def test_a_url_import_is_a_clear_422_and_nothing_is_fetched(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)

    response = await client.post(
        JOBS,
        json={"source": "url_import", "url": "http://169.254.169.254/latest/meta-data"},
        headers=headers,
    )

    body = assert_problem(response, 422)
    assert body["detail"] == NO_URL_FETCH
    assert [e["field"] for e in body["errors"]] == ["url"]
    assert (await client.get(JOBS, headers=headers)).json()["total"] == 0
    pasted = await client.post(
        JOBS, json={"source": "url_import", "raw_text": "Baker\nCrumb Ltd\n"}, headers=headers
    )
    assert (pasted.status_code, pasted.json()["source"]) == (201, "url_import")
    unknown = await client.post(JOBS, json={"source": "catalog", "title": "T"}, headers=headers)
    assert_problem(unknown, 400)


async def test_company_is_a_string_in_every_job_response(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    created = await client.post(
        JOBS,
        json={
            "source": "user_created",
            "raw_text": "We are looking for a Python developer to join our team.",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    url = f"{JOBS}/{created.json()['id']}"
    cleared = await client.patch(url, json={"company": None}, headers=headers)
    typed = await client.post(JOBS, json={"title": "T", "company": None}, headers=headers)

    bodies = [
        created.json(),
        cleared.json(),
        typed.json(),
        (await client.get(url, headers=headers)).json(),
        *(await client.get(JOBS, headers=headers)).json()["jobs"],
        *(await client.get(f"{JOBS}/browse?limit=100")).json()["jobs"],
    ]
    assert all(isinstance(body["company"], str) for body in bodies), bodies
    assert created.json()["company"] == cleared.json()["company"] == ""


async def test_every_source_in_a_response_is_one_the_app_knows(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    catalog = (await client.get(f"{JOBS}/browse?limit=100")).json()["jobs"]
    saved = await client.post(f"{JOBS}/browse/{catalog[0]['id']}/save", headers=headers)
    await client.post(JOBS, json={"title": "Mine"}, headers=headers)

    sources = {job["source"] for job in catalog}
    sources |= {job["source"] for job in (await client.get(JOBS, headers=headers)).json()["jobs"]}
    assert sources <= JOB_SOURCES
    assert (saved.json()["source"], saved.json()["origin"]) == ("imported", "catalog")


async def test_browse_is_public_and_honours_the_apps_filters(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    everything = (await client.get(f"{JOBS}/browse?limit=100")).json()
    with_token = await client.get(f"{JOBS}/browse?limit=100", headers=await bearer(client))
    assert with_token.json() == everything

    def titles(body: dict[str, object]) -> list[str]:
        return [job["title"] for job in body["jobs"]]  # type: ignore[attr-defined, index]

    remote = (await client.get(f"{JOBS}/browse?limit=100&remote=true")).json()
    not_only_remote = (await client.get(f"{JOBS}/browse?limit=100&remote=false")).json()
    assert 0 < remote["total"] < everything["total"]
    assert all(job["remote"] for job in remote["jobs"])
    assert not_only_remote == everything

    place = next(job["location"] for job in everything["jobs"] if job["location"])
    part = place.split(",")[0].upper()
    located = (await client.get(f"{JOBS}/browse?limit=100", params={"location": part})).json()
    assert 0 < located["total"] <= everything["total"]
    assert all(part.casefold() in job["location"].casefold() for job in located["jobs"])

    by_query = (await client.get(f"{JOBS}/browse?limit=100&query=accountant")).json()
    by_q = (await client.get(f"{JOBS}/browse?limit=100&q=accountant")).json()
    assert titles(by_query) == titles(by_q)
    assert 0 < by_q["total"] < everything["total"]
    paged = (await client.get(f"{JOBS}/browse?limit=2&offset=0&remote=true")).json()
    assert paged["total"] == remote["total"]
    assert paged["pagination"]["hasMore"] is (remote["total"] > 2)

    saving = await client.post(f"{JOBS}/browse/{everything['jobs'][0]['id']}/save")
    assert_problem(saving, 401)


async def test_browse_is_counted_per_client_ip(
    tmp_path: Path, database_url: str, clock: FakeClock
) -> None:
    async with app_client(tmp_path, database_url, clock=clock, ip_requests_per_minute=3) as (
        client,
        _,
    ):
        for _ in range(3):
            assert (await client.get(f"{JOBS}/browse")).status_code == 200
        assert_throttled(await client.get(f"{JOBS}/browse"))
        clock.advance(61)
        assert (await client.get(f"{JOBS}/browse")).status_code == 200


def every_move() -> list[str]:
    """A walk from ``not_applied`` taking every move between two different statuses once."""
    unused = {state: [t for t in STATES if t != state] for state in STATES}
    stack, walk = ["not_applied"], []
    while stack:  # Hierholzer: the complete directed graph is Eulerian
        state = stack[-1]
        if unused[state]:
            stack.append(unused[state].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


async def test_every_application_status_move_is_accepted_as_the_app_sends_it(
    client: AsyncTestClient,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    headers = await bearer(client)
    job = (await client.post(JOBS, json={"title": "T"}, headers=headers)).json()
    url = f"{JOBS}/{job['id']}"
    walk = every_move()
    assert len(walk) == 1 + len(STATES) * (len(STATES) - 1)
    assert walk[-1] == "not_applied"
    # Every move between two statuses, then each status twice (the second time to itself).
    targets = [*walk[1:], *(state for state in STATES for _ in range(2))]
    expected: list[tuple[str, datetime]] = []
    current = "not_applied"
    for target in targets:
        clock.advance(1)
        body = {"parsed_keywords": [], "status": "active", "application_status": target}
        moved = await client.put(url, json=body, headers=headers)
        assert moved.status_code == 200, (current, target, moved.text)
        assert moved.json()["application_status"] == target
        if target != current:
            expected.append((target, clock.now()))
        current = target

    final = (await client.get(url, headers=headers)).json()
    history = [(h["status"], parse_time(h["at"])) for h in final["status_history"]]
    assert history == expected
    first_applied = next(at for status, at in expected if status == "applied")
    assert parse_time(final["applied_date"]) == first_applied


def parse_time(value: str) -> datetime:
    """An ISO timestamp as the API writes it (``Z`` for UTC)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
