"""The generation pipeline on the in-memory adapters: stages, cancel and delete while a run is
under way, at-least-once delivery, retries with backoff, failures that must not be retried,
and requests that repeat an earlier one."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypeVar

import pytest

from resumecore.errors import Conflict
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.generation.policy import GenerationPolicy
from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.generation import STAGES, Generation
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import User
from resumecore.ports.generations import Task
from resumecore.ports.work import IN_PLACE
from resumecore.samples.style import WritingStyle
from resumecore.services.generations.manage import CancelGeneration, DeleteGeneration
from resumecore.services.generations.request import TASK_KIND, RequestGeneration
from resumecore.services.generations.run import RunGeneration
from resumecore.services.generations.worker import GenerationWorker
from resumecore.services.generations.writers import Writers
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import ResumePlan, job_terms, match
from resumecore_server.adapters.memory.notifier import InProcessNotifier
from resumecore_server.adapters.memory.task_queue import MemoryTaskQueue
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.system import UuidGenerator
from tests.support.clock import FakeClock
from tests.support.profiles import full_profile

P = ParamSpec("P")
R = TypeVar("R")
USER = UserId("user-1")
PRINCIPAL = Principal(user_id=USER, session_id=SessionId("session-1"))
POSTING = """Senior Backend Engineer
Acme Analytics - Berlin, Germany (Hybrid)

We are hiring a backend engineer to build our data platform.

Requirements
- 5+ years of Python
- PostgreSQL and Kubernetes in production
- Experience leading a small team

Nice to have
- Kafka, Terraform
"""


class GatedWriter:
    """The offline writer, but ``write_resume`` waits for ``release`` (a stage in progress)."""

    name = "offline"
    version = "offline-1"

    def __init__(self, *, fail_first: bool = False) -> None:
        self._inner = OfflineWriter()
        self._fail_first = fail_first
        self.entered = asyncio.Event()
        self.release = asyncio.Event()
        self.calls = 0

    async def write_resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        self.calls += 1
        call = self.calls
        self.entered.set()
        await self.release.wait()
        if call == 1 and self._fail_first:
            raise ConnectionError("the writer is unreachable")
        return await self._inner.write_resume(profile, job, plan, options, style=style)

    async def write_cover_letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        return await self._inner.write_cover_letter(profile, job, plan, options, style=style)


class FlakyWriter:
    """A writer whose every call fails like an unreachable model service would."""

    name = "offline"
    version = "offline-1"

    def __init__(self) -> None:
        self.calls = 0

    async def write_resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        self.calls += 1
        raise ConnectionError("the writer is unreachable")

    async def write_cover_letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        self.calls += 1
        raise ConnectionError("the writer is unreachable")


Writer = OfflineWriter | GatedWriter | FlakyWriter


class StutteringQueue(MemoryTaskQueue):
    """A memory queue whose first heartbeat fails like a database hiccup would."""

    def __init__(self) -> None:
        super().__init__()
        self.heartbeats = 0

    async def heartbeat(self, task: Task, *, now: datetime, lease_seconds: float) -> bool:
        self.heartbeats += 1
        if self.heartbeats == 1:
            raise ConnectionError("the database is unreachable for a moment")
        return await super().heartbeat(task, now=now, lease_seconds=lease_seconds)


class Rig:
    """The pipeline's use cases and a worker wired on fresh in-memory adapters."""

    def __init__(
        self,
        writer: Writer | None = None,
        *,
        max_attempts: int = 3,
        lease_seconds: float = 30.0,
        queue: MemoryTaskQueue | None = None,
    ) -> None:
        self.clock = FakeClock()
        self.uow = MemoryUnitOfWorkFactory()
        self.queue = queue or MemoryTaskQueue()
        self.notifier = InProcessNotifier()
        self.writer = writer or OfflineWriter()
        cpu = IN_PLACE  # on the event loop: deterministic, no threads
        self.policy = GenerationPolicy(max_attempts=max_attempts, lease_seconds=lease_seconds)
        writers = Writers([self.writer], default=self.writer.name)
        self.run = RunGeneration(
            self.uow, RelevanceScorer(cpu=cpu), writers, cpu, self.clock, self.notifier
        )
        self.request = RequestGeneration(
            self.uow, self.queue, writers, self.clock, UuidGenerator(), self.policy,
            self.notifier,
        )  # fmt: skip
        self.cancel = CancelGeneration(self.uow, self.clock, self.notifier)
        self.delete = DeleteGeneration(self.uow, self.notifier)
        self.worker = self.new_worker("worker-1")
        self.job_id = ""

    def new_worker(self, name: str) -> GenerationWorker:
        return GenerationWorker(name, self.queue, self.run, self.clock, self.notifier, self.policy)

    async def seed(self) -> None:
        """One user with a full primary profile and one pasted job."""
        now = self.clock.now()
        self.uow.tables.users[USER] = User(
            id=USER, email="ada@example.com", full_name="Ada", password_hash="x",
            created_at=now, updated_at=now,
        )  # fmt: skip
        counter = itertools.count(1)
        profile = new_profile(
            ProfileId("profile-1"), USER, full_profile(), is_primary=True,
            new_id=lambda: f"item-{next(counter)}", at=now,
        )  # fmt: skip
        job = new_job("job-1", USER, {"raw_text": POSTING}, at=now)
        async with self.uow() as uow:
            await uow.profiles.add(profile)
            await uow.jobs.add(job)
            await uow.commit()
        self.job_id = job.id

    async def ask(
        self, options: ResumeOptions | None = None, key: IdempotencyKey | None = None
    ) -> Generation:
        requested = await self.request(
            PRINCIPAL, "resume", self.job_id, options or ResumeOptions(), idempotency=key
        )
        return requested.generation

    def stored(self, generation_id: str) -> Generation | None:
        found: Generation | None = self.uow.tables.generations.get(generation_id)
        return found

    def tasks_of(self, generation_id: str) -> list[Task]:
        return [t for t in self.queue.tasks.values() if t.subject_id == generation_id]


