"""Certifications in the offline writer's documents: a lapsed one is never shown as held."""

from __future__ import annotations

from datetime import UTC, datetime

from resumecore import build_profile, parse_posting
from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.tailoring import select_for_resume, unsupported_claims

AT = datetime(2026, 12, 3, tzinfo=UTC)
WRITER = OfflineWriter()
ENGINEER = build_profile(
    {
        "personal_info": {"full_name": "Łukasz Wróblewski"},
        "skills": {
            "technical": ["Go", "AWS", "Kubernetes"],
            "certifications": [
                {
                    "name": "AWS Certified Solutions Architect Associate",
                    "issuer": "Amazon Web Services",
                    "date_obtained": "2022-05",
                    "expiry_date": "2025-05",
                },
                {
                    "name": "Certified Kubernetes Administrator (CKA)",
                    "issuer": "CNCF",
                    "date_obtained": "2023-10",
                    "expiry_date": "2027-10",
                },
            ],
        },
        "experiences": [
            {
                "title": "Staff Backend Engineer",
                "company": "Zahlwerk GmbH",
                "start_date": "2021-04",
                "is_current": True,
                "achievements": ["Led the migration of 40 services from EC2 to Kubernetes"],
            }
        ],
    },
    at=AT,
)
JOB = parse_posting(
    "Senior Backend Engineer\nFinbridge\n\nRequirements:\n- Go\n- AWS\n- Kubernetes\n"
    "- AWS Solutions Architect certification\n- CKA certification\n",
    at=AT,
)


async def _resume(profile: Profile, job: Job) -> WrittenDocument:
    plan = select_for_resume(profile, job)
    return await WRITER.write_resume(profile, job, plan, ResumeOptions())


async def _letter(profile: Profile, job: Job) -> WrittenDocument:
    plan = select_for_resume(profile, job)
    return await WRITER.write_cover_letter(profile, job, plan, CoverLetterOptions(max_paragraphs=6))


async def test_a_lapsed_certification_is_listed_with_its_expiry_and_a_held_one_as_before() -> None:
    doc = await _resume(ENGINEER, JOB)
    lines = [e.heading.text for s in doc.sections if s.kind == "certifications" for e in s.entries]
    assert sorted(lines) == [
        "AWS Certified Solutions Architect Associate · Amazon Web Services · May 2022"
        " · expired May 2025",
        "Certified Kubernetes Administrator (CKA) · CNCF · Oct 2023",
    ]
    assert "expired May 2025" in doc.text
    for line in lines:
        assert unsupported_claims(line, ENGINEER, allowed=allowed_words(JOB)) == []


async def test_the_letter_does_not_claim_to_hold_a_lapsed_certification() -> None:
    text = (await _letter(ENGINEER, JOB)).text
    assert "Solutions Architect" not in text
    assert "Certified Kubernetes Administrator (CKA)" in text


def _with_certification(expiry: str, *, listed_as_skill: bool = False) -> Profile:
    return build_profile(
        {
            "personal_info": {"full_name": "Darren O'Connell"},
            "skills": {
                "technical": ["Forklift", *(["Driver CPC"] if listed_as_skill else [])],
                "certifications": [
                    {
                        "name": "Driver CPC",
                        "issuer": "DVSA",
                        "date_obtained": "2021",
                        "expiry_date": expiry,
                    }
                ],
            },
            "experiences": [
                {
                    "title": "HGV Driver",
                    "company": "Northway Logistics",
                    "start_date": "2016",
                    "is_current": True,
                    "achievements": ["Drove 40,000 miles a year without an incident"],
                }
            ],
        },
        at=AT,
    )


DRIVER_JOB = parse_posting(
    "HGV Class 1 Driver\nFastway Freight\n\nRequirements:\n- Valid Driver CPC\n"
    "- Forklift experience\n",
    at=AT,
)


async def test_a_year_alone_expiry_is_expired_only_once_that_year_is_over() -> None:
    # "Now" is December 2026: an expiry of "2026" may still be ahead, so "expired 2026" would
    # be a claim the person never made; "2025" has surely passed.
    this_year = await _resume(_with_certification("2026"), DRIVER_JOB)
    last_year = await _resume(_with_certification("2025"), DRIVER_JOB)
    assert "expired" not in this_year.text
    assert "Driver CPC · DVSA · 2021" in this_year.text
    assert "Driver CPC · DVSA · 2021 · expired 2025" in last_year.text


async def test_the_letter_claims_no_certification_that_may_have_lapsed() -> None:
    # Neither "I hold" nor "my skills include" for a certification that expired, or may have
    # expired this year, even when the same name is also listed as a skill.
    for expiry in ("2026", "2025-05"):
        text = (await _letter(_with_certification(expiry, listed_as_skill=True), DRIVER_JOB)).text
        assert "CPC" not in text, (expiry, text)
    held = (await _letter(_with_certification("2027", listed_as_skill=True), DRIVER_JOB)).text
    assert "Driver CPC" in held
