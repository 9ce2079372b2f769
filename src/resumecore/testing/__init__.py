"""Test helpers for code built on resumecore: hypothesis strategies and ready in-memory storage.

Needs the ``testing`` extra (``pip install 'resumecore[testing]'``, which brings hypothesis).
It is the one part of ``resumecore`` allowed to import hypothesis and
``resumecore_server.adapters.memory``;
nothing else in the package imports it.

Every generated profile passes ``Profile.problems()``; every command sequence from
``command_sequences`` applies without raising; every document from ``json_resume_documents``
is valid per the JSON Resume schema. Importing this module registers strategies for
``Profile``, ``PersonalInfo``, ``Skills`` and the four component types, so
``st.from_type(Profile)`` works.

    from hypothesis import given
    from resumecore.testing import profiles, memory_uow

    @given(profiles(max_experiences=3, max_items=2))
    def test_every_profile_has_a_name(profile):
        assert profile.personal_info.full_name.strip()
"""

from __future__ import annotations

from hypothesis import strategies as st

from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.testing.commands import command_sequences
from resumecore.testing.components import (
    certifications,
    component_changes,
    component_data,
    custom_fields,
    educations,
    experiences,
    json_values,
    personal_infos,
    projects,
    skill_names,
    skills,
)
from resumecore.testing.invalid_commands import InvalidSequence, invalid_command_sequences
from resumecore.testing.json_resume import json_resume_documents
from resumecore.testing.memory import a_user, memory_uow, principal_of
from resumecore.testing.postings import (
    job_contents,
    jobs,
    parsed_postings,
    posting_fragments,
    posting_texts,
)
from resumecore.testing.profiles import aware_datetimes, profile_contents, profiles
from resumecore.testing.text import date_spans, partial_dates, web_urls

st.register_type_strategy(Profile, profiles())
st.register_type_strategy(PersonalInfo, personal_infos())
st.register_type_strategy(Skills, skills())
st.register_type_strategy(Experience, experiences())
st.register_type_strategy(Education, educations())
st.register_type_strategy(Project, projects())
st.register_type_strategy(Certification, certifications())

__all__ = [
    "InvalidSequence",
    "a_user",
    "aware_datetimes",
    "certifications",
    "command_sequences",
    "component_changes",
    "component_data",
    "custom_fields",
    "date_spans",
    "educations",
    "experiences",
    "invalid_command_sequences",
    "job_contents",
    "jobs",
    "json_resume_documents",
    "json_values",
    "memory_uow",
    "parsed_postings",
    "partial_dates",
    "personal_infos",
    "posting_fragments",
    "posting_texts",
    "principal_of",
    "profile_contents",
    "profiles",
    "projects",
    "skill_names",
    "skills",
    "web_urls",
]
