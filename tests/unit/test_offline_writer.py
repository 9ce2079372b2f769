"""The offline writer on realistic careers: what a recruiter would check first."""

from __future__ import annotations

import re

import msgspec
import pytest
from eval.tailoring_data import HELDOUT, load_job, load_profile

from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.generation.phrasing import (
    DASH,
    article,
    date_range,
    degree_in_field,
    degree_subject,
    join_list,
    role_name,
)
from resumecore.model.document import (
    CoverLetterOptions,
    ResumeOptions,
    Section,
    WrittenDocument,
)
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.document_writer import DocumentWriter
from resumecore.tailoring import select_for_resume, unsupported_claims

WRITER: DocumentWriter = OfflineWriter()
SOFTWARE, _ = load_profile("software")
NURSING, _ = load_profile("nursing")
TRADES, _ = load_profile("trades", HELDOUT)
DEVOPS = load_job("devops_bullets_remote_eu")
CARE = load_job("care_assistant_uk_no_headers")
HVAC = load_job("hvac_technician", HELDOUT)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
DATES = re.compile(rf"{MONTH}(?:{DASH}(?:Present|{MONTH}))?")


async def resume(profile: Profile, job: Job, **options: object) -> WrittenDocument:
    plan = select_for_resume(profile, job)
    return await WRITER.write_resume(profile, job, plan, ResumeOptions(**options))  # type: ignore[arg-type]


async def letter(profile: Profile, job: Job, **options: object) -> WrittenDocument:
    plan = select_for_resume(profile, job)
    return await WRITER.write_cover_letter(profile, job, plan, CoverLetterOptions(**options))  # type: ignore[arg-type]


def section(doc: WrittenDocument, kind: str) -> Section:
    return next(s for s in doc.sections if s.kind == kind)


def paragraphs(doc: WrittenDocument) -> list[str]:
    body = section(doc, "body")
    return [" ".join(x.text for x in (e.heading, *e.lines)) for e in body.entries]


async def test_roles_are_the_most_relevant_shown_newest_first_with_relevant_bullets_first() -> None:
    doc = await resume(SOFTWARE, DEVOPS, max_experiences=2)
    roles = section(doc, "experience").entries
    # The plan ranks Northwind, then Bluebird (Python, AWS) above Krone; shown by date.
    assert [r.heading.text.split(" · ")[1] for r in roles] == [
        "Northwind Logistics",
        "Bluebird Health",
    ]
    assert roles[0].heading.text.endswith(f"Mar 2022{DASH}Present")
    assert roles[0].lines[1].text.startswith("Moved 60 services to Kubernetes")
    nurse = await resume(NURSING, CARE, max_experiences=1)
    assert "Care Assistant · Maple House Care Home" in nurse.text
    assert "Registered Nurse ·" not in nurse.text
    nurse = await resume(NURSING, CARE, max_experiences=2)
    shown = [e.heading.text.split(" · ")[0] for e in section(nurse, "experience").entries]
    assert shown == ["Registered Nurse", "Care Assistant"]


async def test_skills_most_relevant_first_and_in_the_summary() -> None:
    doc = await resume(SOFTWARE, DEVOPS)
    skills = section(doc, "skills").entries[0].heading.text.split(", ")
    assert set(skills[:3]) <= {"Kubernetes", "Terraform", "Bash", "Python"}
    summary = section(doc, "summary").entries[0]
    assert summary.heading.text == SOFTWARE.professional_summary
    assert summary.lines[0].text == "Core skills: Kubernetes, Terraform and Bash."


async def test_a_composed_summary_counts_years_from_the_dates() -> None:
    without = msgspec.structs.replace(SOFTWARE, professional_summary=None)
    doc = await resume(without, DEVOPS)
    first = section(doc, "summary").entries[0].heading.text
    # Sep 2014 to Jan 2026 (the profile's updated_at) without gaps: 11 whole years.
    assert (
        first
        == "Senior Platform Engineer with 11 years of experience, currently at Northwind Logistics."
    )


async def test_every_date_is_written_one_way() -> None:
    for profile, job in ((SOFTWARE, DEVOPS), (NURSING, CARE), (TRADES, HVAC)):
        doc = await resume(profile, job)
        for kind in ("experience", "education", "certifications"):
            for entry in section(doc, kind).entries:
                last = entry.heading.text.split(" · ")[-1]
                assert DATES.fullmatch(last), last
        assert not re.search(r"\b\d{4}-\d{2}\b", doc.text)


