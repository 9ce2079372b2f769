"""Use cases: list, read, delete the caller's exports; sign and serve download links."""

from __future__ import annotations

import contextlib
from collections import defaultdict

import msgspec

from resumecore.errors import NotFound
from resumecore.exports.model import Export, ExportFilters
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.ports.file_store import FileStore
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.services.exports.create import LinkedExport
from resumecore.services.exports.links import ExportLinks, SignedLink
from resumecore.services.profiles.access import plausible_id

EXPORT_NOT_FOUND = "Export not found."
JOB_NOT_FOUND = "Job not found."
# A job's page lists every live export of it (the app shows them all, grouped by date).
MAX_JOB_EXPORTS = 1000


async def load_owned_export(
    uow: UnitOfWork, principal: Principal, export_id: str, clock: Clock
) -> Export:
    """The caller's live export; another user's or an expired one is reported as missing."""
    found = await uow.exports.get(export_id) if plausible_id(export_id) else None
    if found is None or found.user_id != principal.user_id or found.expired(clock.now()):
        raise NotFound(EXPORT_NOT_FOUND)
    return found


class JobExports(msgspec.Struct, frozen=True, kw_only=True):
    """A job's exports grouped by the UTC day they were made (``YYYY-MM-DD``, newest first)."""

    job_id: str
    job_title: str
    company: str
    by_date: dict[str, list[LinkedExport]]
    total_exports: int
    total_size_bytes: int


class ListExports:
    """A page of the caller's live exports, newest first."""

    def __init__(self, uow: UnitOfWorkFactory, links: ExportLinks, clock: Clock) -> None:
        self._uow = uow
        self._links = links
        self._clock = clock

    async def __call__(
        self, principal: Principal, filters: ExportFilters, *, limit: int, offset: int
    ) -> Page[LinkedExport]:
        """The page with the real total; each export with a fresh download link."""
        alive = msgspec.structs.replace(filters, alive_at=self._clock.now())
        async with self._uow() as uow:
            page = await uow.exports.list_for_user(
                principal.user_id, alive, limit=limit, offset=offset
            )
        items = [LinkedExport(export=e, link=self._links.link(e.id)) for e in page.items]
        return Page(items=items, total=page.total, limit=page.limit, offset=page.offset)


class ExportsForJob:
    """Every live export the caller made for one job, grouped by date."""

    def __init__(self, uow: UnitOfWorkFactory, links: ExportLinks, clock: Clock) -> None:
        self._uow = uow
        self._links = links
        self._clock = clock

    async def __call__(self, principal: Principal, job_id: str) -> JobExports:
        """404 unless the job is the caller's (or was, and they still have exports of it)."""
        if not plausible_id(job_id):
            raise NotFound(JOB_NOT_FOUND)
        filters = ExportFilters(job_id=job_id, alive_at=self._clock.now())
        async with self._uow() as uow:
            job = await uow.jobs.get(job_id)
            page = await uow.exports.list_for_user(
                principal.user_id, filters, limit=MAX_JOB_EXPORTS, offset=0
            )
        owned = job is not None and job.user_id == principal.user_id
        if not owned and not page.items:
            raise NotFound(JOB_NOT_FOUND)
        title = job.title if job is not None and owned else page.items[0].job_title
        company = job.company if job is not None and owned else page.items[0].company
        by_date: dict[str, list[LinkedExport]] = defaultdict(list)
        for export in page.items:
            day = export.created_at.date().isoformat()
            by_date[day].append(LinkedExport(export=export, link=self._links.link(export.id)))
        return JobExports(
            job_id=job_id,
            job_title=title,
            company=company,
            by_date=dict(by_date),
            total_exports=page.total,
            total_size_bytes=sum(e.file_size_bytes for e in page.items),
        )


class GetExport:
    """One of the caller's exports, with a fresh download link."""

    def __init__(self, uow: UnitOfWorkFactory, links: ExportLinks, clock: Clock) -> None:
        self._uow = uow
        self._links = links
        self._clock = clock

    async def __call__(self, principal: Principal, export_id: str) -> LinkedExport:
        """404 unless it is the caller's and live."""
        async with self._uow() as uow:
            export = await load_owned_export(uow, principal, export_id, self._clock)
        return LinkedExport(export=export, link=self._links.link(export.id))


class DownloadLink:
    """A fresh signed link to one of the caller's exports."""

    def __init__(self, uow: UnitOfWorkFactory, links: ExportLinks, clock: Clock) -> None:
        self._uow = uow
        self._links = links
        self._clock = clock

    async def __call__(self, principal: Principal, export_id: str) -> SignedLink:
        """404 unless it is the caller's and live."""
        async with self._uow() as uow:
            export = await load_owned_export(uow, principal, export_id, self._clock)
        return self._links.link(export.id)


class DeleteExport:
    """Delete one of the caller's exports: the record, then the file."""

    def __init__(self, uow: UnitOfWorkFactory, files: FileStore, clock: Clock) -> None:
        self._uow = uow
        self._files = files
        self._clock = clock

    async def __call__(self, principal: Principal, export_id: str) -> None:
        """404 unless it is the caller's and live."""
        async with self._uow() as uow:
            export = await load_owned_export(uow, principal, export_id, self._clock)
            await uow.exports.delete(export.id)
            await uow.commit()
        # The record is gone, so no link works any more; a file left by a failure is orphaned.
        with contextlib.suppress(OSError):
            await self._files.delete(export.storage_key)


class ExportFile(msgspec.Struct, frozen=True, kw_only=True):
    """The bytes of an export and what they are."""

    export: Export
    content: bytes


class ReadExportFile:
    """The file behind a signed link: no bearer token, the signature binds the export id."""

    def __init__(
        self, uow: UnitOfWorkFactory, files: FileStore, links: ExportLinks, clock: Clock
    ) -> None:
        self._uow = uow
        self._files = files
        self._links = links
        self._clock = clock

    async def __call__(
        self, export_id: str, expires: str | None, signature: str | None
    ) -> ExportFile:
        """``LinkRefused`` (403) for a bad or expired link, ``NotFound`` once deleted."""
        self._links.check(export_id, expires, signature)
        async with self._uow() as uow:
            export = await uow.exports.get(export_id)
        if export is None or export.expired(self._clock.now()):
            raise NotFound(EXPORT_NOT_FOUND)
        content = await self._files.get(export.storage_key)
        if content is None:
            raise NotFound(EXPORT_NOT_FOUND)
        return ExportFile(export=export, content=content)
