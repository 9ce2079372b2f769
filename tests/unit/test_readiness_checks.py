"""CheckReadiness: required and optional checks, timeouts, not-applicable, error names only."""

from __future__ import annotations

import asyncio

from resumecore.errors import StorageUnavailable
from resumecore.services.readiness import CheckReadiness, FileStoreProbe, ReadinessCheck
from resumecore_server.adapters.memory.file_store import MemoryFileStore


class Probe:
    def __init__(self, error: Exception | None = None, delay: float = 0.0) -> None:
        self.error = error
        self.delay = delay

    async def check(self) -> None:
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error


async def test_all_ok_is_ready() -> None:
    report = await CheckReadiness([ReadinessCheck("a", Probe()), ReadinessCheck("b", None)])()
    assert report.status == "ready"
    assert report.checks["a"].status == "ok"
    assert report.checks["b"].status == "not_applicable"


async def test_a_required_failure_is_not_ready_and_names_only_the_class() -> None:
    secret = StorageUnavailable("postgresql://admin:s3cret@db.internal/x is down")
    report = await CheckReadiness([ReadinessCheck("database", Probe(secret))])()
    assert report.status == "not_ready"
    assert report.checks["database"].error == "StorageUnavailable"


async def test_an_optional_failure_is_degraded() -> None:
    checks = [ReadinessCheck("db", Probe()), ReadinessCheck("redis", Probe(OSError()), False)]
    report = await CheckReadiness(checks)()
    assert report.status == "degraded"
    assert report.checks["redis"].status == "failed"


async def test_a_hanging_check_times_out_and_the_others_still_answer() -> None:
    checks = [ReadinessCheck("slow", Probe(delay=5)), ReadinessCheck("fast", Probe())]
    report = await CheckReadiness(checks, timeout_seconds=0.05)()
    assert report.checks["slow"].error == "Timeout"
    assert report.checks["fast"].status == "ok"
    assert report.status == "not_ready"


async def test_the_storage_probe_leaves_nothing_behind() -> None:
    store = MemoryFileStore()
    await FileStoreProbe(store).check()
    assert store.files == {}