async def test_the_letter_names_role_company_and_leads_with_the_most_relevant_role() -> None:
    doc = await letter(NURSING, CARE)
    first, role = paragraphs(doc)[:2]
    assert "Care Assistant position (Days and Nights) at Willowbank Care Home" in first
    assert "I am a Registered Nurse with 9 years of experience" in first
    assert role.startswith("As a Care Assistant at Maple House Care Home")
    assert "I used hoists safely after manual handling training" in role
    assert section(doc, "greeting").entries[0].heading.text == "Dear Hiring Team,"
    assert doc.text.rstrip().endswith("Sincerely,\nGrace Okafor")


async def test_matched_skills_appear_and_articles_are_right() -> None:
    devops = await letter(SOFTWARE, DEVOPS)
    assert "Fernhill Games" in paragraphs(devops)[0]
    for skill in ("Kubernetes", "Terraform", "Bash", "Python"):
        assert skill in devops.text
    assert "Go" not in re.findall(r"\b\w+\b", paragraphs(devops)[2])  # not listed by the person
    hvac = await letter(TRADES, HVAC)
    assert "As an HVAC Service Technician at Desert Air Heating & Cooling" in hvac.text
    assert "I am a Journeyman Electrician" in hvac.text
    assert not re.search(r"\ba [aeiouAEIOU]|\ban [bcdfgjkpqtvwyzBCDGJKPQTVWYZ]", hvac.text)


async def test_options_shape_the_letter() -> None:
    doc = await letter(
        SOFTWARE, DEVOPS, company_name="Globex", hiring_manager_name="Ms Rivera", max_paragraphs=3
    )
    assert len(paragraphs(doc)) == 3
    # The sender's block, as on the resume, then the greeting.
    sender = "Jonas Keller\njonas@example.com | Berlin, Germany\n\n"
    assert doc.text.startswith(sender + "Dear Ms Rivera,")
    assert "DevOps Engineer position at Globex" in doc.text
    assert "Fernhill" not in doc.text
    tones = {
        tone: await letter(SOFTWARE, DEVOPS, tone=tone)
        for tone in ("professional", "enthusiastic", "concise")
    }
    assert len({d.text for d in tones.values()}) == 3
    assert len(tones["concise"].text) < len(tones["professional"].text)
    assert tones["enthusiastic"].text.rstrip().endswith("Best regards,\nJonas Keller")
    prompt = await letter(SOFTWARE, DEVOPS, custom_prompt="Write like a pirate")
    assert prompt.text == tones["professional"].text


async def test_limits_and_no_summary() -> None:
    doc = await resume(SOFTWARE, DEVOPS, max_experiences=1, max_projects=0, include_summary=False)
    kinds = [s.kind for s in doc.sections]
    assert "summary" not in kinds
    assert "projects" not in kinds
    assert len(section(doc, "experience").entries) == 1


@pytest.mark.parametrize(
    ("profile", "job"), [(SOFTWARE, DEVOPS), (NURSING, CARE), (TRADES, HVAC)], ids=str
)
async def test_realistic_documents_are_fully_grounded(profile: Profile, job: Job) -> None:
    for doc in (await resume(profile, job), await letter(profile, job)):
        for s in doc.sections:
            if s.kind in {"header", "greeting", "closing"}:
                continue
            for entry in s.entries:
                for line in (entry.heading, *entry.lines):
                    allowed = allowed_words(job)
                    assert unsupported_claims(line.text, profile, allowed=allowed) == []


def test_phrasing_helpers() -> None:
    cases = {"engineer": "an", "unit": "a", "HVAC": "an", "BSc": "a", "MSc": "an", "hour": "an",
             "European": "a", "SRE": "an", "UX": "a", "Registered": "a", "8-bed": "an"}  # fmt: skip
    assert {word: article(word) for word in cases} == cases
    assert join_list(["A"]) == "A"
    assert join_list(["A", "B"]) == "A and B"
    assert join_list(["A", "B", "C"]) == "A, B and C"


