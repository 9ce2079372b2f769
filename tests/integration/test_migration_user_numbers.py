"""Migration 0006 gives every existing account its public number and loses nothing.

The database is built at the previous head (0005) with users, profiles and jobs in it, then
upgraded: every row is still there, and each user's number is the one the code derives.
"""

from __future__ import annotations

import asyncio
import importlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from resumecore.ids import ProfileId, UserId
from resumecore.model.job_factory import new_job
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import public_number
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.migrate import check, upgrade
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_migrations import fresh_url  # noqa: F401  (fixture)
from tests.support.profiles import full_profile

AT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
USER_IDS = [str(uuid.UUID(int=n, version=4)) for n in (1, 2, 3)]


async def _seed_at_0005(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            for i, user_id in enumerate(USER_IDS):
                await connection.execute(
                    text(
                        "INSERT INTO users (id, email, full_name, password_hash, is_active,"
                        " is_verified, created_at, updated_at) VALUES (:id, :email, 'Seed',"
                        " 'x', true, false, :at, :at)"
                    ),
                    {"id": user_id, "email": f"seed{i}@example.com", "at": AT},
                )
        ids = iter(str(uuid.UUID(int=1000 + n, version=4)) for n in range(1000))
        async with SqlUnitOfWorkFactory(engine)() as uow:
            for user_id in USER_IDS:
                profile = new_profile(
                    ProfileId(next(ids)),
                    UserId(user_id),
                    full_profile(),
                    is_primary=True,
                    new_id=lambda: next(ids),
                    at=AT,
                )
                await uow.profiles.add(profile)
                job = new_job(
                    next(ids), UserId(user_id), {"title": "Baker", "company": "Crumb"}, at=AT
                )
                await uow.jobs.add(job)
            await uow.commit()
    finally:
        await engine.dispose()


async def _rows(url: str, *, numbers: bool) -> dict[str, list[tuple[object, ...]]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            found = {}
            for table, columns in (
                ("users", "id, email"),
                ("profiles", "id, user_id, version"),
                ("profile_components", "profile_id, id, kind"),
                ("jobs", "id, user_id"),
            ):
                result = await connection.execute(
                    text(f"SELECT {columns} FROM {table} ORDER BY 1, 2")
                )
                found[table] = [tuple(row) for row in result]
            if numbers:
                result = await connection.execute(text("SELECT id, number FROM users"))
                found["numbers"] = [tuple(row) for row in result]
            return found
    finally:
        await engine.dispose()


def test_upgrade_from_0005_keeps_every_row_and_numbers_every_user(fresh_url: str) -> None:  # noqa: F811
    upgrade(fresh_url, "0005")
    asyncio.run(_seed_at_0005(fresh_url))
    before = asyncio.run(_rows(fresh_url, numbers=False))

    upgrade(fresh_url, "head")

    after = asyncio.run(_rows(fresh_url, numbers=True))
    numbers = dict(after.pop("numbers"))  # type: ignore[arg-type]
    assert after == before
    assert len(after["profile_components"]) > 3 * 10
    assert numbers == {user_id: public_number(user_id) for user_id in USER_IDS}
    check(fresh_url)


def test_the_migration_derives_numbers_exactly_as_the_code_does() -> None:
    migration = importlib.import_module(
        "resumecore_server.adapters.sql.migrations.versions.0006_user_numbers"
    )
    for n in range(200):
        user_id = str(uuid.uuid4()) if n else "00000000-0000-4000-8000-000000000000"
        assert migration._number(user_id) == public_number(user_id)
        assert 0 < public_number(user_id) < 2**53
