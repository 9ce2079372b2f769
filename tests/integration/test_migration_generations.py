"""Migration 0008 adds ``generations`` and ``tasks`` without touching what was there.

The database is built at 0007 with a user, a profile and a job stored through the
repositories, then upgraded: those rows read back unchanged, a generation and a task can be
stored, the schema matches the code, and removing the owner removes their generations (the
only foreign key). Downgrading to 0007 drops the two tables and keeps the rest.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from resumecore.ids import ProfileId, UserId
from resumecore.model.document import ResumeOptions
from resumecore.model.generation import Generation
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import User
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.migrate import check, downgrade, upgrade
from resumecore_server.adapters.sql.task_queue import SqlTaskQueue
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_migrations import fresh_url, state  # noqa: F401  (fixture)
from tests.support.profiles import full_profile

AT = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
USER = User(
    id=UserId("00000000-0000-4000-8000-0000000000bb"),
    email="gen@example.com",
    full_name="Seeded Row",
    password_hash="$2b$04$" + "s" * 53,
    created_at=AT,
    updated_at=AT,
)
JOB = new_job("00000000-0000-4000-8000-0000000000cc", USER.id, {"title": "SRE"}, at=AT)
PROFILE = new_profile(
    ProfileId("00000000-0000-4000-8000-0000000000dd"),
    USER.id,
    full_profile(),
    is_primary=True,
    new_id=lambda: str(uuid.uuid4()),
    at=AT,
)
GENERATION = Generation(
    id="00000000-0000-4000-8000-0000000000ee",
    user_id=USER.id,
    job_id=JOB.id,
    profile_id=PROFILE.id,
    profile_version=PROFILE.version,
    job_version=JOB.version,
    document_type="resume",
    options=ResumeOptions(),
    writer="template/1",
    cache_key="k",
    created_at=AT,
    updated_at=AT,
)


async def _seed(url: str) -> None:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            await uow.users.add(USER)
            await uow.profiles.add(PROFILE)
            await uow.jobs.add(JOB)
            await uow.commit()
    finally:
        await engine.dispose()


async def _read_seeded(url: str) -> tuple[User | None, Profile | None, Job | None]:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            return (
                await uow.users.get(USER.id),
                await uow.profiles.get(PROFILE.id),
                await uow.jobs.get(JOB.id),
            )
    finally:
        await engine.dispose()


async def _use_the_new_tables(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            await uow.generations.add(GENERATION)
            await uow.commit()
        queue = SqlTaskQueue(engine)
        task = await queue.enqueue("generate", GENERATION.id, at=AT)
        claimed = await queue.claim("w1", now=AT, lease_seconds=30)
        async with SqlUnitOfWorkFactory(engine)() as uow:
            stored = await uow.generations.get(GENERATION.id)
        return {"task": task, "claimed": claimed, "generation": stored}
    finally:
        await engine.dispose()


async def _delete_owner_and_count(url: str) -> int:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": USER.id})
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT count(*) FROM generations"))
            return int(result.scalar_one())
    finally:
        await engine.dispose()


def test_upgrade_from_0007_keeps_rows_and_adds_generations_and_tasks(fresh_url: str) -> None:  # noqa: F811
    upgrade(fresh_url, "0007")
    asyncio.run(_seed(fresh_url))

    upgrade(fresh_url, "head")

    assert asyncio.run(_read_seeded(fresh_url)) == (USER, PROFILE, JOB)
    check(fresh_url)
    used = asyncio.run(_use_the_new_tables(fresh_url))
    assert used["generation"] == GENERATION
    assert used["claimed"] is not None
    assert (used["claimed"].id, used["claimed"].subject_id) == (used["task"].id, GENERATION.id)

    downgrade(fresh_url, "0007")

    tables, versions = state(fresh_url)
    assert versions == ["0007"]
    assert {"generations", "tasks"} & tables == set()
    assert asyncio.run(_read_seeded(fresh_url)) == (USER, PROFILE, JOB)

    upgrade(fresh_url, "head")
    check(fresh_url)


def test_removing_a_user_removes_their_generations(fresh_url: str) -> None:  # noqa: F811
    upgrade(fresh_url, "head")
    asyncio.run(_seed(fresh_url))
    asyncio.run(_use_the_new_tables(fresh_url))

    assert asyncio.run(_delete_owner_and_count(fresh_url)) == 0
