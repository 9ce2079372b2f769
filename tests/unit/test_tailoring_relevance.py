"""The relevance model: stable, bounded, permutation-invariant, monotone in job skills."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest
from eval.tailoring_data import load_job, load_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.tailoring import SCORE_VERSION, score_profile

PROFILE, SPEC = load_profile("software")
DEVOPS = load_job("devops_bullets_remote_eu")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def build(content: dict[str, Any]) -> Profile:
    counter = itertools.count(1)
    return new_profile(
        ProfileId("p"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"i{next(counter)}", at=AT,
    )  # fmt: skip


def by_id(profile: Profile) -> dict[str, float]:
    return {s.item_id: s.score for s in score_profile(profile, DEVOPS)}


def test_every_item_is_scored_once_with_all_parts() -> None:
    scores = score_profile(PROFILE, DEVOPS)
    assert len(scores) == len(SPEC["grades"]) == len({s.item_id for s in scores})
    assert {s.kind for s in scores} == {
        "experience", "achievement", "project", "skill", "certification", "education"
    }  # fmt: skip
    for s in scores:
        expected = {"skills", "focus", "lexical", "recency", "seniority"}
        assert set(s.parts) == expected | ({"context"} if s.kind == "achievement" else set())
        assert all(0.0 <= v <= 1.0 for v in s.parts.values())
        assert 0.0 <= s.score <= 100.0
    assert SCORE_VERSION.startswith("relevance-")


def test_platform_work_outranks_unrelated_work_for_a_devops_job() -> None:
    scores = score_profile(PROFILE, DEVOPS)
    rank = {s.item_id: i for i, s in enumerate(scores)}
    northwind = PROFILE.experiences[0].id
    pixel = PROFILE.experiences[3].id
    assert rank[northwind] < rank[pixel]
    assert scores[0].score > 0
    assert next(s for s in scores if s.item_id == pixel).score < scores[0].score / 2


def test_reason_names_required_skills_and_dates() -> None:
    northwind = next(
        s for s in score_profile(PROFILE, DEVOPS) if s.item_id == PROFILE.experiences[0].id
    )
    assert "matches required skills:" in northwind.reason
    assert "Kubernetes" in northwind.reason
    assert "Terraform" in northwind.reason
    assert "2022\N{EN DASH}present" in northwind.reason


def test_ties_break_by_recency_then_profile_order() -> None:
    project = {"name": "same", "description": "Terraform modules.", "technologies": ["Terraform"]}
    content = {
        "personal_info": {"full_name": "T"},
        "projects": [
            {**project, "name": "old", "start_date": "2015-01", "end_date": "2015-06"},
            {**project, "name": "a", "start_date": "2023-01", "end_date": "2023-06"},
            {**project, "name": "b", "start_date": "2023-01", "end_date": "2023-06"},
        ],
    }
    profile = build(content)
    names = {p.id: p.name for p in profile.projects}
    ranked = [names[s.item_id] for s in score_profile(profile, DEVOPS) if s.kind == "project"]
    assert ranked == ["a", "b", "old"]
    assert score_profile(profile, DEVOPS) == score_profile(profile, DEVOPS)


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_permuting_the_profiles_items_never_changes_the_scores(rnd: Any) -> None:
    def shuffled(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    skills = msgspec.structs.replace(
        PROFILE.skills,
        technical=shuffled(PROFILE.skills.technical),
        certifications=shuffled(PROFILE.skills.certifications),
        languages=shuffled(PROFILE.skills.languages),
    )
    permuted = msgspec.structs.replace(
        PROFILE,
        experiences=shuffled(PROFILE.experiences),
        projects=shuffled(PROFILE.projects),
        skills=skills,
    )
    assert by_id(permuted) == by_id(PROFILE)


REQUIRED = [
    name
    for name in DEVOPS.required_skills
    if [m.canonical for m in default_vocabulary().find(name)] == [name]
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(REQUIRED), st.integers(0, 6))
def test_adding_a_required_skill_never_lowers_the_items_score(skill: str, index: int) -> None:
    before = by_id(PROFILE)
    if index < len(PROFILE.experiences):
        exp = PROFILE.experiences[index]
        changed = msgspec.structs.replace(exp, description=f"{exp.description} {skill}.")
        profile = msgspec.structs.replace(
            PROFILE,
            experiences=(*PROFILE.experiences[:index], changed, *PROFILE.experiences[index + 1 :]),
        )
        target = exp.id
    else:
        i = index - len(PROFILE.experiences)
        project = PROFILE.projects[i]
        changed_p = msgspec.structs.replace(project, technologies=(*project.technologies, skill))
        profile = msgspec.structs.replace(
            PROFILE, projects=(*PROFILE.projects[:i], changed_p, *PROFILE.projects[i + 1 :])
        )
        target = project.id
    assert by_id(profile)[target] >= before[target]


def test_adding_a_missing_required_skill_raises_the_score() -> None:
    exp = PROFILE.experiences[3]
    changed = msgspec.structs.replace(exp, description=f"{exp.description} Terraform.")
    profile = msgspec.structs.replace(PROFILE, experiences=(*PROFILE.experiences[:3], changed))
    assert by_id(profile)[exp.id] > by_id(PROFILE)[exp.id]


WORDS = st.sampled_from(
    ["Kubernetes", "Terraform", "patients", "pipelines", "Python", "Excel", "on-call", "Go",
     "Helm", "budget", "40%", "Bash", "observability", "English", "cooking", "the"]
)  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6))
def test_scores_stay_within_0_and_100(descriptions: list[str]) -> None:
    content = {
        "personal_info": {"full_name": "T"},
        "experiences": [
            {"title": "Engineer", "company": f"C{i}", "start_date": "2020-01", "description": d,
             "achievements": [d]}
            for i, d in enumerate(descriptions)
        ],
    }  # fmt: skip
    for s in score_profile(build(content), DEVOPS):
        assert 0.0 <= s.score <= 100.0


def test_items_mentioning_nothing_of_the_job_score_zero() -> None:
    chef = build(
        {
            "personal_info": {"full_name": "C"},
            "experiences": [
                {"title": "Pastry Chef", "company": "Le Fournil", "start_date": "2019-01",
                 "description": "Baked croissants and tarts every morning.",
                 "achievements": ["Created a seasonal dessert menu"]}
            ],
        }
    )  # fmt: skip
    assert all(s.score == 0.0 for s in score_profile(chef, DEVOPS))


def one_role(description: str, bullets: list[str], title: str = "Engineer") -> Profile:
    return build(
        {
            "personal_info": {"full_name": "F"},
            "experiences": [
                {"title": title, "company": "Acme", "start_date": "2021-01", "is_current": True,
                 "description": description, "achievements": bullets}
            ],
        }
    )  # fmt: skip


def test_a_role_about_other_things_scores_below_one_about_the_job() -> None:
    focused = one_role("Wrote Terraform modules.", [])
    scattered = one_role("Wrote Terraform, Photoshop, QuickBooks, Salesforce and SAP docs.", [])
    f = next(s for s in score_profile(focused, DEVOPS) if s.kind == "experience")
    d = next(s for s in score_profile(scattered, DEVOPS) if s.kind == "experience")
    assert f.parts["focus"] == 1.0
    assert d.parts["focus"] == 0.2
    assert d.score < f.score
    assert "mostly about other things" in d.reason
    assert "mostly about other things" not in f.reason


def test_a_bullet_borrows_some_relevance_from_its_role() -> None:
    bullet = "Led the weekly planning meeting"
    relevant = score_profile(one_role("Run Kubernetes and Terraform on GKE.", [bullet]), DEVOPS)
    unrelated = score_profile(one_role("Baked bread.", [bullet], title="Baker"), DEVOPS)
    in_relevant = next(s for s in relevant if s.kind == "achievement")
    in_unrelated = next(s for s in unrelated if s.kind == "achievement")
    role = next(s for s in relevant if s.kind == "experience")
    assert in_unrelated.score == 0.0
    assert 0.0 < in_relevant.score < role.score
    assert in_relevant.reason.startswith("part of a relevant role")


@pytest.mark.parametrize(
    "description",
    ["Maintained Terraform and the C", "Wrote scripts in R and Go", "Used Go", "Ran C jobs"],
)
def test_adding_a_required_skill_never_lowers_scores_when_it_wakes_a_context_only_alias(
    description: str,
) -> None:
    # "C", "R", "Go" count as skills only with evidence nearby, and a new skill is evidence.
    bullets = ["Kept the lights on"]
    before = {s.item_id: s.score for s in score_profile(one_role(description, bullets), DEVOPS)}
    grown = one_role(f"{description} Kubernetes.", bullets)
    after = {s.item_id: s.score for s in score_profile(grown, DEVOPS)}
    assert after.keys() == before.keys()
    assert all(after[item] >= before[item] for item in before)