@pytest.fixture
async def rig() -> Rig:
    made = Rig()
    await made.seed()
    return made


async def started(rig: Rig, writer: GatedWriter) -> tuple[Generation, asyncio.Task[bool]]:
    """A requested generation whose worker is now inside ``write_resume``."""
    generation = await rig.ask()
    running = asyncio.create_task(rig.worker.run_once())
    await asyncio.wait_for(writer.entered.wait(), 5)
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.status == "running"
    assert [s.status for s in stored.stages][:3] == ["completed", "completed", "running"]
    return generation, running


async def test_a_run_completes_every_stage_in_order(rig: Rig) -> None:
    generation = await rig.ask()
    assert generation.status == "pending"
    assert [t.state for t in rig.tasks_of(generation.id)] == ["queued"]
    assert await rig.worker.run_once() is True
    done = rig.stored(generation.id)
    assert done is not None
    assert done.status == "completed", done.error
    assert [s.name for s in done.stages] == list(STAGES)
    assert [s.status for s in done.stages] == ["completed"] * 6
    for before, after in itertools.pairwise(done.stages):
        assert before.finished_at is not None
        assert after.started_at is not None
        assert before.finished_at <= after.started_at
    assert done.document is not None
    assert done.document.text.strip()
    assert done.ats_score is not None
    assert done.attempts == 1
    assert done.error is None
    assert done.completed_at == rig.clock.now()
    assert [(t.state, t.attempts) for t in rig.tasks_of(generation.id)] == [("done", 1)]
    assert await rig.worker.run_once() is False  # nothing else was queued


