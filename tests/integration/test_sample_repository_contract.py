"""The SampleRepository contract, on the in-memory fake, SQLite and PostgreSQL.

Round trips (style, full text, microsecond UTC times), listing without texts newest first,
the one-active-per-type rule (deactivate, then a second active one is a conflict), duplicate
ids and unknown owners, counts, deletes, rollback, and the owner's cascade on SQL.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import delete

from resumecore.errors import Conflict
from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.samples.model import Sample
from resumecore.samples.style import WritingStyle
from resumecore_server.adapters.sql.tables import users
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_repository_contract import (
    T0,
    assert_utc,
    new_user,
    storage_url,
    uow_factory,
)

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest

STYLE = WritingStyle(
    sentence_words=14.5,
    bullet_words=9.0,
    bullet_marker="\u2022",
    first_person=True,
    tone_words=("driven", "proven"),
    sentence_count=4,
    bullet_count=6,
)


def make_sample(owner: User, *, at_seconds: int = 0, **fields: Any) -> Sample:
    at = T0 + timedelta(seconds=at_seconds)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "user_id": owner.id,
        "document_type": "resume",
        "original_filename": "my résumé 🎉.txt",
        "word_count": 3,
        "character_count": 17,
        "writing_style": STYLE,
        "is_active": False,
        "created_at": at,
        "updated_at": at,
        "full_text": "Grüße aus Köln 🎉\n",
    }
    return Sample(**(values | fields))


async def add(
    uow_factory: UnitOfWorkFactory, *samples: Sample, users: tuple[User, ...] = ()
) -> None:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        for sample in samples:
            await uow.samples.add(sample)
        await uow.commit()


async def get(uow_factory: UnitOfWorkFactory, sample_id: str) -> Sample | None:
    async with uow_factory() as uow:
        return await uow.samples.get(sample_id)


async def test_a_sample_round_trips_with_its_text_and_style(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    sample = make_sample(owner, is_active=True)

    await add(uow_factory, sample, users=(owner,))

    found = await get(uow_factory, sample.id)
    assert found == sample
    assert found is not None
    assert_utc(found.created_at)
    assert_utc(found.updated_at)


async def test_listing_is_the_owners_newest_first_without_texts(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner, other = new_user(), new_user()
    samples = [make_sample(owner, at_seconds=s) for s in range(3)]
    await add(uow_factory, *samples, make_sample(other), users=(owner, other))

    async with uow_factory() as uow:
        listed = await uow.samples.list_for_user(owner.id)
        count = await uow.samples.count_for_user(owner.id)

    assert listed == [s.info() for s in reversed(samples)]
    assert not any(hasattr(info, "full_text") for info in listed)
    assert count == 3


async def test_one_active_sample_per_type(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    resume = make_sample(owner, is_active=True)
    letter = make_sample(owner, is_active=True, document_type="cover_letter")
    await add(uow_factory, resume, letter, users=(owner,))

    with pytest.raises(Conflict):
        await add(uow_factory, make_sample(owner, is_active=True))

    newer = make_sample(owner, at_seconds=5, is_active=True)
    later = T0 + timedelta(seconds=5)
    async with uow_factory() as uow:
        await uow.samples.deactivate(owner.id, "resume", later)
        await uow.samples.add(newer)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.samples.active(owner.id, "resume") == newer
        assert await uow.samples.active(owner.id, "cover_letter") == letter
        assert await uow.samples.active(new_user().id, "resume") is None
    assert await get(uow_factory, resume.id) == msgspec.structs.replace(
        resume, is_active=False, updated_at=later
    )


async def test_deactivating_without_an_active_sample_changes_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    old = make_sample(owner)
    await add(uow_factory, old, users=(owner,))

    async with uow_factory() as uow:
        await uow.samples.deactivate(owner.id, "resume", T0 + timedelta(days=1))
        await uow.commit()

    assert await get(uow_factory, old.id) == old


async def test_a_taken_id_or_an_unknown_owner_is_a_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    owner = new_user()
    sample = make_sample(owner)
    await add(uow_factory, sample, users=(owner,))

    with pytest.raises(Conflict):
        await add(uow_factory, sample)
    with pytest.raises(Conflict):
        await add(uow_factory, make_sample(new_user()))


async def test_delete_removes_and_is_idempotent(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    sample = make_sample(owner, is_active=True)
    await add(uow_factory, sample, users=(owner,))

    async with uow_factory() as uow:
        await uow.samples.delete(sample.id)
        await uow.samples.delete(sample.id)
        await uow.commit()

    assert await get(uow_factory, sample.id) is None
    async with uow_factory() as uow:
        assert await uow.samples.active(owner.id, "resume") is None


async def test_without_commit_nothing_is_kept(uow_factory: UnitOfWorkFactory) -> None:
    owner = new_user()
    active = make_sample(owner, is_active=True)
    await add(uow_factory, active, users=(owner,))

    async with uow_factory() as uow:
        await uow.samples.deactivate(owner.id, "resume", T0 + timedelta(days=1))
        await uow.samples.add(make_sample(owner, is_active=True))

    async with uow_factory() as uow:
        assert await uow.samples.active(owner.id, "resume") == active
        assert await uow.samples.count_for_user(owner.id) == 1


async def test_deleting_the_owner_deletes_their_samples(uow_factory: UnitOfWorkFactory) -> None:
    if not isinstance(uow_factory, SqlUnitOfWorkFactory):
        pytest.skip("the fakes have no account deletion; the cascade is the database's")
    owner = new_user()
    sample = make_sample(owner)
    await add(uow_factory, sample, users=(owner,))

    async with uow_factory.engine.begin() as connection:
        await connection.execute(delete(users).where(users.c.id == owner.id))

    assert await get(uow_factory, sample.id) is None
