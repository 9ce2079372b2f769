"""Strategies for whole profiles: valid (``Profile.problems()`` is empty), sized by the caller."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from hypothesis import strategies as st

from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.testing import components, text

EARLIEST, LATEST = datetime(2000, 1, 1), datetime(2035, 12, 31)


def ids() -> st.SearchStrategy[str]:
    """UUID-shaped ids, as storage hands them out."""
    return st.uuids(version=4).map(str)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware (UTC) instants between 2000 and 2035."""
    return st.datetimes(EARLIEST, LATEST, timezones=st.just(UTC))


def _numbered(items: list[Any], prefix: str) -> tuple[Any, ...]:
    return tuple(msgspec.structs.replace(item, id=f"{prefix}-{i}") for i, item in enumerate(items))


@functools.cache
@st.composite
def profiles(
    draw: st.DrawFn,
    *,
    user_id: str | None = None,
    min_experiences: int = 0,
    max_experiences: int = 3,
    max_education: int = 2,
    max_projects: int = 2,
    max_certifications: int = 3,
    max_skills: int = 12,
    max_items: int = 3,
    max_custom_fields: int = 3,
    enhanced: bool = True,
) -> Profile:
    """A valid ``Profile``: unique component ids, dates in order, realistic and odd text.

    ``max_items`` bounds each component's inner lists (achievements, highlights, ...);
    ``enhanced=False`` leaves every enhanced text empty (as a never-enhanced profile).
    """
    experiences = draw(
        st.lists(
            components.experiences(max_items=max_items, enhanced=enhanced),
            min_size=min_experiences,
            max_size=max_experiences,
        )
    )
    skills = draw(components.skills(max_skills=max_skills, max_certifications=max_certifications))
    skills = msgspec.structs.replace(
        skills, certifications=_numbered(list(skills.certifications), "certification")
    )
    created = draw(aware_datetimes())
    return Profile(
        id=ProfileId(draw(ids())),
        user_id=UserId(user_id if user_id is not None else draw(ids())),
        version=draw(st.integers(1, 50)),
        is_primary=draw(st.booleans()),
        personal_info=draw(components.personal_infos()),
        professional_summary=draw(st.none() | text.sentences()),
        skills=skills,
        experiences=_numbered(experiences, "experience"),
        education=_numbered(
            draw(st.lists(components.educations(max_items=max_items), max_size=max_education)),
            "education",
        ),
        projects=_numbered(
            draw(
                st.lists(
                    components.projects(max_items=max_items, enhanced=enhanced),
                    max_size=max_projects,
                )
            ),
            "project",
        ),
        custom_fields=draw(components.custom_fields(max_custom_fields)),
        enhanced_professional_summary=draw(st.none() | text.sentences()) if enhanced else None,
        created_at=created,
        updated_at=created + draw(st.timedeltas(timedelta(0), timedelta(days=3650))),
    )


def profile_contents(**sizes: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A profile's content as plain data (what create, PUT and ``new_profile`` take).

    Takes the size controls of ``profiles``; ids, version, timestamps and the enhanced
    summary (server-written) are left out.
    """
    server_owned = {"id", "user_id", "version", "is_primary", "created_at", "updated_at"}
    server_owned.add("enhanced_professional_summary")  # written by enhancement only

    def content(profile: Profile) -> dict[str, Any]:
        data: dict[str, Any] = components.as_json_data(profile)
        for kind in ("experiences", "education", "projects"):
            data[kind] = [components.without_id(item) for item in data[kind]]
        skills = data["skills"]
        skills["certifications"] = [components.without_id(c) for c in skills["certifications"]]
        return {k: v for k, v in data.items() if k not in server_owned}

    return profiles(**sizes).map(content)
