"""The generation worker: claim a queued task, run it under a heartbeat lease, settle it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from resumecore.errors import StorageUnavailable
from resumecore.generation.policy import GenerationPolicy
from resumecore.model.generation import Generation
from resumecore.ports.generations import Task, TaskQueue
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.ports.telemetry import NO_TELEMETRY, Telemetry
from resumecore.services.generations.request import QUEUE_KEY
from resumecore.services.generations.run import RunGeneration

IDLE_POLL_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 60.0
# While claims fail (the database is down), polls slow down to this, and a failing streak is
# logged at its start and then once every this many failures (about every five minutes).
FAILING_POLL_MAX_SECONDS = 5.0
FAILURES_PER_LOG = 60
log = logging.getLogger("resumecore.worker")


class GenerationWorker:
    """One worker: many may run, in this process or others, on the same queue.

    A task's lease is renewed every third of its length while it runs; if this process dies,
    the lease runs out and another worker takes the task over (the run starts again from its
    first stage, which is safe). A run that raises is retried with exponential backoff; after
    ``policy.max_attempts`` the generation is marked failed.
    """

    def __init__(
        self,
        name: str,
        queue: TaskQueue,
        run: RunGeneration,
        clock: Clock,
        notifier: ChangeNotifier,
        policy: GenerationPolicy,
        *,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self._name = name
        self._telemetry = telemetry
        self._queue = queue
        self._run = run
        self._clock = clock
        self._notifier = notifier
        self._policy = policy

    async def run_once(self) -> bool:
        """Run one task if one is available; False when the queue had nothing."""
        lease = self._policy.lease_seconds
        task = await self._queue.claim(self._name, now=self._clock.now(), lease_seconds=lease)
        if task is None:
            return False
        if task.attempts > self._policy.max_attempts:
            # Handed out again and again without an answer: its runs kill their workers (or
            # outlive every lease). Stop before it takes down another one.
            await self._queue.retry(
                task,
                at=self._clock.now(),
                error="abandoned",
                max_attempts=self._policy.max_attempts,
            )
            given_up = await self._run.give_up(
                task.subject_id, "The generation failed; please try again."
            )
            self._report(given_up, since=None)
            return True
        beat = asyncio.create_task(self._heartbeat(task))
        claimed_at = self._clock.now()
        try:
            finished = await self._run(task.subject_id)
        except Exception as exc:
            self._telemetry.generation_attempt_failed(type(exc).__name__)
            if await self._still_held(task):
                await self._settle_failure(task, exc)
        else:
            self._report(finished, since=claimed_at)
            if await self._still_held(task):
                await self._queue.complete(task)
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
        return True

    async def run_until(self, stop: asyncio.Event) -> None:
        """Work until ``stop`` is set; idle waits wake early when a task is queued here."""
        failures = 0
        while not stop.is_set():
            try:
                busy = await self.run_once()
            except Exception as exc:
                failures += 1
                _log_claim_failure(exc, failures)
                busy = False
            else:
                if failures:
                    log.warning("worker_claim_recovered", extra={"failures": failures})
                failures = 0
            # Stopping wakes idle waits; a stop asked while claiming is seen here, not after a
            # whole poll (up to 0.5 s more for every shutdown, and for every test app on
            # PostgreSQL, whose claim awaits the database).
            if not busy and not stop.is_set():
                await self._notifier.wait(QUEUE_KEY, _poll_seconds(failures))

    async def _still_held(self, task: Task) -> bool:
        """Whether the lease is still this worker's (renewing it once more).

        A worker that lost its lease (its heartbeats failed, it was paused) while another
        took the task over must not settle the task: completing it would leave the new
        holder's run unrecoverable if that worker dies, and giving up would fail a
        generation the new holder is running. The holder settles it.
        """
        lease = self._policy.lease_seconds
        return await self._queue.heartbeat(task, now=self._clock.now(), lease_seconds=lease)

    async def _heartbeat(self, task: Task) -> None:
        lease = self._policy.lease_seconds
        while True:
            await asyncio.sleep(lease / 3)
            try:
                await self._queue.heartbeat(task, now=self._clock.now(), lease_seconds=lease)
            except Exception:  # one failed renewal must not end the renewals (and the lease)
                log.warning("generation_heartbeat_failed", exc_info=True)

    async def _settle_failure(self, task: Task, exc: Exception) -> None:
        backoff = min(2.0 ** (task.attempts + 1), MAX_BACKOFF_SECONDS)
        at = self._clock.now() + timedelta(seconds=backoff)
        error = type(exc).__name__
        log.warning("generation_attempt_failed", extra={"task": task.id, "error": error})
        retried = await self._queue.retry(
            task, at=at, error=error, max_attempts=self._policy.max_attempts
        )
        if not retried:
            given_up = await self._run.give_up(
                task.subject_id, "The generation failed; please try again."
            )
            self._report(given_up, since=None)

    def _report(self, generation: Generation | None, *, since: datetime | None) -> None:
        """Tell telemetry how a generation this worker ended went, stage by stage.

        A generation that had finished before ``since`` (a task delivered again) is not
        counted twice.
        """
        if generation is None or not generation.finished:
            return
        ended = generation.completed_at
        if since is not None and ended is not None and ended < since:
            return
        for stage in generation.stages:
            if stage.started_at is not None and stage.finished_at is not None:
                seconds = (stage.finished_at - stage.started_at).total_seconds()
                self._telemetry.stage_finished(stage.name, stage.status, seconds)
        self._telemetry.generation_finished(generation.writer, generation.status)


def _poll_seconds(failures: int) -> float:
    """The wait before the next claim: doubling while claims fail, up to a few seconds."""
    if not failures:
        return IDLE_POLL_SECONDS
    return min(IDLE_POLL_SECONDS * 2.0**failures, FAILING_POLL_MAX_SECONDS)


def _log_claim_failure(exc: Exception, failures: int) -> None:
    """One line when a failing streak starts, then one every ``FAILURES_PER_LOG`` failures.

    The database being away is an expected outage (its message says so; a traceback through the
    driver adds nothing); anything else is a bug and keeps its traceback.
    """
    if failures != 1 and failures % FAILURES_PER_LOG:
        return
    expected = isinstance(exc, StorageUnavailable)
    extra = {"error": str(exc) if expected else type(exc).__name__, "failures": failures}
    log.warning("worker_claim_failed", exc_info=not expected, extra=extra)
