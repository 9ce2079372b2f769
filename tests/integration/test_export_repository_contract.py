"""The ExportRepository contract, on the in-memory fake, SQLite and PostgreSQL.

Round trips of a full export (options, dropped items, microsecond UTC times), duplicate ids
and unknown owners, the newest-first listing with its real total and filters (format, job,
alive), and deletes and rollback.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from resumecore.errors import Conflict
from resumecore.exports.model import Export, ExportFilters
from resumecore.exports.templates import RenderOptions
from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from tests.integration.test_repository_contract import (
    T0,
    assert_utc,
    new_user,
    storage_url,
    uow_factory,
)

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest

EVERYTHING = ExportFilters()


def make_export(owner: User, *, at_seconds: int = 0, **fields: Any) -> Export:
    at = T0 + timedelta(seconds=at_seconds)
    export_id = str(uuid.uuid4())
    values: dict[str, Any] = {
        "id": export_id,
        "user_id": owner.id,
        "generation_id": str(uuid.uuid4()),
        "job_id": "job-1",
        "job_title": "Backend Engineer ü",
        "company": "Acme 🎉",
        "document_type": "resume",
        "format": "pdf",
        "template": "modern",
        "options": RenderOptions(font_family="Arial", accent_color="green", max_pages=1),
        "filename": "resume-acme-2026-01-15.pdf",
        "media_type": "application/pdf",
        "file_size_bytes": 1234,
        "page_count": 1,
        "checksum": "ab" * 32,
        "dropped": ("project: Old thing",),
        "storage_key": f"{owner.id}/{export_id}.pdf",
        "created_at": at,
        "expires_at": at + timedelta(days=30),
    }
    return Export(**(values | fields))


async def add(
    uow_factory: UnitOfWorkFactory, *exports: Export, users: tuple[User, ...] = ()
) -> None:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        for export in exports:
            await uow.exports.add(export)
        await uow.commit()


async def get(uow_factory: UnitOfWorkFactory, export_id: str) -> Export | None:
    async with uow_factory() as uow:
        return await uow.exports.get(export_id)


async def test_an_export_round_trips(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    export = make_export(owner)

    await add(uow_factory, export, users=(owner,))

    found = await get(uow_factory, export.id)
    assert found == export
    assert found is not None
    assert_utc(found.created_at)
    assert_utc(found.expires_at)


async def test_a_taken_id_or_an_unknown_owner_is_a_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    export = make_export(owner)
    await add(uow_factory, export, users=(owner,))

    with pytest.raises(Conflict):
        await add(uow_factory, export)
    with pytest.raises(Conflict):
        await add(uow_factory, make_export(new_user()))


async def test_listing_is_newest_first_with_the_real_total_and_only_the_owners(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner, other = new_user(), new_user()
    exports = [make_export(owner, at_seconds=s) for s in range(5)]
    await add(uow_factory, *exports, make_export(other), users=(owner, other))

    async with uow_factory() as uow:
        page = await uow.exports.list_for_user(owner.id, EVERYTHING, limit=2, offset=1)

    assert [e.id for e in page.items] == [exports[3].id, exports[2].id]
    assert (page.total, page.has_more) == (5, True)


async def test_listing_filters_by_format_job_and_expiry(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    pdf = make_export(owner, at_seconds=1)
    docx = make_export(owner, at_seconds=2, format="docx", job_id="job-2")
    old = make_export(owner, at_seconds=3, expires_at=T0 + timedelta(hours=1))
    await add(uow_factory, pdf, docx, old, users=(owner,))

    async def ids(filters: ExportFilters) -> list[str]:
        async with uow_factory() as uow:
            page = await uow.exports.list_for_user(owner.id, filters, limit=10, offset=0)
        assert page.total == len(page.items)
        return [e.id for e in page.items]

    assert await ids(ExportFilters(format="docx")) == [docx.id]
    assert await ids(ExportFilters(job_id="job-1")) == [old.id, pdf.id]
    assert await ids(ExportFilters(alive_at=T0 + timedelta(hours=1))) == [docx.id, pdf.id]
    assert await ids(ExportFilters(format="pdf", job_id="job-2")) == []


async def test_delete_removes_and_is_idempotent(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    export = make_export(owner)
    await add(uow_factory, export, users=(owner,))

    async with uow_factory() as uow:
        await uow.exports.delete(export.id)
        await uow.exports.delete(export.id)
        await uow.commit()

    assert await get(uow_factory, export.id) is None


async def test_without_commit_nothing_is_kept(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    await add(uow_factory, users=(owner,))
    export = make_export(owner)

    async with uow_factory() as uow:
        await uow.exports.add(export)

    assert await get(uow_factory, export.id) is None
