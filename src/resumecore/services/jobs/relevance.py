"""Scoring a profile against a job, with the semantic term when an embedder is configured."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import msgspec

from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.embedder import Embedder
from resumecore.ports.work import CpuWorkRunner
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.items import Item, profile_items
from resumecore.tailoring.job_terms import JobTerms, job_terms
from resumecore.tailoring.relevance import SCORE_VERSION, ItemScore, ranked, score_items
from resumecore.tailoring.semantic import SEMANTIC_VERSION, item_text, job_lines, semantic_scores

MAX_EMBEDDED_ITEMS = 60
DEADLINE_SECONDS = 10.0
log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


class Relevance(msgspec.Struct, frozen=True, kw_only=True):
    """Every item's score, most relevant first, and the version of the formula that made them."""

    scores: list[ItemScore]
    version: str


class RelevanceScorer:
    """The relevance model behind rankings.

    Without an embedder it is the pure offline model (``SCORE_VERSION``). With one, the
    semantic term joins for the ``MAX_EMBEDDED_ITEMS`` items the offline model rates highest
    (ties by id, so the cut does not depend on profile order; the rest get semantic 0), and
    the version names the semantic formula and the model. If the embedder fails, returns
    something malformed or takes longer than ``DEADLINE_SECONDS``, the offline scores are
    returned under the offline version: a ranking is never lost to the optional term.
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        deadline: float = DEADLINE_SECONDS,
        *,
        cpu: CpuWorkRunner | None = None,
    ) -> None:
        self._embedder = embedder
        self._deadline = deadline
        # The app injects its scoring pool; a plain worker thread serves scripts and tests.
        self._cpu = cpu or _DefaultThread()

    async def __call__(self, profile: Profile, job: Job) -> Relevance:
        """Score every item of ``profile`` against ``job``.

        Scoring runs on the ``CpuWorkRunner``: a large profile takes a noticeable share of a
        second of CPU, which must not stall the event loop for every other request.
        """
        vocabulary = default_vocabulary()
        terms, items, offline = await self._cpu.run(_offline_scores, profile, job, vocabulary)
        if self._embedder is not None and items:
            semantic = await self._semantic(self._embedder, job, items, offline)
            if semantic is not None:
                version = f"{SCORE_VERSION}+{SEMANTIC_VERSION}/{self._embedder.name}"
                scores = await self._cpu.run(score_items, items, terms, vocabulary, semantic)
                return Relevance(scores=ranked(scores, items), version=version)
        return Relevance(scores=ranked(offline, items), version=SCORE_VERSION)

    async def _semantic(
        self, embedder: Embedder, job: Job, items: list[Item], offline: list[ItemScore]
    ) -> list[float] | None:
        chosen = sorted(range(len(items)), key=lambda i: (-offline[i].score, items[i].item_id))
        chosen = sorted(chosen[:MAX_EMBEDDED_ITEMS])
        try:
            rows = await asyncio.wait_for(
                embedder.similarities(job_lines(job), [item_text(items[i]) for i in chosen]),
                self._deadline,
            )
        except Exception:  # optional term: any failure means "offline scores"
            log.warning("semantic scoring failed; offline scores used", exc_info=True)
            return None
        if len(rows) != len(chosen):
            log.warning("embedder returned %d rows for %d texts", len(rows), len(chosen))
            return None
        clean = [[value if math.isfinite(value) else 0.0 for value in row] for row in rows]
        semantic = [0.0] * len(items)
        for index, value in zip(chosen, semantic_scores(clean), strict=True):
            semantic[index] = value
        return semantic


def _offline_scores(
    profile: Profile, job: Job, vocabulary: SkillVocabulary
) -> tuple[JobTerms, list[Item], list[ItemScore]]:
    # Reading the job's terms scans every requirement line for skills: as costly as scoring
    # for a long posting, so it runs on the CPU runner with the scoring, not on the loop.
    terms = job_terms(job, vocabulary)
    items = profile_items(profile, terms.now)
    return terms, items, score_items(items, terms, vocabulary)


class _DefaultThread:
    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        return await asyncio.to_thread(fn, *args, **kwargs)
