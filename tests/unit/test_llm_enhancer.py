"""The LLM enhancer on a scripted model: verified texts kept, fabrications refused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from eval.tailoring_data import load_profile

from resumecore.enhancement.llm import LlmEnhancer
from resumecore.enhancement.offline import enhance_offline
from resumecore.errors import ModelUnavailable
from resumecore.generation.llm.access import ModelAccess
from resumecore.ports.language_model import ChatMessage
from resumecore.tailoring import unsupported_claims
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger
from tests.support.clock import FakeClock
from tests.support.llm_replies import prompt_data

PROFILE, _ = load_profile("software")
OFFLINE = enhance_offline(PROFILE)


def shortened(messages: Sequence[ChatMessage]) -> str:
    """Each item's first sentence only, citing the item; the summary as it was."""
    data = prompt_data(list(messages))
    every = [f["id"] for f in data["facts"]]
    return json.dumps(
        {
            "summary": [{"text": data["summary"], "sources": every}] if data["summary"] else [],
            "items": [
                {"id": i["id"], "sentences": [{"text": first(i["text"]), "sources": [i["id"]]}]}
                for i in data["items"]
            ],
        }
    )


def first(text: str) -> str:
    return text.split(". ", maxsplit=1)[0].rstrip(".") + "."


def enhancer(model: ScriptedLanguageModel) -> LlmEnhancer:
    access = ModelAccess(
        model, MemoryReplyCache(), MemoryTokenLedger(), FakeClock(), tokens_per_day=10**6
    )
    return LlmEnhancer(access)


async def test_verified_texts_are_proposed_and_named_as_the_models() -> None:
    proposal = await enhancer(ScriptedLanguageModel(respond=shortened)).enhance(PROFILE)
    assert proposal.writer.startswith("llm/")
    assert proposal.items.keys() == OFFLINE.items.keys()
    assert proposal.items == {k: first(v) for k, v in OFFLINE.items.items()}
    for text in [proposal.summary or "", *proposal.items.values()]:
        assert unsupported_claims(text, PROFILE) == []


async def test_an_invented_item_text_keeps_the_offline_one() -> None:
    target = next(iter(OFFLINE.items))

    def lying(messages: Sequence[ChatMessage]) -> str:
        reply: dict[str, Any] = json.loads(shortened(messages[:2]))
        for item in reply["items"]:
            if item["id"] == target:
                item["sentences"] = [{"text": "Grew revenue 400% at Initech.", "sources": [target]}]
        return json.dumps(reply)

    model = ScriptedLanguageModel(respond=lying)
    proposal = await enhancer(model).enhance(PROFILE)
    assert len(model.calls) == 2
    assert proposal.items[target] == OFFLINE.items[target]
    assert all(proposal.items[k] == first(v) for k, v in OFFLINE.items.items() if k != target)


async def test_a_model_that_cannot_answer_leaves_the_offline_enhancement() -> None:
    proposal = await enhancer(ScriptedLanguageModel([ModelUnavailable("down")])).enhance(PROFILE)
    assert proposal == OFFLINE
