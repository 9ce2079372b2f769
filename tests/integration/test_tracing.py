"""Traces (issue #17): OpenTelemetry spans for HTTP, SQL, generation runs and stages.

With an in-memory exporter injected, one request that creates a generation yields spans in one
trace that carry its request id; with tracing off nothing of OpenTelemetry is even imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from httpx import Response
from litestar.testing import AsyncTestClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.http.app import create_app
from resumecore_server.entrypoints.tracing import build_tracer
from tests.integration.http_helpers import Client
from tests.integration.test_http_generations import GENERATIONS, auth, user
from tests.support.app import make_settings
from tests.support.clock import FakeClock
from tests.support.databases import wipe

REQUEST_ID = "trace-me-42"
TRACING_MODULES = (
    "resumecore_server.adapters.tracing",
    "opentelemetry.sdk.trace",
    "opentelemetry.exporter",
)
STAGES = {"analyse_job", "select", "write", "verify", "score", "store"}


@asynccontextmanager
async def traced_client(
    tmp_path: Path, database_url: str, exporter: InMemorySpanExporter
) -> AsyncIterator[Client]:
    engine = make_engine(database_url)
    await wipe(engine)
    await engine.dispose()
    settings = make_settings(tmp_path, database_url)
    application = build_application(settings, clock=FakeClock(), span_exporter=exporter)
    try:
        async with AsyncTestClient(app=create_app(application)) as client:
            yield client
    finally:
        await application.aclose()


def attributes(span: ReadableSpan) -> dict[str, Any]:
    return dict(span.attributes or {})


@dataclass(frozen=True)
class TracedRequest:
    """One request by a fresh user on a traced app, and the spans it left."""

    user: dict[str, Any]
    response: Response
    spans: tuple[ReadableSpan, ...]  # every span finished after the user was set up
    http: ReadableSpan  # the request's own span
    in_trace: list[ReadableSpan]  # the spans of the request's trace


async def one_traced_request(
    tmp_path: Path,
    database_url: str,
    send: Callable[[Client, dict[str, Any]], Awaitable[Response]],
    span_name: str,
) -> TracedRequest:
    exporter = InMemorySpanExporter()
    async with traced_client(tmp_path, database_url, exporter) as client:
        ada = await user(client, "ada@example.com")
        exporter.clear()
        response = await send(client, ada)
    spans = tuple(exporter.get_finished_spans())
    (http,) = [s for s in spans if s.name == span_name]
    in_trace = [s for s in spans if s.context.trace_id == http.context.trace_id]
    return TracedRequest(ada, response, spans, http, in_trace)


async def test_a_generation_request_is_one_trace_with_its_request_id(
    tmp_path: Path, database_url: str
) -> None:
    async def generate(client: Client, ada: dict[str, Any]) -> Response:
        headers = {**auth(ada), "X-Request-Id": REQUEST_ID}
        return await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=headers
        )

    traced = await one_traced_request(
        tmp_path, database_url, generate, "POST /api/v1/generations/resume"
    )
    ada, created, spans, in_trace = traced.user, traced.response, traced.spans, traced.in_trace
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "completed"
    names = {s.name for s in in_trace}
    assert "generation.run" in names
    assert {f"generation.stage.{stage}" for stage in STAGES} <= names
    sql = [s for s in in_trace if attributes(s).get("db.system") or "db.statement" in attributes(s)]
    assert len(sql) >= 5  # the request's reads and writes, and the worker's saves
    run = next(s for s in in_trace if s.name == "generation.run")
    assert attributes(run)["generation_id"] == created.json()["id"]
    # The worker ran the job in its own task, yet every span of the trace names the request.
    assert {attributes(s).get("request.id") for s in in_trace} == {REQUEST_ID}
    assert attributes(traced.http)["status_code"] == 201
    # Route templates name spans, never ids.
    assert not any(ada["job"] in s.name or created.json()["id"] in s.name for s in spans)


async def test_the_session_check_run_on_the_driver_is_traced_like_any_statement(
    tmp_path: Path, sqlite_only_url: str
) -> None:
    # It bypasses the engine's statement events (session_version_reads.py), so it opens its
    # own span: one per authenticated request, in the request's trace.
    async def list_jobs(client: Client, ada: dict[str, Any]) -> Response:
        return await client.get("/api/v1/jobs", headers=auth(ada))

    traced = await one_traced_request(tmp_path, sqlite_only_url, list_jobs, "GET /api/v1/jobs")
    assert traced.response.status_code == 200, traced.response.text
    http, in_trace = traced.http, traced.in_trace
    checks = [s for s in in_trace if "auth_sessions" in str(attributes(s).get("db.statement"))]
    assert len(checks) == 1, [s.name for s in in_trace]
    assert checks[0].name == "db SELECT"
    assert checks[0].kind == SpanKind.CLIENT  # as the engine's statement spans are
    assert attributes(checks[0])["db.system"] == "sqlite"
    assert http.kind == SpanKind.SERVER


async def test_an_unmatched_path_is_not_named_by_its_raw_path(
    tmp_path: Path, sqlite_only_url: str
) -> None:
    exporter = InMemorySpanExporter()
    async with traced_client(tmp_path, sqlite_only_url, exporter) as client:
        missing = await client.get("/api/v1/nothing/0f8fad5b-d9cb-469f-a165-70867728950e")
        assert missing.status_code == 404
    names = {s.name for s in exporter.get_finished_spans()}
    assert "GET <unmatched>" in names
    assert not any("0f8fad5b" in name for name in names)


OFF_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from litestar.testing import AsyncTestClient
    from resumecore_server.adapters.sql.migrate import upgrade
    from resumecore_server.entrypoints.bootstrap import build_application
    from resumecore_server.entrypoints.http.app import create_app
    from tests.support.app import make_settings

    data, url, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
    upgrade(url)

    async def main():
        settings = make_settings(data, url, otel_endpoint=endpoint)
        application = build_application(settings)
        statuses = []
        async with AsyncTestClient(app=create_app(application)) as client:
            for path in ("/health", "/api/v1/auth/check-email?email=a@example.com"):
                statuses.append((await client.get(path)).status_code)
        await application.aclose()
        loaded = sorted(
            m
            for m in sys.modules
            if m.startswith(("opentelemetry", "resumecore_server.adapters.tracing"))
        )
        print(json.dumps({"statuses": statuses, "otel": loaded}))

    asyncio.run(main())
    """
)


