"""Evaluate the relevance model on tests/data/tailoring: NDCG@5/10 and must-have recall.

Run from the repository root: ``python -m eval.tailoring_eval``. Prints per-job figures for
the relevance model and for a plain BM25 baseline (whole item text vs whole posting text),
then the means. Exits 1 when the mean NDCG@5 falls below ``eval/tailoring_floors.json``.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resumecore.ids import ProfileId, UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.tailoring.bm25 import BM25
from resumecore.tailoring.items import Item, item_skills, profile_items
from resumecore.tailoring.relevance import score_profile
from resumecore.tailoring.text import tokens

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "tailoring"
FLOORS = Path(__file__).with_name("tailoring_floors.json")
AT = datetime(2026, 1, 1, tzinfo=UTC)
TOP_N = 10
Ranker = Callable[[Profile, Job], list[str]]


@dataclass
class Case:
    """One graded (profile, job) pair: item id -> grade 0-3, and item id -> label."""

    profile: Profile
    job: Job
    name: str
    grades: dict[str, int]


def labels(profile: Profile) -> dict[str, str]:
    """Item id -> the stable label the grade files use (``exp:Company#2``, ``skill:SQL``...)."""
    out: dict[str, str] = {}
    for exp in profile.experiences:
        out[exp.id] = f"exp:{exp.company}"
        out.update(
            {f"{exp.id}:a{i}": f"exp:{exp.company}#{i}" for i in range(len(exp.achievements))}
        )
    out.update({p.id: f"proj:{p.name}" for p in profile.projects})
    out.update({c.id: f"cert:{c.name}" for c in profile.skills.certifications})
    out.update({e.id: f"edu:{e.institution}" for e in profile.education})
    skills = [*profile.skills.technical, *profile.skills.soft]
    skills += [language.name for language in profile.skills.languages]
    out.update({f"skill:{name}": f"skill:{name}" for name in skills})
    return out


def load_profile(name: str, data: Path = DATA) -> tuple[Profile, dict[str, Any]]:
    """The profile in ``profiles/<name>.json`` (ids ``<name>-1``, ``-2``...) and its spec."""
    spec: dict[str, Any] = json.loads((data / "profiles" / f"{name}.json").read_text())
    counter = itertools.count(1)
    profile = new_profile(
        ProfileId(name), UserId("eval"), spec["content"], is_primary=True,
        new_id=lambda: f"{name}-{next(counter)}", at=AT,
    )  # fmt: skip
    return profile, spec


def load_job(name: str, data: Path = DATA) -> Job:
    """The job parsed from ``jobs/<name>.json``, created at ``AT``."""
    raw = json.loads((data / "jobs" / f"{name}.json").read_text())["raw_text"]
    return new_job(name, UserId("eval"), {"raw_text": raw}, at=AT)


def load_cases(data: Path = DATA) -> list[Case]:
    """Every graded pair; raises ``ValueError`` if an item lacks a grade or a grade is unused."""
    cases = []
    for path in sorted((data / "profiles").glob("*.json")):
        profile, spec = load_profile(path.stem, data)
        by_id = labels(profile)
        if set(by_id.values()) != set(spec["grades"]) or len(by_id) != len(spec["grades"]):
            raise ValueError(f"{path.name}: grades and items differ")
        for index, job_name in enumerate(spec["jobs"]):
            grades = {item_id: spec["grades"][label][index] for item_id, label in by_id.items()}
            cases.append(Case(profile, load_job(job_name, data), f"{path.stem}/{job_name}", grades))
    return cases


def ndcg(ranking: list[str], grades: dict[str, int], k: int) -> float:
    """NDCG@k with gain 2^grade - 1 and a log2 discount."""

    def dcg(gains: list[int]) -> float:
        return sum((2.0**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades[item_id] for item_id in ranking]) / ideal if ideal else 0.0


def ours(profile: Profile, job: Job) -> list[str]:
    """The relevance model's ranking."""
    return [score.item_id for score in score_profile(profile, job)]


def bm25_baseline(profile: Profile, job: Job) -> list[str]:
    """Plain BM25: whole item text (skills included) against the whole posting text."""
    items = profile_items(profile, 0)
    docs = [tokens(item.text + " " + " ".join(item.extra_skills)) for item in items]
    scores = BM25(docs).scores(tokens(job.raw_text or job.description or ""))
    order = sorted(range(len(items)), key=lambda i: (-scores[i], i))
    return [items[i].item_id for i in order]


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


def evaluate(cases: list[Case] | None = None) -> dict[str, dict[str, float]]:
    """Method -> metric -> mean over cases (``ndcg@5``, ``ndcg@10``, ``recall@10``)."""
    cases = cases if cases is not None else load_cases()
    out: dict[str, dict[str, float]] = {}
    for method, ranker in (("ours", ours), ("bm25", bm25_baseline)):
        rows = []
        for case in cases:
            ranking = ranker(case.profile, case.job)
            rows.append((ndcg(ranking, case.grades, 5), ndcg(ranking, case.grades, 10),
                         must_have_recall(case, ranking)))  # fmt: skip
            out.setdefault(f"{method}/{case.name}", {}).update(
                {"ndcg@5": rows[-1][0], "ndcg@10": rows[-1][1], "recall@10": rows[-1][2]}
            )
        out[method] = {
            metric: sum(row[i] for row in rows) / len(rows)
            for i, metric in enumerate(("ndcg@5", "ndcg@10", "recall@10"))
        }
    return out


def main() -> int:
    """Print the table; return 1 when the mean NDCG@5 is below its floor."""
    results = evaluate()
    head = ("case", "ours@5", "ours@10", "rec", "bm25@5", "bm25@10", "rec")
    print(f"{head[0]:48}" + "".join(f"{h:>9}" for h in head[1:]))
    for key in sorted(k for k in results if k.startswith("ours/")):
        case = key.removeprefix("ours/")
        a, b = results[key], results[f"bm25/{case}"]
        row = [a["ndcg@5"], a["ndcg@10"], a["recall@10"], b["ndcg@5"], b["ndcg@10"], b["recall@10"]]
        print(f"{case:48}" + "".join(f"{value:9.3f}" for value in row))
    for method in ("ours", "bm25"):
        m = results[method]
        print(
            f"mean {method:5} NDCG@5 {m['ndcg@5']:.3f}  NDCG@10 {m['ndcg@10']:.3f}  "
            f"must-have recall@{TOP_N} {m['recall@10']:.3f}"
        )
    floor = json.loads(FLOORS.read_text())["floors"]["ndcg@5"]
    if results["ours"]["ndcg@5"] < floor:
        print(f"FAIL: mean NDCG@5 {results['ours']['ndcg@5']:.3f} < floor {floor}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
