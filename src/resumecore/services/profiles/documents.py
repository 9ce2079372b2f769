"""Use cases around a profile as a document: analytics, JSON Resume export and import."""

from __future__ import annotations

from typing import Any

from resumecore.jsonresume import from_json_resume, to_json_resume
from resumecore.model.analytics import ProfileAnalytics, analyze_profile
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.profiles.access import load_owned
from resumecore.services.profiles.create import CreateProfile


class GetProfileAnalytics:
    """Completeness, statistics and recommendations of one of the caller's profiles."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, principal: Principal, profile_id: str) -> ProfileAnalytics:
        """Analyse as of today (UTC). Raises ``NotFound`` for unknown or foreign ids."""
        async with self._uow() as uow:
            profile = await load_owned(uow, principal, profile_id)
        return analyze_profile(profile, self._clock.now().date())


class ExportJsonResume:
    """One of the caller's profiles as a JSON Resume 1.x document (valid against its schema)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, profile_id: str) -> dict[str, Any]:
        """The document. Raises ``NotFound`` for unknown or foreign ids."""
        async with self._uow() as uow:
            profile = await load_owned(uow, principal, profile_id)
        return to_json_resume(profile)


class ImportJsonResume:
    """Create a profile from any valid JSON Resume document; what has no home is kept.

    Raises:
        InvalidValue: the document does not fit the JSON Resume schema, or the profile rules.
    """

    def __init__(self, create_profile: CreateProfile) -> None:
        self._create = create_profile

    async def __call__(
        self,
        principal: Principal,
        document: dict[str, Any],
        *,
        idempotency: IdempotencyKey | None = None,
    ) -> Profile:
        """Map the document, then create the profile in one transaction."""
        return await self._create(
            principal, from_json_resume(document), idempotency=idempotency, keep_enhanced=True
        )
