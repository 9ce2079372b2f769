"""The shared catalog: seeded from a data file, searchable, copied into a user's jobs once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

import msgspec

from resumecore.errors import Conflict, NotFound
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.ports.shared_cache import SharedCache
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.jobs.catalog_pages import CATALOG_PAGES, cached_page, keep_page, page_key
from resumecore.services.profiles.access import plausible_id

# Catalog postings keep their data-file order through fixed, increasing creation times.
CATALOG_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
NO_OWNER = UserId("")


@cache
def catalog_postings() -> tuple[Job, ...]:
    """The shipped postings (src/resumecore/data/catalog.json), parsed once per process."""
    raw = resources.files("resumecore.data").joinpath("catalog.json").read_text("utf-8")
    return tuple(
        msgspec.structs.replace(
            new_job(
                entry["id"],
                NO_OWNER,
                {"raw_text": entry["raw_text"]},
                at=CATALOG_EPOCH + timedelta(seconds=index),
                source="imported",
                catalog_id=entry["id"],
            ),
            origin="catalog",
        )
        for index, entry in enumerate(json.loads(raw)["postings"])
    )


class SeedCatalog:
    """Store the shipped postings that are not stored yet (safe to run on every start).

    When any is added, the cached catalog pages are dropped (in every process).
    """

    def __init__(self, uow: UnitOfWorkFactory, cache: SharedCache) -> None:
        self._uow = uow
        self._cache = cache

    async def __call__(self) -> int:
        """How many postings were added.

        Server processes started together (``serve --workers N``) seed at the same moment:
        the one whose insert loses sees a ``Conflict``, and a second pass finds them stored.
        """
        try:
            return await self._add_missing()
        except Conflict:
            return await self._add_missing()

    async def _add_missing(self) -> int:
        async with self._uow() as uow:
            added = await uow.catalog.add_missing(list(catalog_postings()))
            await uow.commit()
        if added:
            await self._cache.invalidate(CATALOG_PAGES)
        return added


class BrowseCatalog:
    """A page of catalog postings matching the filters, with the real total (no login needed).

    Pages are public, so they are kept in the shared cache under the normalised filters and
    the catalog's namespace version (which every catalog change replaces).
    """

    def __init__(self, uow: UnitOfWorkFactory, cache: SharedCache) -> None:
        self._uow = uow
        self._cache = cache

    async def __call__(
        self,
        q: str | None,
        *,
        limit: int,
        offset: int,
        location: str | None = None,
        remote_only: bool = False,
    ) -> Page[Job]:
        """Oldest first: the order of the data file. ``location`` is a substring, any case."""
        # Read before the database, so a page read across a change is filed under the old one.
        version = await self._cache.namespace_version(CATALOG_PAGES)
        key = None
        if version is not None:
            key = page_key(
                version, q, limit=limit, offset=offset, location=location, remote_only=remote_only
            )
            cached = await cached_page(self._cache, key)
            if cached is not None:
                return cached
        async with self._uow() as uow:
            items, total = await uow.catalog.search(
                q, limit=limit, offset=offset, location=location, remote_only=remote_only
            )
        page = Page(items=items, total=total, limit=limit, offset=offset)
        if key is not None:
            await keep_page(self._cache, key, page)
        return page


class SaveCatalogJob:
    """Copy a catalog posting into the caller's jobs once; saving again returns that copy.

    Returns ``(job, created)``. Raises ``NotFound`` for an unknown posting.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, principal: Principal, catalog_id: str) -> tuple[Job, bool]:
        """The user's copy, and whether it was created now."""
        try:
            return await self._save(principal, catalog_id)
        except Conflict:
            # A concurrent save of the same posting won; return its copy.
            return await self._save(principal, catalog_id)

    async def _save(self, principal: Principal, catalog_id: str) -> tuple[Job, bool]:
        now = self._clock.now()
        async with self._uow() as uow:
            posting = await uow.catalog.get(catalog_id) if plausible_id(catalog_id) else None
            if posting is None:
                raise NotFound("Posting not found.")
            existing = await uow.jobs.get_by_catalog_id(principal.user_id, catalog_id)
            if existing is not None:
                return existing, False
            job = msgspec.structs.replace(
                posting,
                id=self._ids.new_id(),
                user_id=principal.user_id,
                created_at=now,
                updated_at=now,
            )
            await uow.jobs.add(job)
            await uow.commit()
        return job, True
