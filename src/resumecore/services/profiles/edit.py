"""Use cases that change a profile: whole parts (PUT) or a batch of operations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from resumecore.commands import AnyCommand
from resumecore.commands.editing import edit
from resumecore.model.components import Component
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import revise
from resumecore.operations import Operation
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.idempotency import remember, replay
from resumecore.services.profiles.access import check_version, load_owned
from resumecore.services.retry import retrying


class ChangeRecord(msgspec.Struct, frozen=True, kw_only=True):
    """What an accepted change did (all an idempotent replay needs to answer again)."""

    profile_id: str
    version: int
    created_ids: tuple[str, ...] = ()
    removed_ids: tuple[str, ...] = ()


class Changed(ChangeRecord, frozen=True, kw_only=True):
    """What an accepted change did, with the profile as it now is."""

    profile: Profile

    def items(self, kind: str, ids: Sequence[str]) -> list[Component]:
        """The profile's items of ``kind`` with ``ids``, in the order of ``ids``."""
        found = (self.profile.find(kind, item_id) for item_id in ids)
        return [item for item in found if item is not None]


class ApplyProfileOperations:
    """Apply commands atomically: all are accepted with one version bump, or none.

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
        commands: Sequence[AnyCommand | Operation],
        *,
        expected_version: int | None = None,
        idempotency: IdempotencyKey | None = None,
    ) -> Changed:
        """Load, check the version, apply purely, save conditionally, commit.

        Wire ``Operation``s are read as commands one by one (a bad one fails at its index).
        With an idempotency key, a repeat of the same request returns the first change's ids
        and version (with the profile as it is now: the same, unless it changed since).
        """
        return await retrying(
            lambda: self._attempt(principal, profile_id, commands, expected_version, idempotency),
            expected_version,
            key=f"profile:{profile_id}",
        )

    async def _attempt(
        self,
        principal: Principal,
        profile_id: str,
        commands: Sequence[AnyCommand | Operation],
        expected_version: int | None,
        idempotency: IdempotencyKey | None,
    ) -> Changed:
        now = self._clock.now()
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, ChangeRecord, now)
            if earlier is not None:
                profile = await load_owned(uow, principal, profile_id)
                return Changed(**msgspec.structs.asdict(earlier), profile=profile)
            before = await load_owned(uow, principal, profile_id)
            check_version(before, expected_version)
            done = edit(before, commands, new_id=self._ids.new_id, at=now)
            if done.profile is not before:
                await uow.profiles.save(done.profile, expected_version=before.version)
            record = ChangeRecord(
                profile_id=before.id,
                version=done.profile.version,
                created_ids=done.created_ids,
                removed_ids=done.removed_ids,
            )
            await remember(uow, principal.user_id, idempotency, record, now)
            await uow.commit()
        return Changed(**msgspec.structs.asdict(record), profile=done.profile)


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
