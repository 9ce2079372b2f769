"""Use case: run one queued generation through its stages (what the workers call)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import msgspec

from resumecore.errors import VersionConflict
from resumecore.generation.ats import ats_report
from resumecore.generation.verify import unsupported_lines
from resumecore.ids import ProfileId
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.generation import Generation, StageName
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.document_writer import DocumentWriter
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.ports.tracing import NO_TRACER, Span, Tracer, bound_request_id
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.ports.work import CpuWorkRunner
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.samples.style import WritingStyle
from resumecore.services.generations.manage import announce
from resumecore.services.generations.writers import Writers
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import ResumePlan, match_report, select_for_resume
from resumecore.tailoring.run_memo import one_run

MAX_BULLETS = 4


class GenerationStopped(Exception):
    """The generation was cancelled or deleted while it ran: stop quietly."""


class GenerationFailed(Exception):
    """A failure retrying cannot fix (an input was deleted, an unsupported claim)."""


class RunGeneration:
    """Take a generation from pending to completed (or failed), one saved stage at a time.

    Safe to run again for the same id (the queue delivers at least once): a finished
    generation is left as it is, an interrupted one starts over from the first stage.
    Cancelling or deleting it meanwhile stops the run at its next save. Transient errors
    (storage) propagate so the queue retries; failures retrying cannot fix mark it failed.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        scorer: RelevanceScorer,
        writers: Writers,
        cpu: CpuWorkRunner,
        clock: Clock,
        notifier: ChangeNotifier,
        tracer: Tracer = NO_TRACER,
    ) -> None:
        self._tracer = tracer
        self._uow = uow
        self._scorer = scorer
        self._writers = writers
        self._cpu = cpu
        self._clock = clock
        self._notifier = notifier
        self._vocabulary = default_vocabulary()

    async def __call__(self, generation_id: str) -> Generation | None:
        """The generation as it ended (None if it was deleted or stopped)."""
        generation = await self._get(generation_id)
        if generation is None or generation.finished:
            return generation
        # The run's logs and spans carry the request that asked for it, in its trace.
        # ``one_run``: the stages read the profile against the job several times; each reading
        # is worked out once per run (``tailoring/run_memo.py``).
        with (
            one_run(),
            bound_request_id(generation.request_id),
            self._tracer.span(
                "generation.run",
                parent=generation.trace_parent,
                generation_id=generation.id,
                writer=generation.writer,
                document_type=generation.document_type,
                attempt=generation.attempts + 1,
            ),
        ):
            try:
                running = await self._commit(generation, generation.restarted(self._clock.now()))
                return await self._stages(running)
            except GenerationStopped:
                return None
            except GenerationFailed as exc:
                return await self._fail(generation_id, str(exc))

    async def _stages(self, generation: Generation) -> Generation:
        job, profile, style = await self._inputs(generation)
        options = generation.options
        # One save per step: the stage just done is closed as the next one opens.
        generation = await self._step(generation, None, "analyse_job")
        with self._stage("analyse_job", generation):
            match = await self._cpu.run(match_report, profile, job)
        generation = await self._step(generation, "analyse_job", "select")
        with self._stage("select", generation):
            plan = await self._plan(profile, job, options)
        generation = await self._step(generation, "select", "write")
        writer = self._writers.for_label(generation.writer)
        with self._stage("write", generation):
            document = await self._write(writer, (profile, job, plan), options, style)
        generation = await self._step(generation, "write", "verify")
        company = _company(job, options)
        allowed = tuple(a for a in (job.title, company, _manager(options)) if a)
        with self._stage("verify", generation):
            bad = await self._cpu.run(
                unsupported_lines, document, profile, self._vocabulary, allowed
            )
        if bad:
            now = self._clock.now()
            failed = generation.with_stage("verify", "failed", now, "Unsupported claims.")
            await self._commit(generation, failed)
            raise GenerationFailed(
                f"The writer made {len(bad)} unsupported claims, so nothing was kept."
            )
        generation = await self._step(generation, "verify", "score")
        with self._stage("score", generation):
            score, report = await self._cpu.run(
                ats_report, document, match, company, self._vocabulary
            )
        generation = await self._step(generation, "score", "store")
        now = self._clock.now()
        done = generation.with_stage("store", "completed", now).moved(
            "completed",
            now,
            document=document,
            ats_score=score,
            ats_report=report,
            profile_version=profile.version,
            job_version=job.version,
        )
        with self._stage("store", generation):
            return await self._commit(generation, done)

    def _stage(self, name: StageName, generation: Generation) -> AbstractContextManager[Span]:
        return self._tracer.span(
            f"generation.stage.{name}", stage=name, generation_id=generation.id
        )

    async def _inputs(self, generation: Generation) -> tuple[Job, Profile, WritingStyle | None]:
        async with self._uow() as uow:
            job = await uow.jobs.get(generation.job_id)
            profile = await uow.profiles.get(ProfileId(generation.profile_id))
            sample = await uow.samples.active(generation.user_id, generation.document_type)
        if job is None or profile is None:
            raise GenerationFailed("The job or the profile was deleted before it was written.")
        return job, profile, sample.writing_style if sample else None

    async def _plan(self, profile: Profile, job: Job, options: object) -> ResumePlan:
        relevance = await self._scorer(profile, job)
        limits = options if isinstance(options, ResumeOptions) else ResumeOptions()
        return await self._cpu.run(
            select_for_resume,
            profile,
            job,
            limits.max_experiences,
            limits.max_projects,
            MAX_BULLETS,
            self._vocabulary,
            list(relevance.scores),
        )

    async def _write(
        self,
        writer: DocumentWriter,
        inputs: tuple[Profile, Job, ResumePlan],
        options: object,
        style: WritingStyle | None,
    ) -> WrittenDocument:
        if isinstance(options, CoverLetterOptions):
            return await writer.write_cover_letter(*inputs, options, style=style)
        limits = options if isinstance(options, ResumeOptions) else ResumeOptions()
        return await writer.write_resume(*inputs, limits, style=style)

    async def _step(
        self, generation: Generation, done: StageName | None, started: StageName
    ) -> Generation:
        now = self._clock.now()
        changed = generation.with_stage(done, "completed", now) if done else generation
        return await self._commit(generation, changed.with_stage(started, "running", now))

    async def _get(self, generation_id: str) -> Generation | None:
        async with self._uow() as uow:
            return await uow.generations.get(generation_id)

    async def _commit(self, base: Generation, changed: Generation) -> Generation:
        """Store ``changed`` over ``base``.

        If anything else changed it meanwhile (a cancel, a delete), the run stops.
        """
        stored = msgspec.structs.replace(changed, version=base.version + 1)
        try:
            async with self._uow() as uow:
                await uow.generations.save(stored, expected_version=base.version)
                await uow.commit()
        except VersionConflict:
            raise GenerationStopped from None
        announce(self._notifier, stored)
        return stored

    async def give_up(self, generation_id: str, reason: str) -> Generation | None:
        """Mark it failed with ``reason`` (when the queue stops retrying it)."""
        return await self._fail(generation_id, reason)

    async def _fail(self, generation_id: str, reason: str) -> Generation | None:
        generation = await self._get(generation_id)
        if generation is None or generation.finished:
            return generation
        try:
            return await self._commit(
                generation, generation.moved("failed", self._clock.now(), error=reason)
            )
        except GenerationStopped:
            return None


def _company(job: Job, options: object) -> str:
    named = options.company_name if isinstance(options, CoverLetterOptions) else None
    return named or job.company


def _manager(options: object) -> str | None:
    return options.hiring_manager_name if isinstance(options, CoverLetterOptions) else None
