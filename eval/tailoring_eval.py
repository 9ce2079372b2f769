"""Evaluate the relevance model on the graded fixtures: NDCG@5/10 and must-have recall.

Run from the repository root: ``python -m eval.tailoring_eval [--embedder minilm]``. For the
tuning set (grader 1), the second grader's labels of it (graded blind) and the
held-out set, it
prints per-job figures and means for the relevance model (offline; with ``--embedder minilm``
also with the semantic term) and for a plain BM25 baseline (whole item text vs whole posting),
plus how far the two graders agree. Exits 1 when a mean NDCG@5 of the offline model falls below
its floor in ``eval/tailoring_floors.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from eval.tailoring_data import DATA, HELDOUT, Case, load_cases, regraded
from eval.tailoring_metrics import TOP_N, agreement, must_have_recall, ndcg
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.embedder import Embedder
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring.bm25 import BM25
from resumecore.tailoring.items import profile_items
from resumecore.tailoring.text import tokens

FLOORS = Path(__file__).with_name("tailoring_floors.json")
METRICS = ("ndcg@5", "ndcg@10", "recall@10")
Ranker = Callable[[Profile, Job], Awaitable[list[str]]]


def scorer_ranker(scorer: RelevanceScorer) -> Ranker:
    """The relevance model's ranking (item ids, best first)."""

    async def rank(profile: Profile, job: Job) -> list[str]:
        return [score.item_id for score in (await scorer(profile, job)).scores]

    return rank


async def bm25_baseline(profile: Profile, job: Job) -> list[str]:
    """Plain BM25: whole item text (skills included) against the whole posting text."""
    items = profile_items(profile, 0)
    docs = [tokens(item.text + " " + " ".join(item.extra_skills)) for item in items]
    scores = BM25(docs).scores(tokens(job.raw_text or job.description or ""))
    order = sorted(range(len(items)), key=lambda i: (-scores[i], i))
    return [items[i].item_id for i in order]


def rankers(embedder: Embedder | None = None) -> dict[str, Ranker]:
    """The methods compared: ours (offline), ours with embeddings when given, BM25."""
    out = {"ours": scorer_ranker(RelevanceScorer())}
    if embedder is not None:
        out["ours+minilm"] = scorer_ranker(RelevanceScorer(embedder))
    out["bm25"] = bm25_baseline
    return out


async def evaluate_async(
    cases: list[Case], methods: dict[str, Ranker]
) -> dict[str, dict[str, float]]:
    """Method -> metric -> mean over cases; ``<method>/<case>`` keys hold per-case figures."""
    out: dict[str, dict[str, float]] = {}
    for method, ranker in methods.items():
        for case in cases:
            ranking = await ranker(case.profile, case.job)
            out[f"{method}/{case.name}"] = {
                "ndcg@5": ndcg(ranking, case.grades, 5),
                "ndcg@10": ndcg(ranking, case.grades, 10),
                "recall@10": must_have_recall(case, ranking),
            }
        rows = [out[f"{method}/{case.name}"] for case in cases]
        out[method] = {metric: sum(row[metric] for row in rows) / len(rows) for metric in METRICS}
    return out


def evaluate(cases: list[Case] | None = None) -> dict[str, dict[str, float]]:
    """The offline model and BM25 on ``cases`` (the tuning set by default)."""
    return asyncio.run(evaluate_async(cases if cases is not None else load_cases(), rankers()))


def print_table(title: str, results: dict[str, dict[str, float]], methods: list[str]) -> None:
    """Per-case NDCG@5 / NDCG@10 / recall for each method, then the means."""
    print(f"\n## {title}")
    print(f"{'case':44}" + "".join(f"{m[:14]:>27}" for m in methods))
    cases = sorted(
        k.removeprefix(f"{methods[0]}/") for k in results if k.startswith(methods[0] + "/")
    )
    for case in cases:
        cells = [results[f"{m}/{case}"] for m in methods]
        print(
            f"{case:44}"
            + "".join(f"{c['ndcg@5']:9.3f}{c['ndcg@10']:9.3f}{c['recall@10']:9.3f}" for c in cells)
        )
    for method in methods:
        m = results[method]
        print(
            f"mean {method:22} NDCG@5 {m['ndcg@5']:.3f}  NDCG@10 {m['ndcg@10']:.3f}  "
            f"must-have recall@{TOP_N} {m['recall@10']:.3f}"
        )


async def run(embedder: Embedder | None) -> dict[str, dict[str, dict[str, float]]]:
    """Every set's results: tuning (grader 1), tuning (grader 2), held-out."""
    methods = rankers(embedder)
    tuning = load_cases(DATA)
    return {
        "tuning set, grader 1": await evaluate_async(tuning, methods),
        "tuning set, grader 2": await evaluate_async(regraded(tuning), methods),
        "held-out set": await evaluate_async(load_cases(HELDOUT), methods),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the tables; return 1 when a mean NDCG@5 is below its floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["none", "minilm"], default="none")
    args = parser.parse_args(argv)
    embedder = None
    if args.embedder == "minilm":
        from resumecore_server.adapters.embeddings.minilm import MiniLMEmbedder  # noqa: PLC0415

        embedder = MiniLMEmbedder()
    results = asyncio.run(run(embedder))
    for title, table in results.items():
        print_table(title, table, [method for method in table if "/" not in method])
    tuning = load_cases(DATA)
    agree = agreement(tuning, regraded(tuning))
    print(
        f"\ngrader agreement on the tuning set ({agree['grades']:.0f} grades): "
        f"exact {agree['exact']:.3f}, within one {agree['within_one']:.3f}, "
        f"quadratic kappa {agree['kappa']:.3f}"
    )
    floors = json.loads(FLOORS.read_text())["floors"]
    failed = False
    for key, title in (("ndcg@5", "tuning set, grader 1"), ("heldout_ndcg@5", "held-out set")):
        value = results[title]["ours"]["ndcg@5"]
        if value < floors[key]:
            print(f"FAIL: {title} mean NDCG@5 {value:.3f} < floor {floors[key]}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
