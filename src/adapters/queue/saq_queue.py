"""The task queue on saq (Redis): for deployments whose workers run on several machines.

Tasks are saq jobs on a saq ``RedisQueue`` named ``name`` (default ``resumecore``): the job
JSON at ``saq:job:<name>:<task id>``, the unfinished ones in saq's ``incomplete`` sorted set
and the leased ones in its ``active`` list, so saq's own tools (``queue.info()``, ``saq``'s web
UI) show them. A task maps onto a job as: ``key`` = task id, ``function`` = kind,
``kwargs["subject_id"]``, ``attempts``, ``worker_id`` = the worker's name, ``error`` = last
error, ``status`` queued / active / complete / failed = queued / leased / done / dead, and in
``meta`` the port's times as strings of epoch microseconds (``available_at``, ``lease_until``).

What is saq's and what is ours:

* ``enqueue`` is saq's (``Queue.enqueue`` with ``scheduled`` = ``at`` in epoch seconds, which
  puts the job in ``incomplete`` scored by that time); ``get`` is saq's ``Queue.job``;
  ``complete`` is saq's ``Queue.finish(COMPLETE)`` (unconditional, as the port wants: the
  work is done whoever holds it now; its read-then-finish can only lose informational fields
  of a claim that raced it, never the final state). Finished jobs keep saq's ``ttl``.
* ``claim``, ``heartbeat`` and ``retry`` are three small Lua scripts on saq's keys, because
  saq's Redis queue cannot express the contract:

  - time: saq decides with the wall clock (``schedule()`` releases jobs by ``time.time()``,
    ``sweep()`` finds stuck jobs by ``now() - touched``), in whole seconds; the port passes
    every deciding time in (``now``, ``at``; tests move it) down to the microsecond. The
    scripts compare the port's times only: ``incomplete``'s score (``available_at`` in epoch
    seconds: distinct microseconds stay distinct doubles until 2106) and ``meta``'s strings.
  - leases: saq's ``dequeue`` moves a job to ``active`` with no owner and no expiry, blocks
    when the queue is empty (``timeout=0`` waits forever) and takes jobs in release order;
    a stuck job is recovered by ``sweep()`` (abort, wait up to 5 s, retry). The claim script
    instead takes, atomically, the oldest available task by (``available_at``, id) (ties in
    a sorted set go by member, i.e. by id): queued and due, or leased with ``lease_until`` <
    ``now`` (taken over, no sweep needed); it returns nothing at once when none is.
  - lease identity: saq's ``update`` and ``retry`` overwrite the job unconditionally; the
    heartbeat and retry scripts act only while the job is still ``active`` for the same
    worker *and* ``attempts`` (every claim adds one), so a worker that lost its task (even
    to a worker of the same name) cannot touch it; retry marks it dead after
    ``max_attempts``.

  Redis's Lua ``cjson`` writes numbers with 14 significant digits, so the scripts keep every
  microsecond time as a string and write saq's ``scheduled`` as whole seconds.

Never point a saq ``Worker`` at this queue name: the port's workers (``resumecore worker`` and
the server's embedded ones) claim from it; a saq worker would find nothing to dequeue (the
``queued`` list stays empty) and its ``schedule()`` would disturb the ordering. The scripts
touch job keys they are not passed in ``KEYS`` (as saq's own scripts do): one Redis, not a
cluster.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError
from saq import Job, Status
from saq.queue.redis import RedisQueue

from resumecore.errors import StorageUnavailable
from resumecore.ports.generations import Task, TaskQueue, TaskState

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
FINISHED_TTL_SECONDS = 7 * 24 * 3600

_STATES: dict[Status, TaskState] = {
    Status.NEW: "queued",
    Status.QUEUED: "queued",
    Status.ACTIVE: "leased",
    Status.ABORTING: "leased",
    Status.COMPLETE: "done",
    Status.FAILED: "dead",
    Status.ABORTED: "dead",
}

# Still the lease the caller claimed: active, same worker, same attempt.
_HELD = """
local function held(job)
    return job.status == 'active' and job.worker_id == ARGV[1]
        and (job.attempts or 0) == tonumber(ARGV[2])
