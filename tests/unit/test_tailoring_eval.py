"""The relevance model stays at or above the NDCG floor measured on the graded fixtures."""

from __future__ import annotations

import json

import pytest
from eval.tailoring_data import HELDOUT, Case, labels, load_cases, regraded
from eval.tailoring_eval import FLOORS, evaluate
from eval.tailoring_metrics import agreement, ndcg, weighted_kappa


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return load_cases()


def test_fixtures_cover_twelve_jobs_and_profiles_of_20_to_40_items(cases: list[Case]) -> None:
    assert len({case.job.id for case in cases}) >= 12
    profiles = {case.profile.id: case.profile for case in cases}
    assert len(profiles) >= 3
    for profile in profiles.values():
        assert 20 <= len(labels(profile)) <= 40
    for case in cases:
        assert set(case.grades.values()) <= {0, 1, 2, 3}
        assert max(case.grades.values()) >= 2


def test_mean_ndcg_at_5_is_not_below_the_floor(cases: list[Case]) -> None:
    results = evaluate(cases)
    floor = json.loads(FLOORS.read_text())["floors"]["ndcg@5"]
    assert results["ours"]["ndcg@5"] >= floor
    assert results["ours"]["recall@10"] >= results["bm25"]["recall@10"]
    assert results["ours"]["ndcg@5"] > results["bm25"]["ndcg@5"]


def test_ndcg_is_one_for_the_ideal_order_and_lower_for_the_reverse() -> None:
    grades = {"a": 3, "b": 2, "c": 0, "d": 1}
    assert ndcg(["a", "b", "d", "c"], grades, 5) == pytest.approx(1.0)
    assert ndcg(["c", "d", "b", "a"], grades, 5) < 0.6


def test_the_held_out_set_stays_above_its_floor_and_beats_bm25() -> None:
    cases = load_cases(HELDOUT)
    assert len({case.job.id for case in cases}) >= 12
    results = evaluate(cases)
    floor = json.loads(FLOORS.read_text())["floors"]["heldout_ndcg@5"]
    assert results["ours"]["ndcg@5"] >= floor
    assert results["ours"]["ndcg@5"] > results["bm25"]["ndcg@5"]


def test_the_model_beats_bm25_under_the_second_graders_labels_too(cases: list[Case]) -> None:
    results = evaluate(regraded(cases))
    assert results["ours"]["ndcg@5"] > results["bm25"]["ndcg@5"]


def test_the_second_grader_graded_every_item_of_every_case(cases: list[Case]) -> None:
    second = regraded(cases)
    assert [case.grades.keys() for case in second] == [case.grades.keys() for case in cases]
    stats = agreement(cases, second)
    assert stats["grades"] == sum(len(case.grades) for case in cases)
    assert 0.0 < stats["exact"] <= stats["within_one"] <= 1.0


def test_weighted_kappa_is_one_for_identical_grades_and_low_for_unrelated_ones() -> None:
    grades = [0, 1, 2, 3, 3, 0, 1, 2]
    assert weighted_kappa(grades, grades) == pytest.approx(1.0)
    assert weighted_kappa(grades, [3 - g for g in grades]) < 0.5
    assert weighted_kappa([0, 3, 0, 3], [3, 0, 3, 0]) < 0
