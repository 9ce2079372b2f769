"""TokenLedger and ReplyCache contract, on the in-memory fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from resumecore.ports.language_model import TokenUsage
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.llm_usage import SqlReplyCache, SqlTokenLedger
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_repository_contract import T0, new_user, storage_url
from tests.support.clock import FakeClock
from tests.support.databases import wipe

__all__ = ["storage_url"]  # fixture, re-exported for pytest

DAY = T0.date()


@pytest.fixture
async def stores(storage_url: str | None) -> AsyncIterator[tuple[TokenLedger, ReplyCache, Any]]:
    """(ledger, cache, a coroutine making a user) over empty storage."""
    if storage_url is None:
        yield MemoryTokenLedger(), MemoryReplyCache(), _memory_user
        return
    engine = make_engine(storage_url)
    await wipe(engine)
    uow = SqlUnitOfWorkFactory(engine)

    async def user() -> str:
        made = new_user()
        async with uow() as unit:
            await unit.users.add(made)
            await unit.commit()
        return made.id

    try:
        yield SqlTokenLedger(engine), SqlReplyCache(engine, FakeClock(T0)), user
    finally:
        await engine.dispose()


async def _memory_user() -> str:
    return new_user().id


async def test_usage_adds_up_per_user_and_day(stores: tuple[TokenLedger, ReplyCache, Any]) -> None:
    ledger, _, make_user = stores
    ada, bob = await make_user(), await make_user()
    assert await ledger.spent(ada, DAY) == 0
    await ledger.record(ada, DAY, TokenUsage(prompt_tokens=100, completion_tokens=20))
    await ledger.record(ada, DAY, TokenUsage(prompt_tokens=5, completion_tokens=1))
    await ledger.record(ada, DAY + timedelta(days=1), TokenUsage(prompt_tokens=7))
    await ledger.record(bob, DAY, TokenUsage(completion_tokens=3))
    assert await ledger.spent(ada, DAY) == 126
    assert await ledger.spent(ada, DAY + timedelta(days=1)) == 7
    assert await ledger.spent(bob, DAY) == 3
    assert await ledger.total(ada) == TokenUsage(prompt_tokens=112, completion_tokens=21)
    assert await ledger.total(await make_user()) == TokenUsage()


async def test_concurrent_records_lose_nothing(stores: tuple[TokenLedger, ReplyCache, Any]) -> None:
    ledger, _, make_user = stores
    ada = await make_user()
    await asyncio.gather(*(ledger.record(ada, DAY, TokenUsage(prompt_tokens=1)) for _ in range(20)))
    assert await ledger.spent(ada, DAY) == 20


async def test_the_cache_returns_what_was_stored_and_keeps_the_first(
    stores: tuple[TokenLedger, ReplyCache, Any],
) -> None:
    _, cache, _ = stores
    assert await cache.get("k" * 64) is None
    await cache.put("k" * 64, b'{"a": "\xc3\xbc"}')
    await cache.put("k" * 64, b'{"a": 2}')
    assert await cache.get("k" * 64) == b'{"a": "\xc3\xbc"}'
    assert await cache.get("j" * 64) is None
