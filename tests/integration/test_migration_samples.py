"""Migration 0010 adds ``writing_samples`` without touching what was there.

Built at 0009 with a user, upgraded: the user reads back, a sample can be stored, the schema
matches the code, the partial unique index refuses a second active sample of one type, and
removing the owner removes their samples. Downgrading to 0009 drops the table only.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import msgspec
import pytest
from sqlalchemy import text

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.user import User
from resumecore.samples.extract import extract_style
from resumecore.samples.model import Sample
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.migrate import check, downgrade, upgrade
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_migrations import fresh_url, state  # noqa: F401  (fixture)

AT = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
USER = User(
    id=UserId("00000000-0000-4000-8000-0000000000ab"),
    email="samples@example.com",
    full_name="Seeded Row",
    password_hash="$2b$04$" + "s" * 53,
    created_at=AT,
    updated_at=AT,
)
SAMPLE = Sample(
    id="00000000-0000-4000-8000-0000000000ac",
    user_id=USER.id,
    document_type="resume",
    original_filename="cv.txt",
    word_count=2,
    character_count=9,
    writing_style=extract_style("- Led it\n"),
    is_active=True,
    created_at=AT,
    updated_at=AT,
    full_text="- Led it\n",
)


async def _add(url: str, *, user: bool, sample: Sample | None) -> None:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            if user:
                await uow.users.add(USER)
            if sample is not None:
                await uow.samples.add(sample)
            await uow.commit()
    finally:
        await engine.dispose()


async def _read(url: str) -> tuple[User | None, Sample | None]:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            return await uow.users.get(USER.id), await uow.samples.get(SAMPLE.id)
    finally:
        await engine.dispose()


async def _delete_owner_and_count(url: str) -> int:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": USER.id})
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT count(*) FROM writing_samples"))
            return int(result.scalar_one())
    finally:
        await engine.dispose()


def test_upgrade_from_0009_adds_writing_samples_and_downgrade_drops_them(fresh_url: str) -> None:  # noqa: F811
    upgrade(fresh_url, "0009")
    asyncio.run(_add(fresh_url, user=True, sample=None))

    upgrade(fresh_url, "head")
    check(fresh_url)
    asyncio.run(_add(fresh_url, user=False, sample=SAMPLE))
    assert asyncio.run(_read(fresh_url)) == (USER, SAMPLE)
    second = msgspec.structs.replace(SAMPLE, id="00000000-0000-4000-8000-0000000000ad")
    with pytest.raises(Conflict):
        asyncio.run(_add(fresh_url, user=False, sample=second))

    downgrade(fresh_url, "0009")
    tables, versions = state(fresh_url)
    assert versions == ["0009"]
    assert "writing_samples" not in tables
    assert "users" in tables

    upgrade(fresh_url, "head")
    asyncio.run(_add(fresh_url, user=False, sample=SAMPLE))
    assert asyncio.run(_delete_owner_and_count(fresh_url)) == 0
