"""ScriptedLanguageModel: what unit tests of writers rely on beyond the shared contract."""

from __future__ import annotations

import msgspec
import pytest

from resumecore.errors import ModelRateLimited, ModelReplyInvalid
from resumecore.ports.language_model import ChatMessage
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel

PROMPT = [ChatMessage("user", "Rewrite: built things")]


class Bullet(msgspec.Struct):
    text: str


async def test_queued_errors_are_raised_in_turn() -> None:
    model = ScriptedLanguageModel([ModelRateLimited("slow down", retry_after=3), "ok"])
    with pytest.raises(ModelRateLimited) as caught:
        await model.complete_text(PROMPT, max_tokens=10)
    assert caught.value.retry_after == 3
    assert (await model.complete_text(PROMPT, max_tokens=10)).value == "ok"


async def test_the_responder_answers_once_the_queue_is_empty() -> None:
    model = ScriptedLanguageModel(
        ['{"text": "queued"}'], respond=lambda messages: f'{{"text": "{len(messages)}"}}'
    )
    first = await model.complete(PROMPT, Bullet, schema_name="bullet", max_tokens=10)
    second = await model.complete(PROMPT * 2, Bullet, schema_name="bullet", max_tokens=10)
    assert (first.value, second.value) == (Bullet("queued"), Bullet("2"))


async def test_calls_are_recorded() -> None:
    model = ScriptedLanguageModel()
    model.enqueue('{"text": "a"}', "b")
    await model.complete(PROMPT, Bullet, schema_name="bullet", max_tokens=40)
    await model.complete_text(PROMPT, max_tokens=20)
    assert [(c.messages, c.schema_name, c.reply_type, c.max_tokens) for c in model.calls] == [
        (tuple(PROMPT), "bullet", Bullet, 40),
        (tuple(PROMPT), None, None, 20),
    ]


async def test_running_out_of_replies_is_loud_not_a_model_error() -> None:
    model = ScriptedLanguageModel()
    with pytest.raises(LookupError, match="no reply left"):
        await model.complete_text(PROMPT, max_tokens=10)


async def test_invalid_replies_raise_like_the_real_adapter() -> None:
    model = ScriptedLanguageModel(["{not json", '{"text": 1}'])
    for _ in range(2):
        with pytest.raises(ModelReplyInvalid):
            await model.complete(PROMPT, Bullet, schema_name="bullet", max_tokens=10)