end
"""

# KEYS: incomplete, active. ARGV: now (epoch s), now (epoch us), lease_until (us), worker, now (ms).
_CLAIM = """
local now_us = tonumber(ARGV[2])
local offset = 0
while true do
    local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', offset, 100)
    if #ids == 0 then return false end
    local kept = 0
    for _, id in ipairs(ids) do
        local raw = redis.call('GET', id)
        if not raw then
            redis.call('ZREM', KEYS[1], id)
        else
            kept = kept + 1
            local job = cjson.decode(raw)
            local lease = job.meta.lease_until
            if job.status == 'queued'
                or (job.status == 'active' and lease and tonumber(lease) < now_us) then
                job.status = 'active'
                job.attempts = (job.attempts or 0) + 1
                job.worker_id = ARGV[4]
                job.meta.lease_until = ARGV[3]
                job.started = tonumber(ARGV[5])
                job.touched = tonumber(ARGV[5])
                job.scheduled = math.floor(job.scheduled or 0)
                local encoded = cjson.encode(job)
                redis.call('SET', id, encoded)
                redis.call('LREM', KEYS[2], 0, id)
                redis.call('RPUSH', KEYS[2], id)
                redis.call('PUBLISH', id, 'active')
                return encoded
            end
        end
    end
    offset = offset + kept
end
"""

# KEYS: job. ARGV: worker, attempts, lease_until (us), now (ms).
_HEARTBEAT = (
    _HELD
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local job = cjson.decode(raw)
if not held(job) then return 0 end
job.meta.lease_until = ARGV[3]
job.touched = tonumber(ARGV[4])
job.scheduled = math.floor(job.scheduled or 0)
redis.call('SET', KEYS[1], cjson.encode(job))
return 1
"""
)

