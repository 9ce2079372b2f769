"""job sources for the app: catalog jobs become source "imported" with origin "catalog"

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00.000000

The JobWise app decodes ``source`` with a closed enum that has no "catalog", so catalog postings
and users' saved copies move that marker to ``origin`` (``catalog_id`` stays) and get
``source: "imported"``, in the ``jobs.source`` filter column and in the JSON payloads. Stored
jobs with ``company: null`` get ``""`` (the app requires a string; the code now always writes
one), including job results kept for idempotent replays. Plain JSON rewriting in Python, so it
runs the same on SQLite and PostgreSQL; no schema change.
"""

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

jobs = sa.table(
    "jobs", sa.column("id", sa.String), sa.column("source", sa.String), sa.column("payload")
)
catalog = sa.table("catalog_postings", sa.column("id", sa.String), sa.column("payload"))
idempotency = sa.table(
    "idempotency_keys",
    sa.column("user_id", sa.String),
    sa.column("key", sa.String),
    sa.column("result", sa.LargeBinary),
)
JOB_KEYS = {"id", "user_id", "source", "title", "application_status", "status_history"}
Change = Callable[[dict[str, Any]], bool]


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _for_the_app(job: dict[str, Any]) -> bool:
    changed = False
    if job.get("source") == "catalog":
        job["source"] = "imported"
        job["origin"] = "catalog"
        changed = True
    if "company" in job and job["company"] is None:
        job["company"] = ""
        changed = True
    return changed


def _back_to_catalog(job: dict[str, Any]) -> bool:
    if job.get("origin") != "catalog":
        return False
    job["source"] = "catalog"
    del job["origin"]
    return True


def _rewrite_payloads(table: Any, change: Change, *, marks: tuple[str, ...]) -> None:
    """Rewrite the rows whose payload holds one of ``marks`` (compact msgspec JSON)."""
    connection = op.get_bind()
    found = sa.or_(*(table.c.payload.like(f"%{mark}%") for mark in marks))
    for row in connection.execute(sa.select(table.c.id, table.c.payload).where(found)).all():
        job = json.loads(row.payload)
        if not change(job):
            continue
        values = {"payload": _dump(job)}
        if table is jobs:  # the filter column follows the payload
            values["source"] = job["source"]
        connection.execute(sa.update(table).where(table.c.id == row.id).values(**values))


def _rewrite_idempotent_jobs(change: Change) -> None:
    # Records live 24 h, so there are few; only results shaped like a Job are touched.
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(idempotency.c.user_id, idempotency.c.key, idempotency.c.result)
    ).all()
    for row in rows:
        try:
            result = json.loads(bytes(row.result))
        except ValueError:
            continue
        if not (isinstance(result, dict) and result.keys() >= JOB_KEYS and change(result)):
            continue
        connection.execute(
            sa.update(idempotency)
            .where(idempotency.c.user_id == row.user_id, idempotency.c.key == row.key)
            .values(result=_dump(result).encode())
        )


TO_THE_APP = ('"source":"catalog"', '"company":null')
BACK = ('"origin":"catalog"',)


def upgrade() -> None:
    _rewrite_payloads(jobs, _for_the_app, marks=TO_THE_APP)
    _rewrite_payloads(catalog, _for_the_app, marks=TO_THE_APP)
    _rewrite_idempotent_jobs(_for_the_app)


def downgrade() -> None:
    # Empty companies stay "": the older code reads a string there as well.
    _rewrite_payloads(jobs, _back_to_catalog, marks=BACK)
    _rewrite_payloads(catalog, _back_to_catalog, marks=BACK)
