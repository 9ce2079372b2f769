"""The embedded generation workers: started and stopped with the server (or `resumecore worker`)."""

from __future__ import annotations

import asyncio
import contextlib

from entrypoints.bootstrap import Application
from resumecore.generation.policy import GenerationPolicy
from resumecore.ports.generations import TaskQueue
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.services.generations.request import QUEUE_KEY
from resumecore.services.generations.run import RunGeneration
from resumecore.services.generations.worker import GenerationWorker

STOP_GRACE_SECONDS = 5.0


class WorkerPool:
    """``count`` workers on the application's queue, as tasks of the running event loop.

    Stopping lets a worker finish the stage it is in for up to ``STOP_GRACE_SECONDS``, then
    cancels it; an interrupted generation's lease runs out and another worker starts it over.
    """

    def __init__(self, application: Application, count: int, name: str = "worker") -> None:
        self._workers = [
            GenerationWorker(
                f"{name}-{i}",
                application.resolve(TaskQueue),
                application.resolve(RunGeneration),
                application.resolve(Clock),
                application.resolve(ChangeNotifier),
                application.resolve(GenerationPolicy),
            )
            for i in range(count)
        ]
        self._notifier = application.resolve(ChangeNotifier)
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Start every worker."""
        self._stop.clear()
        self._tasks = [asyncio.create_task(w.run_until(self._stop)) for w in self._workers]

    async def stop(self) -> None:
        """Ask the workers to stop, wait briefly, cancel the rest."""
        self._stop.set()
        if not self._tasks:
            return
        self._notifier.notify(QUEUE_KEY)  # idle workers wake now, not at their next poll
        _, pending = await asyncio.wait(self._tasks, timeout=STOP_GRACE_SECONDS)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
