"""Match reports and rankings cost CPU: they share one per-IP quota bucket."""

from __future__ import annotations

from pathlib import Path

from tests.integration.http_helpers import app_client
from tests.integration.test_http_jobs_flow import JOBS, POSTING
from tests.integration.test_http_login_throttle import assert_throttled
from tests.integration.test_http_profiles_flow import bearer, create
from tests.support.clock import FakeClock
from tests.support.profiles import full_profile


async def test_the_eleventh_scoring_in_a_minute_is_429_and_the_next_minute_is_fine(
    tmp_path: Path, sqlite_url: str
) -> None:
    clock = FakeClock()
    async with app_client(tmp_path, sqlite_url, clock=clock, ip_requests_per_minute=10) as (
        client,
        _,
    ):
        headers = await bearer(client)  # auth routes count in their own bucket
        await create(client, headers, full_profile())
        job = (
            await client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)
        ).json()
        match = f"{JOBS}/{job['id']}/match"
        ranking = ("/api/v1/rankings/create", {"job_id": job["id"]})
        for i in range(10):
            response = (
                await client.get(match, headers=headers)
                if i % 2
                else await client.post(ranking[0], json=ranking[1], headers=headers)
            )
            assert response.status_code == 200, response.text
        assert_throttled(await client.get(match, headers=headers))
        assert_throttled(await client.post(ranking[0], json=ranking[1], headers=headers))
        # Other routes are not in this bucket.
        assert (await client.get(f"{JOBS}/{job['id']}", headers=headers)).status_code == 200
        clock.advance(61)
        assert (await client.get(match, headers=headers)).status_code == 200
