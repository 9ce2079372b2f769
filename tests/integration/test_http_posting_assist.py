"""Creating a job with RESUMECORE_PARSER_LLM_ASSIST on, against the fake model server (SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.http_helpers import app_client
from tests.integration.test_http_profiles_flow import bearer
from tests.support.clock import FakeClock
from tests.support.fake_llm import TEST_KEY, LoopbackLlm, _loopback_server, loopback_llm

__all__ = ["_loopback_server", "loopback_llm"]  # fixtures

JOBS = "/api/v1/jobs"
POSTING = """Senior Payroll Accountant
Hybrid, 3 days in the office.
You will run month-end payroll for 400 staff across our bakeries.
Requirements:
- Sage 200 and BrightPay
- CIPP qualification
We are Larkfield Foods, a family-owned bakery group in York.
Apply: careers@larkfield.example.com
"""
PROPOSAL = {
    "title": "Senior Payroll Accountant",
    "company": "Larkfield Foods",
    "location": "York",
    "remote": "hybrid",
    "employment_type": "full_time",  # the posting never says so
    "salary": {"min": 52000, "max": 58000, "currency": "GBP", "period": "year"},  # not in it
    "skills": ["BrightPay", "Sage 200", "Kubernetes"],  # Kubernetes is invented
}


async def test_a_pasted_posting_is_assisted_and_only_what_the_text_states_is_kept(
    tmp_path: Path, sqlite_only_url: str, loopback_llm: LoopbackLlm
) -> None:
    loopback_llm.fake.enqueue(json.dumps(PROPOSAL))
    settings = {
        "llm_base_url": loopback_llm.base_url,
        "llm_api_key": TEST_KEY,
        "llm_model": "fake:ok",
        "parser_llm_assist": True,
    }
    async with app_client(tmp_path, sqlite_only_url, clock=FakeClock(), **settings) as (
        client,
        _,
    ):
        headers = await bearer(client)
        created = await client.post(JOBS, json={"raw_text": POSTING}, headers=headers)
        again = await client.post(JOBS, json={"raw_text": POSTING}, headers=headers)
        typed = await client.post(JOBS, json={"title": "Baker"}, headers=headers)
        usage = (await client.get("/api/v1/usage/llm", headers=headers)).json()
    assert created.status_code == again.status_code == typed.status_code == 201, created.text
    job = created.json()
    assert (job["title"], job["company"], job["location"]) == (
        "Senior Payroll Accountant",
        "Larkfield Foods",
        "York",
    )
    assert job["work_mode"] == "hybrid"
    assert job["employment_type"] is None
    assert job["salary"] is None
    assert "BrightPay" in job["parsed_keywords"]
    assert "Kubernetes" not in job["parsed_keywords"]
    assert again.json()["company"] == "Larkfield Foods"
    # One model call: the second paste is a cache hit, a typed job asks nothing.
    (request,) = loopback_llm.fake.chat_requests()
    sent = request.body["messages"][-1]["content"]
    assert "careers@larkfield.example.com" not in sent
    assert "Larkfield Foods" in sent
    assert usage["today_tokens"] > 0
