"""What ``GET /health/ready`` checks on this instance, from its settings."""

from __future__ import annotations

from resumecore.ports.file_store import FileStore
from resumecore.ports.health import ReadinessProbe
from resumecore.services.readiness import CheckReadiness, FileStoreProbe, ReadinessCheck
from resumecore_server.entrypoints.bootstrap import Application, data_dir_probe, redis_probe
from resumecore_server.entrypoints.workers import WorkerPool


class WorkersRunning:
    """The embedded generation workers of this process are all running."""

    def __init__(self, pool: WorkerPool) -> None:
        self._pool = pool

    async def check(self) -> None:
        """Raise when a worker task has ended (crashed) or the pool is not started."""
        if not self._pool.running:
            msg = "the generation workers are not running"
            raise RuntimeError(msg)


def readiness_checks(application: Application, workers: WorkerPool) -> CheckReadiness:
    """Database, Redis when configured, the workers when embedded, storage and the data dir.

    Redis is required only when the queue lives in it; otherwise it holds shared limits and
    caches, and without it the instance serves on (degraded). With no embedded workers
    (``RESUMECORE_GENERATION_WORKERS=0``) the workers check is not applicable here: the
    ``resumecore worker`` processes are watched through their own liveness.
    """
    settings = application.settings
    redis = redis_probe(application)
    return CheckReadiness(
        [
            ReadinessCheck("database", application.resolve(ReadinessProbe)),
            ReadinessCheck("redis", redis, required=settings.queue == "saq"),
            ReadinessCheck(
                "workers", WorkersRunning(workers) if settings.generation_workers else None
            ),
            ReadinessCheck("storage", FileStoreProbe(application.resolve(FileStore))),
            ReadinessCheck("data_dir", data_dir_probe(application)),
        ]
    )
