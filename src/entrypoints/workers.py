"""The embedded generation workers: started and stopped with the server (or `resumecore worker`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from resumecore.errors import StorageUnavailable
from resumecore.generation.policy import GenerationPolicy
from resumecore.ports.generations import TaskQueue
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.ports.telemetry import Telemetry
from resumecore.services.exports.purge import PurgeExpiredExports
from resumecore.services.generations.request import QUEUE_KEY
from resumecore.services.generations.run import RunGeneration
from resumecore.services.generations.worker import GenerationWorker
from resumecore_server.entrypoints.bootstrap import Application

# Background tasks are named with this prefix (so task dumps and tests can tell them apart).
BACKGROUND_TASK = "resumecore background:"

STOP_GRACE_SECONDS = 5.0
log = logging.getLogger("resumecore.worker")


class WorkerPool:
    """``count`` workers on the application's queue, as tasks of the running event loop.

    Stopping lets a worker finish the stage it is in for up to ``STOP_GRACE_SECONDS``, then
    cancels it; an interrupted generation's lease runs out and another worker starts it over.
    """

    def __init__(
        self,
        application: Application,
        count: int,
        name: str = "worker",
        *,
        sweep_seconds: float | None = None,
    ) -> None:
        self._workers = [
            GenerationWorker(
                # The pid tells the processes of one machine apart (serve --workers N).
                f"{name}-{os.getpid()}-{i}",
                application.resolve(TaskQueue),
                application.resolve(RunGeneration),
                application.resolve(Clock),
                application.resolve(ChangeNotifier),
                application.resolve(GenerationPolicy),
                telemetry=application.resolve(Telemetry),
            )
            for i in range(count)
        ]
        self._notifier = application.resolve(ChangeNotifier)
        self._purge: PurgeExpiredExports = application.resolve(PurgeExpiredExports)
        # Expired exports are swept at start, then every ``sweep_seconds`` (0: never).
        self._sweep_seconds = (
            application.settings.export_sweep_seconds if sweep_seconds is None else sweep_seconds
        )
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Start every worker."""
        self._stop.clear()
        self._tasks = [
            asyncio.create_task(w.run_until(self._stop), name=f"{BACKGROUND_TASK} generation {n}")
            for n, w in enumerate(self._workers)
        ]
        if self._sweep_seconds > 0:
            sweep = self._sweep_until(self._stop)
            self._tasks.append(asyncio.create_task(sweep, name=f"{BACKGROUND_TASK} export sweep"))

    @property
    def running(self) -> bool:
        """Started, not stopping, and no worker task has ended (a crash would end one)."""
        started = bool(self._tasks) and not self._stop.is_set()
        return started and not any(task.done() for task in self._tasks)

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

    async def sweep_once(self) -> int:
        """Remove the expired exports now; how many went (a failure is logged, not raised)."""
        try:
            removed = await self._purge()
        except StorageUnavailable as exc:  # an outage: its message says so, no traceback
            log.warning("export_sweep_failed", extra={"error": str(exc)})
            return 0
        except Exception:
            log.warning("export_sweep_failed", exc_info=True)
            return 0
        if removed:
            log.info("export_sweep", extra={"removed": removed})
        return removed

    async def _sweep_until(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.sweep_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._sweep_seconds)
