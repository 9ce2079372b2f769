"""Everything a ranking computes from the job and the profile runs on the CPU runner.

A typed job may hold 100 requirement lines of 2,000 characters each in several lists; reading
its skills costs seconds of CPU, which on the event loop stalled every other request for as
long (a ranking of such a job was served while nothing else was).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from eval.tailoring_data import load_job, load_profile

from resumecore.services.jobs import relevance
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring.job_terms import JobTerms
from resumecore.tailoring.job_terms import job_terms as real_job_terms

PROFILE, _ = load_profile("software")
DEVOPS = load_job("devops_bullets_remote_eu")


class WorkerThread:
    """A ``CpuWorkRunner`` on a thread that is not the event loop's."""

    async def run(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(fn, *args, **kwargs)


def test_the_job_terms_are_read_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def recorded(*args: Any) -> JobTerms:
        threads.append(threading.current_thread())
        return real_job_terms(*args)

    monkeypatch.setattr(relevance, "job_terms", recorded)
    scores = asyncio.run(RelevanceScorer(cpu=WorkerThread())(PROFILE, DEVOPS)).scores
    assert scores
    assert threads
    assert threading.main_thread() not in threads
