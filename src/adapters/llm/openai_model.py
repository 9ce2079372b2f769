"""``LanguageModel`` over any OpenAI-compatible chat-completions server, via ``openai``.

One client speaks to OpenAI, Groq, Ollama, vLLM and llama.cpp's server. The client retries
429, 408/409, 5xx, timeouts and dropped connections itself (``max_retries``, honouring
``retry-after-ms`` / ``Retry-After`` up to 120 s); what is left after that is translated by
``resumecore_server.adapters.llm.errors``. Every reply is checked and decoded here, whatever the
server promised.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from typing import Any, TypeVar, cast

import httpx2
import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from resumecore.errors import LanguageModelError, ModelReplyInvalid
from resumecore.ports.language_model import ChatMessage, Completion, TokenUsage
from resumecore.ports.language_model_reply import check_text_reply, decode_json_reply
from resumecore_server.adapters.llm.errors import translate
from resumecore_server.adapters.llm.request import StructuredOutput, json_request, wire_messages
from resumecore_server.adapters.llm.schema import strict_json_schema

T = TypeVar("T")
log = logging.getLogger("resumecore.llm")

OPENAI_BASE_URL = "https://api.openai.com/v1"
# Local servers need no key, but the client insists on one; this goes out as the bearer token.
_NO_KEY = "no-key"


class OpenAiLanguageModel:
    """The ``LanguageModel`` port on ``openai.AsyncOpenAI``.

    ``structured_output`` says how JSON is asked for (see
    ``resumecore_server.adapters.llm.request``). Requests
    carry ``max_tokens``, which every compatible server takes (OpenAI's reasoning models want
    ``max_completion_tokens`` instead and answer 400). ``log_prompts``: log every prompt and
    reply at INFO on ``resumecore.llm``; otherwise only sizes, times and error codes are logged.
    ``http_client`` replaces the client's transport (tests pass an in-process one).
    """

    def __init__(
        self,
        *,
        model: str,
        base_url: str = "",
        api_key: str = "",
        structured_output: StructuredOutput = "json_schema",
        timeout_seconds: float = 60.0,
        max_retries: int = 2,
        log_prompts: bool = False,
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        self._model = model
        self._mode: StructuredOutput = structured_output
        self._secret = api_key
        self._log_prompts = log_prompts
        self._schemas: dict[type[Any], dict[str, Any]] = {}
        self._client = openai.AsyncOpenAI(
            api_key=api_key or _NO_KEY,
            base_url=base_url or OPENAI_BASE_URL,
            timeout=timeout_seconds,
            max_retries=max_retries,
            http_client=http_client,
        )

    @property
    def model(self) -> str:
        """The model's name as configured (also ``Completion.model``, whatever the server says)."""
        return self._model

    async def complete(
        self,
        messages: Sequence[ChatMessage],
        reply_type: type[T],
        *,
        schema_name: str,
        max_tokens: int,
    ) -> Completion[T]:
        """A reply decoded as ``reply_type``; see the port."""
        schema = self._schemas.get(reply_type)
        if schema is None:
            schema = self._schemas[reply_type] = strict_json_schema(reply_type)
        wire, response_format = json_request(self._mode, messages, schema_name, schema)
        text, usage, latency_ms = await self._call(wire, response_format, max_tokens)
        try:
            value = decode_json_reply(text, reply_type, allow_fence=self._mode != "json_schema")
        except ModelReplyInvalid as exc:
            self._log_failure(exc)
            raise
        return Completion(
            value=value, text=text, usage=usage, latency_ms=latency_ms, model=self._model
        )

    async def complete_text(
        self, messages: Sequence[ChatMessage], *, max_tokens: int
    ) -> Completion[str]:
        """A plain-text reply; see the port."""
        text, usage, latency_ms = await self._call(wire_messages(messages), None, max_tokens)
        return Completion(
            value=text, text=text, usage=usage, latency_ms=latency_ms, model=self._model
        )

    async def aclose(self) -> None:
        """Close the HTTP client (not one passed in by the caller)."""
        await self._client.close()

    async def _call(
        self,
        wire: list[dict[str, str]],
        response_format: dict[str, Any] | None,
        max_tokens: int,
    ) -> tuple[str, TokenUsage, float]:
        if self._log_prompts:
            log.info("llm prompt model=%s messages=%s", self._model, json.dumps(wire))
        options: dict[str, Any] = {"max_tokens": max_tokens}
        if response_format is not None:
            options["response_format"] = response_format
        started = time.perf_counter()
        failure: LanguageModelError
        # The domain error is raised outside the except block so the openai exception, whose
        # text may echo the key, is neither its cause nor its context.
        try:
            response = await self._client.chat.completions.create(
                model=self._model,
                messages=cast("list[ChatCompletionMessageParam]", wire),
                **options,
            )
        except openai.APIError as exc:
            failure = translate(exc, secret=self._secret)
        except openai.OpenAIError as exc:
            failure = LanguageModelError(f"the model client failed: {type(exc).__name__}")
        else:
            latency_ms = (time.perf_counter() - started) * 1000
            try:
                text = _reply_text(response)
            except ModelReplyInvalid as exc:
                failure = exc
            else:
                usage = _usage(response)
                log.debug(
                    "llm reply model=%s latency_ms=%.0f prompt_tokens=%d completion_tokens=%d",
                    self._model, latency_ms, usage.prompt_tokens, usage.completion_tokens,
                )  # fmt: skip
                if self._log_prompts:
                    log.info("llm reply model=%s text=%s", self._model, json.dumps(text))
                return text, usage, latency_ms
        self._log_failure(failure)
        raise failure

    def _log_failure(self, error: LanguageModelError) -> None:
        log.warning("llm call failed model=%s code=%s: %s", self._model, error.code, error)


def _reply_text(response: ChatCompletion) -> str:
    """The reply's text if the model finished normally; ``ModelReplyInvalid`` otherwise."""
    if not response.choices:
        raise ModelReplyInvalid("the model server sent no choices")
    choice = response.choices[0]
    reason: str | None = choice.finish_reason
    if choice.message.refusal:
        raise ModelReplyInvalid("the model refused to answer")
    if reason == "length":
        raise ModelReplyInvalid("the model's reply was cut off at max_tokens")
    if reason == "content_filter":
        raise ModelReplyInvalid("the model's reply was withheld by a content filter")
    if not reason:
        # A server that stops without a finish reason was cut off (a dropped stream looks so).
        raise ModelReplyInvalid("the model's reply ended without a finish reason (truncated)")
    return check_text_reply(choice.message.content or "")


def _usage(response: ChatCompletion) -> TokenUsage:
    usage = response.usage
    if usage is None:
        return TokenUsage()
    return TokenUsage(
        prompt_tokens=usage.prompt_tokens or 0, completion_tokens=usage.completion_tokens or 0
    )
