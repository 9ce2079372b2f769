"""Profiles as responses: what the JobWise app can cast (``shared/mobile-client.md`` §3).

The domain keeps "unknown" as ``None``; on the wire:

* ``user_id`` is the owner's public integer number (the app int-parses it);
* text the app requires is ``""`` when unknown: ``personal_info.email``, education
  ``field_of_study`` and ``start_date``, certification ``issuer`` and ``date_obtained``, project
  ``description`` (request bodies read ``""`` there as "unknown" again, so a round trip is exact);
* a project's ``repository_url`` is also sent as ``github_url``, the key the app writes back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from resumecore.model.components import Certification, Component, Education, Experience, Project
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import Language, PersonalInfo
from resumecore_server.entrypoints.http.schemas.common import ResponseBody


class PersonalInfoView(PersonalInfo, frozen=True):
    """Contact details; ``email`` is ``""`` when unknown."""

    email: str = ""


class EducationView(Education, frozen=True):
    """An education entry; ``field_of_study`` and ``start_date`` are ``""`` when unknown."""

    field_of_study: str = ""
    start_date: str = ""


class ProjectView(Project, frozen=True):
    """A project; ``description`` is ``""`` when unknown; ``github_url`` = ``repository_url``."""

    description: str = ""
    github_url: str | None = None


class CertificationView(Certification, frozen=True):
    """A certification; ``issuer`` and ``date_obtained`` are ``""`` when unknown."""

    issuer: str = ""
    date_obtained: str = ""


class SkillsView(ResponseBody):
    """Skills in the user's order."""

    technical: tuple[str, ...]
    soft: tuple[str, ...]
    languages: tuple[Language, ...]
    certifications: tuple[CertificationView, ...]


ItemView = Experience | EducationView | ProjectView | CertificationView


class ProfileView(ResponseBody):
    """A master profile as clients read it."""

    id: Annotated[str, Meta(description="The profile's id, its key in every URL.")]
    user_id: Annotated[int, Meta(description="The owner's public user number.")]
    version: Annotated[
        int,
        Meta(description="Starts at 1, one up per saved change; the ETag is built from it."),
    ]
    is_primary: Annotated[bool, Meta(description="The user's primary (master) profile.")]
    personal_info: PersonalInfoView
    professional_summary: Annotated[str | None, Meta(description="The summary the user wrote.")]
    skills: SkillsView
    experiences: Annotated[tuple[Experience, ...], Meta(description="In the user's order.")]
    education: Annotated[tuple[EducationView, ...], Meta(description="In the user's order.")]
    projects: Annotated[tuple[ProjectView, ...], Meta(description="In the user's order.")]
    custom_fields: dict[str, Any]
    enhanced_professional_summary: Annotated[
        str | None,
        Meta(description="The last enhanced summary (POST .../enhance); null until one is made."),
    ]
    created_at: Annotated[datetime, Meta(description="When the profile was created (UTC).")]
    updated_at: Annotated[datetime, Meta(description="When it last changed (UTC).")]


def _blank_if_none(item: msgspec.Struct, *fields: str) -> dict[str, Any]:
    values = msgspec.structs.asdict(item)
    for field in fields:
        if values[field] is None:
            values[field] = ""
    return values


def education_view(item: Education) -> EducationView:
    """An education entry as clients read it."""
    return EducationView(**_blank_if_none(item, "field_of_study", "start_date"))


def project_view(item: Project) -> ProjectView:
    """A project as clients read it."""
    return ProjectView(**_blank_if_none(item, "description"), github_url=item.repository_url)


def certification_view(item: Certification) -> CertificationView:
    """A certification as clients read it."""
    return CertificationView(**_blank_if_none(item, "issuer", "date_obtained"))


def item_view(item: Component) -> ItemView:
    """One component as clients read it."""
    if isinstance(item, Education):
        return education_view(item)
    if isinstance(item, Project):
        return project_view(item)
    if isinstance(item, Certification):
        return certification_view(item)
    return item


def profile_view(profile: Profile, owner_number: int) -> ProfileView:
    """``profile`` as clients read it; ``owner_number`` is its owner's public number."""
    skills = profile.skills
    return ProfileView(
        id=profile.id,
        user_id=owner_number,
        version=profile.version,
        is_primary=profile.is_primary,
        personal_info=PersonalInfoView(**_blank_if_none(profile.personal_info, "email")),
        professional_summary=profile.professional_summary,
        skills=SkillsView(
            technical=skills.technical,
            soft=skills.soft,
            languages=skills.languages,
            certifications=tuple(certification_view(c) for c in skills.certifications),
        ),
        experiences=profile.experiences,
        education=tuple(education_view(e) for e in profile.education),
        projects=tuple(project_view(p) for p in profile.projects),
        custom_fields=profile.custom_fields,
        enhanced_professional_summary=profile.enhanced_professional_summary,
        created_at=profile.created_at,
        updated_at=profile.updated_at,
    )