# KEYS: job, incomplete, active.
# ARGV: worker, attempts, max_attempts, error, at (us), at (epoch s), ttl (s), now (ms).
_RETRY = (
    _HELD
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return -1 end
local job = cjson.decode(raw)
if not held(job) then return -1 end
job.error = ARGV[4]
job.meta.lease_until = nil
redis.call('LREM', KEYS[3], 0, KEYS[1])
if job.attempts >= tonumber(ARGV[3]) then
    job.status = 'failed'
    job.completed = tonumber(ARGV[8])
    job.scheduled = math.floor(job.scheduled or 0)
    redis.call('ZREM', KEYS[2], KEYS[1])
    local ttl = tonumber(ARGV[7])
    if ttl > 0 then
        redis.call('SET', KEYS[1], cjson.encode(job), 'EX', ttl)
    else
        redis.call('SET', KEYS[1], cjson.encode(job))
    end
    redis.call('PUBLISH', KEYS[1], 'failed')
    return 0
end
job.status = 'queued'
job.meta.available_at = ARGV[5]
job.scheduled = math.floor(tonumber(ARGV[6]))
job.started = nil
redis.call('ZADD', KEYS[2], ARGV[6], KEYS[1])
redis.call('SET', KEYS[1], cjson.encode(job))
redis.call('PUBLISH', KEYS[1], 'queued')
return 1
"""
)


def _new_id() -> str:
    return str(uuid.uuid4())


def _wall_ms() -> int:
    return int(time.time() * 1000)


def _micros(moment: datetime) -> int:
    """Exact epoch microseconds (naive times are taken as UTC, as the SQL adapter stores them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // MICROSECOND


def _seconds(micros: int) -> float:
    """Epoch seconds as saq scores jobs; the division is exact to the nearest double."""
    return micros / 1_000_000


def _moment(micros: str) -> datetime:
    return EPOCH + int(micros) * MICROSECOND


def _task(job: Job) -> Task:
    lease_until = job.meta.get("lease_until")
    return Task(
        id=job.key,
        kind=job.function,
        subject_id=str((job.kwargs or {})["subject_id"]),
        attempts=job.attempts,
        state=_STATES[job.status],
        available_at=_moment(job.meta["available_at"]),
        lease_until=_moment(lease_until) if lease_until else None,
        worker=job.worker_id,
        last_error=job.error,
    )


@asynccontextmanager
async def _translated_errors() -> AsyncIterator[None]:
    try:
        yield
    except RedisError as exc:
        raise StorageUnavailable("The task queue (Redis) is unavailable.") from exc


class SaqTaskQueue(TaskQueue):
    """``TaskQueue`` on a saq Redis queue; every call is one atomic step in Redis.

    ``new_id`` names new tasks and ``wall_ms`` stamps saq's informational ``completed`` of dead
    tasks (tests inject them); every time that decides anything is passed in by the caller.
    """

    def __init__(
        self,
        redis_url: str,
        *,
        name: str = "resumecore",
        finished_ttl_seconds: int = FINISHED_TTL_SECONDS,
        new_id: Callable[[], str] = _new_id,
        wall_ms: Callable[[], int] = _wall_ms,
    ) -> None:
        self._saq = RedisQueue.from_url(redis_url, name=name)
        self._incomplete = self._saq.namespace("incomplete")
        self._active = self._saq.namespace("active")
        redis = self._saq.redis
        self._claim = redis.register_script(_CLAIM)
        self._heartbeat = redis.register_script(_HEARTBEAT)
        self._retry = redis.register_script(_RETRY)
        self._ttl = finished_ttl_seconds
        self._new_id = new_id
        self._wall_ms = wall_ms

    @property
    def saq_queue(self) -> RedisQueue:
        """The underlying saq queue (for operators: ``info()``, ``count()``)."""
        return self._saq

    async def enqueue(self, kind: str, subject_id: str, *, at: datetime) -> Task:
        """Enqueue a saq job scheduled at ``at``."""
        available = _micros(at)
        job = Job(
            function=kind,
            key=self._new_id(),
            kwargs={"subject_id": subject_id},
            timeout=0,  # no saq timeout and no saq heartbeat: leases are the port's
            heartbeat=0,
            ttl=self._ttl,
            meta={"available_at": str(available)},
        )
        async with _translated_errors():
            # ``scheduled`` goes through the keyword arguments: saq types it int, scores floats.
            queued = await self._saq.enqueue(job, scheduled=_seconds(available))
        if queued is None:
            msg = f"task id {job.key} is taken"
            raise RuntimeError(msg)
        return Task(id=job.key, kind=kind, subject_id=subject_id, available_at=at)

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        """Lease the oldest available task (by ``available_at``, then id) to ``worker``."""
        current = _micros(now)
        lease_until = _micros(now + timedelta(seconds=lease_seconds))
        async with _translated_errors():
            raw = await self._claim(
                keys=[self._incomplete, self._active],
                args=[
                    repr(_seconds(current)),
                    current,
                    str(lease_until),
                    worker,
                    current // 1000,
                ],
            )
        if raw is None:
            return None
        job = self._saq.deserialize(raw)
        return _task(job) if job is not None else None

    async def heartbeat(self, task: Task, *, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease if nobody claimed the task since (even if the lease just ran out)."""
        current = _micros(now)
        lease_until = _micros(now + timedelta(seconds=lease_seconds))
        async with _translated_errors():
            extended = await self._heartbeat(
                keys=[self._saq.job_id(task.id)],
                args=[task.worker or "", task.attempts, str(lease_until), current // 1000],
            )
        return bool(extended == 1)

    async def complete(self, task: Task) -> None:
        """Mark done with saq's ``finish``, whoever holds it now; never handed out again."""
        async with _translated_errors():
            job = await self._saq.job(task.id)
            if job is None or job.status == Status.COMPLETE:
                return
            job.meta.pop("lease_until", None)
            await self._saq.finish(job, Status.COMPLETE, error=job.error)

    async def retry(self, task: Task, *, at: datetime, error: str, max_attempts: int) -> bool:
        """Queue it again from ``at``; dead once ``attempts`` reached ``max_attempts``.

        False when it was marked dead, and also when the task is no longer this lease's (it
        was claimed again, completed or killed meanwhile): then nothing changes.
        """
        available = _micros(at)
        async with _translated_errors():
            outcome = await self._retry(
                keys=[self._saq.job_id(task.id), self._incomplete, self._active],
                args=[
                    task.worker or "",
                    task.attempts,
                    max_attempts,
                    error,
                    str(available),
                    repr(_seconds(available)),
                    self._ttl,
                    self._wall_ms(),
                ],
            )
        return bool(outcome == 1)

    async def get(self, task_id: str) -> Task | None:
        """The task as stored now (for tests and operators), or None (or expired when done)."""
        async with _translated_errors():
            job = await self._saq.job(task_id)
        return _task(job) if job is not None else None

    async def aclose(self) -> None:
        """Close the Redis connections."""
        await self._saq.disconnect()

    def __repr__(self) -> str:
        return f"SaqTaskQueue(name={self._saq.name!r})"


__all__ = ["SaqTaskQueue"]
