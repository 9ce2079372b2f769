"""The Job aggregate: a posting a user keeps, parsed, corrected, and tracked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import UserId
from resumecore.model import rules
from resumecore.model.application_status import ApplicationStatus, check_transition

JobSource = Literal["user_created", "catalog", "url_import", "imported"]
JobStatus = Literal["active", "archived", "draft"]
WorkMode = Literal["remote", "hybrid", "onsite"]
EmploymentType = Literal["full_time", "part_time", "contract", "temporary", "internship"]
MAX_RAW_TEXT = 50_000
LIST_FIELDS = ("parsed_keywords", "requirements", "nice_to_have", "responsibilities", "benefits")


class Salary(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A salary range as read or typed: amounts, ISO currency, period."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: Literal["year", "month", "week", "day", "hour"] | None = None


class StatusChange(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the append-only application history."""

    status: ApplicationStatus
    at: datetime


class Job(msgspec.Struct, frozen=True, kw_only=True):
    """A user's job. ``remote`` is true only for fully remote work (``work_mode``)."""

    id: str
    user_id: UserId
    version: int = 1
    source: JobSource = "user_created"
    catalog_id: str | None = None
    title: str
    company: str | None = None
    location: str | None = None
    description: str | None = None
    raw_text: str | None = None
    parsed_keywords: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    years_of_experience: int | None = None
    salary_range: str | None = None
    salary: Salary | None = None
    work_mode: WorkMode | None = None
    remote: bool = False
    employment_type: EmploymentType | None = None
    status: JobStatus = "active"
    application_status: ApplicationStatus = "not_applied"
    applied_date: datetime | None = None
    notes: str | None = None
    status_history: tuple[StatusChange, ...] = ()
    created_at: datetime
    updated_at: datetime

    def problems(self) -> list[FieldError]:
        """Every rule broken, with field names."""
        found = [
            *rules.text(self.title, "title", max_length=300, required=True),
            *rules.text(self.company, "company", max_length=200),
            *rules.text(self.location, "location", max_length=200),
            *rules.text(self.description, "description", max_length=MAX_RAW_TEXT),
            *rules.text(self.salary_range, "salary_range", max_length=200),
            *rules.text(self.notes, "notes", max_length=10_000),
        ]
        for field in LIST_FIELDS:
            found += rules.text_list(getattr(self, field), field, max_items=100, max_length=2000)
        if self.raw_text is not None and len(self.raw_text) > MAX_RAW_TEXT:
            found.append(
                FieldError("too_long", f"Use at most {MAX_RAW_TEXT} characters.", "raw_text")
            )
        if self.years_of_experience is not None and not 0 <= self.years_of_experience <= 60:
            found.append(FieldError("out_of_range", "Use 0 to 60 years.", "years_of_experience"))
        return found

    def validated(self) -> Job:
        """This job, or ``InvalidValue`` listing every broken rule."""
        problems = self.problems()
        if problems:
            raise InvalidValue("The job breaks its rules; nothing was changed.", errors=problems)
        return self


EDITABLE = frozenset(
    {
        "title", "company", "location", "description", "parsed_keywords", "requirements",
        "nice_to_have", "responsibilities", "benefits", "required_skills", "preferred_skills",
        "years_of_experience", "salary_range", "salary", "work_mode", "employment_type", "status",
        "application_status", "notes",
    }
)  # fmt: skip


def revise_job(job: Job, changes: Mapping[str, Any], at: datetime) -> Job:
    """Apply user corrections; application-status moves are checked and recorded.

    Raises:
        InvalidValue: an unknown or read-only field, a forbidden transition, a broken rule.
    """
    unknown = sorted(changes.keys() - EDITABLE)
    if unknown:
        errors = [FieldError("read_only", "This field cannot be changed.", f) for f in unknown]
        raise InvalidValue("Some fields cannot be changed.", errors=errors)
    data = {**msgspec.to_builtins(job), **changes}
    if "work_mode" in changes:
        data["remote"] = changes["work_mode"] == "remote"
    target = changes.get("application_status", job.application_status)
    if target != job.application_status:
        check_transition(job.application_status, target)
        data["status_history"] = [
            *msgspec.to_builtins(job.status_history),
            {"status": target, "at": at.isoformat()},
        ]
        if target == "applied" and job.applied_date is None:
            data["applied_date"] = at.isoformat()
    data.update(version=job.version + 1, updated_at=at.isoformat())
    try:
        revised = msgspec.convert(data, Job)
    except msgspec.ValidationError as exc:
        raise InvalidValue(str(exc), errors=[FieldError("invalid_data", str(exc))]) from None
    return revised.validated()
