"""The telemetry port: counts and durations the use cases and workers report as they work.

The domain says what happened (a stage took so long, a login failed, a model call cost so
many tokens) without knowing who records it. ``NO_TELEMETRY`` drops everything: it is the
default of every constructor that takes a ``Telemetry``, so library use and unit tests need
nothing; the server replaces it with a metrics adapter (``adapters/metrics``).

Every argument becomes a metric label or value, so callers pass only names from a closed set
(stage names, statuses, formats, model names, exception class names) — never ids, e-mails or
user text.
"""

from __future__ import annotations

from typing import Protocol


class Telemetry(Protocol):
    """Receives reports. Implementations never raise from here: metrics must not break work."""

    def stage_finished(self, stage: str, status: str, seconds: float) -> None:
        """A generation stage ended (``completed``, ``failed``, ``skipped``) after ``seconds``."""
        ...

    def generation_finished(self, writer: str, status: str) -> None:
        """A generation ended (``completed``, ``failed``) with the writer it asked for."""
        ...

    def generation_attempt_failed(self, error_kind: str) -> None:
        """A run raised (``error_kind``: the exception's class name); the queue retries it."""
        ...

    def export_made(self, export_format: str, *, batch: bool = False) -> None:
        """An export was rendered and stored (``batch``: one ZIP of several documents)."""
        ...

    def llm_call(
        self,
        model: str,
        *,
        prompt_tokens: int,
        completion_tokens: int,
        seconds: float,
        error_kind: str | None = None,
    ) -> None:
        """One language-model call; ``error_kind`` is the error's class name when it failed."""
        ...

    def rate_limited(self, limiter: str) -> None:
        """A request was refused by the limiter named ``limiter`` (e.g. ``ip_tailoring``)."""
        ...

    def login_failed(self, *, locked: bool) -> None:
        """A login failed: a wrong password, or (``locked``) refused by a lockout."""
        ...


class NoTelemetry:
    """Reports go nowhere: the default for library use and tests."""

    def stage_finished(self, stage: str, status: str, seconds: float) -> None:
        """Dropped."""

    def generation_finished(self, writer: str, status: str) -> None:
        """Dropped."""

    def generation_attempt_failed(self, error_kind: str) -> None:
        """Dropped."""

    def export_made(self, export_format: str, *, batch: bool = False) -> None:
        """Dropped."""

    def llm_call(
        self,
        model: str,
        *,
        prompt_tokens: int,
        completion_tokens: int,
        seconds: float,
        error_kind: str | None = None,
    ) -> None:
        """Dropped."""

    def rate_limited(self, limiter: str) -> None:
        """Dropped."""

    def login_failed(self, *, locked: bool) -> None:
        """Dropped."""


NO_TELEMETRY: Telemetry = NoTelemetry()
