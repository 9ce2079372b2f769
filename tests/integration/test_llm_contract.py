"""One contract for every LanguageModel: the scripted fake and the real adapter over loopback.

Run against ``OpenAiLanguageModel`` talking HTTP to the fake server under uvicorn, so the fake
server and ``ScriptedLanguageModel`` are held to what the real adapter does with a reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import httpx2
import msgspec
import pytest

from resumecore.errors import ModelReplyInvalid
from resumecore.ports.language_model import ChatMessage, LanguageModel, TokenUsage
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from tests.support.fake_llm import (  # noqa: F401  (fixtures)
    LoopbackLlm,
    _loopback_server,
    loopback_llm,
)

Mode = Literal["json_schema", "json_object", "prompt_only"]


class Bullet(msgspec.Struct, forbid_unknown_fields=True):
    text: str
    source_ids: list[str] = []


PROMPT = [
    ChatMessage("system", "Rewrite one resume bullet."),
    ChatMessage("user", "Led a team of four engineers"),
]


@dataclass
class Harness:
    """A model plus how to queue its next replies (before ``make``) and read the prompts seen."""

    make: Callable[[Mode], LanguageModel]
    enqueue: Callable[[str], None]
    received: Callable[[], list[list[ChatMessage]]]


def scripted_harness() -> Harness:
    made: list[ScriptedLanguageModel] = []
    queued: list[str] = []

    def make(mode: Mode) -> LanguageModel:
        model = ScriptedLanguageModel(queued, model="contract-model", structured_output=mode)
        made.append(model)
        return model

    def received() -> list[list[ChatMessage]]:
        return [list(call.messages) for model in made for call in model.calls]

    return Harness(make, queued.append, received)


def loopback_harness(loopback: LoopbackLlm) -> Harness:
    root = loopback.base_url.removesuffix("/v1")

    def make(mode: Mode) -> LanguageModel:
        return loopback.model("contract-model", structured_output=mode, max_retries=0)

    def enqueue(text: str) -> None:
        # Over HTTP on purpose: the route tests outside this process would use.
        httpx2.post(f"{root}/_fake/enqueue", json={"content": text}).raise_for_status()

    def received() -> list[list[ChatMessage]]:
        return [
            [ChatMessage(m["role"], m["content"]) for m in request.body["messages"]]
            for request in loopback.fake.chat_requests()
        ]

    return Harness(make, enqueue, received)


@pytest.fixture(params=["scripted", "openai-over-loopback"])
def harness(request: pytest.FixtureRequest) -> Harness:
    if request.param == "scripted":
        return scripted_harness()
    return loopback_harness(request.getfixturevalue("loopback_llm"))


def words(text: str) -> int:
    return len(text.split())


async def ask(model: LanguageModel) -> Any:
    return await model.complete(PROMPT, Bullet, schema_name="bullet", max_tokens=100)


async def test_a_valid_reply_is_decoded_and_reported(harness: Harness) -> None:
    reply = '{"text": "Led four engineers to ship on time", "source_ids": ["e1"]}'
    harness.enqueue(reply)
    model = harness.make("json_schema")
    completion = await ask(model)
    assert completion.value == Bullet("Led four engineers to ship on time", ["e1"])
    assert completion.text == reply
    assert completion.model == model.model == "contract-model"
    assert completion.latency_ms >= 0
    prompt_words = sum(words(m.content) for m in PROMPT)
    assert completion.usage == TokenUsage(
        prompt_tokens=prompt_words, completion_tokens=words(reply)
    )
    assert harness.received() == [PROMPT]


async def test_replies_come_in_the_order_queued(harness: Harness) -> None:
    harness.enqueue('{"text": "first"}')
    harness.enqueue("second")
    model = harness.make("json_schema")
    assert (await ask(model)).value == Bullet("first")
    assert (await model.complete_text(PROMPT, max_tokens=50)).value == "second"
    assert len(harness.received()) == 2


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "   ",
        "{not json",
        '{"text": "cut off',
        "[]",
        '{"source_ids": []}',
        '{"text": 7}',
        '{"text": "a", "unknown": 1}',
        '```json\n{"text": "a"}\n```',
    ],
)
async def test_an_unusable_json_reply_is_invalid(harness: Harness, reply: str) -> None:
    harness.enqueue(reply)
    with pytest.raises(ModelReplyInvalid):
        await ask(harness.make("json_schema"))


@pytest.mark.parametrize("mode", ["json_object", "prompt_only"])
async def test_a_fenced_reply_is_accepted_when_json_is_not_enforced(
    harness: Harness, mode: Mode
) -> None:
    harness.enqueue('```json\n{"text": "a"}\n```')
    assert (await ask(harness.make(mode))).value == Bullet("a")


async def test_a_text_reply_is_returned_as_is(harness: Harness) -> None:
    harness.enqueue("Led a team of four engineers.")
    completion = await harness.make("json_schema").complete_text(PROMPT, max_tokens=50)
    assert completion.value == completion.text == "Led a team of four engineers."
    assert completion.usage.completion_tokens == 6


@pytest.mark.parametrize("reply", ["", " \n "])
async def test_an_empty_text_reply_is_invalid(harness: Harness, reply: str) -> None:
    harness.enqueue(reply)
    with pytest.raises(ModelReplyInvalid, match="empty"):
        await harness.make("json_schema").complete_text(PROMPT, max_tokens=50)
