"""Opt-in: the adapter against a real OpenAI-compatible server.

Set ``RESUMECORE_TEST_LLM_BASE_URL`` (e.g. ``http://127.0.0.1:11434/v1`` for Ollama or
``https://api.openai.com/v1``), plus ``RESUMECORE_TEST_LLM_MODEL`` (default ``gpt-4o-mini``) and
``RESUMECORE_TEST_LLM_API_KEY`` when the server needs one; ``RESUMECORE_TEST_LLM_STRUCTURED_OUTPUT``
picks the mode (default ``json_schema``). Skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest

from resumecore.errors import ModelKeyRejected, ModelNotFound
from resumecore.ports.language_model import ChatMessage
from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel

BASE_URL = os.environ.get("RESUMECORE_TEST_LLM_BASE_URL", "")
MODEL = os.environ.get("RESUMECORE_TEST_LLM_MODEL", "gpt-4o-mini")
API_KEY = os.environ.get("RESUMECORE_TEST_LLM_API_KEY", "")
MODE: Any = os.environ.get("RESUMECORE_TEST_LLM_STRUCTURED_OUTPUT", "json_schema")

pytestmark = pytest.mark.skipif(
    not BASE_URL,
    reason="set RESUMECORE_TEST_LLM_BASE_URL (and _MODEL, _API_KEY) to test against a real server",
)


class Colour(msgspec.Struct):
    name: str
    hex_code: str


def adapter(**options: Any) -> OpenAiLanguageModel:
    settings: dict[str, Any] = {
        "model": MODEL,
        "base_url": BASE_URL,
        "api_key": API_KEY,
        "structured_output": MODE,
        "timeout_seconds": 120.0,
        "max_retries": 1,
    }
    return OpenAiLanguageModel(**(settings | options))


@pytest.fixture
async def model() -> AsyncIterator[OpenAiLanguageModel]:
    sut = adapter()
    yield sut
    await sut.aclose()


async def test_a_structured_reply_is_decoded(model: OpenAiLanguageModel) -> None:
    messages = [ChatMessage("user", "Name one primary colour and give its hex code like #ff0000.")]
    completion = await model.complete(messages, Colour, schema_name="colour", max_tokens=200)
    assert completion.value.name.strip()
    assert completion.value.hex_code.startswith("#")
    assert completion.usage.completion_tokens > 0
    assert completion.latency_ms > 0


async def test_a_text_reply_is_returned(model: OpenAiLanguageModel) -> None:
    completion = await model.complete_text(
        [ChatMessage("user", "Say hello in one short sentence.")], max_tokens=50
    )
    assert completion.value.strip()


async def test_an_unknown_model_or_a_refused_key_maps_to_the_error_family() -> None:
    sut = adapter(model="resumecore-no-such-model-x9")
    message = ""
    try:
        await sut.complete_text([ChatMessage("user", "hi")], max_tokens=5)
    except (ModelNotFound, ModelKeyRejected) as exc:
        message = str(exc)
    finally:
        await sut.aclose()
    if not message:
        pytest.skip("this server answers any model name (llama.cpp's server does)")
    assert not API_KEY or API_KEY not in message
