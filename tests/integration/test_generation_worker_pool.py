"""The embedded worker pool starts and stops with the server without holding it up."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from resumecore.services.generations import worker
from resumecore_server.entrypoints.workers import BACKGROUND_TASK, WorkerPool
from tests.support.app import make_application


async def test_stopping_wakes_idle_workers_at_once(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Idle workers poll the queue; stopping must not wait for their next poll (every test app
    # and every server shutdown would pay for it).
    monkeypatch.setattr(worker, "IDLE_POLL_SECONDS", 3600.0)
    application = make_application(tmp_path, sqlite_url)
    pool = WorkerPool(application, 2)
    try:
        await pool.start()
        await asyncio.sleep(0.05)  # both are idle, waiting for work
        await asyncio.wait_for(pool.stop(), timeout=2)
    finally:
        await application.aclose()


async def test_every_background_task_is_named_as_one(tmp_path: Path, sqlite_url: str) -> None:
    # Statement-budget tests tell a request's SQL from the workers' polls by this name.
    application = make_application(tmp_path, sqlite_url)
    pool = WorkerPool(application, 2, sweep_seconds=3600)
    try:
        await pool.start()
        names = [task.get_name() for task in asyncio.all_tasks()]
        background = [name for name in names if name.startswith(BACKGROUND_TASK)]
        assert len(background) == 3, names  # two generation workers and the export sweep
    finally:
        await pool.stop()
        await application.aclose()
