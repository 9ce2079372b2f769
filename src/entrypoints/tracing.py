"""Tracing as the settings ask: off (nothing imported) or OpenTelemetry over OTLP/HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.language_model import LanguageModel
from resumecore.ports.tracing import NO_TRACER, Tracer
from resumecore_server.entrypoints.settings import Settings

Closers = list[Callable[[], Awaitable[Any]]]


def build_tracer(
    settings: Settings, engine: AsyncEngine, closers: Closers, span_exporter: Any = None
) -> Tracer:
    """``NO_TRACER`` unless ``RESUMECORE_OTEL_ENDPOINT`` is set (or a test passes an exporter).

    ``span_exporter`` (an SDK ``SpanExporter``) replaces the OTLP exporter: tests read spans
    from memory. SQL statements of ``engine`` get spans too.
    """
    if not settings.otel_endpoint and span_exporter is None:
        return NO_TRACER
    try:
        from resumecore_server.adapters.tracing.otel import otel_tracer  # noqa: PLC0415  (optional deps)
    except ModuleNotFoundError as exc:
        msg = (
            f"RESUMECORE_OTEL_ENDPOINT needs the optional packages ({exc.name} is missing): "
            "pip install 'resumecore[otel]'"
        )
        raise RuntimeError(msg) from None
    tracer = otel_tracer(settings.otel_endpoint, settings.otel_service_name, span_exporter)
    tracer.instrument(engine)

    async def shutdown() -> None:
        await asyncio.to_thread(tracer.shutdown)

    closers.append(shutdown)
    return tracer


def traced_model(model: LanguageModel | None, tracer: Tracer) -> LanguageModel | None:
    """``model`` with a span around each call when tracing is on."""
    if model is None or tracer is NO_TRACER:
        return model
    from resumecore_server.adapters.tracing.language_model import TracedLanguageModel  # noqa: PLC0415

    return TracedLanguageModel(model, tracer)
