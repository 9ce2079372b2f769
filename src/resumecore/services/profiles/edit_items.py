"""The use case behind the item routes: add, update and remove items by id, flat in size.

It loads only the slice of the profile the commands need (owner, version, counts of the
touched kinds, the named items, whichever new ids are taken) and stores only the rows they
change, so an edit costs the same in a profile of 10 items and of 1,000. Rules, errors,
version bumps, idempotency and retries are those of ``ApplyProfileOperations``.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from resumecore.commands import AddComponent
from resumecore.commands.item_editing import ItemCommand, edit_slice
from resumecore.model.component_kinds import KINDS, MAX_ITEMS
from resumecore.model.components import Component
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.idempotency import remember, replay
from resumecore.services.profiles.access import check_version, load_owned_slice
from resumecore.services.profiles.edit import ChangeRecord
from resumecore.services.retry import retrying


class ItemsChanged(ChangeRecord, frozen=True, kw_only=True):
    """What an accepted edit of items did, with the items it named or created.

    ``touched``: those items as they now are, by kind, each kind in the profile's order
    (removed ones are gone).
    """

    touched: tuple[Component, ...] = ()

    def items(self, kind: str, ids: Sequence[str]) -> list[Component]:
        """The touched items of ``kind`` with ``ids``, in the order of ``ids``."""
        found = (self.find(kind, item_id) for item_id in ids)
        return [item for item in found if item is not None]

    def find(self, kind: str, item_id: str) -> Component | None:
        """The touched item of ``kind`` with ``item_id``, or None."""
        wanted = KINDS[kind].type
        return next((i for i in self.touched if i.id == item_id and isinstance(i, wanted)), None)


class EditProfileItems:
    """Add items at the end of their kind, update and remove items by id.

    All commands are accepted with one version bump, or none.

    Raises:
        NotFound: unknown or foreign profile.
        VersionConflict: ``expected_version`` is stale, or a concurrent write won (without an
            expected version, the edit is applied again on the new version instead).
        BulkOperationRejected: every failing command by index; nothing is written.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        profile_id: str,
        commands: Sequence[ItemCommand],
        *,
        expected_version: int | None = None,
        idempotency: IdempotencyKey | None = None,
    ) -> ItemsChanged:
        """Load the slice, check the version, apply purely, save the changed rows, commit.

        With an idempotency key, a repeat of the same request returns the first change's ids
        and version, with the created items as they are now.
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
        commands: Sequence[ItemCommand],
        expected_version: int | None,
        idempotency: IdempotencyKey | None,
    ) -> ItemsChanged:
        now = self._clock.now()
        kinds = {command.KIND for command in commands}
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, ChangeRecord, now)
            if earlier is not None:
                part = await load_owned_slice(
                    uow, principal, profile_id, kinds=kinds, ids=earlier.created_ids
                )
                touched = tuple(item for kind in MAX_ITEMS for item in part.items(kind))
                return ItemsChanged(**msgspec.structs.asdict(earlier), touched=touched)
            # The ids to give are drawn first, so the one load also says which are taken.
            fresh = [self._ids.new_id() for c in commands if isinstance(c, AddComponent)]
            named = {c.id for c in commands if not isinstance(c, AddComponent) and c.id}
            part = await load_owned_slice(
                uow, principal, profile_id, kinds=kinds, ids=named.union(fresh)
            )
            check_version(part, expected_version)
            done = edit_slice(part, commands, new_id=iter(fresh).__next__, at=now)
            if done.changes is not None:
                await uow.profiles.save_items(done.changes, expected_version=part.version)
            record = ChangeRecord(
                profile_id=part.id,
                version=part.version if done.changes is None else done.changes.version,
                created_ids=done.created_ids,
                removed_ids=done.removed_ids,
            )
            await remember(uow, principal.user_id, idempotency, record, now)
            await uow.commit()
        return ItemsChanged(**msgspec.structs.asdict(record), touched=done.items)
