"""Use cases: how well a profile fits a job (match report) and rankings of its items."""

from __future__ import annotations

from resumecore.errors import NotFound
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.ranking import Ranking, rank
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.ports.work import CostlyWorkLimiter, CpuWorkRunner
from resumecore.services.jobs.access import load_owned_job
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.services.profiles.access import PROFILE_NOT_FOUND, load_owned
from resumecore.tailoring import MatchReport, match_report
from resumecore.tailoring.scoring_budget import ensure_scorable


async def load_pair(
    uow: UnitOfWork, principal: Principal, job_id: str, profile_id: str | None
) -> tuple[Job, Profile]:
    """The caller's job and profile (the primary one unless named); ``NotFound`` otherwise."""
    job = await load_owned_job(uow, principal, job_id)
    if profile_id is not None:
        return job, await load_owned(uow, principal, profile_id)
    profile = await uow.profiles.get_primary(principal.user_id)
    if profile is None:
        raise NotFound(PROFILE_NOT_FOUND)
    return job, profile


class MatchJob:
    """The deterministic match report of a profile against one of the caller's jobs.

    A costly request: it holds one of the caller's ``CostlyWorkLimiter`` slots (``TooBusy``
    past the limit), refuses profiles over the scoring budget (``InvalidValue``) and scores
    on the ``CpuWorkRunner``, never on the event loop.
    """

    def __init__(
        self, uow: UnitOfWorkFactory, cpu: CpuWorkRunner, limiter: CostlyWorkLimiter
    ) -> None:
        self._uow = uow
        self._cpu = cpu
        self._limiter = limiter

    async def __call__(
        self, principal: Principal, job_id: str, profile_id: str | None = None
    ) -> MatchReport:
        """Identical inputs always give the identical report."""
        async with self._limiter.slot(principal.user_id):
            async with self._uow() as uow:
                job, profile = await load_pair(uow, principal, job_id, profile_id)
            ensure_scorable(profile)
            return await self._cpu.run(match_report, profile, job)


class CreateRanking:
    """Rank a profile's items against a job and store the ranking with its reasons.

    A costly request, bounded like ``MatchJob``: a ``CostlyWorkLimiter`` slot for the whole
    call, the scoring budget checked before scoring.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        scorer: RelevanceScorer,
        limiter: CostlyWorkLimiter,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._scorer = scorer
        self._limiter = limiter

    async def __call__(
        self, principal: Principal, job_id: str, profile_id: str | None = None
    ) -> Ranking:
        """Score outside the transaction, then store."""
        async with self._limiter.slot(principal.user_id):
            return await self._rank(principal, job_id, profile_id)

    async def _rank(self, principal: Principal, job_id: str, profile_id: str | None) -> Ranking:
        async with self._uow() as uow:
            job, profile = await load_pair(uow, principal, job_id, profile_id)
        ensure_scorable(profile)
        relevance = await self._scorer(profile, job)
        ranking = rank(
            self._ids.new_id(),
            UserId(principal.user_id),
            job.id,
            profile.id,
            profile.version,
            relevance.scores,
            score_version=relevance.version,
            at=self._clock.now(),
        )
        async with self._uow() as uow:
            await uow.rankings.add(ranking)
            await uow.commit()
        return ranking


class GetLatestRanking:
    """The caller's newest ranking for one of their jobs (``NotFound`` if none)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, job_id: str) -> Ranking:
        """The ranking."""
        async with self._uow() as uow:
            job = await load_owned_job(uow, principal, job_id)
            ranking = await uow.rankings.latest_for_job(principal.user_id, job.id)
        if ranking is None:
            raise NotFound("No ranking for this job yet.")
        return ranking
