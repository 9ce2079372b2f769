"""What is read when Prometheus scrapes, not counted as it happens: DB pool use, queue depth."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from prometheus_client import Gauge
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.shared_cache import SharedCache
from resumecore_server.adapters.metrics.prometheus import PrometheusTelemetry
from resumecore_server.adapters.sql.tables import tasks

if TYPE_CHECKING:
    from resumecore_server.adapters.queue.saq_queue import SaqTaskQueue

# Counted states of the embedded queue; ``done`` is left out (it only grows, and counting it
# would read the whole table instead of a range of the state index).
EMBEDDED_STATES = ("queued", "leased", "dead")


class PoolCollector(Collector):
    """The SQLAlchemy pool of ``engine``: size, checked out, checked in, overflow.

    SQLite's pool reports what its class offers; a pool without a method is left out.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._pool: Any = engine.sync_engine.pool

    def collect(self) -> Iterator[Metric]:
        """Read the pool now."""
        for name, method, text in (
            ("size", "size", "Connections the pool keeps (its configured size)."),
            ("checked_out", "checkedout", "Connections in use now."),
            ("checked_in", "checkedin", "Idle connections in the pool now."),
            ("overflow", "overflow", "Connections open beyond the pool size now (negative: "
             "room left before the size is reached)."),
        ):  # fmt: skip
            read = getattr(self._pool, method, None)
            if read is not None:
                yield GaugeMetricFamily(f"resumecore_db_pool_{name}", text, value=float(read()))


class SharedCacheCollector(Collector):
    """The shared cache's own ``state()`` (no I/O): up or not, hits and misses by kind."""

    def __init__(self, cache: SharedCache) -> None:
        self._cache = cache

    def collect(self) -> Iterator[Metric]:
        """Read the cache's counters now."""
        state = self._cache.state()
        up = GaugeMetricFamily(
            "resumecore_shared_cache_available",
            "1 while the shared cache's backend answers (0: the service runs without it).",
            labels=["backend"],
        )
        up.add_metric([state.backend], 1.0 if state.available else 0.0)
        yield up
        lookups = CounterMetricFamily(
            "resumecore_shared_cache_lookups",
            "Shared-cache lookups by kind of entry and result (hit, miss).",
            labels=["kind", "result"],
        )
        for kind, counts in sorted(state.kinds.items()):
            lookups.add_metric([kind, "hit"], counts.hits)
            lookups.add_metric([kind, "miss"], counts.misses)
        yield lookups
        for name, value, text in (
            ("errors", state.errors, "Shared-cache backend calls that failed."),
            ("skipped", state.skipped, "Shared-cache calls skipped: the backend had just failed."),
        ):  # fmt: skip
            yield CounterMetricFamily(f"resumecore_shared_cache_{name}", text, value=value)


def queue_depth_gauge(telemetry: PrometheusTelemetry) -> Gauge:
    """``resumecore_queue_tasks{queue, state}``, set before each scrape."""
    return Gauge(
        "resumecore_queue_tasks",
        "Tasks in the generation queue by state, read at scrape time.",
        ["queue", "state"],
        registry=telemetry.registry,
    )


def watch_embedded_queue(telemetry: PrometheusTelemetry, engine: AsyncEngine) -> None:
    """Count the ``tasks`` table by state (one indexed ``GROUP BY``) at each scrape."""
    gauge = queue_depth_gauge(telemetry)
    statement = (
        select(tasks.c.state, func.count())
        .where(tasks.c.state.in_(EMBEDDED_STATES))
        .group_by(tasks.c.state)
    )

    async def refresh() -> None:
        async with engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        counts = {str(state): int(count) for state, count in rows}
        for state in EMBEDDED_STATES:
            gauge.labels("embedded", state).set(counts.get(state, 0))

    telemetry.refresh_before_scrape(refresh)


def watch_saq_queue(telemetry: PrometheusTelemetry, queue: SaqTaskQueue) -> None:
    """Depth from saq's counts: unfinished jobs are in ``incomplete``, leased ones ``active``."""
    gauge = queue_depth_gauge(telemetry)
    saq = queue.saq_queue

    async def refresh() -> None:
        incomplete = await saq.count("incomplete")
        leased = await saq.count("active")
        gauge.labels("saq", "queued").set(max(incomplete - leased, 0))
        gauge.labels("saq", "leased").set(leased)

    telemetry.refresh_before_scrape(refresh)


def watch_queue(telemetry: PrometheusTelemetry, queue: object, engine: AsyncEngine) -> None:
    """Read the depth of whichever queue this instance uses at each scrape."""
    # Not imported for the check: saq brings redis and OpenTelemetry (about 15 MB resident),
    # and a queue of that class exists only if its module was imported to build it.
    saq_module = sys.modules.get("resumecore_server.adapters.queue.saq_queue")
    if saq_module is not None and isinstance(queue, saq_module.SaqTaskQueue):
        watch_saq_queue(telemetry, queue)
    else:
        watch_embedded_queue(telemetry, engine)
