"""Job bodies. Types and caps here (400); the domain's rules answer 422."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from resumecore.model.application_status import ApplicationStatus
from resumecore.model.job import EmploymentType, Job, JobStatus, Salary, WorkMode
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody

Lines = Annotated[list[Annotated[str, Meta(max_length=2000)]], Meta(max_length=100)]
Text = Annotated[str, Meta(max_length=50_000)]
Short = Annotated[str, Meta(max_length=300)]


class JobFields(RequestBody):
    """Fields a user may type or correct; every one optional."""

    title: Short | UnsetType = UNSET
    company: Short | UnsetType | None = UNSET
    location: Short | UnsetType | None = UNSET
    description: Text | UnsetType | None = UNSET
    parsed_keywords: Lines | UnsetType = UNSET
    requirements: Lines | UnsetType = UNSET
    nice_to_have: Lines | UnsetType = UNSET
    responsibilities: Lines | UnsetType = UNSET
    benefits: Lines | UnsetType = UNSET
    required_skills: Lines | UnsetType = UNSET
    preferred_skills: Lines | UnsetType = UNSET
    years_of_experience: int | UnsetType | None = UNSET
    salary_range: Short | UnsetType | None = UNSET
    salary: Salary | UnsetType | None = UNSET
    work_mode: WorkMode | UnsetType | None = UNSET
    employment_type: EmploymentType | UnsetType | None = UNSET
    status: JobStatus | UnsetType = UNSET
    remote: bool | UnsetType | None = UNSET
    notes: Annotated[str, Meta(max_length=10000)] | UnsetType | None = UNSET


CreatedSource = Literal["user_created", "url_import", "imported"]


class JobCreate(JobFields):
    """A pasted posting (``raw_text``, parsed) and/or typed fields, which win over parsing.

    ``source`` is stored on the job. ``url`` is accepted only to answer a clear 422: this
    service fetches nothing.
    """

    source: CreatedSource = "user_created"
    raw_text: (
        Annotated[
            str,
            Meta(
                max_length=60_000,
                description="The posting as pasted. The parser reads at most 50,000 characters: "
                "a longer text is a 422 (too_long) that says so; over 60,000 the body is a 400.",
            ),
        ]
        | UnsetType
    ) = UNSET
    url: Annotated[str, Meta(max_length=2048)] | UnsetType = UNSET


class JobUpdate(JobFields):
    """Corrections; ``application_status`` may move to any value and is recorded in the history."""

    application_status: ApplicationStatus | UnsetType = UNSET


class Pagination(ResponseBody):
    """Page position and the real total."""

    limit: int
    offset: int
    total: int
    has_more: bool
    # The JobWise app reads the camel-case key (it does not convert nested objects).
    has_more_camel: bool = msgspec.field(name="hasMore")


class JobList(ResponseBody):
    """A page of jobs."""

    jobs: list[Job]
    total: int
    pagination: Pagination


def fields_of(body: JobFields) -> dict[str, Any]:
    """The fields a body sets, as plain data (``source`` is passed on its own)."""
    return {
        name: msgspec.to_builtins(getattr(body, name))
        for name in body.__struct_fields__
        if getattr(body, name) is not UNSET and name != "source"
    }
