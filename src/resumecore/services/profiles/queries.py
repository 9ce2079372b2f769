"""Use cases that read profiles."""

from __future__ import annotations

from resumecore.errors import NotFound
from resumecore.ids import ProfileId
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.profiles.access import PROFILE_NOT_FOUND, load_owned, plausible_id


class GetProfile:
    """One of the caller's profiles. Raises ``NotFound`` for unknown or foreign ids."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, profile_id: str) -> Profile:
        """The profile with all components."""
        async with self._uow() as uow:
            return await load_owned(uow, principal, profile_id)


class GetProfileVersion:
    """The version of one of the caller's profiles, without loading it (cheap 304s).

    Raises ``NotFound`` for unknown or foreign ids.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, profile_id: str) -> int:
        """The current version."""
        if not plausible_id(profile_id):
            raise NotFound(PROFILE_NOT_FOUND)
        async with self._uow() as uow:
            found = await uow.profiles.owner_and_version(ProfileId(profile_id))
        if found is None or found[0] != principal.user_id:
            raise NotFound(PROFILE_NOT_FOUND)
        return found[1]


NO_PROFILE_YET = "No profile found"


class GetPrimaryProfileVersion:
    """The id and version of the caller's primary profile, without loading it (cheap reads).

    Raises ``NotFound`` when they have none.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal) -> tuple[ProfileId, int]:
        """The primary profile's id and current version."""
        async with self._uow() as uow:
            found = await uow.profiles.primary_version(principal.user_id)
        if found is None:
            raise NotFound(NO_PROFILE_YET)
        return found


class GetPrimaryProfile:
    """The caller's primary profile. Raises ``NotFound`` when they have none."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal) -> Profile:
        """The primary profile."""
        async with self._uow() as uow:
            profile = await uow.profiles.get_primary(principal.user_id)
        if profile is None:
            raise NotFound(NO_PROFILE_YET)
        return profile


class ListProfiles:
    """A page of the caller's profiles with the real total."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, *, limit: int, offset: int) -> Page[Profile]:
        """Oldest first."""
        async with self._uow() as uow:
            total = await uow.profiles.count_for_user(principal.user_id)
            items = await uow.profiles.list_for_user(principal.user_id, limit=limit, offset=offset)
        return Page(items=items, total=total, limit=limit, offset=offset)