def run_app(tmp_path: Path, endpoint: str) -> tuple[dict[str, Any], str]:
    url = f"sqlite+inline:///{tmp_path / 'app.db'}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", OFF_SCRIPT, str(tmp_path), url, endpoint],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    *logs, result = done.stdout.strip().splitlines()
    return json.loads(result), done.stderr + "\n".join(logs)


def test_with_tracing_off_nothing_of_opentelemetry_is_imported(tmp_path: Path) -> None:
    result, output = run_app(tmp_path, endpoint="")
    assert result["statuses"][0] == 200
    # Libraries probe for OpenTelemetry when it is installed (Litestar for its plugin:
    # ``opentelemetry.semconv``; redis-py, once imported, the metrics SDK). Tracing off means:
    # nothing of ours, no tracing SDK, no exporter.
    ours = [m for m in result["otel"] if m.startswith(TRACING_MODULES)]
    assert ours == []
    assert "opentelemetry" not in output
    assert "export" not in output.lower()


def test_a_dead_collector_does_not_break_requests_and_is_said_at_most_once(
    tmp_path: Path,
) -> None:
    # Port 9 (discard) is closed on loopback: every export attempt is refused.
    result, output = run_app(tmp_path, endpoint="http://127.0.0.1:9")
    assert result["statuses"] == [200, 200]
    assert "opentelemetry.sdk.trace" in result["otel"]
    # The batch is flushed at shutdown: the failure is said, once, without a traceback.
    assert output.count("trace export failing") == 1, output
    assert "Traceback" not in output


def test_an_endpoint_without_the_packages_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "resumecore_server.adapters.tracing.otel", raising=False)
    monkeypatch.setitem(sys.modules, "opentelemetry.sdk.trace", None)  # as if not installed
    settings = make_settings(tmp_path, "sqlite+aiosqlite://", otel_endpoint="http://127.0.0.1:9")
    with pytest.raises(RuntimeError, match=r"pip install 'resumecore\[otel\]'"):
        build_tracer(settings, make_engine("sqlite+aiosqlite://"), [])
