"""Parse time of a long posting: the team's fixtures joined into 15,000 characters."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from resumecore.postings import parse_posting

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "data" / "postings"
LENGTH = 15_000


def long_posting(length: int = LENGTH, directory: Path = FIXTURES) -> str:
    """Fixture postings one after another, cut to ``length`` characters (stable across runs)."""
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["raw_text"]
        for p in sorted(directory.glob("*.json"))
    ]
    joined = "\n\n".join(texts)
    while len(joined) < length:
        joined += "\n\n" + joined
    return joined[:length]


def parse_ms(rounds: int = 15) -> float:
    """The median wall time of parsing the long posting, in milliseconds (after a warm-up)."""
    text = long_posting()
    parse_posting(text)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_posting(text)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)
