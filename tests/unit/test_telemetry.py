"""The telemetry port's no-op default, and the Prometheus adapter on its own registry."""

from __future__ import annotations

import inspect

import pytest
from prometheus_client import REGISTRY

from resumecore.errors import ModelUnavailable
from resumecore.ports.language_model import ChatMessage
from resumecore.ports.telemetry import NO_TELEMETRY, NoTelemetry, Telemetry
from resumecore.services.auth.login import LoginUser
from resumecore.services.exports.batch import CreateBatchExport
from resumecore.services.exports.create import CreateExport
from resumecore.services.generations.worker import GenerationWorker
from resumecore_server.adapters.cache.memory_cache import MemorySharedCache
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from resumecore_server.adapters.metrics.measured_model import MeasuredLanguageModel
from resumecore_server.adapters.metrics.prometheus import PrometheusTelemetry
from resumecore_server.adapters.metrics.scrape import SharedCacheCollector

REPORTS = ("stage_finished", "generation_finished", "generation_attempt_failed", "export_made",
           "llm_call", "rate_limited", "login_failed")  # fmt: skip


def test_the_no_op_default_takes_every_report_and_keeps_nothing() -> None:
    sink: Telemetry = NO_TELEMETRY
    assert sink.stage_finished("write", "completed", 0.5) is None
    assert sink.generation_finished("offline", "completed") is None
    assert sink.generation_attempt_failed("StorageUnavailable") is None
    assert sink.export_made("pdf", batch=True) is None
    llm = sink.llm_call("m", prompt_tokens=1, completion_tokens=2, seconds=0.1, error_kind="X")
    assert llm is None
    assert sink.rate_limited("ip_browse") is None
    assert sink.login_failed(locked=True) is None
    assert vars(NO_TELEMETRY) == {}  # nothing was kept


def test_the_no_op_and_the_adapter_implement_the_whole_port() -> None:
    for name in REPORTS:
        port = inspect.signature(getattr(Telemetry, name))
        for implementation in (NoTelemetry, PrometheusTelemetry):
            assert inspect.signature(getattr(implementation, name)) == port, (implementation, name)


@pytest.mark.parametrize("reporter", [LoginUser, CreateExport, CreateBatchExport, GenerationWorker])
def test_reporting_use_cases_default_to_the_no_op(reporter: type) -> None:
    assert inspect.signature(reporter).parameters["telemetry"].default is NO_TELEMETRY


def sample(telemetry: PrometheusTelemetry, name: str, **labels: str) -> float | None:
    return telemetry.registry.get_sample_value(name, labels)


def test_each_application_counts_in_its_own_registry() -> None:
    first, second = PrometheusTelemetry(), PrometheusTelemetry()
    first.login_failed(locked=False)
    first.login_failed(locked=True)
    assert sample(first, "resumecore_login_failures_total") == 1
    assert sample(first, "resumecore_login_lockouts_total") == 1
    assert sample(first, "resumecore_rate_limited_total", limiter="login_lockout", route="") == 1
    assert sample(second, "resumecore_login_failures_total") == 0
    assert REGISTRY.get_sample_value("resumecore_login_failures_total") is None


def test_http_requests_are_labelled_by_template_and_a_rate_limit_names_its_route() -> None:
    telemetry = PrometheusTelemetry()
    scope = {"method": "BREW", "path": "/api/v1/jobs/42"}
    with telemetry.http_request(scope) as answered:
        assert sample(telemetry, "resumecore_http_requests_in_flight") == 1
        scope["path_template"] = "/api/v1/jobs/{job_id}"  # as routing writes it
        telemetry.rate_limited("ip_tailoring")
        answered(429)
    assert sample(telemetry, "resumecore_http_requests_in_flight") == 0
    labels = {"route": "/api/v1/jobs/{job_id}", "method": "OTHER", "status_class": "4xx"}
    assert sample(telemetry, "resumecore_http_requests_total", **labels) == 1
    limited = {"limiter": "ip_tailoring", "route": "/api/v1/jobs/{job_id}"}
    assert sample(telemetry, "resumecore_rate_limited_total", **limited) == 1
    # reported by its limiter, so not counted again as an unattributed 429
    other = {"limiter": "other", "route": "/api/v1/jobs/{job_id}"}
    assert sample(telemetry, "resumecore_rate_limited_total", **other) is None


def test_a_429_no_limiter_reported_counts_as_other_and_an_unmatched_path_shares_a_label() -> None:
    telemetry = PrometheusTelemetry()
    with telemetry.http_request({"method": "POST", "path": "/x/123"}) as answered:
        answered(429)
    limited = {"limiter": "other", "route": "<unmatched>"}
    assert sample(telemetry, "resumecore_rate_limited_total", **limited) == 1
    count = {"route": "<unmatched>", "method": "POST"}
    assert sample(telemetry, "resumecore_http_request_duration_seconds_count", **count) == 1


async def test_the_measured_model_reports_tokens_latency_and_errors() -> None:
    telemetry = PrometheusTelemetry()
    scripted = ScriptedLanguageModel(["four words of reply", ModelUnavailable("down")], model="m1")
    model = MeasuredLanguageModel(scripted, telemetry)
    prompt = [ChatMessage("user", "three prompt words")]
    reply = await model.complete_text(prompt, max_tokens=10)
    assert reply.text == "four words of reply"
    with pytest.raises(ModelUnavailable):
        await model.complete_text(prompt, max_tokens=10)
    assert sample(telemetry, "resumecore_llm_tokens_total", model="m1", kind="prompt") == 3
    assert sample(telemetry, "resumecore_llm_tokens_total", model="m1", kind="completion") == 4
    assert sample(telemetry, "resumecore_llm_call_duration_seconds_count", model="m1") == 2
    errors = {"model": "m1", "error": "ModelUnavailable"}
    assert sample(telemetry, "resumecore_llm_errors_total", **errors) == 1


async def test_the_shared_cache_is_read_at_scrape_time() -> None:
    telemetry = PrometheusTelemetry()
    cache = MemorySharedCache(60)
    telemetry.add_collector(SharedCacheCollector(cache))
    await cache.set("posting:abc", b"1")
    assert await cache.get("posting:abc") == b"1"
    assert await cache.get("posting:def") is None
    assert await cache.get("catalog:x") is None
    assert sample(telemetry, "resumecore_shared_cache_available", backend="memory") == 1
    lookups = "resumecore_shared_cache_lookups_total"
    assert sample(telemetry, lookups, kind="posting", result="hit") == 1
    assert sample(telemetry, lookups, kind="posting", result="miss") == 1
    assert sample(telemetry, lookups, kind="catalog", result="miss") == 1
    assert sample(telemetry, "resumecore_shared_cache_errors_total") == 0
