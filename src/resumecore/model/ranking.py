"""A stored ranking: a profile's items ordered by relevance to one job, with reasons."""

from __future__ import annotations

from datetime import datetime

import msgspec

from resumecore.ids import UserId
from resumecore.tailoring import ItemScore
from resumecore.tailoring.signals import NOTHING, WEAK_MEANING

WEAK_REASONS = (NOTHING, WEAK_MEANING)


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
    scores: list[ItemScore],
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
