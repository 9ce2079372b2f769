"""Re-applying writes that lost a race: how often, and what the last loser is told."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from resumecore.errors import Conflict, VersionConflict
from resumecore.services import retry
from resumecore.services.retry import UNCONDITIONAL_ATTEMPTS, retrying


class Racer:
    """An attempt that loses the race ``losses`` times, then wins."""

    def __init__(self, losses: int) -> None:
        self.losses = losses
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.losses:
            raise VersionConflict("lost", current_version=self.calls + 1)
        return "saved"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "FIRST_BACKOFF_SECONDS", 0.0)


async def test_with_an_expected_version_a_lost_race_is_a_version_conflict_at_once() -> None:
    racer = Racer(losses=1)
    with pytest.raises(VersionConflict):
        await retrying(racer, expected_version=3)
    assert racer.calls == 1


async def test_without_one_the_write_is_reapplied_until_it_lands() -> None:
    racer = Racer(losses=UNCONDITIONAL_ATTEMPTS - 1)
    assert await retrying(racer, expected_version=None) == "saved"
    assert racer.calls == UNCONDITIONAL_ATTEMPTS


async def test_a_write_that_loses_every_time_is_a_plain_conflict_not_a_failed_precondition() -> (
    None
):
    racer = Racer(losses=UNCONDITIONAL_ATTEMPTS)
    with pytest.raises(Conflict) as raised:
        await retrying(racer, expected_version=None)
    assert type(raised.value) is Conflict  # 409: the client gave no precondition to fail
    assert racer.calls == UNCONDITIONAL_ATTEMPTS


async def test_unconditional_writes_to_one_key_run_one_at_a_time_and_the_key_is_forgotten() -> None:
    inside: list[str] = []
    overlaps: list[tuple[str, ...]] = []

    def writer(name: str) -> Callable[[], Awaitable[str]]:
        async def attempt() -> str:
            inside.append(name)
            overlaps.append(tuple(inside))
            await asyncio.sleep(0.001)
            inside.remove(name)
            return name

        return attempt

    same = [retrying(writer(f"p{i}"), None, key="profile:1") for i in range(5)]
    other = [retrying(writer("j"), None, key="job:1")]
    assert sorted(await asyncio.gather(*same, *other)) == ["j", "p0", "p1", "p2", "p3", "p4"]
    assert all(sum(name.startswith("p") for name in seen) <= 1 for seen in overlaps)
    assert any(len(seen) == 2 for seen in overlaps)  # the other key was not held up
    assert len(retry.WRITERS) == 0


async def test_a_failing_write_releases_its_key() -> None:
    async def broken() -> str:
        raise ValueError("bug")

    with pytest.raises(ValueError, match="bug"):
        await retrying(broken, None, key="profile:2")
    assert len(retry.WRITERS) == 0
    assert await retrying(Racer(losses=0), None, key="profile:2") == "saved"
