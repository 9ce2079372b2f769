"""The tracing port: named spans around work, and the request that asked for it.

The domain marks what is worth timing (a generation run, its stages) without knowing who
records it; tracing is off unless an adapter is configured, and then ``NO_TRACER`` is
replaced by one that exports spans.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Literal, Protocol

AttributeValue = str | int | float | bool
# What a span stands for, as OpenTelemetry kinds say it: a request served ("server"), a call
# made to another system ("client": a database, a model), or work inside the process.
SpanKind = Literal["internal", "server", "client"]

# The id of the HTTP request being served, or of the one that queued the work being run.
_request_id: ContextVar[str | None] = ContextVar("resumecore_request_id", default=None)


def current_request_id() -> str | None:
    """The request id bound to the running task, if any."""
    return _request_id.get()


@contextlib.contextmanager
def bound_request_id(request_id: str | None) -> Iterator[None]:
    """Bind ``request_id`` (None: leave the current one) for the duration of the block."""
    if request_id is None:
        yield
        return
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


class Span(Protocol):
    """The span of a running block, for what is known only once the work is done."""

    def set(self, **attributes: AttributeValue) -> None:
        """Add attributes (counts, statuses; never user text)."""
        ...

    def rename(self, name: str) -> None:
        """Replace the name (an HTTP span learns its route template after routing)."""
        ...

    def fail(self, reason: str) -> None:
        """Mark the span as an error without an exception (e.g. a 5xx answer)."""
        ...


class Tracer(Protocol):
    """Records spans. Implementations never raise from here: tracing must not break work."""

    def span(
        self,
        name: str,
        *,
        parent: str | None = None,
        kind: SpanKind = "internal",
        **attributes: AttributeValue,
    ) -> AbstractContextManager[Span]:
        """A span around the block, child of the current span (or of ``parent``).

        ``parent`` is a ``carrier()`` string from another process; ``name`` is a fixed label,
        never an id (ids go in ``attributes``); ``kind`` says whether the block serves a
        request, calls out to another system, or neither.
        """
        ...

    def carrier(self) -> str | None:
        """The current span's context as a string to hand to queued work, or None."""
        ...


class _NoSpan:
    def set(self, **attributes: AttributeValue) -> None:
        pass

    def rename(self, name: str) -> None:
        pass

    def fail(self, reason: str) -> None:
        pass


NO_SPAN: Span = _NoSpan()


class NoTracer:
    """Tracing off: spans cost one call and record nothing."""

    def span(
        self,
        name: str,  # noqa: ARG002
        *,
        parent: str | None = None,  # noqa: ARG002
        kind: SpanKind = "internal",  # noqa: ARG002
        **attributes: AttributeValue,  # noqa: ARG002
    ) -> AbstractContextManager[Span]:
        """A block that records nothing."""
        return contextlib.nullcontext(NO_SPAN)

    def carrier(self) -> str | None:
        """Nothing to hand on."""
        return None


NO_TRACER: Tracer = NoTracer()
