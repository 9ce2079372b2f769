"""Micro-benchmark: match_report + score_profile for a 40-item profile and a 1,000-word posting.

Run: ``python -m eval.tailoring_bench``. Prints the median and p99 over 50 runs (target: a
median under 20 ms). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import time

import msgspec

from eval.tailoring_eval import AT, load_job, load_profile
from resumecore.ids import UserId
from resumecore.model.job_factory import new_job
from resumecore.tailoring import match_report, score_profile
from resumecore.tailoring.items import profile_items

RUNS = 50


def main() -> None:
    """Time 50 runs after one warm-up and print the figures."""
    profile, _ = load_profile("software")
    # Pad the 31-item fixture to 40 items: one more experience with 8 bullets.
    extra = profile.experiences[1]
    extra = msgspec.structs.replace(extra, id="x", achievements=(extra.achievements * 3)[:8])
    profile = profile.with_items("experience", (*profile.experiences, extra))
    items = len(profile_items(profile, 0))
    lines: list[str] = []
    for line in (load_job("ml_engineer_very_long").raw_text or "").splitlines():
        if sum(len(kept.split()) for kept in lines) >= 1000:
            break
        lines.append(line)
    text = "\n".join(lines)
    job = new_job("bench", UserId("bench"), {"raw_text": text}, at=AT)
    match_report(profile, job)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        match_report(profile, job)
        score_profile(profile, job)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(0.99 * len(timings)))]
    print(f"{items} items, {len(text.split())} words, {RUNS} runs: "
          f"median {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
