"""The JobRepository, CatalogRepository and RankingRepository contract, on every implementation.

The same tests run on the in-memory fakes, SQLite and PostgreSQL (fixtures shared with
``test_repository_contract.py``), so the fakes the unit tests lean on cannot drift from real
storage: round trips, the filtered and paged job list, optimistic saves, deletes, the catalog,
and rankings that keep only the newest per user and job.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import func, select

from resumecore.errors import Conflict, VersionConflict
from resumecore.model.job import Job, revise_job
from resumecore.model.job_factory import new_job
from resumecore.model.job_filters import JobFilters
from resumecore.model.ranking import Ranking, rank
from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.jobs.catalog import NO_OWNER
from resumecore.tailoring import ItemScore
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.sql.tables import rankings as rankings_table
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_repository_contract import (
    T0,
    assert_utc,
    new_user,
    storage_url,
    uow_factory,
)

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest

POSTING = """Senior Python Developer
Acme Analytics
Berlin, Germany (Remote)

Requirements:
- 5+ years of experience with Python
- PostgreSQL and Redis

Nice to have:
- Kubernetes

Salary: EUR 70,000 - 90,000 per year
Full-time
"""


def new_id() -> str:
    return str(uuid.uuid4())


def make_job(
    owner: User,
    title: str = "Backend engineer",
    *,
    at_seconds: int = 0,
    source: Any = "user_created",
    catalog_id: str | None = None,
    **fields: Any,
) -> Job:
    at = T0 + timedelta(seconds=at_seconds)
    content = {"title": title, **fields}
    return new_job(new_id(), owner.id, content, at=at, source=source, catalog_id=catalog_id)


def make_posting(posting_id: str, title: str, *, at_seconds: int = 0, **fields: Any) -> Job:
    """A catalog posting as the seeder builds it: no owner, its own id as ``catalog_id``."""
    at = T0 + timedelta(seconds=at_seconds)
    content = {"title": title, **fields}
    posting = new_job(
        posting_id, NO_OWNER, content, at=at, source="imported", catalog_id=posting_id
    )
    return msgspec.structs.replace(posting, origin="catalog")


def make_ranking(owner: User, job: Job, *, at_seconds: int = 0) -> Ranking:
    scores = [
        ItemScore(
            item_id="exp-1",
            kind="experience",
            score=87.25,
            parts={"skills": 0.9, "lexical": 0.41},
            reason="uses Python and PostgreSQL",
            matched_skills=("python", "postgresql"),
        ),
        ItemScore(item_id="proj-1", kind="project", score=12.5, parts={}, reason="uses Redis"),
    ]
    at = T0 + timedelta(seconds=at_seconds)
    return rank(new_id(), owner.id, job.id, new_id(), 3, scores, score_version="test-1", at=at)


async def store(
    uow_factory: UnitOfWorkFactory,
    *,
    users: Sequence[User] = (),
    jobs: Sequence[Job] = (),
    rankings: Sequence[Ranking] = (),
) -> None:
    """Commit the given rows in one unit of work, parents first."""
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        for job in jobs:
            await uow.jobs.add(job)
        for ranking in rankings:
            await uow.rankings.add(ranking)
        await uow.commit()


async def list_jobs(
    uow_factory: UnitOfWorkFactory,
    owner: User,
    filters: JobFilters | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Job], int]:
    async with uow_factory() as uow:
        return await uow.jobs.list_for_user(
            owner.id, filters or JobFilters(), limit=limit, offset=offset
        )


async def latest(uow_factory: UnitOfWorkFactory, owner: User, job: Job) -> Ranking | None:
    async with uow_factory() as uow:
        return await uow.rankings.latest_for_job(owner.id, job.id)


async def stored_rankings(uow_factory: UnitOfWorkFactory) -> int:
    """How many rankings storage keeps, read or not (the port itself only reads the newest)."""
    if isinstance(uow_factory, MemoryUnitOfWorkFactory):
        return len(uow_factory.tables.rankings)
    assert isinstance(uow_factory, SqlUnitOfWorkFactory)
    async with uow_factory.engine.connect() as connection:
        query = select(func.count()).select_from(rankings_table)
        return int((await connection.execute(query)).scalar_one())


# --- jobs: add and get -------------------------------------------------------------------------


async def test_added_job_round_trips_by_id(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = make_job(owner, "Senior Python Developer", raw_text=POSTING, notes="Ask about on-call")
    await store(uow_factory, users=[owner], jobs=[job])

    async with uow_factory() as uow:
        got = await uow.jobs.get(job.id)

    assert got == job
    assert got is not None
    assert got.requirements  # parsed from the posting: a rich payload, not just a title
    for stamp in (got.created_at, got.updated_at):
        assert_utc(stamp)
        assert stamp.microsecond == 123456


async def test_get_of_an_unknown_job_is_none(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    await store(uow_factory, users=[owner], jobs=[make_job(owner)])

    async with uow_factory() as uow:
        assert await uow.jobs.get(new_id()) is None


async def test_get_finds_a_job_of_any_owner(uow_factory: UnitOfWorkFactory) -> None:
    # The port promises "by id (any owner)": ownership is the services' check, not storage's.
    ada, grace = new_user(), new_user()
    graces = make_job(grace)
    await store(uow_factory, users=[ada, grace], jobs=[graces])

    async with uow_factory() as uow:
        assert await uow.jobs.get(graces.id) == graces


async def test_a_taken_job_id_is_a_conflict_and_keeps_the_original(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner, "Original")
    await store(uow_factory, users=[owner], jobs=[job])

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.jobs.add(msgspec.structs.replace(job, title="Impostor"))

    async with uow_factory() as uow:
        assert await uow.jobs.get(job.id) == job


async def test_a_second_copy_of_a_catalog_posting_is_a_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    first = make_job(owner, source="imported", catalog_id="catalog-sre")
    await store(uow_factory, users=[owner], jobs=[first])

    async with uow_factory() as uow:
        with pytest.raises(Conflict) as caught:
            await uow.jobs.add(make_job(owner, source="imported", catalog_id="catalog-sre"))
    assert caught.value.code == "job_exists"

    assert await list_jobs(uow_factory, owner) == ([first], 1)


async def test_different_users_may_copy_the_same_posting(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = new_user(), new_user()
    adas = make_job(ada, source="imported", catalog_id="catalog-sre")
    graces = make_job(grace, source="imported", catalog_id="catalog-sre")
    await store(uow_factory, users=[ada, grace], jobs=[adas, graces])

    async with uow_factory() as uow:
        assert await uow.jobs.get_by_catalog_id(ada.id, "catalog-sre") == adas
        assert await uow.jobs.get_by_catalog_id(grace.id, "catalog-sre") == graces


async def test_jobs_without_a_catalog_id_never_collide(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    jobs = [make_job(owner, at_seconds=second) for second in range(3)]
    await store(uow_factory, users=[owner], jobs=jobs)

    assert await list_jobs(uow_factory, owner) == (jobs[::-1], 3)


async def test_a_job_needs_its_owner_to_exist(uow_factory: UnitOfWorkFactory) -> None:
    orphan = make_job(new_user())

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.jobs.add(orphan)

    async with uow_factory() as uow:
        assert await uow.jobs.get(orphan.id) is None


async def test_get_by_catalog_id_finds_only_the_users_own_copy(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    adas = make_job(ada, source="imported", catalog_id="catalog-sre")
    await store(uow_factory, users=[ada, grace], jobs=[adas, make_job(ada)])

    async with uow_factory() as uow:
        assert await uow.jobs.get_by_catalog_id(ada.id, "catalog-sre") == adas
        assert await uow.jobs.get_by_catalog_id(grace.id, "catalog-sre") is None
        assert await uow.jobs.get_by_catalog_id(ada.id, "catalog-other") is None


# --- jobs: the list ----------------------------------------------------------------------------


async def test_list_holds_only_the_users_jobs_newest_first(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = new_user(), new_user()
    middle, oldest, newest = (make_job(ada, at_seconds=s) for s in (5, 0, 9))
    await store(uow_factory, users=[ada, grace], jobs=[middle, make_job(grace), oldest, newest])

    assert await list_jobs(uow_factory, ada) == ([newest, middle, oldest], 3)


async def test_list_of_a_user_without_jobs_is_empty(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = new_user(), new_user()
    await store(uow_factory, users=[ada, grace], jobs=[make_job(ada)])

    assert await list_jobs(uow_factory, grace) == ([], 0)


async def test_list_pages_with_the_total_of_all_matches(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    jobs = [make_job(owner, at_seconds=second) for second in range(5)]
    await store(uow_factory, users=[owner], jobs=jobs)
    newest_first = jobs[::-1]

    assert await list_jobs(uow_factory, owner, limit=2, offset=0) == (newest_first[0:2], 5)
    assert await list_jobs(uow_factory, owner, limit=2, offset=2) == (newest_first[2:4], 5)
    assert await list_jobs(uow_factory, owner, limit=2, offset=4) == (newest_first[4:], 5)
    assert await list_jobs(uow_factory, owner, limit=2, offset=10) == ([], 5)


async def test_pages_of_same_instant_jobs_have_no_repeats_or_gaps(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    jobs = [make_job(owner) for _ in range(4)]  # all created at T0: the order needs a tie-break
    await store(uow_factory, users=[owner], jobs=jobs)

    seen = [
        job.id
        for offset in range(4)
        for job in (await list_jobs(uow_factory, owner, limit=1, offset=offset))[0]
    ]

    assert sorted(seen) == sorted(job.id for job in jobs)


def filter_jobs(owner: User) -> dict[str, Job]:
    """Jobs that differ in every filtered field, oldest first."""
    sre = make_job(owner, "Site reliability engineer", at_seconds=2, employment_type="contract")
    return {
        "python": make_job(
            owner,
            "Python developer",
            company="Acme",
            work_mode="remote",
            employment_type="full_time",
        ),
        "analyst": make_job(
            owner, "Data analyst", at_seconds=1, location="Berlin", status="archived"
        ),
        "sre": revise_job(sre, {"application_status": "applied"}, T0),
        "copy": make_job(
            owner,
            "Platform engineer",
            at_seconds=3,
            description="Mostly Python and SQL, 100% async",
            source="imported",
            catalog_id="catalog-platform",
        ),
    }


# Filters, and the names of the matching ``filter_jobs`` newest first.
FILTER_CASES = {
    "none": (JobFilters(), ["copy", "sre", "analyst", "python"]),
    "status": (JobFilters(status="archived"), ["analyst"]),
    "source": (JobFilters(source="imported"), ["copy"]),
    "source_user_created": (JobFilters(source="user_created"), ["sre", "analyst", "python"]),
    "employment_type": (JobFilters(employment_type="contract"), ["sre"]),
    "remote": (JobFilters(remote=True), ["python"]),
    "not_remote": (JobFilters(remote=False), ["copy", "sre", "analyst"]),
    "application_status": (JobFilters(application_status="applied"), ["sre"]),
    "q_title_and_description_any_case": (JobFilters(q="PYTHON"), ["copy", "python"]),
    "q_company": (JobFilters(q="acme"), ["python"]),
    "q_location": (JobFilters(q="berlin"), ["analyst"]),
    "q_percent_is_literal": (JobFilters(q="%"), ["copy"]),
    "q_underscore_is_literal": (JobFilters(q="_"), []),
    "q_words_in_any_order": (JobFilters(q="developer  PYTHON"), ["python"]),
    "q_words_across_fields": (JobFilters(q="acme developer"), ["python"]),
    "q_words_all_needed": (JobFilters(q="python berlin"), []),
    "q_blank_is_no_filter": (JobFilters(q="   "), ["copy", "sre", "analyst", "python"]),
    "status_and_q": (JobFilters(status="active", q="python"), ["copy", "python"]),
    "status_and_q_no_match": (JobFilters(status="archived", q="python"), []),
}


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES.values(), ids=FILTER_CASES.keys())
async def test_list_filters(
    uow_factory: UnitOfWorkFactory, filters: JobFilters, expected: list[str]
) -> None:
    owner, other = new_user(), new_user()
    jobs = filter_jobs(owner)
    await store(uow_factory, users=[owner, other], jobs=[*jobs.values(), make_job(other, "Python")])

    assert await list_jobs(uow_factory, owner, filters) == (
        [jobs[name] for name in expected],
        len(expected),
    )


async def test_a_filtered_total_counts_every_match_not_the_page(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    matching = [make_job(owner, "Python developer", at_seconds=second) for second in range(3)]
    await store(uow_factory, users=[owner], jobs=[*matching, make_job(owner, "Data analyst")])

    page = await list_jobs(uow_factory, owner, JobFilters(q="python"), limit=1, offset=1)

    assert page == ([matching[1]], 3)


# --- jobs: save --------------------------------------------------------------------------------


def revised(job: Job, **changes: Any) -> Job:
    return revise_job(job, changes or {"title": "Staff engineer"}, T0 + timedelta(hours=1))


async def test_save_at_the_expected_version_overwrites_the_job(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner, "Backend engineer")
    await store(uow_factory, users=[owner], jobs=[job])
    changed = revised(job, title="Staff engineer", status="archived", notes="Call back Monday")

    async with uow_factory() as uow:
        await uow.jobs.save(changed, expected_version=1)
        await uow.commit()

    async with uow_factory() as uow:
        got = await uow.jobs.get(job.id)
    assert got == changed
    assert got is not None
    assert got.version == 2
    assert_utc(got.updated_at)


async def test_the_list_filters_and_search_see_saved_changes(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner, "Backend engineer")
    await store(uow_factory, users=[owner], jobs=[job])
    changed = revised(job, title="Staff engineer", status="archived", work_mode="remote")

    async with uow_factory() as uow:
        await uow.jobs.save(changed, expected_version=1)
        await uow.commit()

    assert await list_jobs(uow_factory, owner, JobFilters(status="archived")) == ([changed], 1)
    assert await list_jobs(uow_factory, owner, JobFilters(remote=True)) == ([changed], 1)
    assert await list_jobs(uow_factory, owner, JobFilters(q="staff")) == ([changed], 1)
    assert await list_jobs(uow_factory, owner, JobFilters(q="backend")) == ([], 0)
    assert await list_jobs(uow_factory, owner, JobFilters(status="active")) == ([], 0)


async def test_save_at_a_stale_version_is_a_version_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner)
    await store(uow_factory, users=[owner], jobs=[job])
    winner, loser = revised(job, title="Winner"), revised(job, title="Loser")

    async with uow_factory() as uow:
        await uow.jobs.save(winner, expected_version=1)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(VersionConflict) as caught:
            await uow.jobs.save(loser, expected_version=1)

    assert caught.value.current_version == 2
    async with uow_factory() as uow:
        assert await uow.jobs.get(job.id) == winner


async def test_save_of_an_unknown_job_is_a_version_conflict_and_inserts_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    await store(uow_factory, users=[owner])
    never_added = make_job(owner)

    async with uow_factory() as uow:
        with pytest.raises(VersionConflict) as caught:
            await uow.jobs.save(revised(never_added), expected_version=1)
        await uow.commit()

    assert caught.value.current_version is None
    async with uow_factory() as uow:
        assert await uow.jobs.get(never_added.id) is None


async def test_the_source_filter_sees_a_saved_source(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = make_job(owner, source="url_import")
    await store(uow_factory, users=[owner], jobs=[job])
    changed = msgspec.structs.replace(job, source="imported", version=2)

    async with uow_factory() as uow:
        await uow.jobs.save(changed, expected_version=1)
        await uow.commit()

    assert await list_jobs(uow_factory, owner, JobFilters(source="imported")) == ([changed], 1)


# --- jobs: delete ------------------------------------------------------------------------------


async def test_delete_removes_only_that_job(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    doomed, kept = make_job(owner, at_seconds=1), make_job(owner)
    await store(uow_factory, users=[owner], jobs=[doomed, kept])

    async with uow_factory() as uow:
        await uow.jobs.delete(doomed.id)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.jobs.get(doomed.id) is None
    assert await list_jobs(uow_factory, owner) == ([kept], 1)


async def test_a_deleted_catalog_copy_can_be_saved_again(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    first = make_job(owner, source="imported", catalog_id="catalog-sre")
    await store(uow_factory, users=[owner], jobs=[first])
    again = make_job(owner, source="imported", catalog_id="catalog-sre")

    async with uow_factory() as uow:
        await uow.jobs.delete(first.id)
        await uow.jobs.add(again)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.jobs.get_by_catalog_id(owner.id, "catalog-sre") == again


async def test_delete_of_an_unknown_job_changes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = make_job(owner)
    await store(uow_factory, users=[owner], jobs=[job])

    async with uow_factory() as uow:
        await uow.jobs.delete(new_id())
        await uow.commit()

    assert await list_jobs(uow_factory, owner) == ([job], 1)


async def test_deleting_a_job_deletes_its_rankings(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    doomed, kept = make_job(owner), make_job(owner)
    doomed_ranking, kept_ranking = make_ranking(owner, doomed), make_ranking(owner, kept)
    await store(
        uow_factory, users=[owner], jobs=[doomed, kept], rankings=[doomed_ranking, kept_ranking]
    )

    async with uow_factory() as uow:
        await uow.jobs.delete(doomed.id)
        await uow.commit()

    assert await latest(uow_factory, owner, kept) == kept_ranking
    assert await latest(uow_factory, owner, doomed) is None
    assert await stored_rankings(uow_factory) == 1


# --- catalog -----------------------------------------------------------------------------------


async def test_add_missing_inserts_only_new_ids_and_counts_them(
    uow_factory: UnitOfWorkFactory,
) -> None:
    first = make_posting("catalog-a", "Accountant")
    second = make_posting("catalog-b", "Barista", at_seconds=1)
    third = make_posting("catalog-c", "Chemist", at_seconds=2)

    async with uow_factory() as uow:
        assert await uow.catalog.add_missing([first, second]) == 2
        await uow.commit()
    async with uow_factory() as uow:
        renamed_first = msgspec.structs.replace(first, title="Renamed")
        assert await uow.catalog.add_missing([renamed_first, third]) == 1
        assert await uow.catalog.add_missing([]) == 0
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.catalog.get("catalog-a") == first  # stored postings are not replaced
        assert await uow.catalog.search(None, limit=10, offset=0) == ([first, second, third], 3)


async def test_catalog_get_round_trips_and_unknown_is_none(uow_factory: UnitOfWorkFactory) -> None:
    posting = make_posting("catalog-python", "Senior Python Developer", raw_text=POSTING)
    async with uow_factory() as uow:
        await uow.catalog.add_missing([posting])
        await uow.commit()

    async with uow_factory() as uow:
        got = await uow.catalog.get("catalog-python")
        missing = await uow.catalog.get("catalog-unknown")

    assert got == posting
    assert got is not None
    assert_utc(got.created_at)
    assert got.created_at.microsecond == 123456
    assert missing is None


async def test_add_missing_with_an_id_twice_in_one_batch_inserts_it_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    first = make_posting("catalog-a", "Accountant")
    twin = msgspec.structs.replace(first, title="Accountant (again)")

    async with uow_factory() as uow:
        assert await uow.catalog.add_missing([first, twin]) == 1
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.catalog.search(None, limit=10, offset=0) == ([first], 1)


async def test_catalog_search_pages_oldest_first_with_the_total(
    uow_factory: UnitOfWorkFactory,
) -> None:
    postings = [make_posting(f"catalog-{i}", f"Posting {i}", at_seconds=i) for i in range(5)]
    async with uow_factory() as uow:
        await uow.catalog.add_missing(postings[::-1])  # stored order must not matter
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.catalog.search(None, limit=2, offset=0) == (postings[0:2], 5)
        assert await uow.catalog.search(None, limit=2, offset=2) == (postings[2:4], 5)
        assert await uow.catalog.search(None, limit=2, offset=4) == (postings[4:], 5)
        assert await uow.catalog.search(None, limit=2, offset=9) == ([], 5)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        pytest.param(None, ["accountant", "sre", "analyst"], id="none"),
        pytest.param("", ["accountant", "sre", "analyst"], id="empty"),
        pytest.param("ENGINEER", ["sre"], id="title_any_case"),
        pytest.param("meridian", ["accountant"], id="company"),
        pytest.param("denver", ["accountant", "analyst"], id="location"),
        pytest.param("python", ["sre", "analyst"], id="description"),
        pytest.param("100%", ["analyst"], id="percent_is_literal"),
        pytest.param("_", [], id="underscore_is_literal"),
        pytest.param("python denver", ["analyst"], id="every_word_across_fields"),
        pytest.param("Engineer reliability", ["sre"], id="words_in_any_order"),
        pytest.param("python accountant", [], id="every_word_needed"),
    ],
)
async def test_catalog_search_matches_q(
    uow_factory: UnitOfWorkFactory, q: str | None, expected: list[str]
) -> None:
    postings = {
        "accountant": make_posting(
            "catalog-acc", "Staff accountant", company="Meridian", location="Denver"
        ),
        "sre": make_posting(
            "catalog-sre", "Reliability engineer", at_seconds=1, description="Python, Go"
        ),
        "analyst": make_posting(
            "catalog-ana",
            "Data analyst",
            at_seconds=2,
            location="Denver",
            description="Python; 100% remote",
        ),
    }
    async with uow_factory() as uow:
        await uow.catalog.add_missing(list(postings.values()))
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.catalog.search(q, limit=10, offset=0)

    assert found == ([postings[name] for name in expected], len(expected))


@pytest.mark.parametrize(
    ("location", "remote_only", "expected"),
    [
        pytest.param("DENV", False, ["accountant", "analyst"], id="location_part_any_case"),
        pytest.param("", False, ["accountant", "sre", "analyst"], id="empty_location"),
        pytest.param(None, True, ["analyst"], id="remote_only"),
        pytest.param("denver", True, ["analyst"], id="both"),
        pytest.param("lisbon", False, [], id="no_match"),
    ],
)
async def test_catalog_search_filters_location_and_remote(
    uow_factory: UnitOfWorkFactory, location: str | None, remote_only: bool, expected: list[str]
) -> None:
    postings = {
        "accountant": make_posting("catalog-acc", "Staff accountant", location="Denver, CO"),
        "sre": make_posting("catalog-sre", "Reliability engineer", at_seconds=1),
        "analyst": make_posting(
            "catalog-ana", "Data analyst", at_seconds=2, location="denver", work_mode="remote"
        ),
    }
    async with uow_factory() as uow:
        await uow.catalog.add_missing(list(postings.values()))
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.catalog.search(
            None, limit=10, offset=0, location=location, remote_only=remote_only
        )
        first = await uow.catalog.search(
            None, limit=1, offset=0, location=location, remote_only=remote_only
        )

    assert found == ([postings[name] for name in expected], len(expected))
    assert first == ([postings[name] for name in expected[:1]], len(expected))


# --- rankings ----------------------------------------------------------------------------------


async def test_an_added_ranking_is_the_latest_for_its_job(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = make_job(owner)
    ranking = make_ranking(owner, job)
    await store(uow_factory, users=[owner], jobs=[job], rankings=[ranking])

    got = await latest(uow_factory, owner, job)

    assert got == ranking
    assert got is not None
    assert got.items[0].parts == {"skills": 0.9, "lexical": 0.41}
    assert_utc(got.created_at)
    assert got.created_at.microsecond == 123456


async def test_latest_for_job_is_none_without_a_ranking_for_that_job(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    ranked, unranked = make_job(owner), make_job(owner)
    await store(
        uow_factory, users=[owner], jobs=[ranked, unranked], rankings=[make_ranking(owner, ranked)]
    )

    assert await latest(uow_factory, owner, unranked) is None
    async with uow_factory() as uow:
        assert await uow.rankings.latest_for_job(owner.id, new_id()) is None


async def test_another_users_rankings_are_invisible_and_untouched(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    job = make_job(ada)
    adas = make_ranking(ada, job)
    await store(uow_factory, users=[ada, grace], jobs=[job], rankings=[adas])

    assert await latest(uow_factory, grace, job) is None

    graces = make_ranking(grace, job, at_seconds=5)  # newer, but another user's
    await store(uow_factory, rankings=[graces])

    assert await latest(uow_factory, ada, job) == adas
    assert await latest(uow_factory, grace, job) == graces
    assert await stored_rankings(uow_factory) == 2


async def test_each_add_replaces_the_previous_ranking_of_that_job(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner)
    await store(uow_factory, users=[owner], jobs=[job])

    for second in (1, 2, 3):
        newest = make_ranking(owner, job, at_seconds=second)
        await store(uow_factory, rankings=[newest])

        assert await latest(uow_factory, owner, job) == newest
        assert await stored_rankings(uow_factory) == 1


async def test_two_adds_in_one_unit_keep_only_the_second(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = make_job(owner)
    first, second = make_ranking(owner, job), make_ranking(owner, job, at_seconds=1)
    await store(uow_factory, users=[owner], jobs=[job], rankings=[first, second])

    assert await latest(uow_factory, owner, job) == second
    assert await stored_rankings(uow_factory) == 1


async def test_adding_a_ranking_keeps_the_rankings_of_other_jobs(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    one, two = make_job(owner), make_job(owner)
    first, second = make_ranking(owner, one), make_ranking(owner, two, at_seconds=1)
    await store(uow_factory, users=[owner], jobs=[one, two], rankings=[first, second])

    assert await latest(uow_factory, owner, one) == first
    assert await latest(uow_factory, owner, two) == second
    assert await stored_rankings(uow_factory) == 2


async def test_a_taken_ranking_id_is_a_conflict_and_keeps_the_original(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    one, two = make_job(owner), make_job(owner)
    original = make_ranking(owner, one)
    await store(uow_factory, users=[owner], jobs=[one, two], rankings=[original])
    same_id_other_job = msgspec.structs.replace(make_ranking(owner, two), id=original.id)

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.rankings.add(same_id_other_job)
        await uow.commit()

    assert await latest(uow_factory, owner, one) == original


async def test_a_refused_add_keeps_the_previous_ranking_of_its_job(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    one, two = make_job(owner), make_job(owner)
    taken, previous = make_ranking(owner, one), make_ranking(owner, two)
    await store(uow_factory, users=[owner], jobs=[one, two], rankings=[taken, previous])
    same_id_as_taken = msgspec.structs.replace(make_ranking(owner, two), id=taken.id)

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.rankings.add(same_id_as_taken)
        await uow.commit()

    assert await latest(uow_factory, owner, two) == previous


async def test_a_ranking_needs_its_job_to_exist(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    await store(uow_factory, users=[owner])
    unsaved = make_job(owner)

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.rankings.add(make_ranking(owner, unsaved))

    assert await stored_rankings(uow_factory) == 0


async def test_concurrent_adds_for_one_job_leave_one_ranking(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner)
    await store(uow_factory, users=[owner], jobs=[job])
    first, second = make_ranking(owner, job), make_ranking(owner, job, at_seconds=1)
    first_added, second_added = asyncio.Event(), asyncio.Event()

    async def add_first() -> None:
        async with uow_factory() as uow:
            await uow.rankings.add(first)
            first_added.set()
            # Let the second add run before committing; where writers serialise it cannot.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(second_added.wait(), timeout=0.5)
            await uow.commit()

    async def add_second() -> None:
        await first_added.wait()
        async with uow_factory() as uow:
            await uow.rankings.add(second)
            second_added.set()
            await uow.commit()

    await asyncio.gather(add_first(), add_second())

    assert await latest(uow_factory, owner, job) == second
    assert await stored_rankings(uow_factory) == 1


# --- rollback ----------------------------------------------------------------------------------


async def test_writes_without_commit_keep_nothing(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    await store(uow_factory, users=[owner])
    job = make_job(owner)
    posting = make_posting("catalog-a", "Accountant")

    async with uow_factory() as uow:
        await uow.jobs.add(job)
        await uow.catalog.add_missing([posting])
        await uow.rankings.add(make_ranking(owner, job))
        assert await uow.jobs.get(job.id) == job  # visible inside its own unit

    async with uow_factory() as uow:
        assert await uow.jobs.get(job.id) is None
        assert await uow.jobs.list_for_user(owner.id, JobFilters(), limit=10, offset=0) == ([], 0)
        assert await uow.catalog.get(posting.id) is None
        assert await uow.catalog.search(None, limit=10, offset=0) == ([], 0)
        assert await uow.rankings.latest_for_job(owner.id, job.id) is None
    assert await stored_rankings(uow_factory) == 0


async def test_an_uncommitted_save_and_delete_are_undone(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    saved, deleted = make_job(owner, at_seconds=1), make_job(owner)
    await store(uow_factory, users=[owner], jobs=[saved, deleted])

    async with uow_factory() as uow:
        await uow.jobs.save(revised(saved), expected_version=1)
        await uow.jobs.delete(deleted.id)

    assert await list_jobs(uow_factory, owner) == ([saved, deleted], 2)


async def test_an_uncommitted_ranking_leaves_the_previous_one_in_place(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    job = make_job(owner)
    kept = make_ranking(owner, job)
    await store(uow_factory, users=[owner], jobs=[job], rankings=[kept])

    async with uow_factory() as uow:
        await uow.rankings.add(make_ranking(owner, job, at_seconds=1))
        await uow.rankings.add(make_ranking(owner, job, at_seconds=2))

    assert await latest(uow_factory, owner, job) == kept
    assert await stored_rankings(uow_factory) == 1
