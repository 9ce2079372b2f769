"""The offline writer over generated profiles and jobs: grounded, bounded, repeatable.

Profiles mix realistic strings the verifier has opinions about (skills, title nouns, figures,
employers after "at", degrees) with odd but valid content: one-letter titles, no experiences,
no summary, unicode names, many skills, dates up to 2100.
"""

from __future__ import annotations

import asyncio
import itertools
import string
from datetime import UTC, datetime
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.generation.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.generation.phrasing import normal_form, tidy
from resumecore.generation.resume_writer import contact_parts
from resumecore.ids import ProfileId, UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.tailoring import select_for_resume, unsupported_claims
from resumecore.tailoring.items import achievement_id, skill_id

AT = datetime(2026, 1, 1, tzinfo=UTC)
WRITER = OfflineWriter()
COPIED = {"header", "closing"}  # the contact details and the signature, copied

words = st.text(
    alphabet=string.ascii_letters + string.digits + " .-&éÖß李", min_size=1, max_size=20
).filter(lambda s: s.strip() and "None" not in s)
longer = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="{}"),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() and "None" not in s)
TITLES = st.sampled_from(
    ["Senior Platform Engineer", "Registered Nurse", "HVAC Service Technician", "x", "Lead",
     "Care Assistant", "Truck Driver", "Teacher", "Head of Data", "Ünal Müdür", "MBA Intern"]
) | words  # fmt: skip
COMPANIES = st.sampled_from(
    ["Northwind Logistics", "Acme Inc", "St Mary's Hospital", "Globex Corporation", "Ørsted",
     "Maple House Care Home", "the Bank"]
) | words  # fmt: skip
SKILLS = st.sampled_from(
    ["Python", "Kubernetes", "Terraform", "Go", "C", "R", "Excel", "Ruby", "Customer service",
     "Team Lead", "Forklift", "Wound Care", "IV Therapy", "SQL", "Java", "AWS", "Python 3",
     "Project Manager", "Communication", "Dementia Care", "Spanish"]
) | words  # fmt: skip
BULLETS = st.sampled_from(
    ["Moved 60 services to Kubernetes, cutting deploy time by 40%", "Reported to the CTO at "
     "Google", "Led a team of 5 engineers", "Assess and care for 5-6 patients a shift",
     "Patient satisfaction up 12% on the unit", "Mentored MSc students", "Saved $1.2M in 2019",
     "Drove 120,000 miles without an accident", "Worked for Initech on payroll in Python",
     "Used a forklift daily", "Teach Year 6 maths"]
) | longer  # fmt: skip
REQUIREMENTS = st.sampled_from(
    ["5+ years of Python", "Kubernetes in production", "Forklift certification",
     "Bachelor's degree in Nursing", "Excellent communication", "Wound care and IV therapy",
     "CDL Class A licence"]
) | words  # fmt: skip
day = st.tuples(st.integers(1900, 2100), st.integers(1, 12))


@st.composite
def span(draw: st.DrawFn, *, start_required: bool = False) -> tuple[str | None, str | None]:
    first, second = sorted(draw(st.lists(day, min_size=2, max_size=2)))
    start = f"{first[0]:04d}-{first[1]:02d}" if start_required or draw(st.booleans()) else None
    return start, f"{second[0]:04d}-{second[1]:02d}" if draw(st.booleans()) else None


def opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def experience(draw: st.DrawFn) -> dict[str, Any]:
    start, end = draw(span(start_required=True))
    return {
        "title": draw(TITLES),
        "company": draw(COMPANIES),
        "location": draw(opt(words)),
        "start_date": start,
        "end_date": end,
        "is_current": end is None and draw(st.booleans()),
        "description": draw(opt(BULLETS)),
        "achievements": draw(st.lists(BULLETS, max_size=5)),
    }


@st.composite
def dated(
    draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]], keys: tuple[str, str]
) -> dict[str, Any]:
    start, end = draw(span())
    return {**{k: draw(v) for k, v in fields.items()}, keys[0]: start, keys[1]: end}


