"""``ScriptedLanguageModel``: a ``LanguageModel`` that answers from a script, for unit tests.

Replies come from a queue (texts, or ``LanguageModelError``s to raise) or, when the queue is
empty, from a function of the messages. Replies are judged exactly as the real adapter judges
them (``resumecore.ports.language_model_reply``): invalid JSON, a wrong shape or an empty reply
is ``ModelReplyInvalid``. Usage is counted in words, like the project's fake server.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

import msgspec

from resumecore.errors import LanguageModelError
from resumecore.ports.language_model import ChatMessage, Completion, TokenUsage
from resumecore.ports.language_model_reply import check_text_reply, decode_json_reply

T = TypeVar("T")
Reply = str | LanguageModelError
Responder = Callable[[Sequence[ChatMessage]], str]


class ScriptedCall(msgspec.Struct, frozen=True, kw_only=True):
    """One call the fake received: what a test asserts prompts on."""

    messages: tuple[ChatMessage, ...]
    schema_name: str | None
    reply_type: type | None
    max_tokens: int


class ScriptedLanguageModel:
    """A fake model answering from ``replies`` in order, then from ``respond`` (if given).

    With neither left a call raises ``LookupError`` (not a ``LanguageModelError``, so a test
    that forgot a reply fails loudly instead of quietly exercising a fallback).
    ``structured_output`` mirrors the real adapter's setting: outside ``json_schema`` a reply
    wrapped in a Markdown code fence is accepted.
    """

    def __init__(
        self,
        replies: Iterable[Reply] = (),
        *,
        respond: Responder | None = None,
        model: str = "scripted",
        structured_output: Literal["json_schema", "json_object", "prompt_only"] = "json_schema",
    ) -> None:
        self._replies: deque[Reply] = deque(replies)
        self._respond = respond
        self._model = model
        self._allow_fence = structured_output != "json_schema"
        self.calls: list[ScriptedCall] = []

    @property
    def model(self) -> str:
        """The model name given at construction."""
        return self._model

    def enqueue(self, *replies: Reply) -> None:
        """Queue replies (texts to answer, errors to raise) after those already queued."""
        self._replies.extend(replies)

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type[T],
        *,
        schema_name: str,
        max_tokens: int,
    ) -> Completion[T]:
        """The next reply decoded as ``reply_type``, or the error the real adapter would raise."""
        started = time.perf_counter()
        text = self._next(messages, reply_type, schema_name, max_tokens)
        value = decode_json_reply(text, reply_type, allow_fence=self._allow_fence)
        return self._completion(value, text, messages, started)

    async def complete_text(
        self, messages: Sequence[ChatMessage], *, max_tokens: int
    ) -> Completion[str]:
        """The next reply as text; an empty one is ``ModelReplyInvalid``."""
        started = time.perf_counter()
        text = check_text_reply(self._next(messages, None, None, max_tokens))
        return self._completion(text, text, messages, started)

    def _next(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type | None,
        schema_name: str | None,
        max_tokens: int,
    ) -> str:
        self.calls.append(
            ScriptedCall(
                messages=tuple(messages),
                schema_name=schema_name,
                reply_type=reply_type,
                max_tokens=max_tokens,
            )
        )
        if self._replies:
            reply = self._replies.popleft()
            if isinstance(reply, LanguageModelError):
                raise reply
            return reply
        if self._respond is not None:
            return self._respond(messages)
        msg = f"ScriptedLanguageModel: no reply left for call {len(self.calls)}"
        raise LookupError(msg)

    def _completion(
        self, value: T, text: str, messages: Sequence[ChatMessage], started: float
    ) -> Completion[T]:
        usage = TokenUsage(
            prompt_tokens=sum(len(message.content.split()) for message in messages),
            completion_tokens=len(text.split()),
        )
        latency_ms = (time.perf_counter() - started) * 1000
        return Completion(
            value=value, text=text, usage=usage, latency_ms=latency_ms, model=self._model
        )
