"""Use cases that change a profile: whole parts (PUT) or a batch of operations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_editing import apply_all
from resumecore.model.profile_revision import revise
from resumecore.operations import Operation
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.idempotency import remember, replay
from resumecore.services.profiles.access import check_version, load_owned
from resumecore.services.retry import retrying


class ProfileChange(msgspec.Struct, frozen=True, kw_only=True):
    """The profile before and after an accepted change."""

    before: Profile
    after: Profile


class ApplyProfileOperations:
    """Apply operations atomically: all are accepted with one version bump, or none.

    Raises:
        NotFound: unknown or foreign profile.
        VersionConflict: ``expected_version`` is stale, or a concurrent write won (without an
            expected version, the batch is re-applied on the new version instead).
        BulkOperationRejected: every failing operation by index; nothing is written.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        profile_id: str,
        operations: Sequence[Operation],
        *,
        expected_version: int | None = None,
        idempotency: IdempotencyKey | None = None,
    ) -> ProfileChange:
        """Load, check the version, apply purely, save conditionally, commit.

        With an idempotency key, a repeat of the same request returns the first change.
        """
        return await retrying(
            lambda: self._attempt(principal, profile_id, operations, expected_version, idempotency),
            expected_version,
            key=f"profile:{profile_id}",
        )

    async def _attempt(
        self,
        principal: Principal,
        profile_id: str,
        operations: Sequence[Operation],
        expected_version: int | None,
        idempotency: IdempotencyKey | None,
    ) -> ProfileChange:
        now = self._clock.now()
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, ProfileChange, now)
            if earlier is not None:
                return earlier
            before = await load_owned(uow, principal, profile_id)
            check_version(before, expected_version)
            after = apply_all(before, operations, new_id=self._ids.new_id, at=now)
            change = ProfileChange(before=before, after=after)
            if after is not before:
                await uow.profiles.save(after, expected_version=before.version)
            await remember(uow, principal.user_id, idempotency, change, now)
            await uow.commit()
        return change


class ReviseProfile:
    """Replace top-level parts of a profile (PUT): lists replace lists, known ids are kept.

    Raises:
        NotFound, VersionConflict: as for operations.
        InvalidValue: every broken rule with field paths; nothing is written.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        profile_id: str,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Profile:
        """Validate the whole result, save conditionally, commit."""
        return await retrying(
            lambda: self._attempt(principal, profile_id, changes, expected_version),
            expected_version,
            key=f"profile:{profile_id}",
        )

    async def _attempt(
        self,
        principal: Principal,
        profile_id: str,
        changes: Mapping[str, Any],
        expected_version: int | None,
    ) -> Profile:
        async with self._uow() as uow:
            before = await load_owned(uow, principal, profile_id)
            check_version(before, expected_version)
            after = revise(before, changes, new_id=self._ids.new_id, at=self._clock.now())
            await uow.profiles.save(after, expected_version=before.version)
            await uow.commit()
        return after
