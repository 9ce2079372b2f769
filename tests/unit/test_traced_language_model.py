"""TracedLanguageModel: one span per call with model and token counts, never the prompt."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from resumecore.errors import ModelUnavailable
from resumecore.ports.language_model import ChatMessage
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from resumecore_server.adapters.tracing.language_model import TracedLanguageModel

PROMPT = "write about Ada Lovelace, secret project X"


class RecordingSpan:
    def __init__(self, name: str, attributes: dict[str, Any], kind: str) -> None:
        self.name = name
        self.attributes = dict(attributes)
        self.kind = kind
        self.failed = False

    def set(self, **attributes: Any) -> None:
        self.attributes.update(attributes)

    def rename(self, name: str) -> None:
        self.name = name

    def fail(self, reason: str) -> None:
        self.failed = True


class RecordingTracer:
    def __init__(self) -> None:
        self.spans: list[RecordingSpan] = []

    @contextlib.contextmanager
    def span(
        self, name: str, *, parent: str | None = None, kind: str = "internal", **attributes: Any
    ) -> Iterator[Any]:
        span = RecordingSpan(name, attributes, kind)
        self.spans.append(span)
        yield span

    def carrier(self) -> str | None:
        return None


async def test_a_text_call_is_one_span_with_model_and_tokens_and_no_prompt() -> None:
    tracer = RecordingTracer()
    model = TracedLanguageModel(ScriptedLanguageModel(["A fine letter."], model="m1"), tracer)
    reply = await model.complete_text([ChatMessage("user", PROMPT)], max_tokens=50)
    assert reply.text == "A fine letter."
    [span] = tracer.spans
    assert span.name == "llm.complete_text"
    assert span.kind == "client"  # a call out to another system, as database spans are
    assert span.attributes["model"] == "m1"
    assert {"prompt_tokens", "completion_tokens", "latency_ms"} <= span.attributes.keys()
    assert all(PROMPT not in str(value) for value in span.attributes.values())


async def test_a_failed_call_still_leaves_its_span_and_raises() -> None:
    tracer = RecordingTracer()
    failing = ScriptedLanguageModel([ModelUnavailable("down")], model="m1")
    model = TracedLanguageModel(failing, tracer)
    with pytest.raises(ModelUnavailable):
        await model.complete_text([ChatMessage("user", PROMPT)], max_tokens=50)
    assert [s.name for s in tracer.spans] == ["llm.complete_text"]
    assert "prompt_tokens" not in tracer.spans[0].attributes
