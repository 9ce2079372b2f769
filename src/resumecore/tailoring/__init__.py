"""Offline tailoring: relevance scores, match reports, resume selection, grounding checks."""

from resumecore.tailoring.grounding import Claim, GroundingChecker, unsupported_claims
from resumecore.tailoring.match import MATCH_VERSION, match_report
from resumecore.tailoring.relevance import SCORE_VERSION, ItemScore, score_profile
from resumecore.tailoring.report import MatchReport
from resumecore.tailoring.selection import ResumePlan, select_for_resume

__all__ = [
    "MATCH_VERSION",
    "SCORE_VERSION",
    "Claim",
    "GroundingChecker",
    "ItemScore",
    "MatchReport",
    "ResumePlan",
    "match_report",
    "score_profile",
    "select_for_resume",
    "unsupported_claims",
]
