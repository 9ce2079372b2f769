"""``Telemetry`` on prometheus_client, plus the HTTP metrics, in a registry of its own.

Each ``PrometheusTelemetry`` owns a ``CollectorRegistry`` (never the process-global default),
so several applications in one process (tests, a server and its workers) count separately.
Metric names and labels are listed in docs/architecture.md ("Metrics"); every label value
comes from a closed set (route templates, stage names, formats, configured model names,
exception class names), never from ids or user text.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.registry import Collector

from resumecore.ports.telemetry import Telemetry

UNMATCHED_ROUTE = "<unmatched>"
NO_ROUTE = ""
TOO_MANY_REQUESTS = 429  # reports made outside an HTTP request (workers)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Up to a minute: generation requests may wait (``Prefer: wait=N``) for their document.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
STAGE_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
LLM_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120)

OTHER_LIMITER = "other"  # a 429 no limiter reported (per-user quotas, token budget, busy)


class _ServedRequest:
    """The request being served, and whether a limiter reported it.

    Routing writes the route template into its ASGI scope, so a report made while handling
    it can name the route.
    """

    def __init__(self, scope: MutableMapping[str, Any]) -> None:
        self.scope = scope
        self.limited = False


_served: ContextVar[_ServedRequest | None] = ContextVar("resumecore_metrics_request", default=None)


def route_of(scope: MutableMapping[str, Any]) -> str:
    """The matched route's template (``/api/v1/profiles/{profile_id}``), or one shared label."""
    template = scope.get("path_template")
    return template if isinstance(template, str) and template else UNMATCHED_ROUTE


def status_class(status: int) -> str:
    """``404`` -> ``"4xx"``."""
    return f"{status // 100}xx"


def method_label(method: str) -> str:
    """The method, or ``OTHER`` for anything a client invented (labels stay few)."""
    return method if method in KNOWN_METHODS else "OTHER"


