"""The token ledger and the reply cache in the database, shared by every process."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ids import UserId
from resumecore.ports.language_model import TokenUsage
from resumecore.ports.system import Clock
from resumecore_server.adapters.sql.errors import translated_errors
from resumecore_server.adapters.sql.tables import llm_replies, llm_usage


def _insert(engine: AsyncEngine, table: Any) -> Any:
    """An INSERT that can take ON CONFLICT (both dialects spell it the same way)."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


class SqlTokenLedger:
    """Tokens per (user, day): one upsert per call, one indexed read per budget check."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def spent(self, user_id: UserId, day: date) -> int:
        """Tokens ``user_id`` spent on ``day``."""
        query = select(llm_usage.c.prompt_tokens + llm_usage.c.completion_tokens).where(
            llm_usage.c.user_id == user_id, llm_usage.c.day == day
        )
        with translated_errors():
            async with self._engine.connect() as connection:
                found = (await connection.execute(query)).scalar()
        return int(found or 0)

    async def record(self, user_id: UserId, day: date, usage: TokenUsage) -> None:
        """Add ``usage`` to the day's row, creating it if needed, in one statement."""
        insert = _insert(self._engine, llm_usage).values(
            user_id=user_id,
            day=day,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            calls=1,
        )
        statement = insert.on_conflict_do_update(
            index_elements=["user_id", "day"],
            set_={
                "prompt_tokens": llm_usage.c.prompt_tokens + insert.excluded.prompt_tokens,
                "completion_tokens": llm_usage.c.completion_tokens
                + insert.excluded.completion_tokens,
                "calls": llm_usage.c.calls + 1,
            },
        )
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(statement)

    async def total(self, user_id: UserId) -> TokenUsage:
        """Everything ``user_id`` spent."""
        query = select(
            func.coalesce(func.sum(llm_usage.c.prompt_tokens), 0),
            func.coalesce(func.sum(llm_usage.c.completion_tokens), 0),
        ).where(llm_usage.c.user_id == user_id)
        with translated_errors():
            async with self._engine.connect() as connection:
                prompt, completion = (await connection.execute(query)).one()
        return TokenUsage(prompt_tokens=int(prompt), completion_tokens=int(completion))


class SqlReplyCache:
    """Replies by key; the first stored for a key wins (they are interchangeable)."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def get(self, key: str) -> bytes | None:
        """The reply under ``key``, or None."""
        query = select(llm_replies.c.reply).where(llm_replies.c.key == key)
        with translated_errors():
            async with self._engine.connect() as connection:
                found = (await connection.execute(query)).scalar()
        return bytes(found) if found is not None else None

    async def put(self, key: str, reply: bytes) -> None:
        """Store ``reply`` unless a reply for ``key`` is already there."""
        statement = (
            _insert(self._engine, llm_replies)
            .values(key=key, reply=reply, created_at=self._clock.now())
            .on_conflict_do_nothing(index_elements=["key"])
        )
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(statement)
