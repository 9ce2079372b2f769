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


def parse_ms(rounds: int = 15) -> tuple[float, float]:
    """Median CPU and wall time of parsing the long posting, in milliseconds (after a warm-up).

    The target is checked on CPU time: on a quiet machine the two agree, and on a loaded one the
    wall clock measures the other processes too.
    """
    text = long_posting()
    parse_posting(text)
    cpu, wall = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.thread_time()
        parse_posting(text)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return statistics.median(cpu), statistics.median(wall)
