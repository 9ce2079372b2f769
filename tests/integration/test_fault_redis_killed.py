"""Fault: the Redis behind RESUMECORE_REDIS_URL is killed while the service runs.

Rate limits and lockouts then count per process (``FallbackAttemptCounter``) and the service
keeps serving: logins, registrations, reads and writes answer as before, never 503 or 500, and
the per-IP quota still refuses the request over the limit. When Redis is back, counting returns
to it. Before the fix every throttled route (register, login, check-email) answered 503.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from redis.asyncio import Redis

from resumecore_server.adapters.throttle.redis_counter import PREFIX
from tests.integration.http_helpers import AUTH, PASSWORD, app_client, bearer, register
from tests.support.clock import FakeClock
from tests.support.throwaway_servers import redis_server

pytestmark = pytest.mark.redis
QUOTA = 4  # per IP, bucket and minute


async def shared_keys(url: str) -> list[bytes]:
    client = Redis.from_url(url)
    try:
        return [key async for key in client.scan_iter(match=f"{PREFIX}*")]
    finally:
        await client.aclose()


async def test_killing_redis_degrades_rate_limits_to_the_process_and_keeps_serving(
    tmp_path: Path, sqlite_only_url: str
) -> None:
    clock = FakeClock()
    with redis_server(tmp_path) as redis:
        async with app_client(
            tmp_path, sqlite_only_url, clock=clock,
            redis_url=redis.url, ip_requests_per_minute=QUOTA,
        ) as (client, _):  # fmt: skip
            tokens = await register(client)
            assert await shared_keys(redis.url), "with Redis up, counting is shared"

            redis.kill()

            email = "grace@example.com"
            login = {"email": email, "password": PASSWORD}
            made = await client.post(
                f"{AUTH}/register", json={**login, "full_name": "Grace Hopper"}
            )
            assert made.status_code == 201, made.text
            logged_in = await client.post(f"{AUTH}/login", json=login)
            assert logged_in.status_code == 200, logged_in.text
            me = await client.get(f"{AUTH}/me", headers=bearer(tokens["access_token"]))
            assert me.status_code == 200, me.text
            created = await client.post(
                "/api/v1/profiles",
                json={"personal_info": {"full_name": "Grace Hopper", "email": email}},
                headers=bearer(logged_in.json()["access_token"]),
            )
            assert created.status_code == 201, created.text

            # Counted in this process now: the quota fits, the request after it is refused.
            statuses = [
                (await client.get(f"{AUTH}/check-email", params={"email": email})).status_code
                for _ in range(QUOTA + 1)
            ]
            assert statuses == [200] * QUOTA + [429], statuses

            redis.start()  # empty: no persistence
            clock.advance(seconds=61)  # past the retry pause and the one-minute window
            back = await client.get(f"{AUTH}/check-email", params={"email": "x@example.com"})
            assert back.status_code == 200, back.text
            assert await shared_keys(redis.url), "with Redis back, counting is shared again"
