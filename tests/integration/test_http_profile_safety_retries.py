"""Lost updates on the profile routes, over HTTP on SQLite and PostgreSQL.

If-Match: of two clients that read version 3, exactly one write wins and the other gets 412 with
the new ETag, also when both really raced; writes without If-Match are all accepted and never
lose a version (nor a concurrently added skill); two racing first profiles make one primary.
Idempotency keys are in ``test_http_profile_safety_idempotency``, which reuses
``racing_client``.

Litestar's ``AsyncTestClient`` runs each request to completion on its own portal loop, so
``asyncio.gather`` over it is sequential. The concurrent tests therefore serve the real app with
``httpx.ASGITransport`` on the test's loop, and make the race deterministic by wrapping the
app's real unit-of-work factory so that one repository read (``get`` by default) waits until
both requests have made it (``PausingUnits``). Everything else is the production wiring.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx import AsyncClient

from resumecore.ports.uow import UnitOfWorkFactory
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.http.app import create_app
from tests.integration.test_http_profile_safety import (
    PROFILES,
    assert_problem,
    create_profile,
    login,
    profile_body,
    register,
)


class Rendezvous:
    """Once armed, holds the first ``parties`` callers until all arrived (or ``timeout``)."""

    def __init__(self, parties: int = 2, timeout: float = 5.0) -> None:
        self.parties, self.timeout = parties, timeout
        self.armed = False
        self.arrived = 0
        self._all_here = asyncio.Event()

    async def wait(self) -> None:
        if not self.armed or self.arrived >= self.parties:
            return
        self.arrived += 1
        if self.arrived == self.parties:
            self._all_here.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._all_here.wait(), self.timeout)


class PausingUnits:
    """The app's real units of work; ``<repository>.<method>`` meets a rendezvous after reading."""

    def __init__(
        self, inner: UnitOfWorkFactory, repository: str, method: str, meet: Rendezvous
    ) -> None:
        self._inner, self._target, self._meet = inner, (repository, method), meet

    def __call__(self) -> Any:
        return _PausingUnit(self._inner(), self._target, self._meet)


class _PausingUnit:
    def __init__(self, unit: Any, target: tuple[str, str], meet: Rendezvous) -> None:
        self._unit, self._target, self._meet = unit, target, meet

    async def __aenter__(self) -> Any:
        unit = await self._unit.__aenter__()
        repository = getattr(unit, self._target[0])
        read = getattr(repository, self._target[1])

        async def paused(*args: Any, **kwargs: Any) -> Any:
            result = await read(*args, **kwargs)
            await self._meet.wait()
            return result

        setattr(repository, self._target[1], paused)
        return unit

    async def __aexit__(self, *exc: object) -> None:
        await self._unit.__aexit__(*exc)


@contextlib.asynccontextmanager
async def racing_client(
    application: Application, repository: str, method: str = "get"
) -> AsyncIterator[tuple[AsyncClient, Rendezvous]]:
    """A client on the real app, in this loop, whose ``repository.method`` can be made to race."""
    meet = Rendezvous()
    inner = application.resolve(UnitOfWorkFactory)
    application.container.register(
        UnitOfWorkFactory, instance=PausingUnits(inner, repository, method, meet)
    )
    transport = httpx.ASGITransport(app=create_app(application))
    async with AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client, meet


async def at_version_3(client: AsyncClient, headers: dict[str, str]) -> str:
    """A new profile edited twice; its URL."""
    url = f"{PROFILES}/{(await create_profile(client, headers))['id']}"
    for summary in ("v2", "v3"):
        assert (
            await client.put(url, json={"professional_summary": summary}, headers=headers)
        ).status_code == 200
    assert (await client.get(url, headers=headers)).headers["etag"] == '"3"'
    return url


# --- (b) lost updates --------------------------------------------------------------------------


async def test_of_two_clients_editing_version_3_one_wins_and_one_gets_412(
    client: AsyncClient, application: Application
) -> None:
    phone = await register(client)
    laptop = await login(client)
    url = await at_version_3(client, phone)
    for headers in (phone, laptop):
        assert (await client.get(url, headers=headers)).headers["etag"] == '"3"'

    first = await client.put(
        url, json={"professional_summary": "phone"}, headers={**phone, "If-Match": '"3"'}
    )
    second = await client.put(
        url, json={"professional_summary": "laptop"}, headers={**laptop, "If-Match": '"3"'}
    )

    assert first.status_code == 200, first.text
    assert first.headers["etag"] == '"4"'
    assert_problem(second, 412)
    assert second.headers["etag"] == '"4"'
    current = (await client.get(url, headers=laptop)).json()
    assert (current["version"], current["professional_summary"]) == (4, "phone")
    retried = await client.put(
        url, json={"professional_summary": "laptop"}, headers={**laptop, "If-Match": '"4"'}
    )
    assert (retried.status_code, retried.json()["version"]) == (200, 5)


