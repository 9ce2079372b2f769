"""Evaluate the posting parser on postings as people paste them (tests/data/postings_world).

Run from the repository root: ``python -m eval.posting_world_eval [--part tuning] [--verbose]``.
Prints field accuracy, skill precision/recall and invented skills overall, per format and per
occupation group, for ``tuning/`` and the frozen ``heldout/`` part separately, and the parse time
of a 15,000-character posting. Per-posting mismatches are printed for ``tuning/`` only (behind
``--verbose``): the held-out part is reported in aggregate, never posting by posting. Exits 1
when a figure breaks its floor in ``eval/posting_world_floors.json``.

``--llm-assist`` also parses every posting through the LLM assist (``eval/posting_assist_eval.py``,
a model from the ``RESUMECORE_LLM_*`` environment) and prints its tables and its overall figures
beside the deterministic ones; floors apply to the deterministic figures only. Without a model
it says it is skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.parse_timing import parse_ms
from eval.posting_assist_eval import assisted_parses, model_from_environment
from eval.world_scoring import FIELDS, Score, score
from eval.world_tally import Tally
from resumecore.postings import (
    ParsedPosting,
    default_vocabulary,
    normalize_posting_text,
    parse_posting,
)

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "tests" / "data" / "postings_world"
PARTS = ("tuning", "heldout")
FLOORS = Path(__file__).with_name("posting_world_floors.json")


def load_part(part: str, root: Path = WORLD) -> list[tuple[str, dict[str, Any]]]:
    """Every labelled posting of one part as ``(name, document)``; half-written files skipped."""
    found = []
    for path in sorted((root / part).glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(document, dict) and {"raw_text", "expected", "meta"} <= set(document):
            found.append((path.stem, document))
    return found


def evaluate_part(
    part: str, root: Path = WORLD, parse: Callable[[str], ParsedPosting] = parse_posting
) -> tuple[dict[str, Tally], list[str]]:
    """Tallies keyed ``overall``, ``format:<f>`` and ``group:<g>``, and per-posting mismatches."""
    vocabulary = default_vocabulary()
    tallies: dict[str, Tally] = {}
    mismatches: list[str] = []
    for name, document in load_part(part, root):
        text = document["raw_text"]
        # Invented means "not in what the person pasted", read as text: "GD&amp;T" is "GD&T".
        plain = normalize_posting_text(text)
        result: Score = score(parse(text), document["expected"], plain, vocabulary)
        meta = document["meta"]
        for key in ("overall", f"format:{meta.get('format')}", f"group:{meta.get('group')}"):
            tallies.setdefault(key, Tally()).add(result)
        mismatches += [f"{name}: {line}" for line in result.mismatches]
    return tallies, mismatches


def print_part(part: str, tallies: dict[str, Tally]) -> None:
    """One table: a row per slice, a column per figure.

    skillP/skillR score the canonical skills; +unrecP/+unrecR add ``unrecognised_skills``.
    """
    print(f"\n== {part}: {tallies['overall'].postings if 'overall' in tallies else 0} postings")
    header = "".join(f"{f[:8]:>9}" for f in FIELDS)
    print(
        f"{'slice':<34}{'n':>4}{header}{'fields':>8}{'skillP':>8}{'skillR':>8}{'invent':>7}"
        f"{'+unrecP':>8}{'+unrecR':>8}"
    )
    for key in sorted(tallies, key=lambda k: (k != "overall", k)):
        t = tallies[key]
        cells = "".join(f"{t.field(f):>9.3f}" for f in FIELDS)
        print(
            f"{key:<34}{t.postings:>4}{cells}{t.field_accuracy:>8.3f}"
            f"{t.precision:>8.3f}{t.recall:>8.3f}{t.invented:>7}"
            f"{t.open_precision:>8.3f}{t.open_recall:>8.3f}"
        )


def check_floors(figures: dict[str, float], path: Path = FLOORS) -> list[str]:
    """Figures under their ``min`` floor or over their ``max`` ceiling; missing figures skip."""
    floors = json.loads(path.read_text(encoding="utf-8"))
    broken = [
        f"{name}: {figures[name]:.3f} < floor {floor}"
        for name, floor in floors["min"].items()
        if name in figures and figures[name] + 1e-9 < floor
    ]
    broken += [
        f"{name}: {figures[name]:.3f} > ceiling {ceiling}"
        for name, ceiling in floors["max"].items()
        if name in figures and figures[name] > ceiling + 1e-9
    ]
    return broken


def compare_assisted(parts: tuple[str, ...], figures: dict[str, float]) -> None:
    """The assisted parse's tables and overall figures beside the deterministic ones."""
    model, why_not = model_from_environment()
    if model is None:
        print(f"\n== llm assist: skipped ({why_not})")
        return
    texts = [doc["raw_text"] for part in parts for _, doc in load_part(part)]
    parsed, spent = assisted_parses(model, texts)
    print(f"\n== llm assist: model {model.model}, {len(parsed)} postings, {spent.total} tokens")
    for part in parts:
        tallies, _ = evaluate_part(part, parse=parsed.__getitem__)
        if not tallies:
            continue
        print_part(f"{part} with llm assist", tallies)
        assisted = tallies["overall"].figures()
        print(f"\n{part}, overall: {'figure':<24}{'parser':>9}{'+assist':>9}")
        for name, value in assisted.items():
            plain = figures.get(f"{part}.{name}", 0.0)
            print(f"{'':<{len(part) + 11}}{name:<24}{plain:>9.3f}{value:>9.3f}")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; return 1 if any breaks its floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="tuning mismatches, per posting")
    parser.add_argument("--llm-assist", action="store_true", help="also the LLM-assisted parse")
    args = parser.parse_args(argv)
    figures: dict[str, float] = {}
    parts = PARTS if args.part == "all" else (args.part,)
    for part in parts:
        tallies, mismatches = evaluate_part(part)
        if not tallies:
            print(f"\n== {part}: no postings yet")
            continue
        print_part(part, tallies)
        figures |= {f"{part}.{k}": v for k, v in tallies["overall"].figures().items()}
        if args.verbose and part == "tuning":
            print("\n".join(["", "tuning mismatches:", *mismatches]))
    if args.llm_assist:
        compare_assisted(parts, figures)
    figures["parse_ms_15k"], wall = parse_ms()
    print(
        f"\nparse time, 15,000-character posting: {figures['parse_ms_15k']:.1f} ms CPU "
        f"({wall:.1f} ms wall clock, median)"
    )
    broken = check_floors(figures)
    if broken:
        print("\nBELOW FLOOR:\n" + "\n".join(broken), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
