"""Pytest fixtures for the fake LLM server: in-process (httpx2.ASGITransport) and on loopback.

Import the fixtures a test module uses, e.g.
``from tests.support.fake_llm import fake_llm, in_process_llm  # noqa: F401``.

- ``fake_llm``: a fresh ``FakeLlmServer`` (the ASGI app; ``fake_llm.enqueue(text)``,
  ``fake_llm.chat_requests()``).
- ``in_process_llm``: a factory ``(model="fake:ok", **adapter options) -> OpenAiLanguageModel``
  talking to ``fake_llm`` through ``httpx2.ASGITransport`` (no sockets; no timeouts either:
  the ASGI transport does not enforce them, so timeout tests use the loopback server).
- ``loopback_llm``: the same app under uvicorn on 127.0.0.1 (one server per module, reset for
  every test): ``.fake``, ``.base_url``, ``.model(name, **options)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest

from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel
from tests.support.fake_llm_server import FakeLlmServer
from tests.support.server import serving

TEST_KEY = "sk-test-THE-SECRET-KEY-0123456789"
ModelFactory = Callable[..., OpenAiLanguageModel]


@pytest.fixture
def fake_llm() -> FakeLlmServer:
    return FakeLlmServer()


@pytest.fixture
async def in_process_llm(fake_llm: FakeLlmServer) -> AsyncIterator[ModelFactory]:
    made: list[OpenAiLanguageModel] = []

    def make(model: str = "fake:ok", **options: Any) -> OpenAiLanguageModel:
        transport = httpx2.ASGITransport(app=fake_llm)
        options.setdefault("api_key", TEST_KEY)
        options.setdefault("max_retries", 2)
        adapter = OpenAiLanguageModel(
            model=model,
            base_url="http://fake-llm/v1",
            http_client=httpx2.AsyncClient(transport=transport),
            **options,
        )
        made.append(adapter)
        return adapter

    yield make
    for adapter in made:
        await adapter.aclose()


@dataclass
class LoopbackLlm:
    """The fake served by uvicorn; ``model`` builds adapters pointed at it."""

    fake: FakeLlmServer
    base_url: str
    made: list[OpenAiLanguageModel] = field(default_factory=list)

    def model(self, name: str = "fake:ok", **options: Any) -> OpenAiLanguageModel:
        options.setdefault("api_key", TEST_KEY)
        options.setdefault("timeout_seconds", 5.0)
        adapter = OpenAiLanguageModel(model=name, base_url=self.base_url, **options)
        self.made.append(adapter)
        return adapter


@pytest.fixture(scope="module")
def _loopback_server() -> Iterator[tuple[FakeLlmServer, str]]:
    fake = FakeLlmServer()
    with serving(fake) as url:
        yield fake, f"{url}/v1"


@pytest.fixture
async def loopback_llm(
    _loopback_server: tuple[FakeLlmServer, str],
) -> AsyncIterator[LoopbackLlm]:
    fake, base_url = _loopback_server
    fake.reset()
    loopback = LoopbackLlm(fake, base_url)
    yield loopback
    for adapter in loopback.made:
        await adapter.aclose()