class PrometheusTelemetry(Telemetry):
    """Counters, gauges and histograms for one application; ``render()`` is the scrape."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._refreshers: list[Callable[[], Awaitable[None]]] = []
        r = self.registry
        self.http_requests = Counter(
            "resumecore_http_requests", "HTTP requests answered, by route template, method and "
            "status class.", ["route", "method", "status_class"], registry=r,
        )  # fmt: skip
        self.http_seconds = Histogram(
            "resumecore_http_request_duration_seconds", "Time to answer an HTTP request.",
            ["route", "method"], buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        self.http_in_flight = Gauge(
            "resumecore_http_requests_in_flight", "HTTP requests being answered now.", registry=r
        )
        self.stage_seconds = Histogram(
            "resumecore_generation_stage_duration_seconds", "Time a generation stage took, by "
            "stage and how it ended (completed, failed, skipped).", ["stage", "status"],
            buckets=STAGE_BUCKETS, registry=r,
        )  # fmt: skip
        self.generations = Counter(
            "resumecore_generations", "Generations finished, by writer and status.",
            ["writer", "status"], registry=r,
        )  # fmt: skip
        self.attempt_failures = Counter(
            "resumecore_generation_attempt_failures", "Generation runs that raised (the queue "
            "retries them), by error class.", ["error"], registry=r,
        )  # fmt: skip
        self.exports = Counter(
            "resumecore_exports", "Exports rendered and stored, by format and kind (single, "
            "batch).", ["format", "kind"], registry=r,
        )  # fmt: skip
        self.llm_tokens = Counter(
            "resumecore_llm_tokens", "Language-model tokens, by model and kind (prompt, "
            "completion).", ["model", "kind"], registry=r,
        )  # fmt: skip
        self.llm_seconds = Histogram(
            "resumecore_llm_call_duration_seconds", "Time of a language-model call (retries "
            "included), by model.", ["model"], buckets=LLM_BUCKETS, registry=r,
        )  # fmt: skip
        self.llm_errors = Counter(
            "resumecore_llm_errors", "Language-model calls that failed, by model and error class.",
            ["model", "error"], registry=r,
        )  # fmt: skip
        self.rate_limited_requests = Counter(
            "resumecore_rate_limited", "Requests refused by a rate limit, by limiter and route.",
            ["limiter", "route"], registry=r,
        )  # fmt: skip
        self.login_failures = Counter(
            "resumecore_login_failures",
            "Logins refused for a wrong e-mail or password.",
            registry=r,
        )
        self.login_lockouts = Counter(
            "resumecore_login_lockouts", "Logins refused because the e-mail or the (e-mail, "
            "address) pair was locked out.", registry=r,
        )  # fmt: skip

    def add_collector(self, collector: Collector) -> None:
        """Register a collector that reads its values at scrape time (e.g. the DB pool)."""
        self.registry.register(collector)

    def refresh_before_scrape(self, refresh: Callable[[], Awaitable[None]]) -> None:
        """Run ``refresh`` (an async read, e.g. the queue depth) before every scrape."""
        self._refreshers.append(refresh)

    async def render(self) -> bytes:
        """The Prometheus text exposition of everything, refreshed now."""
        for refresh in self._refreshers:
            await refresh()
        return generate_latest(self.registry)

    @contextlib.contextmanager
    def http_request(self, scope: MutableMapping[str, Any]) -> Iterator[Callable[[int], None]]:
        """Track one request: in flight meanwhile; call the yielded function with its status."""
        status = 500
        started = time.perf_counter()

        def answered(code: int) -> None:
            nonlocal status
            status = code

        self.http_in_flight.inc()
        served = _ServedRequest(scope)
        token = _served.set(served)
        try:
            yield answered
        finally:
            _served.reset(token)
            self.http_in_flight.dec()
            route, method = route_of(scope), method_label(str(scope.get("method", "")))
            self.http_requests.labels(route, method, status_class(status)).inc()
            self.http_seconds.labels(route, method).observe(time.perf_counter() - started)
            if status == TOO_MANY_REQUESTS and not served.limited:
                self.rate_limited_requests.labels(OTHER_LIMITER, route).inc()

    # --- Telemetry ---------------------------------------------------------------------------

    def stage_finished(self, stage: str, status: str, seconds: float) -> None:
        """Observe the stage's duration."""
        self.stage_seconds.labels(stage, status).observe(max(seconds, 0.0))

    def generation_finished(self, writer: str, status: str) -> None:
        """Count the generation."""
        self.generations.labels(writer, status).inc()

    def generation_attempt_failed(self, error_kind: str) -> None:
        """Count the failed attempt."""
        self.attempt_failures.labels(error_kind).inc()

    def export_made(self, export_format: str, *, batch: bool = False) -> None:
        """Count the export."""
        self.exports.labels(export_format, "batch" if batch else "single").inc()

    def llm_call(
        self,
        model: str,
        *,
        prompt_tokens: int,
        completion_tokens: int,
        seconds: float,
        error_kind: str | None = None,
    ) -> None:
        """Count tokens, observe the latency, count the error if any."""
        self.llm_tokens.labels(model, "prompt").inc(prompt_tokens)
        self.llm_tokens.labels(model, "completion").inc(completion_tokens)
        self.llm_seconds.labels(model).observe(max(seconds, 0.0))
        if error_kind is not None:
            self.llm_errors.labels(model, error_kind).inc()

    def rate_limited(self, limiter: str) -> None:
        """Count the refusal under the route being served (``""`` outside HTTP)."""
        served = _served.get()
        if served is not None:
            served.limited = True
        route = route_of(served.scope) if served is not None else NO_ROUTE
        self.rate_limited_requests.labels(limiter, route).inc()

    def login_failed(self, *, locked: bool) -> None:
        """Count a failure, or a lockout (which is also a rate-limit refusal)."""
        if locked:
            self.login_lockouts.inc()
            self.rate_limited("login_lockout")
        else:
            self.login_failures.inc()
