"""Micro-benchmark: match report + ranking for a 40-item profile and a 1,000-word posting.

Run: ``python -m eval.tailoring_bench``. Prints the median and p99 over 50 runs of the offline
model (target: a median under 20 ms), then the same with the MiniLM semantic term: cold (no
cached vectors, so every item and job line is encoded) and warm (vectors cached, as for a
second ranking of the same profile). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

import msgspec

from eval.tailoring_data import AT, load_job, load_profile
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import match_report
from resumecore.tailoring.items import profile_items
from resumecore_server.adapters.embeddings.minilm import MiniLMEmbedder
from resumecore_server.adapters.embeddings.minilm_numpy import MiniLMEncoder

RUNS = 50
COLD_RUNS = 5


def fixture() -> tuple[Profile, Job]:
    """The 31-item software profile padded to 40 items, and a 1,000-word posting."""
    profile, _ = load_profile("software")
    extra = profile.experiences[1]
    extra = msgspec.structs.replace(extra, id="x", achievements=(extra.achievements * 3)[:8])
    profile = profile.with_items("experience", (*profile.experiences, extra))
    lines: list[str] = []
    for line in (load_job("ml_engineer_very_long").raw_text or "").splitlines():
        if sum(len(kept.split()) for kept in lines) >= 1000:
            break
        lines.append(line)
    return profile, new_job("bench", UserId("bench"), {"raw_text": "\n".join(lines)}, at=AT)


def timed(runs: int, once: Callable[[], object]) -> str:
    """Median and p99 of ``runs`` calls, in milliseconds."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(0.99 * len(timings)))]
    return f"{runs} runs: median {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms"


def main() -> None:
    """Print the three figures."""
    profile, job = fixture()
    size = f"{len(profile_items(profile, 0))} items, {len((job.raw_text or '').split())} words"
    offline = RelevanceScorer()
    loop = asyncio.new_event_loop()

    def report_and_rank(scorer: RelevanceScorer) -> None:
        match_report(profile, job)
        loop.run_until_complete(scorer(profile, job))

    report_and_rank(offline)
    print(f"offline, {size}, {timed(RUNS, lambda: report_and_rank(offline))}")
    encoder = MiniLMEncoder()
    embedders: list[MiniLMEmbedder] = []

    def cold() -> None:
        embedders.append(MiniLMEmbedder(encoder))  # empty cache: everything is encoded
        report_and_rank(RelevanceScorer(embedders[-1]))

    print(f"minilm cold, {timed(COLD_RUNS, cold)}")
    warm = RelevanceScorer(embedders[-1])
    print(f"minilm warm, {timed(RUNS, lambda: report_and_rank(warm))}")
    for embedder in embedders:
        embedder.close()
    loop.close()


if __name__ == "__main__":
    main()