async def test_cancel_while_running_ends_cancelled_and_the_task_is_completed() -> None:
    writer = GatedWriter()
    rig = Rig(writer)
    await rig.seed()
    generation, running = await started(rig, writer)

    cancelled = await rig.cancel(PRINCIPAL, generation.id)
    assert cancelled.status == "cancelled"
    writer.release.set()
    assert await asyncio.wait_for(running, 5) is True

    final = rig.stored(generation.id)
    assert final is not None
    assert final.status == "cancelled"
    assert final.document is None
    assert final.error == "Cancelled by the user."
    assert final.version == cancelled.version  # the run wrote nothing after the cancel
    assert all(s.status == "pending" for s in final.stages[3:])  # verify onwards never ran
    assert writer.calls == 1
    assert [(t.state, t.attempts) for t in rig.tasks_of(generation.id)] == [("done", 1)]
    with pytest.raises(Conflict) as refused:
        await rig.cancel(PRINCIPAL, generation.id)
    assert refused.value.code == "already_finished"


async def test_delete_while_running_stops_quietly_and_recreates_nothing() -> None:
    writer = GatedWriter()
    rig = Rig(writer)
    await rig.seed()
    generation, running = await started(rig, writer)

    await rig.delete(PRINCIPAL, generation.id)
    writer.release.set()
    assert await asyncio.wait_for(running, 5) is True  # no exception escaped the run

    assert rig.stored(generation.id) is None
    assert rig.uow.tables.generations == {}
    assert [(t.state, t.last_error) for t in rig.tasks_of(generation.id)] == [("done", None)]
    assert await rig.run(generation.id) is None  # a late redelivery finds nothing to do
    assert rig.uow.tables.generations == {}


async def test_a_second_delivery_of_a_finished_generation_changes_nothing(rig: Rig) -> None:
    generation = await rig.ask()
    assert await rig.worker.run_once() is True
    done = rig.stored(generation.id)
    assert done is not None
    assert done.status == "completed"

    rig.clock.advance(60)
    assert await rig.run(generation.id) == done
    # The queue delivers at least once: the same work queued again is settled without effect.
    await rig.queue.enqueue(TASK_KIND, generation.id, at=rig.clock.now())
    assert await rig.worker.run_once() is True
    assert rig.stored(generation.id) == done
    assert [t.state for t in rig.tasks_of(generation.id)] == ["done", "done"]


async def test_a_worker_that_died_is_taken_over_once_its_lease_runs_out(rig: Rig) -> None:
    generation = await rig.ask()
    lease = rig.policy.lease_seconds
    lost = await rig.queue.claim("dead-worker", now=rig.clock.now(), lease_seconds=lease)
    assert lost is not None  # claimed, then the process died before doing anything
    survivor = rig.new_worker("worker-2")
    assert await survivor.run_once() is False  # the lease still holds
    rig.clock.advance(lease + 1)
    assert await survivor.run_once() is True
    done = rig.stored(generation.id)
    assert done is not None
    assert done.status == "completed"
    assert [s.status for s in done.stages] == ["completed"] * 6
    assert [(t.state, t.attempts) for t in rig.tasks_of(generation.id)] == [("done", 2)]
    assert not await rig.queue.heartbeat(lost, now=rig.clock.now(), lease_seconds=lease)


async def taken_over(rig: Rig, writer: GatedWriter) -> tuple[Generation, asyncio.Task[bool]]:
    """worker-1 is inside ``write_resume`` when its lease runs out (its heartbeats stopped)
    and worker-2 takes the task over; worker-2 then dies inside ``write_resume`` too."""
    generation, slow = await started(rig, writer)
    rig.clock.advance(rig.policy.lease_seconds + 1)
    writer.entered.clear()
    taker = asyncio.create_task(rig.new_worker("worker-2").run_once())
    await asyncio.wait_for(writer.entered.wait(), 5)
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.attempts == 2  # worker-2 restarted it
    taker.cancel()  # worker-2's process dies
    with contextlib.suppress(asyncio.CancelledError):
        await taker
    return generation, slow


async def finished_by_a_third_worker(rig: Rig, generation: Generation) -> None:
    """Once worker-2's lease runs out too, a third worker finishes the generation."""
    rig.clock.advance(rig.policy.lease_seconds + 1)
    assert await rig.new_worker("worker-3").run_once() is True
    done = rig.stored(generation.id)
    assert done is not None
    assert done.status == "completed", done.error
    assert done.attempts == 3
    assert [(t.state, t.attempts) for t in rig.tasks_of(generation.id)] == [("done", 3)]


