"""Selection for a resume: ordered by relevance, bounded, and built only from profile strings."""

from __future__ import annotations

import pytest
from eval.tailoring_data import load_job, load_profile

from resumecore.tailoring import score_profile, select_for_resume

PROFILE, _ = load_profile("software")


@pytest.mark.parametrize(
    ("job_name", "first_company"),
    [
        ("devops_bullets_remote_eu", "Northwind Logistics"),
        ("german_backend_euro_month", "Krone Versicherung"),
        ("fullstack_inline_requirements", "Bluebird Health"),
    ],
)
def test_the_most_relevant_experience_comes_first(job_name: str, first_company: str) -> None:
    plan = select_for_resume(PROFILE, load_job(job_name))
    companies = {e.id: e.company for e in PROFILE.experiences}
    assert companies[plan.experiences[0].experience_id] == first_company


def test_limits_are_respected_and_bullets_are_original_strings() -> None:
    job = load_job("devops_bullets_remote_eu")
    plan = select_for_resume(PROFILE, job, max_experiences=2, max_projects=1, max_bullets=2)
    assert len(plan.experiences) == 2
    assert len(plan.project_ids) <= 1
    by_id = {e.id: e for e in PROFILE.experiences}
    for chosen in plan.experiences:
        assert len(chosen.bullets) <= 2
        assert set(chosen.bullets) <= set(by_id[chosen.experience_id].achievements)
    score = {s.item_id: s.score for s in plan.scores}
    for chosen in plan.experiences:
        ranked = [score[b] for b in chosen.bullet_ids]
        assert ranked == sorted(ranked, reverse=True)
    assert [score[e.experience_id] for e in plan.experiences] == sorted(
        (score[e.id] for e in PROFILE.experiences), reverse=True
    )[:2]
    assert plan.project_ids == (PROFILE.projects[0].id,)


def test_skills_are_reordered_never_added_or_dropped() -> None:
    plan = select_for_resume(PROFILE, load_job("german_backend_euro_month"))
    assert sorted(plan.technical_skills) == sorted(PROFILE.skills.technical)
    assert plan.technical_skills[:2] != PROFILE.skills.technical[:2]
    assert set(plan.technical_skills[:3]) & {"Java", "Spring Boot", "PostgreSQL"}
    assert sorted(plan.education_ids) == sorted(e.id for e in PROFILE.education)


def test_projects_with_nothing_relevant_are_left_out() -> None:
    plan = select_for_resume(PROFILE, load_job("registered_nurse_hourly"))
    assert plan.project_ids == ()


def test_given_scores_decide_the_order() -> None:
    # e.g. scores from RelevanceScorer with the semantic term: selection follows them.
    job = load_job("devops_bullets_remote_eu")
    offline = score_profile(PROFILE, job)
    reversed_scores = list(reversed(offline))
    plan = select_for_resume(PROFILE, job, max_experiences=4, scores=reversed_scores)
    order = [s.item_id for s in reversed_scores if s.kind == "experience"]
    assert [e.experience_id for e in plan.experiences] == order
    assert plan.scores == tuple(reversed_scores)
    assert select_for_resume(PROFILE, job).scores == tuple(offline)
