"""The Job aggregate: a posting a user keeps, parsed, corrected, and tracked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import UserId
from resumecore.model import rules
from resumecore.model.application_status import ApplicationStatus

# Exactly the values the JobWise app's ``JobSource`` enum decodes; any other value breaks its
# whole job list. Where a job came from inside this service is ``origin``.
JobSource = Literal[
    "user_created", "url_import", "imported", "indeed", "linkedin", "glassdoor", "mock"
]
JobOrigin = Literal["catalog"]
JobStatus = Literal["active", "archived", "draft"]
WorkMode = Literal["remote", "hybrid", "onsite"]
EmploymentType = Literal["full_time", "part_time", "contract", "temporary", "internship"]
MAX_RAW_TEXT = 50_000
# Longest text of each one-line field.
MAX_LINE_LENGTHS: Mapping[str, int] = {
    "title": 300,
    "company": 200,
    "location": 200,
    "salary_range": 200,
}
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
    """A user's job. ``remote`` is true exactly when ``work_mode`` is ``remote``.

    ``company`` is ``""`` when unknown (clients need a string). ``origin`` is ``catalog`` for
    catalog postings and their saved copies (with ``catalog_id``). ``parse_warnings`` says what
    the posting parser had to leave out.
    """

    id: str
    user_id: UserId
    version: int = 1
    source: JobSource = "user_created"
    origin: JobOrigin | None = None
    catalog_id: str | None = None
    title: str
    company: str = ""
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
    # Tool-like terms of the requirements no vocabulary knows, verbatim from the posting.
    unrecognised_skills: tuple[str, ...] = ()
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
    parse_warnings: tuple[str, ...] = ()
    created_at: datetime
    updated_at: datetime

    def problems(self) -> list[FieldError]:
        """Every rule broken, with field names."""
        found = [
            *rules.text(self.title, "title", max_length=MAX_LINE_LENGTHS["title"], required=True),
            *rules.text(self.company, "company", max_length=MAX_LINE_LENGTHS["company"]),
            *rules.text(self.location, "location", max_length=MAX_LINE_LENGTHS["location"]),
            *rules.text(self.description, "description", max_length=MAX_RAW_TEXT),
            *rules.text(
                self.salary_range, "salary_range", max_length=MAX_LINE_LENGTHS["salary_range"]
            ),
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
        "application_status", "notes", "remote",
    }
)  # fmt: skip


def reconcile_remote(data: dict[str, Any], *, remote: bool | None, work_mode_given: bool) -> None:
    """Make ``remote`` and ``work_mode`` agree; an explicit ``remote`` wins over a parsed mode.

    Raises:
        InvalidValue: ``remote`` and ``work_mode`` were both given and contradict each other.
    """
    mode = data.get("work_mode")
    if remote is not None:
        if work_mode_given and mode is not None and (mode == "remote") != remote:
            raise InvalidValue.for_field(
                "remote", "conflict", f"remote={str(remote).lower()} contradicts work_mode={mode}."
            )
        if remote:
            data["work_mode"] = "remote"
        elif mode == "remote":
            data["work_mode"] = None
    data["remote"] = data.get("work_mode") == "remote"


def revise_job(job: Job, changes: Mapping[str, Any], at: datetime) -> Job:
    """Apply user corrections; every application-status change is recorded with its time.

    Any status may follow any other. ``applied_date`` is set the first time the job becomes
    ``applied`` and never changed afterwards.

    Raises:
        InvalidValue: an unknown or read-only field, a broken rule.
    """
    unknown = sorted(changes.keys() - EDITABLE)
    if unknown:
        errors = [FieldError("read_only", "This field cannot be changed.", f) for f in unknown]
        raise InvalidValue("Some fields cannot be changed.", errors=errors)
    data = {**msgspec.to_builtins(job), **changes}
    data["company"] = data.get("company") or ""
    reconcile_remote(data, remote=changes.get("remote"), work_mode_given="work_mode" in changes)
    target = changes.get("application_status", job.application_status)
    if target != job.application_status:
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
        problem = rules.decoding_problem(exc, "")
        raise InvalidValue(problem.message, errors=[problem]) from None
    return revised.validated()
