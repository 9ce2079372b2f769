"""Evaluate the posting parser on tests/data/postings: exact-match rates and skill P/R/F1.

Run from the repository root: ``python -m eval.parser_eval [--verbose]``. Exits 1 when a figure
falls below its floor in ``eval/parser_floors.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resumecore.postings import ParsedPosting, parse_posting

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "postings"
FLOORS = Path(__file__).with_name("parser_floors.json")
EXACT_FIELDS = (
    "title",
    "company",
    "location",
    "salary",
    "remote",
    "employment_type",
    "years_of_experience",
)
SKILL_FIELDS = ("skills", "required_skills", "preferred_skills")


@dataclass
class Report:
    """Metric name -> value in [0, 1], and the mismatches behind them."""

    metrics: dict[str, float]
    postings: int
    mismatches: list[str] = field(default_factory=list)


def load_fixtures(directory: Path = FIXTURES) -> list[tuple[str, dict[str, Any]]]:
    """Every fixture as ``(name, {"raw_text", "expected"})``, sorted by name."""
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(directory.glob("*.json"))
    ]


def evaluate(directory: Path = FIXTURES) -> Report:
    """Parse every fixture and score the parser against the expected fields."""
    fixtures = load_fixtures(directory)
    hits = dict.fromkeys(EXACT_FIELDS, 0)
    counts = {name: [0, 0, 0] for name in SKILL_FIELDS}  # true positives, predicted, expected
    mismatches: list[str] = []
    for name, fixture in fixtures:
        expected = fixture["expected"]
        parsed = parse_posting(fixture["raw_text"])
        for field_name in EXACT_FIELDS:
            got = _actual(parsed, field_name)
            if _same(field_name, got, expected[field_name]):
                hits[field_name] += 1
            else:
                mismatches.append(
                    f"{name}.{field_name}: got {got!r}, expected {expected[field_name]!r}"
                )
        for field_name in SKILL_FIELDS:
            got_set, want = set(getattr(parsed, field_name)), set(expected[field_name])
            counts[field_name][0] += len(got_set & want)
            counts[field_name][1] += len(got_set)
            counts[field_name][2] += len(want)
            if got_set != want:
                extra, missing = sorted(got_set - want), sorted(want - got_set)
                mismatches.append(f"{name}.{field_name}: extra {extra}, missing {missing}")
    total = max(1, len(fixtures))
    metrics = {f"{f}.exact": hits[f] / total for f in EXACT_FIELDS}
    for field_name, (tp, predicted, wanted) in counts.items():
        precision = tp / predicted if predicted else 1.0
        recall = tp / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics |= {
            f"{field_name}.precision": precision,
            f"{field_name}.recall": recall,
            f"{field_name}.f1": f1,
        }
    return Report(metrics=metrics, postings=len(fixtures), mismatches=mismatches)


def load_floors(path: Path = FLOORS) -> dict[str, float]:
    """The minimum acceptable value of each metric."""
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["floors"]
    return floors


def below_floor(report: Report, floors: dict[str, float]) -> list[str]:
    """The metrics under their floor, described; a metric without a value counts as 0."""
    return [
        f"{name}: {report.metrics.get(name, 0.0):.3f} < floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if report.metrics.get(name, 0.0) + 1e-9 < floor
    ]


def _actual(parsed: ParsedPosting, field_name: str) -> Any:
    value = getattr(parsed, field_name)
    if field_name == "salary" and value is not None:
        return {
            "min": value.min,
            "max": value.max,
            "currency": value.currency,
            "period": value.period,
        }
    return value


def _same(field_name: str, got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if field_name == "salary":
        return all(_close(got[k], want[k]) for k in ("min", "max")) and all(
            got[k] == want[k] for k in ("currency", "period")
        )
    if isinstance(want, str):
        return _loose(got) == _loose(want)
    return bool(got == want)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6)


def _loose(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .,;:")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; return 1 if any is below its floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    report = evaluate()
    floors = load_floors()
    print(f"posting parser evaluation: {report.postings} postings in {FIXTURES.relative_to(ROOT)}")
    print(f"{'metric':<28}{'value':>8}{'floor':>8}")
    for name, value in report.metrics.items():
        floor = floors.get(name)
        shown = f"{floor:.3f}" if floor is not None else "-"
        print(f"{name:<28}{value:>8.3f}{shown:>8}")
    if args.verbose:
        print("\n".join(["", "mismatches:", *report.mismatches]))
    failures = below_floor(report, floors)
    if failures:
        print("\nBELOW FLOOR:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
