"""Scoring a profile against a job, with the semantic term when an embedder is configured."""

from __future__ import annotations

from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.embedder import Embedder
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.tailoring.items import profile_items
from resumecore.tailoring.job_terms import job_terms
from resumecore.tailoring.relevance import SCORE_VERSION, ItemScore, ranked, score_items
from resumecore.tailoring.semantic import item_text, job_lines, semantic_scores


class RelevanceScorer:
    """The relevance model behind rankings and resume selection.

    Without an embedder it is the pure offline model (``SCORE_VERSION``); with one, the
    semantic term joins and the version says which model produced it.
    """

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    @property
    def version(self) -> str:
        """The score version of what ``__call__`` returns."""
        return SCORE_VERSION if self._embedder is None else f"{SCORE_VERSION}+{self._embedder.name}"

    async def __call__(self, profile: Profile, job: Job) -> list[ItemScore]:
        """Every item's score, most relevant first (ties: recency, then profile order)."""
        vocabulary = default_vocabulary()
        terms = job_terms(job, vocabulary)
        items = profile_items(profile, terms.now)
        semantic = None
        if self._embedder is not None and items:
            rows = await self._embedder.similarities(job_lines(job), [item_text(i) for i in items])
            semantic = semantic_scores(rows)
        return ranked(score_items(items, terms, vocabulary, semantic), items)
