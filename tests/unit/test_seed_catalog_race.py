"""Server processes started together seed the catalog at the same moment (serve --workers N)."""

from __future__ import annotations

from typing import Any, Self

from resumecore.errors import Conflict
from resumecore.model.job import Job
from resumecore.services.jobs.catalog import SeedCatalog, catalog_postings
from resumecore_server.adapters.cache.no_cache import NoSharedCache


class RacedCatalog:
    """The first insert loses to another process that stored every posting just before."""

    def __init__(self) -> None:
        self.stored: set[str] = set()
        self.inserts = 0

    async def add_missing(self, postings: list[Job]) -> int:
        self.inserts += 1
        if self.inserts == 1:
            self.stored |= {p.id for p in postings}  # the other process's insert landed first
            raise Conflict("The change conflicts with existing data.")
        new = {p.id for p in postings} - self.stored
        self.stored |= new
        return len(new)


class Unit:
    def __init__(self, catalog: RacedCatalog) -> None:
        self.catalog = catalog

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: Any) -> None:
        return None

    async def commit(self) -> None:
        return None


async def test_the_process_that_loses_the_seeding_race_starts_all_the_same() -> None:
    catalog = RacedCatalog()

    added = await SeedCatalog(lambda: Unit(catalog), NoSharedCache())()  # type: ignore[arg-type]

    assert added == 0  # the winner stored them all; nothing is stored twice
    assert catalog.inserts == 2
    assert catalog.stored == {p.id for p in catalog_postings()}
