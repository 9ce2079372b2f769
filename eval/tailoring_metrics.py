"""Ranking metrics for the tailoring evaluation: NDCG, must-have recall, grader agreement."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from eval.tailoring_data import Case
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.tailoring.items import Item, item_skills, profile_items

TOP_N = 10


def ndcg(ranking: list[str], grades: dict[str, int], k: int) -> float:
    """NDCG@k with gain 2^grade - 1 and a log2 discount."""

    def dcg(gains: list[int]) -> float:
        return sum((2.0**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades[item_id] for item_id in ranking]) / ideal if ideal else 0.0


def must_have_recall(case: Case, ranking: list[str]) -> float:
    """Share of the job's required skills the profile has that the top ``TOP_N`` items name."""
    vocabulary = default_vocabulary()
    items: dict[str, Item] = {item.item_id: item for item in profile_items(case.profile, 0)}
    names = {vocabulary.canonical(name) or name for name in case.job.required_skills}
    have = {skill for item in items.values() for skill in item_skills(item, vocabulary)}
    wanted = names & have
    top = {
        skill for item_id in ranking[:TOP_N] for skill in item_skills(items[item_id], vocabulary)
    }
    return len(wanted & top) / len(wanted) if wanted else 1.0


def weighted_kappa(first: Sequence[int], second: Sequence[int], levels: int = 4) -> float:
    """Cohen's kappa with quadratic weights: 1 is perfect agreement, 0 is chance."""
    n = len(first)
    observed = Counter(zip(first, second, strict=True))
    rows, cols = Counter(first), Counter(second)
    disagreement = expected = 0.0
    for i in range(levels):
        for j in range(levels):
            weight = (i - j) ** 2 / (levels - 1) ** 2
            disagreement += weight * observed[(i, j)] / n
            expected += weight * rows[i] * cols[j] / (n * n)
    return 1 - disagreement / expected if expected else 1.0


def agreement(first: list[Case], second: list[Case]) -> dict[str, float]:
    """Exact agreement, within-one agreement and quadratic kappa over every (item, job) grade."""
    a = [case.grades[item] for case in first for item in sorted(case.grades)]
    b = [case.grades[item] for case in second for item in sorted(case.grades)]
    return {
        "exact": sum(x == y for x, y in zip(a, b, strict=True)) / len(a),
        "within_one": sum(abs(x - y) <= 1 for x, y in zip(a, b, strict=True)) / len(a),
        "kappa": weighted_kappa(a, b),
        "grades": float(len(a)),
    }
