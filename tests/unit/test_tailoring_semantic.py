"""The semantic term and the relevance scorer that asks an ``Embedder`` for it."""

from __future__ import annotations

import asyncio
import itertools
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest
from eval.tailoring_data import load_job, load_profile
from hypothesis import given, settings
from hypothesis import strategies as st

from resumecore.ids import ProfileId, UserId
from resumecore.model.job_factory import new_job
from resumecore.model.profile_revision import new_profile
from resumecore.model.ranking import rank
from resumecore.services.jobs.relevance import MAX_EMBEDDED_ITEMS, RelevanceScorer
from resumecore.tailoring import SCORE_VERSION, score_profile
from resumecore.tailoring.semantic import (
    FLOOR,
    MAX_LINES,
    SEMANTIC_VERSION,
    job_lines,
    semantic_scores,
)
from resumecore_server.adapters.memory.hashing_embedder import HashingEmbedder

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
    relevance = asyncio.run(RelevanceScorer()(PROFILE, DEVOPS))
    assert relevance.version == SCORE_VERSION
    assert relevance.scores == score_profile(PROFILE, DEVOPS)


def test_with_an_embedder_every_item_gets_a_semantic_part_and_the_version_says_so() -> None:
    relevance = asyncio.run(RelevanceScorer(HashingEmbedder())(PROFILE, DEVOPS))
    assert relevance.version == f"{SCORE_VERSION}+{SEMANTIC_VERSION}/hashing-test"
    scores = relevance.scores
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
        return {s.item_id: s.score for s in asyncio.run(scorer(profile, DEVOPS)).scores}

    assert by_id(permuted) == by_id(PROFILE)


def test_with_an_embedder_an_unrelated_profile_still_scores_near_zero() -> None:
    counter = itertools.count(1)
    chef = new_profile(
        ProfileId("c"), UserId("u"),
        {"personal_info": {"full_name": "C"},
         "experiences": [{"title": "Pastry Chef", "company": "Le Fournil", "start_date": "2019-01",
                          "description": "Baked croissants and tarts every morning."}]},
        is_primary=True, new_id=lambda: f"i{next(counter)}", at=AT,
    )  # fmt: skip
    scores = asyncio.run(RelevanceScorer(HashingEmbedder())(chef, DEVOPS)).scores
    assert all(s.score < 5.0 for s in scores)


class ScriptedEmbedder:
    """An embedder that misbehaves on purpose, recording what it was asked."""

    name = "scripted"

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.documents: list[str] = []

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        self.documents = list(documents)
        if self.behaviour == "raise":
            raise RuntimeError("model crashed")
        if self.behaviour == "slow":
            await asyncio.sleep(5)
        if self.behaviour == "short":
            return [[0.5] * len(queries) for _ in documents[1:]]
        if self.behaviour == "low":
            return [[0.3] * len(queries) for _ in documents]
        if self.behaviour == "nan":
            return [[math.nan] * len(queries) for _ in documents]
        return [[0.9] * len(queries) for _ in documents]


@pytest.mark.parametrize("behaviour", ["raise", "slow", "short"])
def test_a_failing_embedder_gives_the_offline_ranking_under_the_offline_version(
    behaviour: str,
) -> None:
    relevance = asyncio.run(
        RelevanceScorer(ScriptedEmbedder(behaviour), deadline=0.05)(PROFILE, DEVOPS)
    )
    assert relevance.version == SCORE_VERSION
    assert relevance.scores == score_profile(PROFILE, DEVOPS)


def test_non_finite_similarities_count_as_no_signal() -> None:
    relevance = asyncio.run(RelevanceScorer(ScriptedEmbedder("nan"))(PROFILE, DEVOPS))
    assert relevance.version.endswith("/scripted")
    assert all(s.parts["semantic"] == 0.0 for s in relevance.scores)


def test_only_the_items_rated_highest_offline_are_embedded() -> None:
    experiences = [
        {"title": f"Engineer {i}", "company": f"Company {i}", "start_date": "2020-01",
         "description": "Ran Kubernetes with Terraform." if i % 2 else "Baked bread."}
        for i in range(MAX_EMBEDDED_ITEMS + 20)
    ]  # fmt: skip
    counter = itertools.count(1)
    big = new_profile(
        ProfileId("b"), UserId("u"),
        {"personal_info": {"full_name": "B"}, "experiences": experiences},
        is_primary=True, new_id=lambda: f"i{next(counter):03d}", at=AT,
    )  # fmt: skip
    embedder = ScriptedEmbedder("ok")
    scores = asyncio.run(RelevanceScorer(embedder)(big, DEVOPS)).scores
    assert len(embedder.documents) == MAX_EMBEDDED_ITEMS
    relevant = sum(1 for e in experiences if "Kubernetes" in e["description"])
    assert sum(1 for text in embedder.documents if "Kubernetes" in text) == relevant
    embedded = [s for s in scores if s.parts["semantic"] > 0]
    assert len(embedded) == MAX_EMBEDDED_ITEMS
    assert {s.item_id for s in scores} == {s.item_id for s in score_profile(big, DEVOPS)}


def test_an_item_only_loosely_related_in_meaning_says_so_and_does_not_explain_the_ranking() -> None:
    chef = new_profile(
        ProfileId("c"), UserId("u"),
        {"personal_info": {"full_name": "C"},
         "experiences": [{"title": "Pastry Chef", "company": "Le Fournil", "start_date": "2019-01",
                          "description": "Baked croissants and tarts every morning."}]},
        is_primary=True, new_id=lambda: "e1", at=AT,
    )  # fmt: skip
    scores = asyncio.run(RelevanceScorer(ScriptedEmbedder("low"))(chef, DEVOPS)).scores
    assert [s.reason for s in scores] == ["loosely related in meaning; 2019\N{EN DASH}present"]
    assert scores[0].score > 0
    ranking = rank("r", UserId("u"), DEVOPS.id, "c", 1, scores, score_version="v", at=AT)
    assert ranking.ranking_rationale.startswith("Nothing in the profile matches")
