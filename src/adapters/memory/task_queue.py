"""In-memory task queue (fake for unit tests), with the SQL queue's rules.

No method awaits between reading and writing, so every call is atomic on one event loop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import msgspec

from resumecore.ports.generations import Task, TaskQueue


def _new_id() -> str:
    return str(uuid.uuid4())


def _available(task: Task, now: datetime) -> bool:
    if task.state == "queued":
        return task.available_at <= now
    return task.state == "leased" and task.lease_until is not None and task.lease_until < now


class MemoryTaskQueue(TaskQueue):
    """Tasks in a dict keyed by id."""

    def __init__(self, *, new_id: Callable[[], str] = _new_id) -> None:
        self.tasks: dict[str, Task] = {}
        self._new_id = new_id

    async def enqueue(self, kind: str, subject_id: str, *, at: datetime) -> Task:
        """Queue a task available from ``at``."""
        task = Task(id=self._new_id(), kind=kind, subject_id=subject_id, available_at=at)
        self.tasks[task.id] = task
        return task

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        """Lease the oldest available task (by ``available_at``, then id)."""
        ready = [t for t in self.tasks.values() if _available(t, now)]
        if not ready:
            return None
        oldest = min(ready, key=lambda t: (t.available_at, t.id))
        claimed = msgspec.structs.replace(
            oldest,
            state="leased",
            worker=worker,
            attempts=oldest.attempts + 1,
            lease_until=now + timedelta(seconds=lease_seconds),
        )
        self.tasks[claimed.id] = claimed
        return claimed

    async def heartbeat(self, task: Task, *, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease if nobody claimed the task since."""
        if not self._held(task):
            return False
        stored = self.tasks[task.id]
        lease_until = now + timedelta(seconds=lease_seconds)
        self.tasks[task.id] = msgspec.structs.replace(stored, lease_until=lease_until)
        return True

    async def complete(self, task: Task) -> None:
        """Mark done, whoever holds it now."""
        stored = self.tasks.get(task.id)
        if stored is not None and stored.state != "done":
            self.tasks[task.id] = msgspec.structs.replace(stored, state="done", lease_until=None)

    async def retry(self, task: Task, *, at: datetime, error: str, max_attempts: int) -> bool:
        """Queue again from ``at``, or dead after ``max_attempts``; False if dead or not held."""
        if not self._held(task):
            return False
        stored = self.tasks[task.id]
        if task.attempts >= max_attempts:
            self.tasks[task.id] = msgspec.structs.replace(
                stored, state="dead", lease_until=None, last_error=error
            )
            return False
        self.tasks[task.id] = msgspec.structs.replace(
            stored, state="queued", available_at=at, lease_until=None, last_error=error
        )
        return True

    async def get(self, task_id: str) -> Task | None:
        """The task as stored now, or None."""
        return self.tasks.get(task_id)

    def _held(self, task: Task) -> bool:
        stored = self.tasks.get(task.id)
        return (
            stored is not None
            and stored.state == "leased"
            and stored.worker == task.worker
            and stored.attempts == task.attempts
        )
