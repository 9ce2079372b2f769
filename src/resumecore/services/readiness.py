"""Use case: is this instance ready for traffic? Every dependency it needs, checked at once."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from typing import Literal

import msgspec

from resumecore.ports.file_store import FileStore
from resumecore.ports.health import ReadinessProbe

CheckStatus = Literal["ok", "failed", "not_applicable"]
CHECK_TIMEOUT_SECONDS = 2.0
PROBE_CONTENT = b"readiness probe"


class ReadinessCheck(msgspec.Struct, frozen=True):
    """A named probe; ``probe`` None means not applicable on this instance.

    A ``required`` check failing makes the instance not ready; an optional one (Redis used
    only for shared limits and caches) makes it ``degraded``: it still serves, slower.
    """

    name: str
    probe: ReadinessProbe | None
    required: bool = True


class CheckResult(msgspec.Struct, frozen=True, kw_only=True):
    """How one check went. ``error`` is an exception class name, never its message."""

    status: CheckStatus
    required: bool
    latency_ms: float
    error: str | None = None


class ReadinessReport(msgspec.Struct, frozen=True, kw_only=True):
    """``ready``, ``degraded`` (an optional check failed) or ``not_ready``."""

    status: Literal["ready", "degraded", "not_ready"]
    checks: dict[str, CheckResult]


class CheckReadiness:
    """Runs every check concurrently, each bounded by ``timeout_seconds``."""

    def __init__(
        self, checks: Sequence[ReadinessCheck], timeout_seconds: float = CHECK_TIMEOUT_SECONDS
    ) -> None:
        self._checks = tuple(checks)
        self._timeout = timeout_seconds

    async def __call__(self) -> ReadinessReport:
        """The report; it never raises."""
        results = await asyncio.gather(*(self._run(check) for check in self._checks))
        checks = {check.name: result for check, result in zip(self._checks, results, strict=True)}
        failed = [r for r in checks.values() if r.status == "failed"]
        if any(r.required for r in failed):
            return ReadinessReport(status="not_ready", checks=checks)
        return ReadinessReport(status="degraded" if failed else "ready", checks=checks)

    async def _run(self, check: ReadinessCheck) -> CheckResult:
        if check.probe is None:
            return CheckResult(status="not_applicable", required=check.required, latency_ms=0.0)
        started = time.perf_counter()
        error: str | None = None
        try:
            await asyncio.wait_for(check.probe.check(), timeout=self._timeout)
        except Exception as exc:  # any failure is "not ready", whatever raised it
            error = "Timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        latency = round((time.perf_counter() - started) * 1000, 2)
        return CheckResult(
            status="failed" if error else "ok",
            required=check.required,
            latency_ms=latency,
            error=error,
        )


class FileStoreProbe:
    """Storage is writable: a probe object is written, read back and deleted."""

    def __init__(self, store: FileStore) -> None:
        self._store = store

    async def check(self) -> None:
        """Raise if the round trip fails or reads back something else."""
        key = f"readiness/probe-{uuid.uuid4().hex}"
        await self._store.put(key, PROBE_CONTENT)
        try:
            if await self._store.get(key) != PROBE_CONTENT:
                msg = "the probe object read back differs"
                raise OSError(msg)
        finally:
            await self._store.delete(key)
