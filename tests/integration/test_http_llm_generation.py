"""The LLM writer over HTTP: the real adapter against the fake OpenAI-compatible server.

What a user sees when the model rewrites, invents, fails or is slow; the reply cache; the daily
token budget. Every fabrication either never reaches the stored result or is flagged as fallen
back, and the stored text always passes the verifier.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tests.integration.http_helpers import Client, app_client
from tests.integration.test_http_generations import GENERATIONS, auth, user
from tests.support.clock import FakeClock
from tests.support.fake_llm import TEST_KEY, LoopbackLlm, _loopback_server, loopback_llm
from tests.support.llm_replies import faithful_resume, prompt_data

__all__ = ["_loopback_server", "loopback_llm"]  # fixtures


@asynccontextmanager
async def llm_app(
    tmp_path: Path, database_url: str, llm: LoopbackLlm, model: str = "fake:ok", **changes: Any
) -> AsyncIterator[Client]:
    settings: dict[str, Any] = {
        "llm_base_url": llm.base_url,
        "llm_api_key": TEST_KEY,
        "llm_model": model,
        "llm_timeout_seconds": 5.0,
        "llm_max_retries": 2,
    }
    async with app_client(tmp_path, database_url, clock=FakeClock(), **(settings | changes)) as (
        client,
        _,
    ):
        yield client


async def resume(client: Client, who: dict[str, str], **body: Any) -> dict[str, Any]:
    response = await client.post(
        f"{GENERATIONS}/resume",
        json={"job_id": who["job"], "writer": "llm", **body},
        headers=auth(who),
    )
    assert response.status_code == 201, response.text
    generated: dict[str, Any] = response.json()
    assert generated["status"] == "completed", generated
    return generated


def faithful(body: dict[str, Any]) -> str:
    return faithful_resume(prompt_data(body["messages"]))


async def test_a_faithful_rewrite_is_stored_and_says_which_model_wrote_it(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = faithful
    async with llm_app(tmp_path, database_url, loopback_llm) as client:
        ada = await user(client, "ada@example.com")
        generated = await resume(client, ada)
        offline = await resume(client, ada, writer="offline")
    meta = generated["llm_metadata"]
    assert generated["writer"].startswith("llm/")
    assert meta["written_by"] == "llm"
    assert meta["model"] == "fake:ok"
    assert meta["model_calls"] == 1
    assert meta["fallbacks"] == []
    assert meta["input_tokens"] > 0
    assert generated["content_text"] != offline["content_text"]
    assert offline["llm_metadata"]["written_by"] == "offline"
    sent = loopback_llm.fake.chat_requests()[0].body
    assert sent["response_format"]["type"] == "json_schema"
    assert "ada@example.com" not in json.dumps(sent)


async def test_invented_claims_and_unknown_ids_never_reach_the_result_unflagged(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    lie = {
        "summary": [
            {"text": "Led 40 engineers at Initech using Haskell.", "sources": ["no-such-id"]}
        ],
        "roles": [],
    }
    loopback_llm.fake.enqueue(json.dumps(lie), json.dumps(lie))
    async with llm_app(tmp_path, database_url, loopback_llm) as client:
        ada = await user(client, "ada@example.com")
        generated = await resume(client, ada)
        offline = await resume(client, ada, writer="offline")
    assert len(loopback_llm.fake.chat_requests()) == 2  # the ask and one repair
    repair = loopback_llm.fake.chat_requests()[1].body["messages"][-1]["content"]
    assert "Initech" in repair
    assert "Haskell" in repair
    assert "40" in repair
    for word in ("Initech", "Haskell", "40 engineers"):
        assert word not in generated["content_text"]
    assert generated["content_text"] == offline["content_text"]
    assert "summary" in generated["llm_metadata"]["fallbacks"]


async def test_a_model_that_fails_leaves_the_offline_text_and_says_why(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    for scenario, calls in (("fake:500", 3), ("fake:badjson", 1), ("fake:slow=2", 1)):
        loopback_llm.fake.reset()
        changes = {"llm_timeout_seconds": 0.5, "llm_max_retries": 0} if "slow" in scenario else {}
        async with llm_app(tmp_path, database_url, loopback_llm, scenario, **changes) as client:
            ada = await user(client, "ada@example.com")
            generated = await resume(client, ada)
        meta = generated["llm_metadata"]
        assert meta["written_by"] == "offline", scenario
        assert meta["fallback_reason"], scenario
        assert len(loopback_llm.fake.chat_requests()) == calls, scenario  # retries bounded
        assert generated["content_text"].strip()


async def test_rate_limited_then_answered_is_a_normal_result(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = faithful
    async with llm_app(tmp_path, database_url, loopback_llm, "fake:429x1") as client:
        ada = await user(client, "ada@example.com")
        generated = await resume(client, ada)
    assert generated["llm_metadata"]["written_by"] == "llm"
    retries = [r.headers.get("x-stainless-retry-count") for r in loopback_llm.fake.chat_requests()]
    assert retries == ["0", "1"]


async def test_the_same_generation_twice_makes_one_model_call(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = faithful
    async with llm_app(tmp_path, database_url, loopback_llm) as client:
        ada = await user(client, "ada@example.com")
        first = await resume(client, ada)
        deleted = await client.delete(f"{GENERATIONS}/{first['id']}", headers=auth(ada))
        assert deleted.status_code == 204
        second = await resume(client, ada)
    assert second["id"] != first["id"]
    assert second["content_text"] == first["content_text"]
    assert second["llm_metadata"]["model_cache_hits"] == 1
    assert len(loopback_llm.fake.chat_requests()) == 1


async def test_past_the_daily_budget_429_and_no_model_call(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = faithful
    async with llm_app(tmp_path, database_url, loopback_llm, llm_tokens_per_day=50) as client:
        ada = await user(client, "ada@example.com")
        await resume(client, ada)
        calls = len(loopback_llm.fake.chat_requests())
        refused = await client.post(
            f"{GENERATIONS}/resume",
            json={"job_id": ada["job"], "writer": "llm", "max_projects": 1},
            headers=auth(ada),
        )
        offline = await client.post(
            f"{GENERATIONS}/resume",
            json={"job_id": ada["job"], "writer": "offline", "max_projects": 1},
            headers=auth(ada),
        )
    assert refused.status_code == 429, refused.text
    assert 0 < int(refused.headers["Retry-After"]) <= 86400
    assert refused.json()["type"] == "/problems/token_budget_exhausted"
    assert len(loopback_llm.fake.chat_requests()) == calls
    assert offline.status_code == 201


async def test_asking_for_the_llm_writer_without_a_model_is_a_clear_422(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url, clock=FakeClock()) as (client, _):
        ada = await user(client, "ada@example.com")
        response = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"], "writer": "llm"}, headers=auth(ada)
        )
    assert response.status_code == 422, response.text
    assert "not configured" in response.json()["detail"]


def shortened(body: dict[str, Any]) -> str:
    """An enhancement: the summary as it was, each item's first sentence, all cited."""
    data = prompt_data(body["messages"])
    every = [f["id"] for f in data["facts"]]
    items = [
        {
            "id": item["id"],
            "sentences": [
                {"text": item["text"].split(". ")[0].rstrip(".") + ".", "sources": [item["id"]]}
            ],
        }
        for item in data["items"]
    ]
    summary = [{"text": data["summary"], "sources": every}] if data["summary"] else []
    return json.dumps({"summary": summary, "items": items})


