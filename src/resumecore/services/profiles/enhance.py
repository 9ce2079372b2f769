"""Use case: enhance a profile (grounded texts beside the originals, never replacing them)."""

from __future__ import annotations

import msgspec

from resumecore.enhancement.apply import Checked, applied, checked
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.ports.profile_enhancer import ProfileEnhancer
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.ports.work import CostlyWorkLimiter, CpuWorkRunner
from resumecore.services.profiles.access import load_owned
from resumecore.services.retry import WRITERS, retrying
from resumecore.tailoring.scoring_budget import ensure_scorable


class ProfileEnhanced(msgspec.Struct, frozen=True, kw_only=True):
    """The profile after enhancement, what passed the check, and whether anything changed."""

    profile: Profile
    writer: str
    result: Checked
    changed: bool
    left_out: int


class EnhanceProfile:
    """Store a ``ProfileEnhancer``'s grounded texts beside a profile's originals.

    The fields are ``enhanced_professional_summary`` and each experience's and project's
    ``enhanced_description``; nothing else changes.

    A costly request: it holds one of the caller's ``CostlyWorkLimiter`` slots and refuses a
    profile over the scoring budget. The enhancer runs outside any transaction; every proposed
    text is checked with the grounding verifier on the ``CpuWorkRunner`` and only those that
    pass are written, so a refused text leaves its field as it was. The write is the profile's
    ordinary optimistic save with one version bump (``updated_at``, the writers' "today", is
    kept), and none when nothing changed: enhancing twice is a no-op. A write that landed
    while enhancing is never lost: the save expects the version enhanced, and on a lost race
    the whole run repeats on the new version.

    Raises:
        NotFound: unknown or foreign profile.
        TooBusy: every costly slot of the caller is in use.
        InvalidValue: the profile is over the scoring budget (``profile_too_large``).
        Conflict: every attempt lost a race to other writes.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        enhancer: ProfileEnhancer,
        cpu: CpuWorkRunner,
        limiter: CostlyWorkLimiter,
    ) -> None:
        self._uow = uow
        self._enhancer = enhancer
        self._cpu = cpu
        self._limiter = limiter

    async def __call__(self, principal: Principal, profile_id: str) -> ProfileEnhanced:
        """Enhance, check, save only the enhanced fields, commit."""
        async with self._limiter.slot(principal.user_id):
            # No keyed lock around the attempt: an enhancer may be slow (a model call), and
            # other writes to the profile must not wait for it; only the save takes the lock.
            return await retrying(lambda: self._attempt(principal, profile_id), None)

    async def _attempt(self, principal: Principal, profile_id: str) -> ProfileEnhanced:
        async with self._uow() as uow:
            before = await load_owned(uow, principal, profile_id)
        ensure_scorable(before)
        enhancement = await self._enhancer.enhance(before)
        result = await self._cpu.run(checked, before, enhancement)
        after = applied(before, result)
        if after is not before:
            async with WRITERS.hold(f"profile:{before.id}"), self._uow() as uow:
                await uow.profiles.save(after, expected_version=before.version)
                await uow.commit()
        return ProfileEnhanced(
            profile=after,
            writer=enhancement.writer,
            result=result,
            changed=after is not before,
            left_out=enhancement.left_out,
        )