unique = st.lists(SKILLS, max_size=25, unique_by=lambda s: s.strip().casefold())
contents = st.fixed_dictionaries(
    {
        "personal_info": st.fixed_dictionaries(
            {"full_name": words | st.sampled_from(["Ruby Chen", "Zoë Ødegård", "李小龙"]),
             "email": opt(st.just("a.person@example.com")), "phone": opt(st.just("+1 555 0100")),
             "location": opt(words)}
        ),
        "professional_summary": opt(BULLETS),
        "skills": st.fixed_dictionaries(
            {"technical": unique, "soft": unique,
             "languages": st.lists(st.fixed_dictionaries({"name": SKILLS}), max_size=2),
             "certifications": st.lists(
                 dated({"name": SKILLS | words, "issuer": opt(COMPANIES)},
                       ("date_obtained", "expiry_date")), max_size=3)}
        ),
        "experiences": st.lists(experience(), max_size=5),
        "education": st.lists(
            dated({"institution": COMPANIES, "degree": st.sampled_from(["BSc", "MSc", "x"]) | words,
                   "field_of_study": opt(words), "honors": st.lists(BULLETS, max_size=2)},
                  ("start_date", "end_date")), max_size=2),
        "projects": st.lists(
            dated({"name": words, "description": opt(BULLETS),
                   "technologies": st.lists(SKILLS, max_size=3),
                   "highlights": st.lists(BULLETS, max_size=2)},
                  ("start_date", "end_date")), max_size=4),
    }
)  # fmt: skip
jobs = st.fixed_dictionaries(
    {"title": TITLES, "company": opt(COMPANIES), "requirements": st.lists(REQUIREMENTS, max_size=5),
     "required_skills": st.lists(SKILLS, max_size=4)}
)  # fmt: skip
resume_options = st.builds(
    ResumeOptions,
    max_experiences=st.integers(0, 6),
    max_projects=st.integers(0, 4),
    include_summary=st.booleans(),
)
letter_options = st.builds(
    CoverLetterOptions,
    company_name=opt(COMPANIES),
    hiring_manager_name=opt(st.sampled_from(["Jane Smith", "Ruby Chen", "Dr. Ada Lovelace"])),
    max_paragraphs=st.integers(1, 7),
    tone=st.sampled_from([None, "professional", "enthusiastic", "concise"]),
)


def make(content: dict[str, Any], job_content: dict[str, Any]) -> tuple[Profile, Job]:
    counter = itertools.count()
    profile = new_profile(
        ProfileId("p"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"c{next(counter)}", at=AT,
    )  # fmt: skip
    return profile, new_job("j", UserId("u"), job_content, at=AT)


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
    texts = [normal_form(line.text) for line in doc.lines()]
    assert len(texts) == len(set(texts)), ("a sentence is repeated", texts)
    assert all(line.text == line.text.strip() and line.text for line in doc.lines())
    assert all(section.entries for section in doc.sections)
    for line in doc.lines():
        assert set(line.sources) <= known_sources(profile), line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents, jobs, resume_options, letter_options)
def test_documents_are_grounded_bounded_and_repeatable(
    content: dict[str, Any],
    job_content: dict[str, Any],
    resume_opts: ResumeOptions,
    letter_opts: CoverLetterOptions,
) -> None:
    profile, job = make(content, job_content)
    resume, letter = write(profile, job, resume_opts, letter_opts)

    check_grounded(resume, profile, allowed_words(job))
    check_grounded(letter, profile, allowed_words(job, letter_opts))
    name = tidy(letter_opts.hiring_manager_name or "")
    hello = letter.sections[0].entries[0].heading.text
    assert hello in {f"Dear {name},", "Dear Hiring Team,"}
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
    content: dict[str, Any], job_content: dict[str, Any], options: CoverLetterOptions
) -> None:
    profile, job = make(content, job_content)
    sources = set()
    for tone in ("professional", "enthusiastic", "concise"):
        toned = msgspec.structs.replace(options, tone=tone)
        _, letter = write(profile, job, ResumeOptions(), toned)
        sources.add(frozenset(s for line in letter.lines() for s in line.sources))
    assert len(sources) == 1
