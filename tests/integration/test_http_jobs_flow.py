"""The job routes end to end, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from tests.integration.test_http_profiles_flow import bearer
from tests.support.clock import FakeClock

JOBS = "/api/v1/jobs"
POSTING = json.loads(
    (Path(__file__).parents[1] / "data/postings/software_backend_go_markdown.json").read_text()
)


async def test_a_pasted_posting_is_parsed_corrected_and_tracked(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    created = await client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)
    assert created.status_code == 201, created.text
    job = created.json()
    expected = POSTING["expected"]
    assert (job["title"], job["company"]) == (expected["title"], expected["company"])
    assert set(expected["required_skills"]) <= set(job["parsed_keywords"])
    assert job["application_status"] == "not_applied"
    assert created.headers["etag"] == '"1"'

    url = f"{JOBS}/{job['id']}"
    corrected = await client.patch(
        url, json={"company": "Acme", "notes": "ask about on-call"}, headers=headers
    )
    assert corrected.status_code == 200
    assert corrected.json()["company"] == "Acme"
    assert corrected.json()["version"] == 2

    for status in ["preparing", "applied", "interviewing"]:
        moved = await client.put(url, json={"application_status": status}, headers=headers)
        assert moved.status_code == 200, moved.text
    tracked = moved.json()
    assert [h["status"] for h in tracked["status_history"]] == [
        "preparing",
        "applied",
        "interviewing",
    ]
    assert tracked["applied_date"] is not None

    # The status is the user's own record: any move is accepted and recorded.
    accepted = await client.put(url, json={"application_status": "accepted"}, headers=headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status_history"][-1]["status"] == "accepted"
    assert accepted.json()["applied_date"] == tracked["applied_date"]
    assert (
        await client.put(url, json={"application_status": "withdrawn"}, headers=headers)
    ).status_code == 200

    stale = await client.put(url, json={"notes": "x"}, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert (await client.delete(url, headers=headers)).status_code == 204
    assert (await client.get(url, headers=headers)).status_code == 404


async def test_lists_filter_and_count_for_real(client: AsyncTestClient, clock: FakeClock) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    for i in range(25):
        clock.advance(1)
        body = {
            "title": f"Role {i}",
            "company": "Initech" if i % 5 == 0 else "Globex",
            "employment_type": "contract" if i % 2 else "full_time",
            "work_mode": "remote" if i < 3 else "onsite",
        }
        assert (await client.post(JOBS, json=body, headers=headers)).status_code == 201
    page = (await client.get(f"{JOBS}?limit=10&offset=20", headers=headers)).json()
    assert page["total"] == 25
    assert page["pagination"] == {
        "limit": 10,
        "offset": 20,
        "total": 25,
        "has_more": False,
        "hasMore": False,
    }
    first = (await client.get(f"{JOBS}?limit=10", headers=headers)).json()["pagination"]
    assert (first["has_more"], first["hasMore"]) == (True, True)
    assert [j["title"] for j in page["jobs"]] == [f"Role {i}" for i in range(4, -1, -1)]
    assert (await client.get(f"{JOBS}?q=initech", headers=headers)).json()["total"] == 5
    assert (await client.get(f"{JOBS}?remote=true", headers=headers)).json()["total"] == 3
    assert (await client.get(f"{JOBS}?employment_type=contract", headers=headers)).json()[
        "total"
    ] == 12
    assert (await client.get(f"{JOBS}?q=100%25", headers=headers)).json()["total"] == 0


async def test_the_catalog_is_seeded_searchable_and_saved_once(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    catalog = (await client.get(f"{JOBS}/browse?limit=100", headers=headers)).json()
    assert catalog["total"] >= 20
    assert {(j["source"], j["origin"]) for j in catalog["jobs"]} == {("imported", "catalog")}
    ids = [j["id"] for j in catalog["jobs"]]
    assert ids == [
        j["id"]
        for j in (await client.get(f"{JOBS}/browse?limit=100", headers=headers)).json()["jobs"]
    ]
    accountants = (await client.get(f"{JOBS}/browse?q=accountant", headers=headers)).json()
    assert 1 <= accountants["total"] < catalog["total"]

    first = await client.post(f"{JOBS}/browse/{ids[0]}/save", headers=headers)
    again = await client.post(f"{JOBS}/browse/{ids[0]}/save", headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["source"], first.json()["origin"]) == ("imported", "catalog")
    assert first.json()["catalog_id"] == ids[0]
    assert (await client.get(f"{JOBS}?source=imported", headers=headers)).json()["total"] == 1
    assert (await client.get(f"{JOBS}?source=user_created", headers=headers)).json()["total"] == 0
    assert (await client.get(JOBS, headers=headers)).json()["total"] == 1
    assert (await client.post(f"{JOBS}/browse/nope/save", headers=headers)).status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"raw_text": "x" * 50_001}, 422),
        ({"raw_text": "x" * 60_001}, 400),
        ({"title": "T", "user_id": "someone"}, 400),
        ({"title": 5}, 400),
        ({"title": "T", "application_status": "accepted"}, 400),
    ],
)
async def test_bad_job_input_is_refused_and_nothing_is_written(
    client: AsyncTestClient,
    body: dict[str, object],
    status: int,  # type: ignore[type-arg]
) -> None:
    headers = await bearer(client)
    response = await client.post(JOBS, json=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(JOBS, headers=headers)).json()["total"] == 0


async def test_another_users_job_is_not_found_and_unchanged(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    owner = await bearer(client, "a@example.com")
    intruder = await bearer(client, "b@example.com")
    job = (await client.post(JOBS, json={"title": "Mine"}, headers=owner)).json()
    url = f"{JOBS}/{job['id']}"
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        response = await client.request(
            method,
            url,
            headers=intruder,
            json={"title": "x"} if method in {"PUT", "PATCH"} else None,
        )
        assert response.status_code == 404, method
    assert (await client.get(url, headers=owner)).json() == job


async def test_job_schema_export_validates_and_round_trips(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    import jsonschema

    headers = await bearer(client)
    job = (await client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)).json()
    exported = (await client.get(f"{JOBS}/{job['id']}/export/job-schema", headers=headers)).json()
    schema = json.loads((Path(__file__).parents[1] / "data/jsonresume/job-schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(exported)

    imported = await client.post(f"{JOBS}/import/job-schema", json=exported, headers=headers)
    assert imported.status_code == 201, imported.text
    assert imported.json()["source"] == "imported"
    again = await client.get(f"{JOBS}/{imported.json()['id']}/export/job-schema", headers=headers)
    assert {k: v for k, v in again.json().items() if k != "date"} == {
        k: v for k, v in exported.items() if k != "date"
    }

    sample = json.loads((Path(__file__).parents[1] / "data/jsonresume/sample.job.json").read_text())
    from_sample = await client.post(f"{JOBS}/import/job-schema", json=sample, headers=headers)
    assert from_sample.status_code == 201
    assert from_sample.json()["work_mode"] == "hybrid"
    assert from_sample.json()["employment_type"] == "full_time"
    assert "MongoDB" in from_sample.json()["required_skills"]
    bad = await client.post(f"{JOBS}/import/job-schema", json={"title": 3}, headers=headers)
    assert bad.status_code == 422


async def test_match_report_and_rankings_are_deterministic(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    from tests.integration.test_http_profiles_flow import create
    from tests.support.profiles import full_profile

    headers = await bearer(client)
    await create(client, headers, full_profile())
    job = (await client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)).json()

    first = await client.get(f"{JOBS}/{job['id']}/match", headers=headers)
    second = await client.get(f"{JOBS}/{job['id']}/match", headers=headers)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report == second.json()
    assert 0 <= report["score"] <= 100
    assert report["score_version"]
    assert {r["status"] for r in report["requirements"]} <= {"met", "partial", "missing"}
    assert "Go" in report["matched_skills"]  # the profile lists Go; the posting asks for it
    assert not set(report["matched_skills"]) & set(report["missing_skills"])

    ranking = await client.post(
        "/api/v1/rankings/create", json={"job_id": job["id"]}, headers=headers
    )
    assert ranking.status_code == 200, ranking.text
    body = ranking.json()
    assert [i["score"] for i in body["items"]] == sorted(
        (i["score"] for i in body["items"]), reverse=True
    )
    assert len(body["ranked_experience_ids"]) == 5
    latest = await client.get(f"/api/v1/rankings/job/{job['id']}", headers=headers)
    assert latest.json() == body
    again = (
        await client.post("/api/v1/rankings/create", json={"job_id": job["id"]}, headers=headers)
    ).json()
    assert again["items"] == body["items"]
    assert (
        await client.get(f"{JOBS}/{job['id']}/match?profile_id=nope", headers=headers)
    ).status_code == 404


async def test_a_job_without_a_profile_has_no_match(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)
    job = (await client.post(JOBS, json={"title": "T"}, headers=headers)).json()
    assert (await client.get(f"{JOBS}/{job['id']}/match", headers=headers)).status_code == 404
    assert (
        await client.get(f"/api/v1/rankings/job/{job['id']}", headers=headers)
    ).status_code == 404


async def test_a_skill_in_two_lists_is_ranked_once(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    from tests.integration.test_http_profiles_flow import create
    from tests.support.profiles import full_profile

    headers = await bearer(client)
    body = full_profile()
    body["skills"]["soft"] = [*body["skills"]["soft"], "Python", "English"]
    await create(client, headers, body)
    job = (await client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)).json()
    ranking = await client.post(
        "/api/v1/rankings/create", json={"job_id": job["id"]}, headers=headers
    )
    assert ranking.status_code == 200, ranking.text
    ids = [item["id"] for item in ranking.json()["items"]]
    assert len(ids) == len(set(ids))
    assert {"skill:Python", "skill:English"} <= set(ids)
