"""A span per SQL statement, from SQLAlchemy's engine events (statement text, never values)."""

from __future__ import annotations

from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode
from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

MAX_STATEMENT_CHARS = 2000
_SPAN_KEY = "resumecore_otel_span"


def trace_statements(engine: Engine, tracer: trace.Tracer) -> None:
    """Start a client span before each statement and end it after (or on its error)."""
    system = engine.dialect.name

    @event.listens_for(engine, "before_cursor_execute")
    def _start(
        _conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "SQL"
        span = tracer.start_span(
            f"db {verb}",
            kind=trace.SpanKind.CLIENT,
            attributes={"db.system": system, "db.statement": statement[:MAX_STATEMENT_CHARS]},
        )
        if context is not None:
            context.__dict__[_SPAN_KEY] = span

    @event.listens_for(engine, "after_cursor_execute")
    def _end(
        _conn: Any, _cursor: Any, _statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        span = context.__dict__.pop(_SPAN_KEY, None) if context is not None else None
        if span is not None:
            span.end()

    @event.listens_for(engine, "handle_error")
    def _error(exception_context: ExceptionContext) -> None:
        context = exception_context.execution_context
        span = context.__dict__.pop(_SPAN_KEY, None) if context is not None else None
        if span is not None:
            error = exception_context.original_exception
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            span.end()
