"""Partial updates of components: every field optional, ``UNSET`` meaning "not given".

Ids are the server's and enhanced texts are written only by enhancement, so neither is here.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET, UnsetType


class Changes(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The fields a partial update gives; the rest keep their values."""

    def given(self) -> dict[str, Any]:
        """The given fields by name."""
        return {
            name: value
            for name in self.__struct_fields__
            if (value := getattr(self, name)) is not UNSET
        }


class ExperienceChanges(Changes, frozen=True, kw_only=True):
    """Fields of ``Experience`` to change."""

    title: str | UnsetType = UNSET
    company: str | UnsetType = UNSET
    location: str | UnsetType | None = UNSET
    start_date: str | UnsetType = UNSET
    end_date: str | UnsetType | None = UNSET
    is_current: bool | UnsetType = UNSET
    description: str | UnsetType | None = UNSET
    achievements: tuple[str, ...] | UnsetType = UNSET
    technologies: tuple[str, ...] | UnsetType = UNSET
    employment_type: str | UnsetType | None = UNSET
    industry: str | UnsetType | None = UNSET


class EducationChanges(Changes, frozen=True, kw_only=True):
    """Fields of ``Education`` to change."""

    institution: str | UnsetType = UNSET
    degree: str | UnsetType = UNSET
    field_of_study: str | UnsetType | None = UNSET
    start_date: str | UnsetType | None = UNSET
    end_date: str | UnsetType | None = UNSET
    is_current: bool | UnsetType = UNSET
    gpa: float | UnsetType | None = UNSET
    honors: tuple[str, ...] | UnsetType = UNSET
    description: str | UnsetType | None = UNSET


class ProjectChanges(Changes, frozen=True, kw_only=True):
    """Fields of ``Project`` to change."""

    name: str | UnsetType = UNSET
    description: str | UnsetType | None = UNSET
    technologies: tuple[str, ...] | UnsetType = UNSET
    url: str | UnsetType | None = UNSET
    repository_url: str | UnsetType | None = UNSET
    start_date: str | UnsetType | None = UNSET
    end_date: str | UnsetType | None = UNSET
    is_ongoing: bool | UnsetType = UNSET
    highlights: tuple[str, ...] | UnsetType = UNSET


class CertificationChanges(Changes, frozen=True, kw_only=True):
    """Fields of ``Certification`` to change."""

    name: str | UnsetType = UNSET
    issuer: str | UnsetType | None = UNSET
    date_obtained: str | UnsetType | None = UNSET
    expiry_date: str | UnsetType | None = UNSET
    credential_id: str | UnsetType | None = UNSET