async def test_a_worker_that_lost_its_lease_does_not_settle_the_new_holder_s_task() -> None:
    writer = GatedWriter()
    rig = Rig(writer)
    await rig.seed()
    generation, slow = await taken_over(rig, writer)
    writer.release.set()
    assert await asyncio.wait_for(slow, 5) is True  # worker-1 sees the takeover and stops
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.status == "running"
    # Not done: worker-2 held it when it died, so it must be handed out again.
    assert [(t.state, t.worker) for t in rig.tasks_of(generation.id)] == [("leased", "worker-2")]
    await finished_by_a_third_worker(rig, generation)


async def test_a_worker_that_lost_its_lease_and_then_fails_does_not_fail_the_generation() -> None:
    writer = GatedWriter(fail_first=True)
    rig = Rig(writer)
    await rig.seed()
    generation, slow = await taken_over(rig, writer)
    writer.release.set()
    assert await asyncio.wait_for(slow, 5) is True  # worker-1's write fails after the takeover
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.status == "running"  # one failed attempt is no reason to give up
    assert [(t.state, t.worker) for t in rig.tasks_of(generation.id)] == [("leased", "worker-2")]
    await finished_by_a_third_worker(rig, generation)


async def test_one_failed_heartbeat_does_not_stop_the_lease_renewals() -> None:
    writer = GatedWriter()
    queue = StutteringQueue()
    rig = Rig(writer, lease_seconds=1.0, queue=queue)  # renewed every 1/3 s (real time)
    await rig.seed()
    generation, running = await started(rig, writer)
    await asyncio.sleep(1.2)
    assert queue.heartbeats >= 3  # it went on renewing after the first one failed
    writer.release.set()
    assert await asyncio.wait_for(running, 5) is True
    done = rig.stored(generation.id)
    assert done is not None
    assert done.status == "completed"
    assert [t.state for t in rig.tasks_of(generation.id)] == ["done"]


async def test_a_job_deleted_before_the_run_fails_it_without_retrying(rig: Rig) -> None:
    generation = await rig.ask()
    async with rig.uow() as uow:
        await uow.jobs.delete(rig.job_id)
        await uow.commit()
    assert await rig.worker.run_once() is True
    failed = rig.stored(generation.id)
    assert failed is not None
    assert failed.status == "failed"
    assert failed.error == "The job or the profile was deleted before it was written."
    assert failed.document is None
    assert failed.completed_at is not None
    assert [(t.state, t.attempts) for t in rig.tasks_of(generation.id)] == [("done", 1)]
    rig.clock.advance(3600)
    assert await rig.worker.run_once() is False  # not retried


async def test_a_transient_writer_error_is_retried_with_backoff_then_fails() -> None:
    writer = FlakyWriter()
    rig = Rig(writer, max_attempts=3)
    await rig.seed()
    generation = await rig.ask()
    (task,) = rig.tasks_of(generation.id)

    assert await rig.worker.run_once() is True
    for attempt, backoff in ((1, 4.0), (2, 8.0)):
        assert writer.calls == attempt
        stored = rig.stored(generation.id)
        assert stored is not None
        assert not stored.finished  # still to be retried
        queued = rig.queue.tasks[task.id]
        assert (queued.state, queued.attempts) == ("queued", attempt)
        assert queued.last_error == "ConnectionError"
        assert queued.available_at == rig.clock.now() + timedelta(seconds=backoff)
        rig.clock.advance(backoff - 1)
        assert await rig.worker.run_once() is False  # not before its backoff
        rig.clock.advance(1)
        assert await rig.worker.run_once() is True

    assert writer.calls == 3
    failed = rig.stored(generation.id)
    assert failed is not None
    assert failed.status == "failed"
    assert failed.error == "The generation failed; please try again."
    assert failed.attempts == 3
    dead = rig.queue.tasks[task.id]
    assert (dead.state, dead.attempts, dead.last_error) == ("dead", 3, "ConnectionError")
    rig.clock.advance(3600)
    assert await rig.worker.run_once() is False


