"""The language-model port: chat messages in, a validated value or text out, usage reported."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Literal, Protocol, TypeVar

import msgspec

Role = Literal["system", "user", "assistant"]
T = TypeVar("T")


class ChatMessage(msgspec.Struct, frozen=True):
    """One message of a chat prompt."""

    role: Role
    content: str


class TokenUsage(msgspec.Struct, frozen=True, kw_only=True):
    """Tokens a call cost, as the server counted them (0 when it did not say)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        """Prompt and completion tokens together."""
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Completion(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """A reply: ``value`` decoded and validated locally, the raw ``text``, and its cost."""

    value: T
    text: str
    usage: TokenUsage
    latency_ms: float
    model: str


class LanguageModel(Protocol):
    """Any chat model behind an OpenAI-compatible API (or a fake in tests).

    Implementations validate every reply locally against ``reply_type`` whatever the server
    promises, and raise the ``LanguageModelError`` family (``resumecore.errors``) for a
    rejected key, an unknown model, a rate limit, an unavailable server, and a reply that is
    empty, refused, cut off or of the wrong shape. They retry what is worth retrying
    (rate limits and server errors, within their configured limits) before raising.
    """

    @property
    def model(self) -> str:
        """The model's name as configured; it is part of every cache key and usage record."""
        ...

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type[T],
        *,
        schema_name: str,
        max_tokens: int,
    ) -> Completion[T]:
        """A reply decoded as ``reply_type`` (a msgspec Struct), asked for as JSON.

        ``schema_name`` names the JSON schema sent to servers that take one.
        """
        ...

    async def complete_text(
        self, messages: Sequence[ChatMessage], *, max_tokens: int
    ) -> Completion[str]:
        """A plain-text reply (non-empty, not cut off)."""
        ...
