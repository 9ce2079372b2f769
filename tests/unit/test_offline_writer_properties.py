"""The offline writer over generated profiles and jobs: grounded, bounded, repeatable.

Profiles mix realistic strings the verifier has opinions about (skills, title nouns, figures,
employers after "at", degrees) with odd but valid content: one-letter titles, no experiences,
no summary, unicode names, many skills, dates up to 2100.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.generation.phrasing import normal_form, tidy
from resumecore.generation.resume_writer import contact_parts
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.tailoring import select_for_resume, unsupported_claims
from resumecore.tailoring.items import achievement_id, skill_id
from resumecore.testing import job_contents, profiles
from resumecore.testing.text import COMPANIES, realistic

AT = datetime(2026, 1, 1, tzinfo=UTC)
WRITER = OfflineWriter()
COPIED = {"header", "closing"}  # the contact details and the signature, copied

# Profiles mix realistic strings with odd valid text, and never hold "{" or "None" (so their
# appearance in a document is a leak): see resumecore.testing.text. Enhanced texts are absent,
# as in a profile never enhanced.
contents = profiles(max_experiences=5, max_items=5, max_custom_fields=0, enhanced=False)
jobs = job_contents()
resume_options = st.builds(
    ResumeOptions,
    max_experiences=st.integers(0, 6),
    max_projects=st.integers(0, 4),
    include_summary=st.booleans(),
)
letter_options = st.builds(
    CoverLetterOptions,
    company_name=st.none() | realistic(COMPANIES),
    hiring_manager_name=st.none()
    | st.sampled_from(["Jane Smith", "Ruby Chen", "Dr. Ada Lovelace"]),
    max_paragraphs=st.integers(1, 7),
    tone=st.sampled_from([None, "professional", "enthusiastic", "concise"]),
)


def make(profile: Profile, job_content: dict[str, Any]) -> tuple[Profile, Job]:
    return profile, new_job("j", profile.user_id, job_content, at=AT)


def write(
    profile: Profile, job: Job, resume: ResumeOptions, letter: CoverLetterOptions
) -> tuple[WrittenDocument, WrittenDocument]:
    plan = select_for_resume(profile, job)
    return (
        asyncio.run(WRITER.write_resume(profile, job, plan, resume)),
        asyncio.run(WRITER.write_cover_letter(profile, job, plan, letter)),
    )


def known_sources(profile: Profile) -> set[str]:
    ids = {"profile", "job"}
    for exp in profile.experiences:
        ids |= {exp.id, *(achievement_id(exp.id, i) for i in range(len(exp.achievements)))}
    ids |= {p.id for p in profile.projects} | {e.id for e in profile.education}
    ids |= {c.id for c in profile.skills.certifications}
    names = [*profile.skills.technical, *profile.skills.soft]
    return ids | {skill_id(n) for n in names + [x.name for x in profile.skills.languages]}


def check_grounded(doc: WrittenDocument, profile: Profile, allowed: tuple[str, ...]) -> None:
    copied = (tidy(profile.personal_info.full_name), *contact_parts(profile))
    for section in doc.sections:
        extra = copied if section.kind in COPIED else ()
        for entry in section.entries:
            for line in (entry.heading, *entry.lines):
                claims = unsupported_claims(line.text, profile, allowed=(*allowed, *extra))
                assert claims == [], (section.kind, line.text, claims)


def check_shape(doc: WrittenDocument, profile: Profile) -> None:
    assert doc.text.strip()
    assert "None" not in doc.text
    assert "{" not in doc.text
    texts = [normal_form(line.text) for line in doc.written_lines()]
    assert len(texts) == len(set(texts)), ("a sentence is repeated", texts)
    assert all(line.text == line.text.strip() and line.text for line in doc.lines())
    assert all(section.entries for section in doc.sections)
    for line in doc.lines():
        assert set(line.sources) <= known_sources(profile), line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents, jobs, resume_options, letter_options)
def test_documents_are_grounded_bounded_and_repeatable(
    content: Profile,
    job_content: dict[str, Any],
    resume_opts: ResumeOptions,
    letter_opts: CoverLetterOptions,
) -> None:
    profile, job = make(content, job_content)
    resume, letter = write(profile, job, resume_opts, letter_opts)

    check_grounded(resume, profile, allowed_words(job))
    check_grounded(letter, profile, allowed_words(job, letter_opts))
    name = tidy(letter_opts.hiring_manager_name or "")
    sender, greeting = letter.sections[:2]
    assert (sender.kind, greeting.kind) == ("header", "greeting")
    assert sender.entries[0].heading.text == tidy(profile.personal_info.full_name)
    assert greeting.entries[0].heading.text in {f"Dear {name},", "Dear Hiring Team,"}
    for doc in (resume, letter):
        check_shape(doc, profile)
    count = {s.kind: len(s.entries) for s in resume.sections}
    assert count.get("experience", 0) <= resume_opts.max_experiences
    assert count.get("projects", 0) <= resume_opts.max_projects
    assert ("summary" in count) <= resume_opts.include_summary
    paragraphs = {s.kind: len(s.entries) for s in letter.sections}.get("body", 0)
    assert 1 <= paragraphs <= letter_opts.max_paragraphs
    again = write(profile, job, resume_opts, letter_opts)
    assert msgspec.json.encode(again) == msgspec.json.encode((resume, letter))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents, jobs, letter_options)
def test_tone_changes_the_words_never_the_facts(
    content: Profile, job_content: dict[str, Any], options: CoverLetterOptions
) -> None:
    profile, job = make(content, job_content)
    sources = set()
    for tone in ("professional", "enthusiastic", "concise"):
        toned = msgspec.structs.replace(options, tone=tone)
        _, letter = write(profile, job, ResumeOptions(), toned)
        sources.add(frozenset(s for line in letter.lines() for s in line.sources))
    assert len(sources) == 1
