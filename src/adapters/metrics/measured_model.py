"""A ``LanguageModel`` that reports every call's tokens, latency and error to ``Telemetry``."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from resumecore.ports.language_model import ChatMessage, Completion, LanguageModel
from resumecore.ports.telemetry import Telemetry

T = TypeVar("T")


class MeasuredLanguageModel:
    """Wraps a model; the reply (or the exception) is passed through unchanged."""

    def __init__(self, inner: LanguageModel, telemetry: Telemetry) -> None:
        self._inner = inner
        self._telemetry = telemetry

    @property
    def model(self) -> str:
        """The wrapped model's name."""
        return self._inner.model

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type[T],
        *,
        schema_name: str,
        max_tokens: int,
    ) -> Completion[T]:
        """The wrapped call, measured."""
        return await self._measured(
            self._inner.complete(
                messages, reply_type, schema_name=schema_name, max_tokens=max_tokens
            )
        )

    async def complete_text(
        self, messages: Sequence[ChatMessage], *, max_tokens: int
    ) -> Completion[str]:
        """The wrapped call, measured."""
        return await self._measured(self._inner.complete_text(messages, max_tokens=max_tokens))

    async def _measured(self, call: Awaitable[Completion[T]]) -> Completion[T]:
        started = time.perf_counter()
        try:
            completion = await call
        except Exception as exc:
            # A failed call's tokens are not known to us (the server may still have billed).
            self._telemetry.llm_call(
                self.model,
                prompt_tokens=0,
                completion_tokens=0,
                seconds=time.perf_counter() - started,
                error_kind=type(exc).__name__,
            )
            raise
        self._telemetry.llm_call(
            self.model,
            prompt_tokens=completion.usage.prompt_tokens,
            completion_tokens=completion.usage.completion_tokens,
            seconds=time.perf_counter() - started,
        )
        return completion
