"""The ProfileRepository and IdempotencyRepository contract, on memory, SQLite and PostgreSQL.

Every test runs through ``UnitOfWorkFactory`` on each implementation, so the in-memory fakes the
unit tests lean on cannot drift from real storage: profiles survive round trips bit for bit
(unicode, floats, nested custom fields, empty strings versus None, microsecond timestamps), the
user's order is kept, saves are optimistic on ``version`` (also under real concurrency), deletes
leave no component row behind, and idempotency records are unique per (user, key).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import text

from resumecore.errors import VersionConflict
from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.support.databases import wipe
from tests.support.profiles import experience, full_profile

IMPLEMENTATIONS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
T0 = datetime(2026, 1, 15, 12, 0, 0, 123456, tzinfo=UTC)  # microseconds on purpose
encode = msgspec.json.encode


@pytest.fixture(params=IMPLEMENTATIONS)
def storage_url(request: pytest.FixtureRequest) -> str | None:
    """None for the memory fake, else the migrated URL (sync: migrating runs its own loop)."""
    if request.param == "memory":
        return None
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
async def uow_factory(storage_url: str | None) -> AsyncIterator[UnitOfWorkFactory]:
    """A unit-of-work factory over empty storage, one per implementation."""
    if storage_url is None:
        yield MemoryUnitOfWorkFactory()
        return
    engine = make_engine(storage_url)
    await wipe(engine)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()


def new_id() -> str:
    return str(uuid.uuid4())


async def add_user(uow_factory: UnitOfWorkFactory) -> UserId:
    """A committed user (the memory fake, like the foreign key, needs the owner to exist)."""
    user_id = UserId(new_id())
    async with uow_factory() as uow:
        await uow.users.add(
            User(
                id=user_id,
                email=f"user-{user_id[:8]}@example.com",
                full_name="Ada Lovelace",
                password_hash="$2b$04$" + "h" * 53,
                created_at=T0,
                updated_at=T0,
            )
        )
        await uow.commit()
    return user_id


def rich_content() -> dict[str, Any]:
    """The benchmark profile plus unicode, emoji, awkward floats, nesting and blank strings."""
    content = full_profile("Zoë “Ada” Łovelace — 李 🚀")
    content["personal_info"] |= {"phone": "", "location": None, "website": ""}
    content["professional_summary"] = "Line one\nline two\ttab \u2028 e\u0301 vs é 👩🏽‍💻"
    content["experiences"][0] |= {"description": "", "location": None, "is_current": True}
    content["experiences"][0].pop("end_date")
    content["experiences"][1]["achievements"] = ["Shipped ✅ 10\u00d7 faster", "Ünïcödé ‰"]
    content["education"][1] |= {"gpa": 0.1, "field_of_study": ""}
    content["education"][2] |= {"gpa": None, "end_date": None}
    content["skills"]["technical"] = ["Zig", "C++", "Ærlang", "python", "Go 🐹"]
    content["custom_fields"] = {
        "float": 0.1,
        "gpa": 3.7,
        "tiny": 1e-7,
        "huge": 1.7976931348623157e308,
        "big_int": 2**53 + 1,
        "empty": "",
        "nothing": None,
        "flag": False,
        "nested": {"a": [1, 2.5, {"b": None, "ü": "émoji 🎉"}], "c": {"d": {"e": []}}},
    }
    return content


def make_profile(
    user_id: UserId,
    content: dict[str, Any] | None = None,
    *,
    at: datetime = T0,
    is_primary: bool = False,
) -> Profile:
    return new_profile(
        ProfileId(new_id()),
        user_id,
        content if content is not None else rich_content(),
        is_primary=is_primary,
        new_id=new_id,
        at=at,
    )


async def store(uow_factory: UnitOfWorkFactory, *profiles: Profile) -> None:
    async with uow_factory() as uow:
        for profile in profiles:
            await uow.profiles.add(profile)
        await uow.commit()


async def load(uow_factory: UnitOfWorkFactory, profile_id: ProfileId) -> Profile | None:
    async with uow_factory() as uow:
        return await uow.profiles.get(profile_id)


async def row_counts(uow_factory: UnitOfWorkFactory) -> dict[str, int] | None:
    """Rows in ``profiles`` and ``profile_components`` by raw SQL; None for the memory fake."""
    if not isinstance(uow_factory, SqlUnitOfWorkFactory):
        return None
    async with uow_factory.engine.connect() as connection:
        return {
            table: int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar())
            for table in ("profiles", "profile_components")
        }


# --- round trips -------------------------------------------------------------------------------


async def test_a_rich_profile_round_trips_bit_for_bit(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory)
    profile = make_profile(user_id, is_primary=True)
    # Values the validator would also accept, set directly: storage must not "fix" them.
    profile = msgspec.structs.replace(
        profile,
        enhanced_professional_summary="",
        experiences=(
            msgspec.structs.replace(profile.experiences[0], enhanced_description="✨ better"),
            *profile.experiences[1:],
        ),
    )
    other = make_profile(user_id, {"personal_info": {"full_name": "x"}}, at=T0 + timedelta(days=1))
    await store(uow_factory, profile, other)

    got = await load(uow_factory, profile.id)
    bare = await load(uow_factory, other.id)

    assert got == profile
    assert got is not None
    assert encode(got) == encode(profile)
    assert got.professional_summary == profile.professional_summary  # no unicode normalisation
    assert got.personal_info.phone == ""
    assert got.personal_info.location is None
    assert got.enhanced_professional_summary == ""
    assert got.education[2].gpa is None
    assert got.education[1].gpa == 0.1
    assert got.education[0].gpa == 3.7
    assert got.custom_fields["nested"]["a"][2] == {"b": None, "ü": "émoji 🎉"}
    assert got.created_at.microsecond == 123456
    assert got.created_at.utcoffset() == timedelta(0)
    assert bare == other
    assert bare is not None
    assert bare.professional_summary is None
    assert bare.custom_fields == {}
    assert bare.experiences == bare.education == bare.projects == ()


async def test_order_of_components_and_skills_is_kept(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory)
    content = rich_content()
    content["experiences"] = [experience(i) for i in (7, 3, 11, 0, 9, 1, 12, 4, 10, 2, 8, 5)]
    content["skills"]["soft"] = ["Writing", "active listening", "Zen", "Ärger-management"]
    profile = make_profile(user_id, content)
    await store(uow_factory, profile)

    got = await load(uow_factory, profile.id)
    assert got is not None
    assert [e.title for e in got.experiences] == [e["title"] for e in content["experiences"]]
    assert [e.id for e in got.experiences] == [e.id for e in profile.experiences]
    assert got.skills.technical == ("Zig", "C++", "Ærlang", "python", "Go 🐹")
    assert got.skills.soft == tuple(content["skills"]["soft"])
    assert [p.id for p in got.projects] == [p.id for p in profile.projects]

    reordered = msgspec.structs.replace(
        got,
        version=2,
        experiences=got.experiences[::-1],
        projects=(got.projects[2], got.projects[0], got.projects[3], got.projects[1]),
        skills=msgspec.structs.replace(got.skills, technical=got.skills.technical[::-1]),
    )
    async with uow_factory() as uow:
        await uow.profiles.save(reordered, expected_version=1)
        await uow.commit()
    assert await load(uow_factory, profile.id) == reordered


# --- optimistic saves --------------------------------------------------------------------------


async def test_save_with_the_right_version_bumps_and_rewrites_components(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory)
    profile = make_profile(user_id, is_primary=True)
    await store(uow_factory, profile)
    counts_before = await row_counts(uow_factory)

    later = T0 + timedelta(hours=1, microseconds=1)
    edited = msgspec.structs.replace(
        profile,
        version=2,
        professional_summary="Rewritten 🖋️",
        experiences=profile.experiences[:2],
        custom_fields={"only": [0.1, "ü"]},
        updated_at=later,
    )
    async with uow_factory() as uow:
        await uow.profiles.save(edited, expected_version=1)
        await uow.commit()

    got = await load(uow_factory, profile.id)
    assert got == edited
    assert got is not None
    assert got.created_at == profile.created_at
    if counts_before is not None:
        assert await row_counts(uow_factory) == {
            "profiles": 1,
            "profile_components": counts_before["profile_components"] - 3,
        }


async def test_a_stale_save_raises_and_writes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory)
    profile = make_profile(user_id)
    await store(uow_factory, profile)
    current = msgspec.structs.replace(profile, version=2, professional_summary="v2")
    async with uow_factory() as uow:
        await uow.profiles.save(current, expected_version=1)
        await uow.commit()
    counts = await row_counts(uow_factory)

    stale = msgspec.structs.replace(
        profile, version=2, professional_summary="stale", experiences=(), custom_fields={}
    )
    async with uow_factory() as uow:
        with pytest.raises(VersionConflict):
            await uow.profiles.save(stale, expected_version=1)
        await uow.commit()  # even a commit after the refusal must keep nothing of it

    assert await load(uow_factory, profile.id) == current
    assert await row_counts(uow_factory) == counts


async def test_saving_a_deleted_profile_is_a_conflict_and_does_not_resurrect_it(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory)
    profile = make_profile(user_id)
    await store(uow_factory, profile)
    async with uow_factory() as uow:
        await uow.profiles.delete(profile.id)
        await uow.commit()

    async with uow_factory() as uow:
        with pytest.raises(VersionConflict):
            await uow.profiles.save(msgspec.structs.replace(profile, version=2), expected_version=1)
        await uow.commit()

    assert await load(uow_factory, profile.id) is None
    assert await row_counts(uow_factory) in (None, {"profiles": 0, "profile_components": 0})


async def test_two_units_saving_the_same_version_have_exactly_one_winner(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory)
    profile = make_profile(user_id)
    await store(uow_factory, profile)
    both_loaded = asyncio.Barrier(2)

    async def edit(summary: str, keep: int) -> str:
        async with uow_factory() as uow:
            loaded = await uow.profiles.get(profile.id)
            assert loaded is not None
            await asyncio.wait_for(both_loaded.wait(), timeout=10)
            changed = msgspec.structs.replace(
                loaded,
                version=loaded.version + 1,
                professional_summary=summary,
                experiences=loaded.experiences[:keep],
            )
            try:
                await uow.profiles.save(changed, expected_version=loaded.version)
                await uow.commit()
            except VersionConflict:
                return "conflict"
            return summary

    outcomes = await asyncio.gather(edit("first", 1), edit("second", 4))

    assert sorted(outcomes).count("conflict") == 1, outcomes
    winner = next(o for o in outcomes if o != "conflict")
    got = await load(uow_factory, profile.id)
    assert got is not None
    assert got.version == 2
    assert got.professional_summary == winner
    assert len(got.experiences) == (1 if winner == "first" else 4)
    counts = await row_counts(uow_factory)
    if counts is not None:  # the loser's component rows were not written either
        assert counts["profile_components"] == len(got.experiences) + 3 + 4 + 1
