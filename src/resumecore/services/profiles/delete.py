"""Use case: delete a profile and everything that hangs off it."""

from __future__ import annotations

from resumecore.model.principal import Principal
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.profiles.access import check_version, load_owned


class DeleteProfile:
    """Delete one of the caller's profiles and everything that hangs off it.

    If it was primary, the oldest remaining profile becomes primary.

    Raises:
        NotFound: unknown or foreign profile (also on a second delete).
        VersionConflict: ``expected_version`` is stale.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, principal: Principal, profile_id: str, *, expected_version: int | None = None
    ) -> None:
        """Delete and commit."""
        async with self._uow() as uow:
            profile = await load_owned(uow, principal, profile_id)
            check_version(profile, expected_version)
            await uow.profiles.delete(profile.id)
            if profile.is_primary:
                remaining = await uow.profiles.list_for_user(principal.user_id, limit=1, offset=0)
                if remaining:
                    await uow.profiles.set_primary(remaining[0].id)
            await uow.commit()
