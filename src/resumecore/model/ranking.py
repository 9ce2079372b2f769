"""A stored ranking: a profile's items ordered by relevance to one job, with reasons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import msgspec

from resumecore.ids import UserId

# Reasons given to items without real evidence (written by resumecore.tailoring.signals).
NOTHING = "nothing the posting asks for"
WEAK_MEANING = "loosely related in meaning"
WEAK_REASONS = (NOTHING, WEAK_MEANING)


class ScoredItem(Protocol):
    """One item's relevance as the scorer gives it (``resumecore.tailoring.ItemScore``).

    A protocol, so the model does not import the tailoring package that imports the model.
    """

    @property
    def item_id(self) -> str:
        """The item's id in the profile."""
        ...

    @property
    def kind(self) -> str:
        """What the item is: experience, project, skill, ..."""
        ...

    @property
    def score(self) -> float:
        """Relevance in 0-100."""
        ...

    @property
    def parts(self) -> dict[str, float]:
        """Each term of the score, in 0-1."""
        ...

    @property
    def reason(self) -> str:
        """Why, in a few words."""
        ...

    @property
    def matched_skills(self) -> tuple[str, ...]:
        """The posting's skills the item shows."""
        ...


class RankedItem(msgspec.Struct, frozen=True, kw_only=True):
    """One item's place in the ranking."""

    id: str
    kind: str
    score: float
    parts: dict[str, float]
    reason: str


class Ranking(msgspec.Struct, frozen=True, kw_only=True):
    """Most relevant first; deterministic for the same profile version and job."""

    id: str
    user_id: UserId
    job_id: str
    profile_id: str
    profile_version: int
    score_version: str
    ranked_experience_ids: tuple[str, ...]
    ranked_project_ids: tuple[str, ...]
    items: tuple[RankedItem, ...]
    keyword_matches: tuple[str, ...]
    ranking_rationale: str
    created_at: datetime


def rank(
    ranking_id: str,
    user_id: UserId,
    job_id: str,
    profile_id: str,
    profile_version: int,
    scores: Sequence[ScoredItem],
    *,
    score_version: str,
    at: datetime,
) -> Ranking:
    """Assemble a ranking from item scores (already in relevance order)."""
    ordered = sorted(scores, key=lambda s: -s.score)  # stable: keeps the scorer's tie-breaks
    keywords = tuple(dict.fromkeys(skill for s in ordered for skill in s.matched_skills))
    # Only items with real evidence explain the ranking, not ones merely "loosely related".
    top = [s for s in ordered if s.score > 0 and not s.reason.startswith(WEAK_REASONS)][:3]
    rationale = (
        "Most relevant: " + "; ".join(f"{s.kind} {s.item_id} ({s.reason})" for s in top)
        if top
        else "Nothing in the profile matches this job's skills or wording."
    )
    return Ranking(
        id=ranking_id,
        user_id=user_id,
        job_id=job_id,
        profile_id=profile_id,
        profile_version=profile_version,
        score_version=score_version,
        ranked_experience_ids=tuple(s.item_id for s in ordered if s.kind == "experience"),
        ranked_project_ids=tuple(s.item_id for s in ordered if s.kind == "project"),
        items=tuple(
            RankedItem(id=s.item_id, kind=s.kind, score=s.score, parts=s.parts, reason=s.reason)
            for s in ordered
        ),
        keyword_matches=keywords,
        ranking_rationale=rationale,
        created_at=at,
    )
