"""Use case: ask for a resume or cover letter; it is queued and written in the background."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import msgspec

from resumecore.errors import RateLimited
from resumecore.generation.policy import GenerationPolicy, cache_key, check_options
from resumecore.ids import UserId
from resumecore.model.document import CoverLetterOptions, DocumentType, ResumeOptions
from resumecore.model.generation import Generation
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.ports.generations import TaskQueue
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.tracing import NO_TRACER, Tracer, current_request_id
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.services.generations.writers import Writers
from resumecore.services.idempotency import remember, replay
from resumecore.services.jobs.tailoring import load_pair
from resumecore.tailoring.scoring_budget import ensure_scorable

TASK_KIND = "generation"
QUEUE_KEY = "queue:generation"  # what idle workers of this process wait on


class Requested(msgspec.Struct, frozen=True, kw_only=True):
    """The generation a request stands for; ``reused`` when no new one was made."""

    generation: Generation
    reused: bool


class RequestGeneration:
    """Create a pending generation pinned to the job's and profile's versions, and queue it.

    The same request (inputs, versions, options, writer, active writing sample) as an earlier
    completed one returns that one: a document costs one generation. With an idempotency key,
    a repeat returns the first generation.

    Raises:
        NotFound: the job or profile is missing or another user's.
        InvalidValue: an option out of range, a profile too large to score, or a writer this
            server does not have.
        RateLimited: past the hourly quota or the number of unfinished generations;
            ``TokenBudgetExhausted`` when the LLM writer is asked for past the daily budget.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        queue: TaskQueue,
        writers: Writers,
        clock: Clock,
        ids: IdGenerator,
        policy: GenerationPolicy,
        notifier: ChangeNotifier,
        tracer: Tracer = NO_TRACER,
    ) -> None:
        self._tracer = tracer
        self._uow = uow
        self._notifier = notifier
        self._queue = queue
        self._writers = writers
        self._clock = clock
        self._ids = ids
        self._policy = policy

    async def __call__(
        self,
        principal: Principal,
        document_type: DocumentType,
        job_id: str,
        options: ResumeOptions | CoverLetterOptions,
        *,
        profile_id: str | None = None,
        idempotency: IdempotencyKey | None = None,
        writer_name: str | None = None,
    ) -> Requested:
        """The new (pending) generation, or the earlier one it repeats."""
        check_options(options)
        chosen = self._writers.chosen(writer_name)
        now = self._clock.now()
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, Generation, now)
            if earlier is not None:
                return Requested(generation=earlier, reused=True)
            job, profile = await load_pair(uow, principal, job_id, profile_id)
            ensure_scorable(profile)
            writer = Writers.label(chosen)
            sample = await uow.samples.active(principal.user_id, document_type)
            key = cache_key(
                document_type=document_type,
                profile_id=profile.id,
                profile_version=profile.version,
                job_id=job.id,
                job_version=job.version,
                options=options,
                writer=writer,
                sample_id=sample.id if sample else None,
            )
            cached = await uow.generations.find_completed(principal.user_id, key)
            if cached is not None:
                return Requested(generation=cached, reused=True)
            await self._check_quota(uow, principal.user_id)
            await self._writers.check_budget(chosen, principal.user_id, now)
            generation = Generation(
                id=self._ids.new_id(),
                user_id=principal.user_id,
                job_id=job.id,
                profile_id=profile.id,
                profile_version=profile.version,
                job_version=job.version,
                document_type=document_type,
                options=options,
                writer=writer,
                cache_key=key,
                request_id=current_request_id(),
                trace_parent=self._tracer.carrier(),
                created_at=now,
                updated_at=now,
            )
            await uow.generations.add(generation)
            await remember(uow, principal.user_id, idempotency, generation, now)
            await uow.commit()
        try:
            await self._queue.enqueue(TASK_KIND, generation.id, at=now)
        except Exception:
            await self._abandon(generation)
            raise
        self._notifier.notify(QUEUE_KEY)
        return Requested(generation=generation, reused=False)

    async def _abandon(self, generation: Generation) -> None:
        """A generation that could not be queued would stay pending for ever: mark it failed."""
        failed = msgspec.structs.replace(
            generation.moved("failed", self._clock.now(), error="It could not be queued."),
            version=generation.version + 1,
        )
        with contextlib.suppress(Exception):  # the original error is the one to report
            async with self._uow() as uow:
                await uow.generations.save(failed, expected_version=generation.version)
                await uow.commit()

    async def _check_quota(self, uow: UnitOfWork, user_id: UserId) -> None:
        now = self._clock.now()
        hour_ago = now - timedelta(hours=1)
        if await uow.generations.count_created_since(user_id, hour_ago) >= self._policy.per_hour:
            raise RateLimited(
                f"At most {self._policy.per_hour} generations per hour; try again later.",
                retry_after=15 * 60,
            )
        if await uow.generations.count_unfinished(user_id) >= self._policy.concurrent:
            raise RateLimited(
                f"At most {self._policy.concurrent} generations may run at once; "
                "wait for one to finish.",
                retry_after=5,
            )
