"""Cheap profile reads: a version already served is answered without loading components.

The cached answer is byte-identical to the first one, an edit is seen at once (a new version is
a new entry), and a repeat read of an unchanged profile never touches component rows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest.mock import patch

from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_cursor
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore_server.adapters.sql.sqlite_inline import InlineCursor
from resumecore_server.entrypoints.workers import BACKGROUND_TASK
from tests.integration.test_http_profile_safety import PROFILES, create_profile, register

# The driver cursors of both test databases: SQL reaches the database through these, whether
# SQLAlchemy runs it or an adapter runs it on the driver itself (session_version_reads.py).
_CURSORS = (InlineCursor, AsyncAdapt_asyncpg_cursor)


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL run for requests while open (the app's background workers poll meanwhile)."""
    seen: list[str] = []

    def recorded(run: Callable[..., Any]) -> Callable[..., Any]:
        def record(cursor: Any, sql: str, *args: Any) -> Any:
            task = asyncio.current_task()
            if task is None or not task.get_name().startswith(BACKGROUND_TASK):
                seen.append(sql)
            return run(cursor, sql, *args)

        return record

    with ExitStack() as patches:
        for cursor in _CURSORS:
            for method in ("execute", "executemany"):
                original = getattr(cursor, method)
                patches.enter_context(patch.object(cursor, method, recorded(original)))
        yield seen


async def test_a_repeat_read_is_the_same_bytes_without_component_rows(client: AsyncClient) -> None:
    owner = await register(client, "a@example.com")
    profile = await create_profile(client, owner)
    for url in (f"{PROFILES}/me", f"{PROFILES}/{profile['id']}"):
        first = await client.get(url, headers=owner)
        with statements() as seen:
            second = await client.get(url, headers=owner)
        assert second.status_code == first.status_code == 200
        assert second.content == first.content
        assert second.headers["etag"] == first.headers["etag"]
        assert second.headers["content-type"].startswith("application/json")
        assert seen, "the version is still read"
        assert not [s for s in seen if "profile_components" in s]


async def test_an_edit_is_seen_at_once(client: AsyncClient) -> None:
    owner = await register(client, "a@example.com")
    profile = await create_profile(client, owner)
    url = f"{PROFILES}/{profile['id']}"
    before = await client.get(url, headers=owner)
    changed = await client.put(url, json={"professional_summary": "Rewritten."}, headers=owner)
    assert changed.status_code == 200, changed.text
    for read in (url, f"{PROFILES}/me"):
        after = await client.get(read, headers=owner)
        assert after.json()["professional_summary"] == "Rewritten."
        assert after.headers["etag"] != before.headers["etag"]
        not_modified = await client.get(
            read, headers=owner | {"If-None-Match": after.headers["etag"]}
        )
        assert not_modified.status_code == 304


async def test_the_profile_that_becomes_primary_is_not_served_from_an_old_answer(
    client: AsyncClient,
) -> None:
    owner = await register(client, "a@example.com")
    first = await create_profile(client, owner)
    second = await create_profile(client, owner)
    url = f"{PROFILES}/{second['id']}"
    before = await client.get(url, headers=owner)  # answered, so cached, while not primary
    assert before.json()["is_primary"] is False

    deleted = await client.delete(f"{PROFILES}/{first['id']}", headers=owner)
    assert deleted.status_code == 204, deleted.text

    for read in (url, f"{PROFILES}/me"):
        after = await client.get(read, headers=owner)
        assert after.json()["id"] == second["id"]
        assert after.json()["is_primary"] is True
        assert after.headers["etag"] != before.headers["etag"]
    stale = await client.get(url, headers={**owner, "If-None-Match": before.headers["etag"]})
    assert stale.status_code == 200


async def test_statements_leave_out_what_background_tasks_run(engine: AsyncEngine) -> None:
    async def run(sql: str) -> None:
        async with engine.connect() as connection:
            await connection.execute(text(sql))

    with statements() as seen:
        await run("SELECT 1")
        await asyncio.create_task(run("SELECT 2"), name=f"{BACKGROUND_TASK} poll")
    assert seen == ["SELECT 1"]
