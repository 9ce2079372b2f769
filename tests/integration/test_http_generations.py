"""Generation over HTTP on SQLite and PostgreSQL: the app's calls (G4-G7), waiting and 202s,
the cache, idempotency, quotas, cancel, delete, ownership, and the progress stream."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.integration.http_helpers import Client, app_client
from tests.support.clock import FakeClock
from tests.support.profiles import full_profile

AUTH = "/api/v1/auth"
GENERATIONS = "/api/v1/generations"
POSTING = """Senior Backend Engineer
Acme Analytics - Berlin, Germany (Hybrid)

We are hiring a backend engineer to build our data platform.

Requirements
- 5+ years of Python
- PostgreSQL and Kubernetes in production
- Experience leading a small team

Nice to have
- Kafka, Terraform
"""


async def user(client: Client, email: str) -> dict[str, str]:
    """A registered user with a full profile and one pasted job; returns headers + job id."""
    response = await client.post(
        f"{AUTH}/register",
        json={"email": email, "password": "correct horse battery", "full_name": "Ada"},
    )
    assert response.status_code == 201, response.text
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    created = await client.post("/api/v1/profiles", json=full_profile(), headers=headers)
    assert created.status_code == 201, created.text
    job = await client.post(
        "/api/v1/jobs", json={"source": "user_created", "raw_text": POSTING}, headers=headers
    )
    assert job.status_code == 201, job.text
    return {**headers, "job": job.json()["id"], "profile": created.json()["id"]}


def auth(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k not in {"job", "profile"}}


def assert_app_reads(body: dict[str, Any]) -> None:
    """What the app's Generate tab reads (mobile-client.md §3, generation results)."""
    assert body["document_type"] in {"resume", "cover_letter"}
    assert isinstance(body["content_text"], str)
    assert body["content_text"].strip()
    assert isinstance(body["ats_score"], int | float)
    assert not isinstance(body["ats_score"], bool)
    assert isinstance(body["id"], str)
    assert isinstance(body["created_at"], str)


async def test_the_apps_generate_tab_works(tmp_path: Path, database_url: str) -> None:
    clock = FakeClock()
    async with app_client(tmp_path, database_url, clock=clock) as (client, _):
        ada = await user(client, "ada@example.com")
        resume = await client.post(
            f"{GENERATIONS}/resume",
            json={
                "job_id": ada["job"],
                "max_experiences": 5,
                "max_projects": 3,
                "include_summary": True,
            },
            headers=auth(ada),
        )  # fmt: skip  (G4, as the app sends it)
        assert resume.status_code == 201, resume.text
        assert resume.json()["status"] == "completed", resume.json()
        assert_app_reads(resume.json())
        assert [s["status"] for s in resume.json()["stages"]] == ["completed"] * 6
        clock.advance(60)
        letter = await client.post(
            f"{GENERATIONS}/cover-letter",
            json={"job_id": ada["job"], "company_name": "Acme Analytics", "max_paragraphs": 3},
            headers=auth(ada),
        )  # G5
        assert letter.status_code == 201, letter.text
        assert_app_reads(letter.json())
        assert "Acme Analytics" in letter.json()["content_text"]

        history = await client.get(
            f"{GENERATIONS}/history?limit=20&offset=0&job_id={ada['job']}", headers=auth(ada)
        )  # G6
        assert history.status_code == 200, history.text
        items = history.json()["generations"]
        assert [g["id"] for g in items] == [letter.json()["id"], resume.json()["id"]]
        assert history.json()["total"] == 2
        assert history.json()["pagination"]["hasMore"] is False

        deleted = await client.delete(f"{GENERATIONS}/{resume.json()['id']}", headers=auth(ada))
        assert deleted.status_code == 204  # G7
        gone = await client.get(f"{GENERATIONS}/{resume.json()['id']}", headers=auth(ada))
        assert gone.status_code == 404


