"""Documents are written on the app's CPU workers, not on the event loop.

Writing for the largest profile the scoring budget allows (2,500 items) took ~1 s of CPU for a
resume and ~1.5 s for a cover letter, all of it on the event loop: every other request of the
process waited. The offline writer now runs on the same workers as the other stages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from resumecore.generation import offline_writer
from tests.integration.http_helpers import app_client
from tests.integration.test_http_generations import GENERATIONS, auth, user


@pytest.mark.parametrize("kind", ["resume", "cover-letter"])
async def test_documents_are_written_off_the_event_loop(
    tmp_path: Path, sqlite_only_url: str, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    on_a_loop: list[bool] = []  # per write: did it run on a thread with a running event loop?
    for name in ("write_resume", "write_cover_letter"):
        original = getattr(offline_writer, name)
        monkeypatch.setattr(offline_writer, name, _watched(original, on_a_loop))

    async with app_client(tmp_path, sqlite_only_url) as (client, _):
        ada = await user(client, "ada@example.com")
        made = await client.post(
            f"{GENERATIONS}/{kind}", json={"job_id": ada["job"]}, headers=auth(ada)
        )

    assert made.status_code == 201, made.text
    assert made.json()["status"] == "completed"
    assert on_a_loop == [False]  # one write, the app's writer's, on a worker thread


def _watched(write: Callable[..., Any], on_a_loop: list[bool]) -> Callable[..., Any]:
    def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            asyncio.get_running_loop()
            on_a_loop.append(True)
        except RuntimeError:
            on_a_loop.append(False)
        return write(*args, **kwargs)

    return watched
