"""Each pytest-xdist worker gets its own PostgreSQL database and Redis database index.

scripts/test.sh runs the suite on every core. Tests wipe their database and flush their Redis
keys freely, so two workers sharing one would see each other's rows; the servers are shared, the
databases are not. The rewrite happens before any test reads ``TEST_*_URL``, so fixtures, test
servers started as subprocesses and direct reads of the environment all agree.
"""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from sqlalchemy.engine import make_url


def worker_number() -> int | None:
    """0 for xdist's ``gw0``, 1 for ``gw1``…; None outside a worker."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker.removeprefix("gw")) if worker.startswith("gw") else None


def isolate_services(number: int) -> None:
    """Point TEST_POSTGRES_URL and TEST_REDIS_URL at this worker's own databases."""
    postgres = os.environ.get("TEST_POSTGRES_URL", "")
    if postgres:
        os.environ["TEST_POSTGRES_URL"] = asyncio.run(_own_postgres_database(postgres, number))
    redis = os.environ.get("TEST_REDIS_URL", "")
    if redis:
        os.environ["TEST_REDIS_URL"] = _own_redis_index(redis, number)


async def _own_postgres_database(url: str, number: int) -> str:
    base = make_url(url)
    name = f"{base.database}_w{number}"
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(plain)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return base.set(database=name).render_as_string(hide_password=False)


def _own_redis_index(url: str, number: int) -> str:
    parts = urlsplit(url)
    index = parts.path.strip("/")
    start = int(index) if index.isdigit() else 0
    return urlunsplit(parts._replace(path=f"/{start + 1 + number}"))
