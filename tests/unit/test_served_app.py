"""``resumecore serve`` runs ``create_app`` with its start-up heap frozen (``served_app.py``)."""

from __future__ import annotations

import gc

import pytest
from litestar import Litestar, get

from resumecore_server.entrypoints.http import served_app


@get("/ping", sync_to_thread=False)
def ping() -> str:
    return "pong"


async def test_the_served_app_freezes_the_heap_once_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        served_app, "create_app", lambda: Litestar(route_handlers=[ping], logging_config=None)
    )
    app = served_app.create_served_app()
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        async with app.lifespan():  # type: ignore[attr-defined]
            assert gc.get_freeze_count() > 0
            # Objects made after start-up are collected as ever.
            cycle: list[object] = []
            cycle.append(cycle)
            del cycle
            assert gc.collect() >= 1
    finally:
        gc.unfreeze()