async def test_concurrent_writes_of_version_3_have_one_winner_and_a_412_with_the_new_etag(
    application: Application,
) -> None:
    async with racing_client(application, "profiles") as (client, meet):
        headers = await register(client)
        url = await at_version_3(client, headers)
        meet.armed = True

        responses = await asyncio.gather(
            *(
                client.put(
                    url, json={"professional_summary": name}, headers={**headers, "If-Match": '"3"'}
                )
                for name in ("left", "right")
            )
        )
        final = (await client.get(url, headers=headers)).json()

    assert meet.arrived == 2  # both requests really loaded version 3 before either saved
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 412], [r.text for r in responses]
    winner = next(r for r in responses if r.status_code == 200)
    loser = next(r for r in responses if r.status_code == 412)
    assert final["version"] == 4
    assert final["professional_summary"] == winner.json()["professional_summary"]
    assert loser.headers.get("etag") == '"4"', loser.headers


async def test_concurrent_writes_without_if_match_are_all_accepted_and_lose_no_version(
    application: Application,
) -> None:
    # "A write without If-Match is accepted": a lost race is re-applied, never a 412.
    async with racing_client(application, "profiles") as (client, meet):
        headers = await register(client)
        url = await at_version_3(client, headers)
        meet.armed = True
        paused = await asyncio.gather(
            *(client.put(url, json={"custom_fields": {"w": i}}, headers=headers) for i in range(2))
        )
        burst = await asyncio.gather(
            *(client.put(url, json={"custom_fields": {"b": i}}, headers=headers) for i in range(5))
        )
        final = (await client.get(url, headers=headers)).json()

    assert meet.arrived == 2
    responses = [*paused, *burst]
    accepted = [r for r in responses if r.status_code == 200]
    assert len(accepted) == len(responses), [r.text for r in responses]
    assert final["version"] == 3 + len(accepted)
    assert sorted(r.json()["version"] for r in accepted) == list(range(4, 4 + len(accepted)))
    latest = max(accepted, key=lambda r: r.json()["version"])
    assert final["custom_fields"] == latest.json()["custom_fields"]


async def test_concurrent_skill_additions_without_if_match_keep_both_skills(
    application: Application,
) -> None:
    async with racing_client(application, "profiles") as (client, meet):
        headers = await register(client)
        url = await at_version_3(client, headers)
        meet.armed = True
        responses = await asyncio.gather(
            *(
                client.post(f"{url}/skills/technical", json={"skills": [name]}, headers=headers)
                for name in ("Elixir", "Haskell")
            )
        )
        final = (await client.get(url, headers=headers)).json()

    assert meet.arrived == 2
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    assert final["skills"]["technical"][-2:] in (["Elixir", "Haskell"], ["Haskell", "Elixir"])
    assert final["version"] == 5


async def test_two_concurrent_first_profiles_make_exactly_one_primary(
    application: Application,
) -> None:
    async with racing_client(application, "profiles", "count_for_user") as (client, meet):
        headers = await register(client)
        meet.armed = True
        created = await asyncio.gather(
            *(client.post(PROFILES, json=profile_body(name), headers=headers) for name in "AB")
        )
        listed = (await client.get(PROFILES, headers=headers)).json()

    assert meet.arrived == 2  # both counted the user's profiles before either was stored
    statuses = sorted(r.status_code for r in created)
    assert statuses in ([201, 201], [201, 409]), [r.text for r in created]
    assert listed["total"] == statuses.count(201)
    assert sum(p["is_primary"] for p in listed["profiles"]) == 1, listed["profiles"]


async def test_a_crowd_of_writers_without_if_match_on_one_profile_all_land(
    application: Application,
) -> None:
    # A crowd like this used to exhaust the re-apply attempts now and then (and answer 412).
    crowd = 32
    async with racing_client(application, "profiles") as (client, _meet):
        headers = await register(client)
        url = await at_version_3(client, headers)
        responses = await asyncio.gather(
            *(
                client.put(url, json={"custom_fields": {"c": i}}, headers=headers)
                for i in range(crowd)
            )
        )
        final = (await client.get(url, headers=headers)).json()

    assert [r.status_code for r in responses] == [200] * crowd, [r.text for r in responses]
    assert final["version"] == 3 + crowd
    assert sorted(r.json()["version"] for r in responses) == list(range(4, 4 + crowd))
