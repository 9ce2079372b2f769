"""The semantic term and the relevance scorer that asks an ``Embedder`` for it."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime
from typing import Any

import msgspec
from eval.tailoring_data import load_job, load_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.memory.hashing_embedder import HashingEmbedder
from resumecore.ids import UserId
from resumecore.model.job_factory import new_job
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import SCORE_VERSION, score_profile
from resumecore.tailoring.semantic import FLOOR, MAX_LINES, job_lines, semantic_scores

PROFILE, _ = load_profile("software")
DEVOPS = load_job("devops_bullets_remote_eu")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def test_semantic_is_the_mean_of_the_two_best_cosines_above_the_floor() -> None:
    assert semantic_scores([[0.9, 0.1, 0.7]]) == [round((0.8 - FLOOR) / (1 - FLOOR), 4)]
    assert semantic_scores([[0.6]]) == [0.5]
    assert semantic_scores([[FLOOR, -0.4], [], [1.0, 1.0]]) == [0.0, 0.0, 1.0]


def test_job_lines_are_requirements_duties_and_nice_to_haves_without_repeats() -> None:
    lines = job_lines(DEVOPS)
    wanted = [*DEVOPS.requirements, *DEVOPS.nice_to_have, *DEVOPS.responsibilities]
    assert lines == list(dict.fromkeys(line.strip() for line in wanted))[:MAX_LINES]


def test_job_lines_fall_back_to_description_sentences_then_the_title() -> None:
    prose = new_job(
        "j", UserId("u"), {"title": "Baker", "description": "We bake. You knead!\nOk"}, at=AT
    )
    assert job_lines(prose) == ["We bake.", "You knead!", "Ok"]
    bare = new_job("k", UserId("u"), {"title": "Baker"}, at=AT)
    assert job_lines(bare) == ["Baker"]


def test_without_an_embedder_the_scorer_is_the_pure_model() -> None:
    scorer = RelevanceScorer()
    assert scorer.version == SCORE_VERSION
    assert asyncio.run(scorer(PROFILE, DEVOPS)) == score_profile(PROFILE, DEVOPS)


def test_with_an_embedder_every_item_gets_a_semantic_part_and_the_version_says_so() -> None:
    scorer = RelevanceScorer(HashingEmbedder())
    assert scorer.version == f"{SCORE_VERSION}+hashing-test"
    scores = asyncio.run(scorer(PROFILE, DEVOPS))
    assert {s.item_id for s in scores} == {s.item_id for s in score_profile(PROFILE, DEVOPS)}
    assert all(0.0 <= s.parts["semantic"] <= 1.0 for s in scores)
    assert any(s.parts["semantic"] > 0 for s in scores)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_with_an_embedder_permuting_items_never_changes_the_scores(rnd: Any) -> None:
    experiences = list(PROFILE.experiences)
    rnd.shuffle(experiences)
    permuted = msgspec.structs.replace(PROFILE, experiences=tuple(experiences))
    scorer = RelevanceScorer(HashingEmbedder())

    def by_id(profile: Any) -> dict[str, float]:
        return {s.item_id: s.score for s in asyncio.run(scorer(profile, DEVOPS))}

    assert by_id(permuted) == by_id(PROFILE)


def test_with_an_embedder_an_unrelated_profile_still_scores_near_zero() -> None:
    from resumecore.ids import ProfileId
    from resumecore.model.profile_revision import new_profile

    counter = itertools.count(1)
    chef = new_profile(
        ProfileId("c"), UserId("u"),
        {"personal_info": {"full_name": "C"},
         "experiences": [{"title": "Pastry Chef", "company": "Le Fournil", "start_date": "2019-01",
                          "description": "Baked croissants and tarts every morning."}]},
        is_primary=True, new_id=lambda: f"i{next(counter)}", at=AT,
    )  # fmt: skip
    scores = asyncio.run(RelevanceScorer(HashingEmbedder())(chef, DEVOPS))
    assert all(s.score < 5.0 for s in scores)
