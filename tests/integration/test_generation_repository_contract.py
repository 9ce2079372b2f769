"""The GenerationRepository contract, on the in-memory fake, SQLite and PostgreSQL.

Round trips of a full generation (document, ATS report, options of either kind), optimistic
saves, the newest-first listing with its real total and filters, the cache lookup, the two
quota counts, deletes, rollback, and that a generation outlives its job and profile.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import msgspec
import pytest

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import ProfileId, UserId
from resumecore.model.document import (
    CoverLetterOptions,
    Entry,
    Line,
    ResumeOptions,
    Section,
    WrittenDocument,
)
from resumecore.model.generation import AtsReport, Generation
from resumecore.model.job_factory import new_job
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import User
from resumecore.ports.generations import GenerationFilters
from resumecore.ports.uow import UnitOfWorkFactory
from tests.integration.test_repository_contract import (
    T0,
    assert_utc,
    new_user,
    storage_url,
    uow_factory,
)
from tests.support.profiles import full_profile

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest

EVERYTHING = GenerationFilters()


def new_id() -> str:
    return str(uuid.uuid4())


def make_generation(
    owner: User,
    *,
    at_seconds: int = 0,
    job_id: str | None = None,
    profile_id: str | None = None,
    cover_letter: bool = False,
    cache_key: str = "key-1",
    **fields: Any,
) -> Generation:
    at = T0 + timedelta(seconds=at_seconds)
    options: ResumeOptions | CoverLetterOptions = (
        CoverLetterOptions(company_name="Acme", tone="concise")
        if cover_letter
        else ResumeOptions(max_projects=2)
    )
    return Generation(
        id=new_id(),
        user_id=owner.id,
        job_id=job_id or new_id(),
        profile_id=profile_id or new_id(),
        profile_version=3,
        job_version=2,
        document_type="cover_letter" if cover_letter else "resume",
        options=options,
        writer="template/1",
        cache_key=cache_key,
        created_at=at,
        updated_at=at,
        **fields,
    )


def completed(generation: Generation, *, at_seconds: int = 60) -> Generation:
    """The generation run to completion, with a document and an ATS report."""
    at = generation.created_at + timedelta(seconds=at_seconds)
    document = WrittenDocument(
        document_type=generation.document_type,
        sections=(
            Section(
                kind="experience",
                title="Experience",
                entries=(
                    Entry(
                        heading=Line(text="Engineer, Acme", sources=("exp-1",)),
                        lines=(Line(text="Built the ü-pipeline 🎉", sources=("exp-1#0",)),),
                    ),
                ),
            ),
        ),
        text="Engineer, Acme\nBuilt the ü-pipeline 🎉",
    )
    report = AtsReport(
        must_have_coverage=0.75,
        matched_keywords=("python",),
        missing_keywords=("kubernetes",),
        word_count=321,
        length_ok=True,
        section_checks={"experience": True, "skills": False},
    )
    running = generation.moved("running", at).with_stage("write", "running", at)
    done = running.with_stage("write", "completed", at).moved(
        "completed", at, document=document, ats_score=81.5, ats_report=report
    )
    return bumped(done, generation)


def bumped(changed: Generation, base: Generation) -> Generation:
    """``changed`` as the use cases store it over ``base``: one version on."""
    return msgspec.structs.replace(changed, version=base.version + 1)


async def store(
    uow_factory: UnitOfWorkFactory,
    *,
    users: Sequence[User] = (),
    generations: Sequence[Generation] = (),
) -> None:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        for generation in generations:
            await uow.generations.add(generation)
        await uow.commit()


async def load(uow_factory: UnitOfWorkFactory, generation_id: str) -> Generation | None:
    async with uow_factory() as uow:
        return await uow.generations.get(generation_id)


async def listed(
    uow_factory: UnitOfWorkFactory,
    owner: User,
    filters: GenerationFilters = EVERYTHING,
    *,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Generation], int]:
    async with uow_factory() as uow:
        page = await uow.generations.list_for_user(owner.id, filters, limit=limit, offset=offset)
    assert (page.limit, page.offset) == (limit, offset)
    return page.items, page.total


# --- add and get -------------------------------------------------------------------------------


@pytest.mark.parametrize("cover_letter", [False, True])
async def test_a_completed_generation_round_trips_bit_for_bit(
    uow_factory: UnitOfWorkFactory, cover_letter: bool
) -> None:
    owner = new_user()
    generation = completed(make_generation(owner, cover_letter=cover_letter))
    await store(uow_factory, users=[owner], generations=[generation])

    got = await load(uow_factory, generation.id)

    assert got == generation
    assert got is not None
    assert type(got.options) is type(generation.options)
    for stamp in (got.created_at, got.updated_at, got.completed_at):
        assert stamp is not None
        assert_utc(stamp)
        assert stamp.microsecond == 123456


async def test_get_of_an_unknown_id_is_none_and_any_owner_is_found(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    graces = make_generation(grace)
    await store(uow_factory, users=[ada, grace], generations=[graces])

    assert await load(uow_factory, new_id()) is None
    assert await load(uow_factory, graces.id) == graces


async def test_a_taken_id_is_a_conflict_and_keeps_the_original(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    generation = make_generation(owner)
    await store(uow_factory, users=[owner], generations=[generation])

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.generations.add(msgspec.structs.replace(generation, writer="impostor/9"))

    assert await load(uow_factory, generation.id) == generation


async def test_a_generation_needs_its_owner_to_exist(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.generations.add(make_generation(new_user()))


# --- optimistic saves --------------------------------------------------------------------------


async def test_save_at_the_expected_version_overwrites(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    generation = make_generation(owner)
    await store(uow_factory, users=[owner], generations=[generation])
    running = bumped(generation.moved("running", T0 + timedelta(seconds=5)), generation)

    async with uow_factory() as uow:
        await uow.generations.save(running, expected_version=generation.version)
        await uow.commit()

    assert await load(uow_factory, generation.id) == running
    assert running.version == generation.version + 1


async def test_save_at_a_stale_version_is_a_version_conflict_and_writes_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    generation = make_generation(owner)
    await store(uow_factory, users=[owner], generations=[generation])
    running = bumped(generation.moved("running", T0 + timedelta(seconds=5)), generation)
    async with uow_factory() as uow:
        await uow.generations.save(running, expected_version=1)
        await uow.commit()

    cancelled = bumped(generation.moved("cancelled", T0 + timedelta(seconds=6)), generation)
    async with uow_factory() as uow:
        with pytest.raises(VersionConflict) as caught:
            await uow.generations.save(cancelled, expected_version=1)

    assert caught.value.current_version == running.version
    assert await load(uow_factory, generation.id) == running


async def test_save_of_an_unknown_generation_is_a_version_conflict_and_inserts_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    await store(uow_factory, users=[owner])
    ghost = make_generation(owner)

    async with uow_factory() as uow:
        with pytest.raises(VersionConflict) as caught:
            await uow.generations.save(ghost, expected_version=1)
        await uow.commit()

    assert caught.value.current_version is None
    assert await load(uow_factory, ghost.id) is None


# --- listing -----------------------------------------------------------------------------------


async def test_list_is_the_users_own_newest_first_with_the_real_total(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    adas = [make_generation(ada, at_seconds=s) for s in (5, 1, 9, 3)]
    await store(uow_factory, users=[ada, grace], generations=[*adas, make_generation(grace)])

    items, total = await listed(uow_factory, ada)
    assert [g.created_at for g in items] == sorted((g.created_at for g in adas), reverse=True)
    assert total == 4

    page, total = await listed(uow_factory, ada, limit=2, offset=1)
    assert page == items[1:3]
    assert total == 4

    past_the_end, total = await listed(uow_factory, ada, limit=2, offset=10)
    assert (past_the_end, total) == ([], 4)
    assert await listed(uow_factory, new_user()) == ([], 0)


async def test_pages_of_same_instant_generations_have_no_repeats_or_gaps(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    same = [make_generation(owner) for _ in range(7)]
    await store(uow_factory, users=[owner], generations=same)

    pages = [(await listed(uow_factory, owner, limit=3, offset=o))[0] for o in (0, 3, 6)]

    ids = [g.id for page in pages for g in page]
    assert ids == sorted((g.id for g in same), reverse=True)


async def test_list_filters_and_their_totals(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = new_id()
    resume_for_job = make_generation(owner, job_id=job, at_seconds=1)
    letter_for_job = completed(make_generation(owner, job_id=job, cover_letter=True, at_seconds=2))
    other_resume = completed(make_generation(owner, at_seconds=3))
    await store(
        uow_factory, users=[owner], generations=[resume_for_job, letter_for_job, other_resume]
    )

    async def ids(filters: GenerationFilters) -> tuple[set[str], int]:
        items, total = await listed(uow_factory, owner, filters, limit=1)
        everything, _ = await listed(uow_factory, owner, filters)
        assert items == everything[:1]
        return {g.id for g in everything}, total

    assert await ids(GenerationFilters(job_id=job)) == ({resume_for_job.id, letter_for_job.id}, 2)
    assert await ids(GenerationFilters(document_type="resume")) == (
        {resume_for_job.id, other_resume.id},
        2,
    )
    assert await ids(GenerationFilters(status="completed", document_type="cover_letter")) == (
        {letter_for_job.id},
        1,
    )
    assert await ids(GenerationFilters(status="pending")) == ({resume_for_job.id}, 1)
    assert await ids(GenerationFilters(status="failed")) == (set(), 0)


async def test_the_filters_see_a_saved_status(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    generation = make_generation(owner)
    await store(uow_factory, users=[owner], generations=[generation])
    done = completed(generation)
    async with uow_factory() as uow:
        await uow.generations.save(done, expected_version=generation.version)
        await uow.commit()

    assert await listed(uow_factory, owner, GenerationFilters(status="pending")) == ([], 0)
    assert await listed(uow_factory, owner, GenerationFilters(status="completed")) == ([done], 1)


# --- the cache lookup and the quota counts -----------------------------------------------------


async def test_find_completed_is_the_newest_completed_with_that_key(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    older = completed(make_generation(ada, at_seconds=1))
    newer = completed(make_generation(ada, at_seconds=2))
    newest_but_pending = make_generation(ada, at_seconds=3)
    newest_but_failed = make_generation(ada, at_seconds=4).moved("failed", T0, error="x")
    other_key = completed(make_generation(ada, at_seconds=5, cache_key="key-2"))
    graces = completed(make_generation(grace, at_seconds=6))
    await store(
        uow_factory,
        users=[ada, grace],
        generations=[older, newer, newest_but_pending, newest_but_failed, other_key, graces],
    )

    async with uow_factory() as uow:
        assert await uow.generations.find_completed(ada.id, "key-1") == newer
        assert await uow.generations.find_completed(ada.id, "key-2") == other_key
        assert await uow.generations.find_completed(ada.id, "key-3") is None
        assert await uow.generations.find_completed(grace.id, "key-2") is None


async def test_count_created_since_includes_the_boundary_and_only_the_users_own(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    adas = [completed(make_generation(ada, at_seconds=s)) for s in (0, 10, 20)]
    await store(uow_factory, users=[ada, grace], generations=[*adas, make_generation(grace)])

    async with uow_factory() as uow:
        counts = [
            await uow.generations.count_created_since(ada.id, T0 + timedelta(seconds=s))
            for s in (-1, 0, 1, 10, 21)
        ]
        assert await uow.generations.count_created_since(grace.id, T0) == 1

    # Finished ones still count: the quota is about what was asked for.
    assert counts == [3, 3, 2, 2, 0]


async def test_count_unfinished_counts_pending_and_running(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = new_user(), new_user()
    at = T0 + timedelta(seconds=1)
    pending = make_generation(ada)
    running = make_generation(ada).moved("running", at)
    finished = [
        completed(make_generation(ada)),
        make_generation(ada).moved("failed", at, error="writer failed"),
        make_generation(ada).moved("cancelled", at),
    ]
    await store(
        uow_factory,
        users=[ada, grace],
        generations=[pending, running, *finished, make_generation(grace)],
    )

    async with uow_factory() as uow:
        assert await uow.generations.count_unfinished(ada.id) == 2
        assert await uow.generations.count_unfinished(grace.id) == 1
        await uow.generations.save(completed(pending), expected_version=pending.version)
        assert await uow.generations.count_unfinished(ada.id) == 1


# --- deletes and what they do not touch --------------------------------------------------------


async def test_delete_removes_only_that_one_and_twice_is_harmless(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    gone, kept = make_generation(owner), make_generation(owner)
    await store(uow_factory, users=[owner], generations=[gone, kept])

    for _ in range(2):
        async with uow_factory() as uow:
            await uow.generations.delete(gone.id)
            await uow.commit()

    assert await load(uow_factory, gone.id) is None
    assert await listed(uow_factory, owner) == ([kept], 1)


async def test_a_generation_outlives_its_job_and_profile(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    job = new_job(new_id(), owner.id, {"title": "SRE"}, at=T0)
    profile = new_profile(
        ProfileId(new_id()), UserId(owner.id), full_profile(), is_primary=True, new_id=new_id, at=T0
    )
    generation = completed(make_generation(owner, job_id=job.id, profile_id=profile.id))
    second = make_generation(owner, job_id=job.id, profile_id=profile.id, at_seconds=1)
    async with uow_factory() as uow:
        await uow.users.add(owner)
        await uow.jobs.add(job)
        await uow.profiles.add(profile)
        await uow.generations.add(generation)
        await uow.generations.add(second)
        await uow.commit()

    async with uow_factory() as uow:
        await uow.jobs.delete(job.id)
        await uow.profiles.delete(profile.id)
        await uow.commit()

    assert await load(uow_factory, generation.id) == generation
    assert await listed(uow_factory, owner, GenerationFilters(job_id=job.id)) == (
        [second, generation],
        2,
    )
    async with uow_factory() as uow:
        await uow.generations.delete(generation.id)
        await uow.generations.save(
            bumped(second.moved("cancelled", T0), second), expected_version=1
        )
        await uow.commit()
    assert await load(uow_factory, generation.id) is None


# --- the unit of work --------------------------------------------------------------------------


async def test_writes_without_commit_are_undone(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    kept = make_generation(owner)
    await store(uow_factory, users=[owner], generations=[kept])
    later = T0 + timedelta(seconds=1)

    async with uow_factory() as uow:
        await uow.generations.add(make_generation(owner, at_seconds=1))
        await uow.generations.save(bumped(kept.moved("running", later), kept), expected_version=1)
        assert await uow.generations.count_unfinished(owner.id) == 2
    async with uow_factory() as uow:
        await uow.generations.delete(kept.id)

    assert await listed(uow_factory, owner) == ([kept], 1)
