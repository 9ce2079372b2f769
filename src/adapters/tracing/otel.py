"""The tracing port on OpenTelemetry: spans exported over OTLP/HTTP, SQL spans from engine events.

Only imported when ``RESUMECORE_OTEL_ENDPOINT`` is set (extra ``otel``). The provider is ours,
not the global one, so nothing else in the process starts exporting by accident.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace import Span as SdkSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.tracing import AttributeValue, Span, SpanKind, current_request_id
from resumecore_server.adapters.tracing.quiet_export import log_export_failures_once
from resumecore_server.adapters.tracing.sql_spans import trace_statements

EXPORT_TIMEOUT_SECONDS = 5.0
_propagator = TraceContextTextMapPropagator()
_KINDS = {
    "internal": trace.SpanKind.INTERNAL,
    "server": trace.SpanKind.SERVER,
    "client": trace.SpanKind.CLIENT,
}
log = logging.getLogger("resumecore.tracing")


class _RequestIdProcessor(SpanProcessor):
    """Every span (HTTP, SQL, job, LLM) gets the request id bound when it starts."""

    def on_start(self, span: SdkSpan, parent_context: otel_context.Context | None = None) -> None:  # noqa: ARG002
        request_id = current_request_id()
        if request_id is not None:
            span.set_attribute("request.id", request_id)

    def on_end(self, span: ReadableSpan) -> None:
        pass


class _OtelSpan:
    def __init__(self, span: trace.Span) -> None:
        self._span = span

    def set(self, **attributes: AttributeValue) -> None:
        self._span.set_attributes(attributes)

    def rename(self, name: str) -> None:
        self._span.update_name(name)

    def fail(self, reason: str) -> None:
        self._span.set_status(Status(StatusCode.ERROR, reason))


class OtelTracer:
    """The ``Tracer`` port on an SDK tracer provider."""

    def __init__(self, provider: TracerProvider) -> None:
        self.provider = provider
        self._tracer = provider.get_tracer("resumecore")

    @contextlib.contextmanager
    def span(
        self,
        name: str,
        *,
        parent: str | None = None,
        kind: SpanKind = "internal",
        **attributes: AttributeValue,
    ) -> Iterator[Span]:
        """A span, child of the current one or of the ``parent`` traceparent string."""
        context = _propagator.extract({"traceparent": parent}) if parent else None
        with self._tracer.start_as_current_span(
            name, context=context, kind=_KINDS[kind], attributes=attributes
        ) as span:
            yield _OtelSpan(span)

    def carrier(self) -> str | None:
        """The current span as a W3C ``traceparent`` value."""
        headers: dict[str, str] = {}
        _propagator.inject(headers)
        return headers.get("traceparent")

    def instrument(self, engine: AsyncEngine) -> None:
        """Spans for every SQL statement of ``engine`` (statement text, never parameters)."""
        trace_statements(engine.sync_engine, self._tracer)

    def shutdown(self) -> None:
        """Flush what is buffered (bounded by the exporter's timeout) and stop."""
        self.provider.shutdown()


def otel_tracer(
    endpoint: str, service_name: str, exporter: SpanExporter | None = None
) -> OtelTracer:
    """A tracer exporting to ``endpoint`` (OTLP/HTTP), or to ``exporter`` synchronously (tests)."""
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(_RequestIdProcessor())
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        log_export_failures_once()
        # Exports happen on the batch processor's thread: a dead collector never slows requests.
        otlp = OTLPSpanExporter(endpoint=_traces_url(endpoint), timeout=EXPORT_TIMEOUT_SECONDS)
        provider.add_span_processor(BatchSpanProcessor(otlp))
    return OtelTracer(provider)


def _traces_url(endpoint: str) -> str:
    """``http://collector:4318`` -> ``.../v1/traces``, as the OTLP/HTTP spec names the path."""
    base = endpoint.rstrip("/")
    return base if base.endswith("/v1/traces") else base + "/v1/traces"
