"""The match report: contract shape, evidence quoted from the profile, stable 0-100 score."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime
from typing import Any

import msgspec
from eval.tailoring_data import load_job, load_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from resumecore.ids import ProfileId, UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.tailoring import MatchReport, match_report

PROFILE, _ = load_profile("software")
DEVOPS = load_job("devops_bullets_remote_eu")
JOBS = [
    load_job(name)
    for name in ("devops_bullets_remote_eu", "registered_nurse_hourly", "accountant_crlf_caps",
                 "german_backend_euro_month", "data_engineer_html_remnants")
]  # fmt: skip


KUBE_JOB = """Platform Engineer
Acme

Requirements
- 5+ years running Kubernetes in production
- Terraform
"""


def build(content: dict[str, Any]) -> Profile:
    counter = itertools.count(1)
    return new_profile(
        ProfileId("c"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"c{next(counter)}", at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip


def chef() -> Profile:
    content = {
        "personal_info": {"full_name": "C"},
        "experiences": [
            {"title": "Pastry Chef", "company": "Le Fournil", "start_date": "2012-01",
             "description": "Baked croissants and tarts every morning.",
             "achievements": ["Created a seasonal dessert menu"]}
        ],
        "skills": {"technical": ["Lamination", "Tempering chocolate"]},
    }  # fmt: skip
    return build(content)


def strings(profile: Profile) -> set[str]:
    found = {profile.skills.technical[i] for i in range(len(profile.skills.technical))}
    found |= {*profile.skills.soft, *(language.name for language in profile.skills.languages)}
    for exp in profile.experiences:
        found |= {exp.title, exp.company, exp.description or "", *exp.achievements}
    for project in profile.projects:
        found |= {project.name, project.description or "", *project.technologies}
    for edu in profile.education:
        found |= {edu.degree, edu.field_of_study or "", edu.institution, *edu.honors}
    for cert in profile.skills.certifications:
        found |= {cert.name, cert.issuer or ""}
    return found


def test_report_has_the_contract_shape() -> None:
    body = msgspec.to_builtins(match_report(PROFILE, DEVOPS))
    assert set(body) == {
        "score",
        "score_version",
        "requirements",
        "matched_skills",
        "missing_skills",
    }
    assert len(body["requirements"]) == len(DEVOPS.requirements) + len(DEVOPS.nice_to_have)
    for requirement in body["requirements"]:
        assert set(requirement) == {"text", "kind", "status", "evidence"}
        assert requirement["kind"] in {"required", "nice_to_have"}
        assert requirement["status"] in {"met", "partial", "missing"}
        assert (requirement["status"] == "missing") == (not requirement["evidence"])
        for evidence in requirement["evidence"]:
            assert set(evidence) == {"item_id", "kind", "span"}


def test_requirements_get_the_right_status_and_quoted_evidence() -> None:
    report = match_report(PROFILE, DEVOPS)
    status = {r.text: r.status for r in report.requirements}
    assert status["Terraform and Helm"] == "met"
    assert status["Kubernetes in production"] == "met"
    assert status["Cloudflare"] == "missing"
    assert status["Experience with game servers or Agones"] == "missing"
    originals = strings(PROFILE)
    for requirement in report.requirements:
        for evidence in requirement.evidence:
            assert evidence.span in originals
    helm = next(r for r in report.requirements if r.text == "Terraform and Helm")
    assert any("Helm" in e.span for e in helm.evidence)


def test_skills_are_split_into_matched_and_missing() -> None:
    report = match_report(PROFILE, DEVOPS)
    assert {"Kubernetes", "Terraform", "Helm", "Python", "Bash"} <= set(report.matched_skills)
    assert "Cloudflare" in report.missing_skills
    assert not set(report.matched_skills) & set(report.missing_skills)


def test_years_requirement_is_only_met_with_enough_tenure() -> None:
    job = new_job("k", UserId("u"), {"raw_text": KUBE_JOB}, at=datetime(2026, 1, 1, tzinfo=UTC))
    line = next(r for r in job.requirements if "years" in r)

    def status(start: str) -> str:
        profile = build({
            "personal_info": {"full_name": "K"},
            "experiences": [{"title": "SRE", "company": "A", "start_date": start,
                             "end_date": "2025-12", "description": "Ran Kubernetes clusters."}],
        })  # fmt: skip
        return next(r.status for r in match_report(profile, job).requirements if r.text == line)

    assert status("2018-01") == "met"
    assert status("2024-01") == "partial"


def test_a_line_asking_only_for_years_is_judged_by_every_role_held() -> None:
    # "3+ years of experience" names no skill and no other word: it was always "missing".
    posting = (
        "Dental Hygienist\nRose City Periodontics\n\nRequirements:\n* 3+ years of experience\n"
    )
    job = new_job("h", UserId("u"), {"raw_text": posting}, at=datetime(2026, 1, 1, tzinfo=UTC))

    def line(*spans: tuple[str, str]) -> tuple[str, list[str]]:
        profile = build({
            "personal_info": {"full_name": "Z"},
            "experiences": [{"title": f"Hygienist {n}", "company": "A", "start_date": start,
                             "end_date": end} for n, (start, end) in enumerate(spans)],
        })  # fmt: skip
        found = next(r for r in match_report(profile, job).requirements if "years" in r.text)
        return found.status, [e.span for e in found.evidence]

    assert line(("2016-08", "2020-08"), ("2020-09", "2025-12")) == (
        "met",
        ["Hygienist 0", "Hygienist 1"],
    )
    assert line(("2024-01", "2025-12")) == ("partial", ["Hygienist 0"])
    assert line() == ("missing", [])


def test_a_profile_mentioning_nothing_of_the_job_scores_near_zero() -> None:
    for job in JOBS:
        report = match_report(chef(), job)
        assert report.score <= 5.0
        assert report.matched_skills == ()


def test_the_matching_profile_scores_well_above_an_unrelated_one() -> None:
    nurse, _ = load_profile("nursing")
    assert match_report(PROFILE, DEVOPS).score >= 50
    assert match_report(nurse, DEVOPS).score < match_report(PROFILE, DEVOPS).score - 30


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(JOBS), st.randoms(use_true_random=False))
def test_score_is_identical_for_identical_inputs_and_any_item_order(
    job: Job, rnd: random.Random
) -> None:
    experiences = list(PROFILE.experiences)
    rnd.shuffle(experiences)
    permuted = msgspec.structs.replace(PROFILE, experiences=tuple(experiences))
    first: MatchReport = match_report(PROFILE, job)
    assert first == match_report(PROFILE, job)
    again = match_report(permuted, job)
    assert again.score == first.score
    assert 0 <= first.score <= 100
    assert [r.status for r in again.requirements] == [r.status for r in first.requirements]
