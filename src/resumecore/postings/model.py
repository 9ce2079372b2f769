"""What the posting parser returns."""

from __future__ import annotations

from typing import Literal

import msgspec

from resumecore.postings.salary import SalaryRange

Remote = Literal["remote", "hybrid", "onsite"]
EmploymentType = Literal["full_time", "part_time", "contract", "temporary", "internship"]


class ParsedPosting(msgspec.Struct, frozen=True, kw_only=True):
    """Fields read from a job posting. Every string is taken from the text, never invented.

    ``skills`` are canonical names in order of first mention; ``required_skills`` and
    ``preferred_skills`` are those named in requirement and nice-to-have items.
    ``unrecognised_skills`` are tool-like terms of requirement lines that no vocabulary knows
    ("CDL-A", "ISO 20022"), verbatim from the text.
    ``description`` is the normalised text all other fields were read from.
    """

    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: Remote | None = None
    employment_type: EmploymentType | None = None
    salary: SalaryRange | None = None
    requirements: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    years_of_experience: int | None = None
    skills: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    unrecognised_skills: tuple[str, ...] = ()
    description: str = ""
