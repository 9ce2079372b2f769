"""The Job aggregate: application-status moves, revisions, creation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest

from resumecore.errors import InvalidValue
from resumecore.ids import UserId
from resumecore.model.application_status import ApplicationStatus
from resumecore.model.job import Job, revise_job
from resumecore.model.job_factory import new_job
from resumecore.model.parsed_limits import MAX_ITEMS

NOW = datetime(2026, 3, 1, tzinfo=UTC)
STATES: tuple[str, ...] = get_args(ApplicationStatus)


@pytest.mark.parametrize("current", STATES)
@pytest.mark.parametrize("target", STATES)
def test_any_status_may_follow_any_other_and_each_change_is_recorded(
    current: str, target: str
) -> None:
    start = (
        revise_job(job(), {"application_status": current}, NOW)
        if current != "not_applied"
        else job()
    )

    moved = revise_job(start, {"application_status": target}, NOW + timedelta(days=1))

    assert moved.application_status == target
    expected = len(start.status_history) + (target != current)
    assert len(moved.status_history) == expected
    if target != current:
        assert moved.status_history[-1].status == target
        assert moved.status_history[-1].at == NOW + timedelta(days=1)


def job() -> Job:
    return new_job("j1", UserId("u1"), {"title": "Engineer"}, at=NOW)


def test_status_moves_append_history_and_set_the_applied_date_once() -> None:
    sut = revise_job(job(), {"application_status": "applied"}, NOW)
    sut = revise_job(sut, {"application_status": "withdrawn"}, NOW + timedelta(days=1))
    sut = revise_job(sut, {"application_status": "applied"}, NOW + timedelta(days=2))

    assert [c.status for c in sut.status_history] == ["applied", "withdrawn", "applied"]
    assert sut.applied_date == NOW
    assert sut.version == 4


def test_the_applied_date_is_never_cleared_or_moved() -> None:
    sut = revise_job(job(), {"application_status": "applied"}, NOW)
    sut = revise_job(sut, {"application_status": "not_applied"}, NOW + timedelta(days=1))
    sut = revise_job(sut, {"application_status": "applied"}, NOW + timedelta(days=2))

    assert sut.applied_date == NOW


@pytest.mark.parametrize("field", ["id", "user_id", "version", "status_history", "created_at"])
def test_server_owned_fields_cannot_be_revised(field: str) -> None:
    with pytest.raises(InvalidValue) as error:
        revise_job(job(), {field: "x"}, NOW)
    assert error.value.errors[0].code == "read_only"


def test_work_mode_decides_remote() -> None:
    assert revise_job(job(), {"work_mode": "remote"}, NOW).remote is True
    assert revise_job(job(), {"work_mode": "hybrid"}, NOW).remote is False


@pytest.mark.parametrize(
    ("content", "remote", "work_mode"),
    [
        ({"remote": True}, True, "remote"),
        ({"remote": False}, False, None),
        ({"remote": True, "work_mode": "remote"}, True, "remote"),
        ({"remote": False, "work_mode": "hybrid"}, False, "hybrid"),
        ({"remote": False, "raw_text": "Engineer\nAcme\nFully remote role.\n"}, False, None),
    ],
)
def test_an_explicit_remote_wins_and_stays_consistent_with_work_mode(
    content: dict[str, object], remote: bool, work_mode: str | None
) -> None:
    sut = new_job("j4", UserId("u1"), {"title": "Engineer", **content}, at=NOW)
    assert (sut.remote, sut.work_mode) == (remote, work_mode)


def test_contradicting_remote_and_work_mode_are_refused() -> None:
    with pytest.raises(InvalidValue) as error:
        new_job("j5", UserId("u1"), {"title": "E", "remote": True, "work_mode": "onsite"}, at=NOW)
    assert error.value.errors[0].field == "remote"


def test_company_is_always_a_string() -> None:
    assert new_job("j6", UserId("u1"), {"title": "E"}, at=NOW).company == ""
    assert revise_job(job(), {"company": None}, NOW).company == ""


def test_parsed_lists_keep_their_first_items_and_say_so() -> None:
    lines = "\n".join(f"- Requirement number {i}" for i in range(MAX_ITEMS + 30))
    text = f"Data Engineer\nAcme\n\nRequirements:\n{lines}\n"
    sut = new_job("j7", UserId("u1"), {"raw_text": text}, at=NOW)
    assert len(sut.requirements) == MAX_ITEMS
    assert sut.requirements[0].endswith("number 0")
    assert any(w.startswith("requirements:") for w in sut.parse_warnings)


def test_typed_fields_win_over_parsed_ones() -> None:
    text = "Senior Data Engineer\nAcme Corp - Berlin\n\nRequirements:\n- 5+ years of Python and SQL"
    sut = new_job("j2", UserId("u1"), {"raw_text": text, "company": "Acme GmbH"}, at=NOW)
    assert sut.title == "Senior Data Engineer"
    assert sut.company == "Acme GmbH"
    assert {"Python", "SQL"} <= set(sut.parsed_keywords)


@pytest.mark.parametrize(
    "content",
    [{}, {"raw_text": ""}, {"title": " "}, {"raw_text": "x" * 50_001}, {"title": "t" * 301}],
)
def test_creation_refuses_what_breaks_the_rules(content: dict[str, object]) -> None:
    with pytest.raises(InvalidValue):
        new_job("j3", UserId("u1"), content, at=NOW)


def test_terms_the_vocabulary_does_not_know_are_kept_on_the_job() -> None:
    text = (
        "Field Technician\nAcme Rail Ltd - Leeds\n\nRequirements\n"
        "- Experience with the QTRX-7 signalling platform\n- Valid driving licence\n"
    )
    sut = new_job("j9", UserId("u1"), {"raw_text": text}, at=NOW)
    assert sut.unrecognised_skills == ("QTRX-7",)
    assert "QTRX-7" not in sut.parsed_keywords
