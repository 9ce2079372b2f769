"""The match report's shape (GET /jobs/{id}/match): requirements, evidence, skills, score."""

from __future__ import annotations

from typing import Literal

import msgspec

Status = Literal["met", "partial", "missing"]
RequirementKind = Literal["required", "nice_to_have"]


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """An item supporting a requirement; ``span`` is the original string that matched."""

    item_id: str
    kind: str
    span: str


class RequirementMatch(msgspec.Struct, frozen=True, kw_only=True):
    """One requirement line of the posting and how the profile covers it."""

    text: str
    kind: RequirementKind
    status: Status
    evidence: tuple[Evidence, ...] = ()


class MatchReport(msgspec.Struct, frozen=True, kw_only=True):
    """The GET /jobs/{id}/match body."""

    score: float
    score_version: str
    requirements: tuple[RequirementMatch, ...]
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