async def test_profile_enhance_uses_the_model_when_it_is_the_default_writer(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = shortened
    async with llm_app(tmp_path, database_url, loopback_llm, writer="llm") as client:
        ada = await user(client, "ada@example.com")
        enhanced = await client.post(
            "/api/v1/profile/enhance", json={"profile_id": ada["profile"]}, headers=auth(ada)
        )
        profile = await client.get(f"/api/v1/profiles/{ada['profile']}", headers=auth(ada))
    assert enhanced.status_code == 200, enhanced.text
    assert enhanced.json()["writer"].startswith("llm/")
    assert len(loopback_llm.fake.chat_requests()) == 1
    texts = [e["enhanced_description"] for e in profile.json()["experiences"]]
    assert all(text and text.endswith(".") and ". " not in text for text in texts)


async def test_usage_sums_what_each_generation_cost(
    tmp_path: Path, database_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.responder = faithful
    async with llm_app(tmp_path, database_url, loopback_llm, llm_tokens_per_day=10_000) as client:
        ada = await user(client, "ada@example.com")
        bob = await user(client, "bob@example.com")
        costs = []
        for projects in (1, 2):
            meta = (await resume(client, ada, max_projects=projects))["llm_metadata"]
            costs.append(meta["input_tokens"] + meta["output_tokens"])
        usage = (await client.get("/api/v1/usage/llm", headers=auth(ada))).json()
        others = (await client.get("/api/v1/usage/llm", headers=auth(bob))).json()
    assert usage["available"] is True
    assert usage["today_tokens"] == sum(costs) > 0
    assert usage["remaining_today"] == 10_000 - sum(costs)
    assert usage["total"]["prompt_tokens"] + usage["total"]["completion_tokens"] == sum(costs)
    assert others["today_tokens"] == 0
