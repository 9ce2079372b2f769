"""resumecore.testing keeps its promises: valid profiles, applicable commands, refused broken
commands with the declared error, schema-valid JSON Resume documents, parseable postings, and
in-memory storage a use case can run on at once."""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.commands.editing import edit
from resumecore.errors import BulkOperationRejected
from resumecore.ids import ProfileId, UserId
from resumecore.jsonresume import from_json_resume
from resumecore.jsonresume.shape import shape_problems
from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.model.profile_revision import new_profile
from resumecore.postings import parse_posting
from resumecore.services.profiles.create import CreateProfile
from resumecore.services.profiles.queries import GetProfile
from resumecore.testing import (
    InvalidSequence,
    a_user,
    command_sequences,
    component_changes,
    component_data,
    invalid_command_sequences,
    jobs,
    json_resume_documents,
    memory_uow,
    posting_texts,
    principal_of,
    profile_contents,
    profiles,
)
from resumecore_server.adapters.system import UuidGenerator
from tests.support.clock import FakeClock

AT = datetime(2026, 1, 1, tzinfo=UTC)
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "jsonresume" / "schema.json").read_text()
)
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def uuids() -> str:
    return str(uuid.uuid4())


@FAST
@given(st.from_type(Profile))
def test_profiles_from_the_registered_type_keep_every_rule(profile: Profile) -> None:
    assert profile.problems() == []
    assert profile.created_at.tzinfo is not None
    assert profile.updated_at >= profile.created_at


@FAST
@given(profiles(user_id="u-9", min_experiences=1, max_experiences=2, max_items=1, enhanced=False))
def test_size_controls_bound_what_is_drawn(profile: Profile) -> None:
    assert profile.problems() == []
    assert 1 <= len(profile.experiences) <= 2
    assert all(len(e.achievements) <= 1 for e in profile.experiences)
    assert profile.user_id == "u-9"
    assert profile.enhanced_professional_summary is None
    ids = [item.id for kind in ("experience", "education", "project", "certification")
           for item in profile.items(kind)]  # fmt: skip
    assert len(ids) == len(set(ids))
    assert all(ids)


@pytest.mark.parametrize(
    "kind", [Experience, Education, Project, Certification, PersonalInfo, Skills]
)
def test_every_registered_component_keeps_its_rules(kind: type) -> None:
    @settings(max_examples=40, deadline=None)
    @given(st.from_type(kind))
    def check(value: Experience) -> None:
        assert value.problems() == []

    check()


@FAST
@given(profile_contents(max_experiences=3))
def test_contents_are_what_new_profile_accepts(content: dict[str, object]) -> None:
    counter = itertools.count()
    profile = new_profile(
        ProfileId("p"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"c{next(counter)}", at=AT,
    )  # fmt: skip
    assert profile.problems() == []


KIND_TYPES = {
    "experience": Experience, "education": Education,
    "project": Project, "certification": Certification,
}  # fmt: skip


@FAST
@given(st.data(), st.sampled_from(sorted(KIND_TYPES)))
def test_component_data_is_a_valid_item_as_a_client_sends_it(
    data: st.DataObject, kind: str
) -> None:
    sent = data.draw(component_data(kind))

    assert "id" not in sent
    assert msgspec.json.decode(msgspec.json.encode(sent)) == sent  # JSON arrays, never tuples
    assert msgspec.convert(sent, KIND_TYPES[kind]).problems() == []


@FAST
@given(st.data(), st.sampled_from(sorted(KIND_TYPES)))
def test_component_changes_keep_any_item_valid(data: st.DataObject, kind: str) -> None:
    item = data.draw(component_data(kind))
    changes = data.draw(component_changes(kind))

    changed = msgspec.convert({**item, **changes}, KIND_TYPES[kind])

    assert changed.problems() == []
    assert "id" not in changes


@FAST
@given(st.data())
def test_valid_command_sequences_apply_without_raising(data: st.DataObject) -> None:
    profile = data.draw(profiles(max_experiences=3))
    commands = data.draw(command_sequences(profile, min_size=1, max_size=8))

    changed = edit(profile, commands, new_id=uuids, at=AT)

    assert changed.profile.version == profile.version + 1
    assert changed.profile.problems() == []


@FAST
@given(st.data())
def test_invalid_sequences_fail_exactly_as_declared(data: st.DataObject) -> None:
    profile = data.draw(profiles(max_experiences=3))
    sequence: InvalidSequence = data.draw(invalid_command_sequences(profile))

    with pytest.raises(sequence.error) as caught:
        edit(profile, sequence.commands, new_id=uuids, at=AT)

    assert isinstance(caught.value, BulkOperationRejected)
    found = {(e.index, e.code) for e in caught.value.errors}
    assert {index for index, _ in found} == {sequence.failing_index}
    assert (sequence.failing_index, sequence.code) in found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_resume_documents())
def test_json_resume_documents_are_schema_valid_and_import(document: dict[str, object]) -> None:
    assert jsonschema.Draft7Validator(SCHEMA).is_valid(document)
    assert shape_problems(document) == []
    from_json_resume(document)


@FAST
@given(posting_texts())
def test_posting_texts_are_read_as_postings(text: str) -> None:
    parsed = parse_posting(text)

    assert parsed.title
    assert parsed.company
    assert parsed.requirements
    assert all(item in parsed.description for item in parsed.requirements)


@FAST
@given(jobs())
def test_jobs_keep_their_rules(job: Job) -> None:
    assert job.problems() == []
    assert job.title.strip()


def test_memory_uow_has_its_users_so_a_use_case_runs_at_once() -> None:
    uow = memory_uow(users=[a_user("ada")])
    create = CreateProfile(uow, FakeClock(), UuidGenerator())

    created = asyncio.run(create(principal_of("ada"), {"personal_info": {"full_name": "Ada"}}))

    assert created.user_id == "ada"


@settings(max_examples=10, deadline=None)
@given(profiles(user_id="someone"))
def test_memory_uow_seeds_profiles_and_their_owners(profile: Profile) -> None:
    uow = memory_uow(users=(), profiles=[profile])

    stored = asyncio.run(GetProfile(uow)(principal_of("someone"), profile.id))

    assert stored == profile
    assert "someone" in uow.tables.users


@settings(max_examples=10, deadline=None)
@given(profiles(user_id="u"), profiles(user_id="u"))
def test_memory_uow_refuses_two_primary_profiles_for_one_user(
    first: Profile, second: Profile
) -> None:
    both = [
        msgspec.structs.replace(first, is_primary=True, id=ProfileId("a")),
        msgspec.structs.replace(second, is_primary=True, id=ProfileId("b")),
    ]
    with pytest.raises(ValueError, match="primary"):
        memory_uow(profiles=both)
