"""The EnhanceProfile use case on the in-memory unit of work: ownership, races, no-op repeats."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable

import pytest

from resumecore.enhancement.offline import OfflineEnhancer
from resumecore.errors import NotFound
from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import User
from resumecore.ports.profile_enhancer import Enhancement, ProfileEnhancer
from resumecore.ports.work import IN_PLACE
from resumecore.services.profiles.edit import ReviseProfile
from resumecore.services.profiles.enhance import EnhanceProfile
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.system import UuidGenerator
from resumecore_server.adapters.throttle.costly_work_limiter import InProcessCostlyWorkLimiter
from tests.support.clock import FakeClock
from tests.support.profiles import full_profile

OWNER = Principal(user_id=UserId("owner"), session_id=SessionId("s1"))
OTHER = Principal(user_id=UserId("other"), session_id=SessionId("s2"))


class EditsWhileEnhancing:
    """The offline enhancer, but the first call lets another request edit the profile."""

    name, version = "offline", "enhance-1"

    def __init__(self, edit: Callable[[], Awaitable[object]]) -> None:
        self.calls = 0
        self._edit = edit
        self._inner = OfflineEnhancer()

    async def enhance(self, profile: Profile) -> Enhancement:
        self.calls += 1
        if self.calls == 1:
            await self._edit()
        return await self._inner.enhance(profile)


async def seeded() -> tuple[MemoryUnitOfWorkFactory, FakeClock, Profile]:
    uow, clock = MemoryUnitOfWorkFactory(), FakeClock()
    now = clock.now()
    uow.tables.users[OWNER.user_id] = User(
        id=OWNER.user_id, email="ada@example.com", full_name="Ada", password_hash="x",
        created_at=now, updated_at=now,
    )  # fmt: skip
    counter = itertools.count()
    profile = new_profile(
        ProfileId("profile-1"), OWNER.user_id, full_profile(), is_primary=True,
        new_id=lambda: f"item-{next(counter)}", at=clock.now(),
    )  # fmt: skip
    async with uow() as unit:
        await unit.profiles.add(profile)
        await unit.commit()
    return uow, clock, profile


def use_case(
    uow: MemoryUnitOfWorkFactory, enhancer: ProfileEnhancer | None = None
) -> EnhanceProfile:
    limiter = InProcessCostlyWorkLimiter(2)
    return EnhanceProfile(uow, enhancer or OfflineEnhancer(), IN_PLACE, limiter)


async def test_a_second_enhancement_changes_nothing_and_bumps_no_version() -> None:
    uow, _, profile = await seeded()
    enhance = use_case(uow)

    first = await enhance(OWNER, profile.id)
    second = await enhance(OWNER, profile.id)

    assert (first.changed, first.profile.version) == (True, 2)
    assert (second.changed, second.profile.version) == (False, 2)
    assert second.profile == first.profile
    assert first.profile.experiences[0].achievements == profile.experiences[0].achievements


async def test_another_users_profile_is_not_found_and_untouched() -> None:
    uow, _, profile = await seeded()

    with pytest.raises(NotFound):
        await use_case(uow)(OTHER, profile.id)
    with pytest.raises(NotFound):
        await use_case(uow)(OWNER, "no-such-profile")
    async with uow() as unit:
        assert await unit.profiles.get(profile.id) == profile


async def test_an_edit_made_while_enhancing_is_kept_and_the_run_repeats_on_it() -> None:
    uow, clock, profile = await seeded()
    revise = ReviseProfile(uow, clock, UuidGenerator())
    enhancer = EditsWhileEnhancing(
        lambda: revise(OWNER, profile.id, {"professional_summary": "mentor of 4 engineers"})
    )

    done = await use_case(uow, enhancer)(OWNER, profile.id)

    assert enhancer.calls == 2
    assert done.profile.version == 3
    assert done.profile.professional_summary == "mentor of 4 engineers"
    assert done.profile.enhanced_professional_summary == "Mentor of 4 engineers."
    async with uow() as unit:
        assert await unit.profiles.get(profile.id) == done.profile
