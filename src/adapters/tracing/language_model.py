"""A span around every language-model call: model, tokens, latency; never the prompt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from resumecore.ports.language_model import ChatMessage, Completion, LanguageModel
from resumecore.ports.tracing import Span, Tracer

T = TypeVar("T")


class TracedLanguageModel:
    """Wraps a ``LanguageModel``; errors are recorded by their class name and re-raised."""

    def __init__(self, model: LanguageModel, tracer: Tracer) -> None:
        self._model = model
        self._tracer = tracer

    @property
    def model(self) -> str:
        """The wrapped model's name."""
        return self._model.model

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type[T],
        *,
        schema_name: str,
        max_tokens: int,
    ) -> Completion[T]:
        """The wrapped call, in a span ``llm.complete``."""
        with self._tracer.span(
            "llm.complete",
            kind="client",
            model=self.model,
            schema=schema_name,
            max_tokens=max_tokens,
        ) as span:
            completion = await self._model.complete(
                messages, reply_type, schema_name=schema_name, max_tokens=max_tokens
            )
            _record(span, completion)
            return completion

    async def complete_text(
        self, messages: Sequence[ChatMessage], *, max_tokens: int
    ) -> Completion[str]:
        """The wrapped call, in a span ``llm.complete_text``."""
        with self._tracer.span(
            "llm.complete_text", kind="client", model=self.model, max_tokens=max_tokens
        ) as span:
            completion = await self._model.complete_text(messages, max_tokens=max_tokens)
            _record(span, completion)
            return completion


def _record(span: Span, completion: Completion[T]) -> None:
    span.set(
        prompt_tokens=completion.usage.prompt_tokens,
        completion_tokens=completion.usage.completion_tokens,
        latency_ms=round(completion.latency_ms, 1),
        reply_model=completion.model,
    )
