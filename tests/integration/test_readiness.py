"""GET /health/ready (issue #17): each dependency checked, 503 + Retry-After when one required
fails, Redis optional unless the queue lives there, never a secret or a host in the answer."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import Any

import httpx

from resumecore_server.entrypoints.http.app import create_app
from tests.integration.http_helpers import app_client
from tests.support.app import make_application
from tests.support.services import service_url

CHECKS = {"database", "redis", "workers", "storage", "data_dir"}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_unwritable(folder: Path) -> None:
    """Read-only; as root (which ignores modes) the folder becomes a file instead."""
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        shutil.rmtree(folder)
        folder.write_text("not a folder")


def statuses(body: dict[str, Any]) -> dict[str, str]:
    return {name: check["status"] for name, check in body["checks"].items()}


async def test_all_good(tmp_path: Path, sqlite_only_url: str) -> None:
    redis = service_url("redis")
    async with app_client(tmp_path, sqlite_only_url, redis_url=redis) as (client, _):
        response = await client.get("/health/ready")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert statuses(body) == dict.fromkeys(CHECKS, "ok")
    assert all(check["latency_ms"] >= 0 for check in body["checks"].values())
    assert "Retry-After" not in response.headers
    assert not list((tmp_path / "exports").rglob("probe-*"))  # the probe object was deleted


async def test_liveness_stays_trivial(tmp_path: Path, sqlite_only_url: str) -> None:
    async with app_client(tmp_path, sqlite_only_url) as (client, _):
        assert (await client.get("/health")).json() == {"status": "healthy"}


async def test_redis_away_is_degraded_not_down(tmp_path: Path, sqlite_only_url: str) -> None:
    redis = f"redis://:hunter2@127.0.0.1:{closed_port()}/0"
    async with app_client(tmp_path, sqlite_only_url, redis_url=redis) as (client, _):
        response = await client.get("/health/ready")
    # Redis holds shared limits and caches only: the instance serves on, and says so.
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "degraded"
    assert statuses(body)["redis"] == "failed"
    assert body["checks"]["redis"]["error"]
    assert "hunter2" not in response.text
    assert "127.0.0.1" not in response.text


async def test_unwritable_data_dir_is_not_ready(tmp_path: Path, sqlite_only_url: str) -> None:
    data = tmp_path / "data"
    async with app_client(data, sqlite_only_url) as (client, _):
        assert (await client.get("/health/ready")).status_code == 200
        make_unwritable(data / "exports")
        broken_exports = await client.get("/health/ready")
        make_unwritable(data)
        broken_data = await client.get("/health/ready")
        if data.is_dir():
            data.chmod(0o700)  # let pytest clean up
    assert broken_exports.status_code == 503
    assert broken_exports.headers["Retry-After"] == "5"
    assert statuses(broken_exports.json())["storage"] == "failed"
    assert broken_exports.json()["status"] == "not_ready"
    assert statuses(broken_data.json())["data_dir"] == "failed"
    assert str(tmp_path) not in broken_exports.text + broken_data.text


async def test_unreachable_database_is_not_ready(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://admin:s3cret@127.0.0.1:{closed_port()}/resumecore"
    application = make_application(tmp_path, url, generation_workers=0)
    # No lifespan: start-up would refuse to run without a database (it seeds the catalog).
    transport = httpx.ASGITransport(app=create_app(application))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/health/ready")
    finally:
        await application.aclose()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    body = response.json()
    assert statuses(body)["database"] == "failed"
    assert statuses(body)["workers"] == "not_applicable"
    assert statuses(body)["storage"] == "ok"
    assert "s3cret" not in response.text
    assert "127.0.0.1" not in response.text


async def test_no_embedded_workers_is_not_applicable(tmp_path: Path, sqlite_only_url: str) -> None:
    async with app_client(tmp_path, sqlite_only_url, generation_workers=0) as (client, _):
        response = await client.get("/health/ready")
    assert response.status_code == 200
    assert statuses(response.json())["workers"] == "not_applicable"
    assert statuses(response.json())["redis"] == "not_applicable"


async def test_workers_that_stopped_are_not_ready(tmp_path: Path, sqlite_only_url: str) -> None:
    # A pool that is not running (never started, stopped, or a worker task ended) fails.
    application = make_application(tmp_path, sqlite_only_url)
    transport = httpx.ASGITransport(app=create_app(application))  # never started
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/health/ready")
    await application.aclose()
    assert response.status_code == 503
    assert statuses(response.json())["workers"] == "failed"