async def test_the_same_request_twice_costs_one_generation(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        body = {"job_id": ada["job"], "max_experiences": 3}
        first = await client.post(f"{GENERATIONS}/resume", json=body, headers=auth(ada))
        again = await client.post(f"{GENERATIONS}/resume", json=body, headers=auth(ada))
        assert first.status_code == again.status_code == 201
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["llm_metadata"]["cache_hit"] is True
        assert again.json()["content_text"] == first.json()["content_text"]
        listed = await client.get(GENERATIONS, headers=auth(ada))
        assert listed.json()["total"] == 1


async def test_an_idempotency_key_replays_the_first_generation(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url, generation_workers=0) as (client, _):
        ada = await user(client, "ada@example.com")
        headers = {**auth(ada), "Idempotency-Key": "k-1", "Prefer": "wait=0"}
        body = {"job_id": ada["job"]}
        first = await client.post(f"{GENERATIONS}/resume", json=body, headers=headers)
        again = await client.post(f"{GENERATIONS}/resume", json=body, headers=headers)
        assert first.status_code == again.status_code == 202
        assert again.json()["id"] == first.json()["id"]
        other = await client.post(
            f"{GENERATIONS}/resume", json={**body, "max_projects": 1}, headers=headers
        )
        assert other.status_code == 422


async def test_without_a_worker_the_answer_is_202_with_its_location_and_it_can_be_cancelled(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url, generation_workers=0) as (client, _):
        ada = await user(client, "ada@example.com")
        response = await client.post(
            f"{GENERATIONS}/resume",
            json={"job_id": ada["job"]},
            headers={**auth(ada), "Prefer": "wait=0"},
        )
        assert response.status_code == 202, response.text
        assert response.headers["location"] == f"{GENERATIONS}/{response.json()['id']}"
        assert response.json()["status"] == "pending"
        cancelled = await client.post(f"{response.headers['location']}/cancel", headers=auth(ada))
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        again = await client.post(f"{response.headers['location']}/cancel", headers=auth(ada))
        assert again.status_code == 409


async def test_a_finished_generation_cannot_be_cancelled(tmp_path: Path, database_url: str) -> None:
    async with app_client(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        done = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        assert done.json()["status"] == "completed"
        refused = await client.post(f"{GENERATIONS}/{done.json()['id']}/cancel", headers=auth(ada))
        assert refused.status_code == 409
        assert refused.json()["detail"] == "The generation is already completed."


async def test_quotas_answer_429_with_retry_after(tmp_path: Path, database_url: str) -> None:
    async with app_client(
        tmp_path, database_url, generation_workers=0, generations_concurrent=1
    ) as (client, _):
        ada = await user(client, "ada@example.com")
        headers = {**auth(ada), "Prefer": "wait=0"}
        first = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=headers
        )
        assert first.status_code == 202
        second = await client.post(
            f"{GENERATIONS}/cover-letter", json={"job_id": ada["job"]}, headers=headers
        )
        assert second.status_code == 429, second.text
        assert int(second.headers["retry-after"]) >= 1
    async with app_client(tmp_path, database_url, generations_per_hour=1) as (client, _):
        ada = await user(client, "ada@example.com")
        ok = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        assert ok.status_code == 201
        over = await client.post(
            f"{GENERATIONS}/cover-letter", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        assert over.status_code == 429
        assert int(over.headers["retry-after"]) >= 60


async def test_other_users_ids_are_not_found(tmp_path: Path, database_url: str) -> None:
    async with app_client(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        eve = await user(client, "eve@example.com")
        theirs = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": eve["job"]}, headers=auth(ada)
        )
        assert theirs.status_code == 404  # a job of another user in the body
        their_profile = await client.post(
            f"{GENERATIONS}/cover-letter",
            json={"job_id": ada["job"], "profile_id": eve["profile"]},
            headers=auth(ada),
        )
        assert their_profile.status_code == 404  # a profile of another user in the body
        mine = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        one = f"{GENERATIONS}/{mine.json()['id']}"
        for method, url in (
            ("GET", one), ("DELETE", one), ("POST", f"{one}/cancel"), ("GET", f"{one}/events"),
        ):  # fmt: skip
            response = await client.request(method, url, headers=auth(eve))
            assert response.status_code == 404, (method, url)
        assert (await client.get(one, headers=auth(ada))).status_code == 200


async def test_a_generation_outlives_its_job_and_can_still_be_deleted(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        done = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        assert (
            await client.delete(f"/api/v1/jobs/{ada['job']}", headers=auth(ada))
        ).status_code == 204
        one = f"{GENERATIONS}/{done.json()['id']}"
        assert (await client.get(one, headers=auth(ada))).json()["status"] == "completed"
        assert (await client.delete(one, headers=auth(ada))).status_code == 204


def parse_events(text: str) -> list[tuple[int, str, dict[str, Any]]]:
    events = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((int(fields["id"]), fields["event"], json.loads(fields["data"])))
    return events


async def test_the_event_stream_shows_every_stage_in_order_and_resumes(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        done = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        url = f"{GENERATIONS}/{done.json()['id']}/events"
        stream = await client.get(url, headers=auth(ada))
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = parse_events(stream.text)
        stages = [(e[2]["stage"], e[2]["status"]) for e in events if e[1] == "stage"]
        names = ["analyse_job", "select", "write", "verify", "score", "store"]
        assert stages == [(n, s) for n in names for s in ("running", "completed")]
        assert events[-1][1:] == ("done", {"status": "completed", "error": None})
        assert [e[0] for e in events] == list(range(len(events)))
        rest = await client.get(url, headers={**auth(ada), "Last-Event-ID": "9"})
        assert [e[0] for e in parse_events(rest.text)] == list(range(10, len(events)))


@pytest.mark.parametrize(
    "body",
    [
        {"max_experiences": 0},
        {"max_experiences": 11},
        {"max_projects": -1},
        {"custom_prompt": "x" * 2001},
        {"writer": "gpt"},
    ],
)
async def test_options_out_of_range_are_400(
    tmp_path: Path, database_url: str, body: dict[str, Any]
) -> None:
    async with app_client(tmp_path, database_url, generation_workers=0) as (client, _):
        ada = await user(client, "ada@example.com")
        response = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"], **body}, headers=auth(ada)
        )
        assert response.status_code == 400, response.text