def test_join_list_sets_off_the_last_item_when_an_earlier_one_holds_the_conjunction() -> None:
    skills = ["Dentrix", "Scaling and root planing", "Local anesthesia"]
    assert join_list(skills) == "Dentrix, Scaling and root planing, and Local anesthesia"
    assert join_list(skills[1:]) == "Scaling and root planing, and Local anesthesia"
    assert join_list(["Sales and marketing", "CRM"], "or") == "Sales and marketing or CRM"
    assert join_list(["R&D", "Sandbox design", "Brand"]) == "R&D, Sandbox design and Brand"
    assert join_list(["Pick or pack", "Forklift"], "or") == "Pick or pack, or Forklift"
    # The last item's own "and" is not ambiguous: nothing follows it.
    assert join_list(["Go", "Research and development"]) == "Go and Research and development"
    assert date_range("2021-03", None, ongoing=True) == f"Mar 2021{DASH}Present"
    assert date_range("2019-01-05", "2021-06", ongoing=False) == f"Jan 2019{DASH}Jun 2021"
    assert date_range(None, "2014-08", ongoing=False) == "Aug 2014"
    # A year alone is shown as the year: no month the person did not state.
    assert date_range("2015", "2017-06", ongoing=False) == f"2015{DASH}Jun 2017"
    assert date_range("2015", None, ongoing=True) == f"2015{DASH}Present"
    assert date_range("2015", "2015", ongoing=False) == "2015"
    assert role_name("Backend-Entwickler (m/w/d) Java / Spring Boot") == (
        "Backend-Entwickler Java / Spring Boot position"
    )
    assert role_name("STAFF ACCOUNTANT") == "Staff Accountant position"
    assert role_name("Registered Nurse - Medical/Surgical Unit (Nights)") == (
        "Registered Nurse position"
    )


async def test_skills_named_in_prose_keep_proper_names_and_skip_professions() -> None:
    care = await letter(NURSING, CARE)
    assert (
        "four skills your posting asks for: dementia, manual handling, personal care and "
        "safeguarding" in care.text
    )
    assert "Care Assistant and" not in care.text  # the job title is not a skill
    physio = await letter(NURSING, load_job("physiotherapist_nhs_style"))
    assert "asks for: physiotherapist" not in physio.text
    assert "As an Orthopaedic Ward Nurse at Harbourview Hospital" in physio.text
    assert "pain assessment. For example, I managed post-operative pain assessment" in physio.text
    assert "I also worked with physiotherapists on early mobilisation" in physio.text


def test_a_company_ending_in_a_full_stop_gets_no_second_one() -> None:
    from resumecore.generation.phrasing import sentence

    assert sentence("I would like to support Acme Inc.") == "I would like to support Acme Inc."
    assert sentence("I apply at Acme Inc.. Thank you.") == "I apply at Acme Inc. Thank you."
    assert sentence("Wait for it...") == "Wait for it..."


async def test_bullets_typed_into_a_role_description_stay_separate_lines() -> None:
    # The mobile app has one free-text description per role; people type their bullets there.
    role = SOFTWARE.experiences[0]
    typed = (
        "Led the payments API team.\n- Cut p99 latency of the billing API by 40%\n"
        "• Moved 30 cron jobs to Kubernetes\n\n2) Mentored four engineers"
    )
    profile = msgspec.structs.replace(
        SOFTWARE,
        experiences=(
            msgspec.structs.replace(role, description=typed, achievements=()),
            *SOFTWARE.experiences[1:],
        ),
    )
    doc = await resume(profile, DEVOPS, max_experiences=1)
    [entry] = section(doc, "experience").entries
    assert [line.text for line in entry.lines][:4] == [
        "Led the payments API team.",
        "Cut p99 latency of the billing API by 40%",
        "Moved 30 cron jobs to Kubernetes",
        "Mentored four engineers",
    ]
    written = await letter(profile, DEVOPS)
    assert " - Cut" not in written.text
    assert "• " not in written.text


def test_a_degree_and_its_field_read_as_written() -> None:
    # Seen in a recruiter's review: "GCSEs in incl. Maths and English", "I hold a GCSEs".
    assert degree_in_field("GCSEs", "incl. Maths and English") == "GCSEs incl. Maths and English"
    assert degree_in_field("LLB", "(Hons) Law") == "LLB (Hons) Law"
    assert degree_in_field("BSc", "Information Systems") == "BSc in Information Systems"
    assert degree_in_field("MSc Data Science", "data science") == "MSc Data Science"
    assert degree_subject("GCSEs", "incl. Maths and English") == "GCSEs incl. Maths and English"
    assert degree_subject("A-levels", "Maths, Physics") == "A-levels in Maths, Physics"
    assert degree_subject("BSc", "Physics") == "a BSc in Physics"
    assert degree_subject("MBA", "") == "an MBA"
