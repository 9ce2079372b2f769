"""Filters of the job list."""

from __future__ import annotations

import msgspec

from resumecore.model.job import Job


class JobFilters(msgspec.Struct, frozen=True, kw_only=True):
    """Every filter is optional; ``q`` matches title, company, location and description."""

    status: str | None = None
    source: str | None = None
    employment_type: str | None = None
    remote: bool | None = None
    application_status: str | None = None
    q: str | None = None


def search_text(*parts: str | None) -> str:
    """The lower-cased text ``q`` is matched against."""
    return " ".join(part for part in parts if part).casefold()[:20_000]


def in_place(job: Job, location: str | None) -> bool:
    """True when ``location`` is empty or part of the job's location, in any case."""
    return (location or "").casefold() in (job.location or "").casefold()
