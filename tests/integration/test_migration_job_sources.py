"""Migration 0007 moves catalog jobs to ``source: "imported"`` + ``origin: "catalog"``.

The database is built at 0006 with rows exactly as the older code wrote them (a saved catalog
copy and a catalog posting with ``source: "catalog"`` and ``company: null``, a plain job, a
replayable idempotent result), then upgraded: the new code reads every row, the ``source``
filter finds the copy, and nothing else changed. Downgrading puts the marker back.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import text

from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.job_filters import JobFilters
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.migrate import check, downgrade, upgrade
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_migrations import fresh_url  # noqa: F401  (fixture)

AT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
USER = "00000000-0000-4000-8000-0000000000aa"
COPY, PLAIN, POSTING = "job-copy", "job-plain", "catalog-sre"


def old_payload(job_id: str, user_id: str, *, catalog: bool) -> str:
    """A job as the code before 0007 stored it."""
    job = msgspec.to_builtins(new_job(job_id, UserId(user_id), {"title": "SRE"}, at=AT))
    del job["origin"], job["parse_warnings"]
    job["company"] = None
    if catalog:
        job.update(source="catalog", catalog_id=POSTING)
    return json.dumps(job, separators=(",", ":"))


async def _execute(url: str, statements: list[tuple[str, dict[str, Any]]]) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            for statement, values in statements:
                await connection.execute(text(statement), values)
    finally:
        await engine.dispose()


def seed_at_0006(url: str) -> str:
    """The rows; returns the plain job's payload."""
    plain = old_payload(PLAIN, USER, catalog=False).replace('"company":null', '"company":"X"')
    job_row = (
        "INSERT INTO jobs (id, user_id, catalog_id, version, source, status, application_status,"
        " employment_type, remote, search, payload, created_at) VALUES (:id, :user, :catalog, 1,"
        " :source, 'active', 'not_applied', NULL, false, 'sre', :payload, :at)"
    )
    asyncio.run(
        _execute(
            url,
            [
                (
                    "INSERT INTO users (id, number, email, full_name, password_hash, is_active,"
                    " is_verified, created_at, updated_at) VALUES (:id, 7, 'a@example.com',"
                    " 'Seed', 'x', true, false, :at, :at)",
                    {"id": USER, "at": AT},
                ),
                (
                    job_row,
                    {
                        "id": COPY,
                        "user": USER,
                        "catalog": POSTING,
                        "source": "catalog",
                        "payload": old_payload(COPY, USER, catalog=True),
                        "at": AT,
                    },
                ),
                (
                    job_row,
                    {
                        "id": PLAIN,
                        "user": USER,
                        "catalog": None,
                        "source": "user_created",
                        "payload": plain,
                        "at": AT,
                    },
                ),
                (
                    "INSERT INTO catalog_postings (id, search, payload, created_at)"
                    " VALUES (:id, 'sre', :payload, :at)",
                    {"id": POSTING, "payload": old_payload(POSTING, "", catalog=True), "at": AT},
                ),
                (
                    "INSERT INTO idempotency_keys (user_id, key, fingerprint, result, created_at)"
                    " VALUES (:user, 'k1', 'f', :result, :at)",
                    {
                        "user": USER,
                        "result": old_payload("job-replayed", USER, catalog=False).encode(),
                        "at": AT,
                    },
                ),
            ],
        )
    )
    return plain


async def _read(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            record = await uow.idempotency.get(UserId(USER), "k1")
            assert record is not None
            return {
                "copy": await uow.jobs.get(COPY),
                "posting": await uow.catalog.get(POSTING),
                "imported": await uow.jobs.list_for_user(
                    UserId(USER), JobFilters(source="imported"), limit=10, offset=0
                ),
                "replayed": msgspec.json.decode(record.result, type=Job),
            }
    finally:
        await engine.dispose()


async def _raw(url: str) -> dict[str, tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT id, source, payload FROM jobs"))
            found = {row.id: (row.source, json.loads(row.payload)) for row in rows}
            posting = await connection.execute(text("SELECT payload FROM catalog_postings"))
            found[POSTING] = (None, json.loads(posting.scalar_one()))
            return found
    finally:
        await engine.dispose()


def test_upgrade_from_0006_gives_catalog_jobs_a_source_the_app_knows(fresh_url: str) -> None:  # noqa: F811
    upgrade(fresh_url, "0006")
    plain = seed_at_0006(fresh_url)

    upgrade(fresh_url, "head")

    found = asyncio.run(_read(fresh_url))
    copy, posting = found["copy"], found["posting"]
    assert (copy.source, copy.origin, copy.catalog_id, copy.company) == (
        "imported",
        "catalog",
        POSTING,
        "",
    )
    assert (posting.source, posting.origin, posting.company) == ("imported", "catalog", "")
    assert found["imported"] == ([copy], 1)
    assert found["replayed"].company == ""
    raw = asyncio.run(_raw(fresh_url))
    assert raw[PLAIN] == ("user_created", json.loads(plain))  # untouched
    check(fresh_url)

    downgrade(fresh_url, "0006")

    raw = asyncio.run(_raw(fresh_url))
    assert raw[COPY][0] == raw[COPY][1]["source"] == "catalog"
    assert "origin" not in raw[COPY][1]
    assert raw[POSTING][1]["source"] == "catalog"
    assert raw[PLAIN] == ("user_created", json.loads(plain))
