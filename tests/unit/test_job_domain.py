"""The Job aggregate: the application-status transition table, revisions, creation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest

from resumecore.errors import InvalidValue
from resumecore.ids import UserId
from resumecore.model.application_status import ApplicationStatus, check_transition
from resumecore.model.job import Job, revise_job
from resumecore.model.job_factory import new_job

NOW = datetime(2026, 3, 1, tzinfo=UTC)
STATES: tuple[str, ...] = get_args(ApplicationStatus)
ALLOWED = {
    ("not_applied", "preparing"), ("not_applied", "applied"),
    ("preparing", "not_applied"), ("preparing", "applied"),
    ("applied", "interviewing"), ("applied", "offer_received"), ("applied", "rejected"),
    ("interviewing", "offer_received"), ("interviewing", "rejected"),
    ("offer_received", "accepted"), ("offer_received", "rejected"),
    ("withdrawn", "preparing"), ("withdrawn", "applied"),
}  # fmt: skip


@pytest.mark.parametrize("current", STATES)
@pytest.mark.parametrize("target", STATES)
def test_the_transition_table(current: str, target: str) -> None:
    allowed = target in {current, "withdrawn"} or (current, target) in ALLOWED
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(InvalidValue) as error:
            check_transition(current, target)
        assert current in error.value.message
        assert target in error.value.message
        assert error.value.errors[0].field == "application_status"


def job() -> Job:
    return new_job("j1", UserId("u1"), {"title": "Engineer"}, at=NOW)


def test_status_moves_append_history_and_set_the_applied_date_once() -> None:
    sut = revise_job(job(), {"application_status": "applied"}, NOW)
    sut = revise_job(sut, {"application_status": "withdrawn"}, NOW + timedelta(days=1))
    sut = revise_job(sut, {"application_status": "applied"}, NOW + timedelta(days=2))

    assert [c.status for c in sut.status_history] == ["applied", "withdrawn", "applied"]
    assert sut.applied_date == NOW
    assert sut.version == 4


def test_a_refused_move_changes_nothing() -> None:
    original = job()
    with pytest.raises(InvalidValue):
        revise_job(original, {"application_status": "accepted"}, NOW)
    assert original.application_status == "not_applied"
    assert original.status_history == ()


@pytest.mark.parametrize("field", ["id", "user_id", "version", "status_history", "created_at"])
def test_server_owned_fields_cannot_be_revised(field: str) -> None:
    with pytest.raises(InvalidValue) as error:
        revise_job(job(), {field: "x"}, NOW)
    assert error.value.errors[0].code == "read_only"


def test_work_mode_decides_remote() -> None:
    assert revise_job(job(), {"work_mode": "remote"}, NOW).remote is True
    assert revise_job(job(), {"work_mode": "hybrid"}, NOW).remote is False


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
