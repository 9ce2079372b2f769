"""Use case: create a profile from a full body (a typed draft, or plain data) in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from resumecore.errors import Conflict
from resumecore.ids import ProfileId
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_draft import ProfileDraft, draft_profile
from resumecore.model.profile_revision import new_profile
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.idempotency import remember, replay


class CreateProfile:
    """Create a profile with all its components; the user's first profile becomes primary.

    With an idempotency key, a repeat of the same request returns the first result and
    creates nothing.

    Raises:
        InvalidValue: every broken rule, with field paths (nothing is written).
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        content: ProfileDraft | Mapping[str, Any],
        *,
        idempotency: IdempotencyKey | None = None,
        keep_enhanced: bool = False,
    ) -> Profile:
        """Validate, store, commit; return the stored profile.

        ``content``: a typed draft (the HTTP body), or plain data as ``new_profile`` reads it
        (library callers, JSON Resume import). Enhanced texts in it are ignored unless
        ``keep_enhanced`` (plain data only: a JSON Resume document restoring an export).
        """
        try:
            return await self._create(principal, content, idempotency, keep_enhanced)
        except Conflict:
            # Two first profiles raced for primary (one primary per user is a storage
            # constraint); counting again makes this one a secondary profile.
            return await self._create(principal, content, idempotency, keep_enhanced)

    async def _create(
        self,
        principal: Principal,
        content: ProfileDraft | Mapping[str, Any],
        idempotency: IdempotencyKey | None,
        keep_enhanced: bool,
    ) -> Profile:
        now = self._clock.now()
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, Profile, now)
            if earlier is not None:
                return earlier
            is_first = await uow.profiles.count_for_user(principal.user_id) == 0
            profile = self._built(principal, content, is_first, now, keep_enhanced)
            await uow.profiles.add(profile)
            await remember(uow, principal.user_id, idempotency, profile, now)
            await uow.commit()
        return profile

    def _built(
        self,
        principal: Principal,
        content: ProfileDraft | Mapping[str, Any],
        is_primary: bool,
        at: datetime,
        keep_enhanced: bool,
    ) -> Profile:
        user, ids = principal.user_id, self._ids.new_id
        if isinstance(content, ProfileDraft):
            return draft_profile(
                ProfileId(ids()), user, content, is_primary=is_primary, new_id=ids, at=at
            )
        return new_profile(
            ProfileId(ids()),
            user,
            content,
            is_primary=is_primary,
            new_id=ids,
            at=at,
            keep_enhanced=keep_enhanced,
        )
