"""The largest profile scored in one request: ranking and matching it must not stall others."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import httpx
import pytest

from resumecore.services.auth.account import AuthenticateAccessToken
from resumecore.services.profiles.create import CreateProfile
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import same_loop_client
from tests.integration.test_http_jobs_flow import JOBS, POSTING
from tests.integration.test_http_profiles_flow import bearer

BULLET = "Shipped feature {j} in Go and Terraform on Kubernetes, cutting latency by {j}%"


def maximal_profile() -> dict[str, object]:
    """50 experiences of 49 bullets: the scoring budget (2,500 items; larger profiles get 422).

    The profile rules allow 200 of 50 (10,200 items): ``tests/integration/security/
    test_load_regressions.py`` checks that such a profile is refused before any scoring.
    """
    return {
        "personal_info": {"full_name": "Max"},
        "experiences": [
            {"title": f"Engineer {i}", "company": f"Company {i}", "start_date": "2015-01",
             "end_date": "2016-01", "description": "Built Python services on PostgreSQL.",
             "achievements": [BULLET.format(j=j) for j in range(49)]}
            for i in range(50)
        ],
    }  # fmt: skip


@pytest.mark.alone
@pytest.mark.parametrize("route", ["match", "ranking"])
async def test_other_requests_are_served_while_a_maximal_profile_is_scored(
    application: Application, route: str
) -> None:
    async with same_loop_client(application) as client:
        headers = await bearer(client, "max@example.com")  # type: ignore[arg-type]
        token = headers["Authorization"].removeprefix("Bearer ")
        principal = await application.resolve(AuthenticateAccessToken)(token)
        await application.resolve(CreateProfile)(principal, maximal_profile())
        posting = {"raw_text": POSTING["raw_text"]}
        job = (await client.post(JOBS, json=posting, headers=headers)).json()

        def scoring_request() -> Awaitable[httpx.Response]:
            if route == "match":
                return client.get(f"{JOBS}/{job['id']}/match", headers=headers)
            body = {"job_id": job["id"]}
            return client.post("/api/v1/rankings/create", json=body, headers=headers)

        # One request first: the first of a process pays one-time costs on the loop (about
        # 0.3 s here), which are not scoring and would dominate a 2,500-item request.
        assert (await scoring_request()).status_code == 200
        loop = asyncio.get_running_loop()
        started = loop.time()
        scoring = asyncio.ensure_future(scoring_request())
        longest_stall = 0.0
        while not scoring.done():  # how long does the loop go without running this task?
            before = loop.time()
            await asyncio.sleep(0.005)
            longest_stall = max(longest_stall, loop.time() - before)
        took = loop.time() - started
        response = await scoring
        # Scoring on the loop would stall it for the whole request (stall ~ took). In a thread
        # it does not, but the loop can still wait for the GIL the scoring thread holds (not
        # pinned down yet): up to ~0.5 s of a ~0.9 s request was seen on CI, so the bound
        # separates the two cases without timing the GIL hand-off.
        assert longest_stall < took * 0.75, (longest_stall, took)
        assert (await client.get("/health")).status_code == 200
        assert response.status_code == 200, response.text
        assert len(response.json()["items" if route == "ranking" else "requirements"]) > 0
