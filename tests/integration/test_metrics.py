"""GET /metrics after a known sequence of requests says exactly that, and names no one.

Register, two wrong passwords, a profile, the profile read twice, two 404s (an unknown path
and an unknown profile), a job, a generation and a PDF export (fake renderer); then the
counters and histogram counts of those routes are checked to the unit, and no id or e-mail of
what was made appears anywhere in the text. The token guard: 401 without it, 200 with it.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from resumecore.services.exports.create import Renderers
from tests.integration.http_helpers import Client, app_client, assert_problem
from tests.integration.test_http_generations import GENERATIONS, POSTING, auth
from tests.support.profiles import full_profile
from tests.support.renderers import fake_renderers

TOKEN = "scrape-token-0123456789"
SCRAPE = {"Authorization": f"Bearer {TOKEN}"}
EMAIL = "grace.hopper@example.com"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(client: Client) -> tuple[str, Samples]:
    response = await client.get("/metrics", headers=SCRAPE)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }
    return response.text, samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def known_sequence(client: Client) -> list[str]:
    """The requests the metrics must describe; returns every id and e-mail they made."""
    registered = await client.post(
        "/api/v1/auth/register",
        json={"email": EMAIL, "password": "correct horse battery", "full_name": "Grace"},
    )
    assert registered.status_code == 201, registered.text
    for _ in range(2):
        wrong = await client.post(
            "/api/v1/auth/login", json={"email": EMAIL, "password": "not the password"}
        )
        assert wrong.status_code == 401, wrong.text
    who = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    profile = await client.post("/api/v1/profiles", json=full_profile(), headers=who)
    assert profile.status_code == 201, profile.text
    profile_id = profile.json()["id"]
    for _ in range(2):
        read = await client.get(f"/api/v1/profiles/{profile_id}", headers=who)
        assert read.status_code == 200, read.text
    assert_problem(await client.get("/api/v1/no-such-thing/12345", headers=who), 404)
    missing = str(uuid.uuid4())
    assert_problem(await client.get(f"/api/v1/profiles/{missing}", headers=who), 404)
    job = await client.post(
        "/api/v1/jobs", json={"source": "user_created", "raw_text": POSTING}, headers=who
    )
    assert job.status_code == 201, job.text
    made = await client.post(
        f"{GENERATIONS}/resume", json={"job_id": job.json()["id"]}, headers=auth(who)
    )
    assert made.status_code == 201, made.text
    export = await client.post(
        "/api/v1/exports/pdf",
        json={"generation_id": made.json()["id"], "template": "modern", "format": "pdf"},
        headers=who,
    )
    assert export.status_code == 201, export.text
    user_id = (await client.get("/api/v1/auth/me", headers=who)).json()["id"]
    return [
        EMAIL, str(user_id), profile_id, missing, job.json()["id"],
        made.json()["id"], export.json()["id"],
    ]  # fmt: skip


async def generation_counted(client: Client) -> tuple[str, Samples]:
    """The worker reports a generation just after the handler has answered: wait for it."""
    for _ in range(50):
        text, samples = await scrape(client)
        if any(name == "resumecore_generations_total" for name, _ in samples):
            return text, samples
        await asyncio.sleep(0.1)
    raise AssertionError("the generation was never counted")


async def test_the_metrics_say_exactly_what_was_done_and_name_no_one(
    tmp_path: Path, database_url: str
) -> None:
    overrides = {Renderers: fake_renderers()}
    async with app_client(tmp_path, database_url, overrides=overrides, metrics_token=TOKEN) as (
        client,
        _,
    ):
        made = await known_sequence(client)
        text, samples = await generation_counted(client)

    def requests(route: str, method: str, status_class: str) -> float:
        labels = {"route": route, "method": method, "status_class": status_class}
        return value(samples, "resumecore_http_requests_total", **labels)

    def timed(route: str, method: str) -> float:
        labels = {"route": route, "method": method}
        return value(samples, "resumecore_http_request_duration_seconds_count", **labels)

    profile_route = "/api/v1/profiles/{profile_id}"
    assert requests("/api/v1/auth/register", "POST", "2xx") == 1
    assert requests("/api/v1/auth/login", "POST", "4xx") == 2
    assert requests("/api/v1/auth/login", "POST", "2xx") == 0
    assert requests("/api/v1/profiles", "POST", "2xx") == 1
    assert requests(profile_route, "GET", "2xx") == 2
    assert requests(profile_route, "GET", "4xx") == 1
    assert requests("<unmatched>", "GET", "4xx") == 1
    assert requests("/api/v1/generations/resume", "POST", "2xx") == 1
    assert requests("/api/v1/exports/pdf", "POST", "2xx") == 1
    assert requests("/api/v1/jobs", "POST", "2xx") == 1
    assert requests("/api/v1/auth/me", "GET", "2xx") == 1
    assert timed(profile_route, "GET") == 3
    assert timed("/api/v1/auth/login", "POST") == 2
    assert timed("<unmatched>", "GET") == 1
    # the 12 requests above and the earlier scrapes (this one ends after it is written): no more
    answered = sum(v for (n, _), v in samples.items() if n == "resumecore_http_requests_total")
    assert answered == 12 + requests("/metrics", "GET", "2xx")
    assert value(samples, "resumecore_http_requests_in_flight") == 1  # the scrape itself
    assert value(samples, "resumecore_login_failures_total") == 2
    assert value(samples, "resumecore_login_lockouts_total") == 0
    assert value(samples, "resumecore_exports_total", format="pdf", kind="single") == 1
    generations = {
        dict(labels)["status"]: v
        for (n, labels), v in samples.items()
        if n == "resumecore_generations_total"
    }
    assert generations == {"completed": 1}
    for stage in ("analyse_job", "select", "write", "verify", "score", "store"):
        stage_labels = {"stage": stage, "status": "completed"}
        count = "resumecore_generation_stage_duration_seconds_count"
        assert value(samples, count, **stage_labels) == 1, stage
    assert value(samples, "resumecore_queue_tasks", queue="embedded", state="queued") == 0
    assert value(samples, "resumecore_queue_tasks", queue="embedded", state="leased") == 0
    assert ("resumecore_db_pool_checked_out", frozenset()) in samples
    cache_up = {"backend": "none"}  # no RESUMECORE_REDIS_URL: nothing shared, nothing wrong
    assert value(samples, "resumecore_shared_cache_available", **cache_up) == 1
    for secret in made:
        assert secret.lower() not in text.lower(), secret


async def test_the_metrics_token_is_required_when_set(tmp_path: Path, database_url: str) -> None:
    async with app_client(tmp_path, database_url, metrics_token=TOKEN) as (client, _):
        assert_problem(await client.get("/metrics"), 401)
        wrong = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}x"})
        assert_problem(wrong, 401)
        assert wrong.headers["www-authenticate"] == "Bearer"
        assert (await client.get("/metrics", headers=SCRAPE)).status_code == 200
        schema = (await client.get("/schema/openapi.json")).json()
        assert "/metrics" not in schema["paths"]


async def test_without_a_token_the_metrics_are_open(tmp_path: Path, database_url: str) -> None:
    async with app_client(tmp_path, database_url, metrics_token="") as (client, _):
        response = await client.get("/metrics")
        assert response.status_code == 200
        assert "resumecore_http_requests_in_flight 1.0" in response.text
