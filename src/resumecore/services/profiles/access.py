"""Loading a profile the caller owns, and checking the version a client expects."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from resumecore.errors import NotFound, VersionConflict
from resumecore.ids import ProfileId
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_slice import ProfileSlice
from resumecore.ports.uow import UnitOfWork

PROFILE_NOT_FOUND = "Profile not found."
MAX_ID_LENGTH = 64


def plausible_id(value: str) -> bool:
    """Ids are short printable strings; anything else cannot exist and is never queried."""
    return 0 < len(value) <= MAX_ID_LENGTH and value.isprintable()


async def load_owned(uow: UnitOfWork, principal: Principal, profile_id: str) -> Profile:
    """The caller's profile; another user's profile is reported exactly like a missing one.

    Raises:
        NotFound: no such profile for this caller.
    """
    if not plausible_id(profile_id):
        raise NotFound(PROFILE_NOT_FOUND)
    profile = await uow.profiles.get(ProfileId(profile_id))
    if profile is None or profile.user_id != principal.user_id:
        raise NotFound(PROFILE_NOT_FOUND)
    return profile


async def load_owned_slice(
    uow: UnitOfWork,
    principal: Principal,
    profile_id: str,
    *,
    kinds: Collection[str],
    ids: Collection[str],
) -> ProfileSlice:
    """The slice of the caller's profile an edit of items needs (``get_slice``).

    Another user's profile is reported exactly like a missing one.

    Raises:
        NotFound: no such profile for this caller.
    """
    if not plausible_id(profile_id):
        raise NotFound(PROFILE_NOT_FOUND)
    part = await uow.profiles.get_slice(ProfileId(profile_id), kinds=kinds, ids=ids)
    if part is None or part.user_id != principal.user_id:
        raise NotFound(PROFILE_NOT_FOUND)
    return part


class Versioned(Protocol):
    """Anything that carries the version of a stored profile."""

    @property
    def version(self) -> int:
        """The stored version."""
        ...


def check_version(profile: Versioned, expected_version: int | None) -> None:
    """Raise ``VersionConflict`` when the client edited an older version (If-Match)."""
    if expected_version is not None and expected_version != profile.version:
        raise VersionConflict(
            "The profile has changed since you read it.", current_version=profile.version
        )
