# ruff: noqa: F811  (pytest fixtures imported from tests.support.fake_llm)
"""OpenAiLanguageModel against the fake server in-process (and on loopback for real timeouts)."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx2
import msgspec
import pytest

from resumecore.errors import (
    LanguageModelError,
    ModelKeyRejected,
    ModelNotFound,
    ModelRateLimited,
    ModelReplyInvalid,
    ModelUnavailable,
)
from resumecore.ports.language_model import ChatMessage, TokenUsage
from resumecore_server.adapters.llm.errors import redact, retry_after_seconds
from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel
from resumecore_server.adapters.llm.schema import strict_json_schema
from tests.support.fake_llm import (  # noqa: F401  (fixtures)
    TEST_KEY,
    LoopbackLlm,
    ModelFactory,
    _loopback_server,
    fake_llm,
    in_process_llm,
    loopback_llm,
)
from tests.support.fake_llm_server import FIXED_TEXT, FakeLlmServer


class Summary(msgspec.Struct, forbid_unknown_fields=True):
    headline: str
    keywords: list[str] = []


PROMPT = [
    ChatMessage("system", "You write resume summaries."),
    ChatMessage("user", "Summarise: five years of Python."),
]
GOOD = '{"headline": "Python developer", "keywords": ["python"]}'


async def ask(model: OpenAiLanguageModel) -> Summary:
    completion = await model.complete(PROMPT, Summary, schema_name="summary", max_tokens=200)
    return completion.value


# --- what each structured-output mode sends --------------------------------------------------


async def test_json_schema_mode_sends_the_strict_schema_and_decodes(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer
) -> None:
    fake_llm.enqueue(GOOD)
    model = in_process_llm("fake:ok", structured_output="json_schema")
    completion = await model.complete(PROMPT, Summary, schema_name="summary", max_tokens=200)

    assert completion.value == Summary("Python developer", ["python"])
    assert completion.text == GOOD
    assert completion.model == "fake:ok"
    assert completion.usage == TokenUsage(prompt_tokens=9, completion_tokens=5)  # words
    assert completion.latency_ms > 0
    [request] = fake_llm.chat_requests()
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "fake:ok"
    assert request.body["max_tokens"] == 200
    assert request.body["messages"] == [{"role": m.role, "content": m.content} for m in PROMPT]
    assert request.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "summary", "schema": strict_json_schema(Summary), "strict": True},
    }
    assert request.headers["authorization"] == f"Bearer {TEST_KEY}"


@pytest.mark.parametrize("mode", ["json_object", "prompt_only"])
async def test_other_modes_put_the_schema_in_the_system_prompt(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer, mode: str
) -> None:
    model = in_process_llm("fake:ok", structured_output=mode)
    assert await ask(model) == Summary(headline="", keywords=[])  # the fake's smallest instance

    [request] = fake_llm.chat_requests()
    system = request.body["messages"][0]
    assert system["role"] == "system"
    assert system["content"].startswith("You write resume summaries.\n\n")
    schema_text = system["content"].split("JSON schema:\n", 1)[1]
    assert json.loads(schema_text) == strict_json_schema(Summary)
    assert request.body["messages"][1] == {"role": "user", "content": PROMPT[1].content}
    if mode == "json_object":
        assert request.body["response_format"] == {"type": "json_object"}
    else:
        assert "response_format" not in request.body


@pytest.mark.parametrize("mode", ["json_object", "prompt_only"])
async def test_a_fenced_reply_is_tolerated_outside_json_schema_mode(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer, mode: str
) -> None:
    fake_llm.enqueue(f"```json\n{GOOD}\n```")
    assert await ask(in_process_llm("fake:ok", structured_output=mode)) == Summary(
        "Python developer", ["python"]
    )


async def test_a_fenced_reply_is_invalid_in_json_schema_mode(in_process_llm: ModelFactory) -> None:
    with pytest.raises(ModelReplyInvalid, match="not valid JSON"):
        await ask(in_process_llm("fake:fenced", structured_output="json_schema"))


async def test_text_replies_send_no_response_format(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer
) -> None:
    completion = await in_process_llm().complete_text(PROMPT, max_tokens=50)
    assert completion.value == completion.text == FIXED_TEXT
    assert completion.usage.completion_tokens == len(FIXED_TEXT.split())
    [request] = fake_llm.chat_requests()
    assert "response_format" not in request.body
    assert request.body["messages"][0]["content"] == PROMPT[0].content


async def test_usage_is_zero_when_the_server_reports_none(in_process_llm: ModelFactory) -> None:
    completion = await in_process_llm("fake:nousage").complete_text(PROMPT, max_tokens=50)
    assert completion.usage == TokenUsage()


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "error", "requests"),
    [
        ("fake:401", ModelKeyRejected, 1),
        ("fake:403", ModelKeyRejected, 1),
        ("fake:404", ModelNotFound, 1),
        ("fake:400", LanguageModelError, 1),
        ("fake:422", LanguageModelError, 1),
        ("fake:429", ModelRateLimited, 3),
        ("fake:500;retry-after-ms=1", ModelUnavailable, 3),
        ("fake:503;retry-after-ms=1", ModelUnavailable, 3),
        ("fake:length", ModelReplyInvalid, 1),
        ("fake:truncated", ModelReplyInvalid, 1),
        ("fake:badjson", ModelReplyInvalid, 1),
        ("fake:wrongshape", ModelReplyInvalid, 1),
        ("fake:empty", ModelReplyInvalid, 1),
        ("fake:refusal", ModelReplyInvalid, 1),
    ],
)
async def test_every_failure_maps_to_its_error(
    in_process_llm: ModelFactory,
    fake_llm: FakeLlmServer,
    scenario: str,
    error: type[LanguageModelError],
    requests: int,
) -> None:
    with pytest.raises(LanguageModelError) as caught:
        await ask(in_process_llm(scenario, max_retries=2))
    assert type(caught.value) is error
    assert len(fake_llm.chat_requests()) == requests


@pytest.mark.parametrize(
    "scenario", ["fake:length", "fake:truncated", "fake:empty", "fake:refusal"]
)
async def test_text_replies_fail_the_same_way(in_process_llm: ModelFactory, scenario: str) -> None:
    with pytest.raises(ModelReplyInvalid):
        await in_process_llm(scenario).complete_text(PROMPT, max_tokens=50)


@pytest.mark.parametrize("max_retries", [0, 1, 3])
async def test_retries_respect_max_retries(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer, max_retries: int
) -> None:
    with pytest.raises(ModelUnavailable):
        await ask(in_process_llm("fake:500;retry-after-ms=1", max_retries=max_retries))
    seen = fake_llm.chat_requests()
    assert len(seen) == max_retries + 1
    assert [r.headers["x-stainless-retry-count"] for r in seen] == [
        str(n) for n in range(max_retries + 1)
    ]


async def test_a_passing_failure_is_retried_into_success(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer
) -> None:
    assert await ask(in_process_llm("fake:429x2", max_retries=2)) == Summary("", [])
    assert len(fake_llm.chat_requests()) == 3
    fake_llm.reset()
    assert await ask(in_process_llm("fake:500x1;retry-after-ms=1", max_retries=1)) == Summary(
        "", []
    )
    assert len(fake_llm.chat_requests()) == 2


async def test_retry_after_is_honoured(in_process_llm: ModelFactory) -> None:
    started = time.monotonic()
    await ask(in_process_llm("fake:429x1;retry-after-ms=300", max_retries=1))
    assert time.monotonic() - started >= 0.3


async def test_rate_limited_reports_the_delay_the_server_asked_for(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer
) -> None:
    with pytest.raises(ModelRateLimited) as caught:
        await ask(in_process_llm("fake:429", max_retries=0))
    assert caught.value.retry_after == pytest.approx(0.01)
    with pytest.raises(ModelRateLimited) as caught:
        await ask(in_process_llm("fake:429;retry-after=7", max_retries=0))
    assert caught.value.retry_after == 7
    assert len(fake_llm.chat_requests()) == 2


def test_retry_after_header_forms() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    date = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert retry_after_seconds({"Retry-After": "9"}) == 9
    assert retry_after_seconds({"retry-after": date}, now=now.timestamp()) == 30
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({"retry-after": "-3"}) is None
    assert retry_after_seconds({"retry-after": "inf"}) is None
    assert retry_after_seconds({}) is None


async def test_a_connection_failure_is_unavailable_after_the_retries() -> None:
    attempts = 0

    def refuse(request: httpx2.Request) -> httpx2.Response:
        nonlocal attempts
        attempts += 1
        raise httpx2.ConnectError("refused", request=request)

    model = OpenAiLanguageModel(
        model="m",
        base_url="http://nowhere/v1",
        api_key=TEST_KEY,
        max_retries=1,
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(refuse)),
    )
    with pytest.raises(ModelUnavailable, match="could not reach"):
        await ask(model)
    await model.aclose()
    assert attempts == 2


@pytest.mark.alone
async def test_a_timeout_is_unavailable_in_bounded_time(loopback_llm: LoopbackLlm) -> None:
    model = loopback_llm.model("fake:slow=1", timeout_seconds=0.2, max_retries=1)
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match="in time"):
        await ask(model)
    assert time.monotonic() - started < 2.0  # 2 x 0.2 s plus one backoff of at most 0.5 s
    assert len(loopback_llm.fake.chat_requests()) == 2


# --- secrets and logs ------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["fake:401", "fake:400", "fake:429", "fake:500;x=1"])
async def test_the_api_key_never_appears_in_errors_or_logs(
    in_process_llm: ModelFactory,
    fake_llm: FakeLlmServer,
    caplog: pytest.LogCaptureFixture,
    scenario: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(LanguageModelError) as caught:
        await ask(in_process_llm(scenario, max_retries=0))
    error = caught.value
    assert fake_llm.chat_requests()[0].headers["authorization"].endswith(TEST_KEY)
    assert TEST_KEY not in str(error)
    assert TEST_KEY not in repr(error)
    assert error.__cause__ is None
    assert error.__context__ is None
    assert caplog.records  # the failure was logged...
    assert TEST_KEY not in caplog.text  # ...without the key, by us or by the client
    if scenario == "fake:401":
        assert "Incorrect API key provided: ***" in str(error)


def test_redact_removes_the_key_and_key_shaped_text() -> None:
    text = "bad key sk-THE-KEY, also sk-proj-ab****wxyz and Bearer abc.def; gsk_ok"
    assert redact(text, "sk-THE-KEY") == "bad key ***, also *** and *** gsk_ok"


async def test_prompts_and_replies_are_not_logged_by_default(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="resumecore.llm")
    fake_llm.enqueue(GOOD)
    await ask(in_process_llm())
    with pytest.raises(ModelReplyInvalid):
        await ask(in_process_llm("fake:wrongshape"))
    logged = caplog.text
    assert "five years" not in logged
    assert "Python developer" not in logged
    assert "code=language_model_reply_invalid" in logged


async def test_prompts_and_replies_are_logged_when_asked(
    in_process_llm: ModelFactory, fake_llm: FakeLlmServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="resumecore.llm")
    fake_llm.enqueue(GOOD)
    await ask(in_process_llm(log_prompts=True))
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("five years of Python" in line for line in infos)
    assert any("Python developer" in line for line in infos)
    assert all(r.name == "resumecore.llm" for r in caplog.records)