async def test_cancel_of_a_finished_generation_is_a_conflict(rig: Rig) -> None:
    generation = await rig.ask()
    assert await rig.worker.run_once() is True
    with pytest.raises(Conflict) as refused:
        await rig.cancel(PRINCIPAL, generation.id)
    assert refused.value.code == "already_finished"
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.status == "completed"


async def test_a_pending_generation_cancelled_before_its_run_is_never_run(rig: Rig) -> None:
    generation = await rig.ask()
    await rig.cancel(PRINCIPAL, generation.id)
    assert await rig.worker.run_once() is True
    stored = rig.stored(generation.id)
    assert stored is not None
    assert stored.status == "cancelled"
    assert stored.attempts == 0
    assert [t.state for t in rig.tasks_of(generation.id)] == ["done"]


async def test_repeated_requests_return_the_same_generation(rig: Rig) -> None:
    key = IdempotencyKey(key="k-1", fingerprint="POST /generations/resume {}")
    first = await rig.ask(key=key)
    again = await rig.request(PRINCIPAL, "resume", rig.job_id, ResumeOptions(), idempotency=key)
    assert again.reused is True
    assert again.generation.id == first.id
    assert len(rig.queue.tasks) == 1  # queued once

    assert await rig.worker.run_once() is True
    done = rig.stored(first.id)
    assert done is not None
    assert done.status == "completed"
    cached = await rig.request(PRINCIPAL, "resume", rig.job_id, ResumeOptions())
    assert cached.reused is True
    assert cached.generation == done
    assert len(rig.queue.tasks) == 1  # a cached document costs no new run

    other = await rig.request(PRINCIPAL, "resume", rig.job_id, ResumeOptions(max_projects=1))
    assert other.reused is False
    assert other.generation.id != first.id
    assert len(rig.uow.tables.generations) == 2


async def test_a_task_whose_runs_keep_dying_is_abandoned_not_retried_for_ever() -> None:
    rig = Rig(max_attempts=2)
    await rig.seed()
    generation = await rig.ask()
    lease = rig.policy.lease_seconds
    for n in range(2):  # two workers claim it and die (their leases run out)
        assert await rig.queue.claim(f"dead-{n}", now=rig.clock.now(), lease_seconds=lease)
        rig.clock.advance(lease + 1)

    assert await rig.worker.run_once() is True

    failed = rig.stored(generation.id)
    assert failed is not None
    assert failed.status == "failed"
    assert failed.document is None
    assert [t.state for t in rig.tasks_of(generation.id)] == ["dead"]


async def test_a_cancelled_generation_shows_no_stage_still_running() -> None:
    writer = GatedWriter()
    rig = Rig(writer)
    await rig.seed()
    generation, running = await started(rig, writer)

    cancelled = await rig.cancel(PRINCIPAL, generation.id)
    writer.release.set()
    await running

    assert [s.status for s in cancelled.stages] == [
        "completed", "completed", "skipped", "pending", "pending", "pending",
    ]  # fmt: skip


async def test_a_run_reads_the_job_and_matches_the_profile_once(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cover letter's run matched the profile twice (the analyse stage, then the writer) and
    # read the job's terms three times (both matches and the relevance scores).
    calls: Counter[str] = Counter()
    for module, name in ((match, "_match_report"), (job_terms, "_job_terms")):
        monkeypatch.setattr(module, name, counted(getattr(module, name), name, calls))
    requested = await rig.request(
        PRINCIPAL, "cover_letter", rig.job_id, CoverLetterOptions(), idempotency=None
    )

    assert await rig.worker.run_once() is True

    done = rig.stored(requested.generation.id)
    assert done is not None
    assert done.status == "completed", done.error
    assert calls == {"_match_report": 1, "_job_terms": 1}


def counted(fn: Callable[P, R], name: str, calls: Counter[str]) -> Callable[P, R]:
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        calls[name] += 1
        return fn(*args, **kwargs)

    return call
