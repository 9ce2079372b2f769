"""The relevance model: every profile item scored against a job, with its parts and a reason.

Formula (``SCORE_VERSION`` names it; change the version when any constant changes)::

    coverage  = covered / (covered + SKILL_HALF)      covered = sum of job weights the item names
    focus     = firm skills the job wants / firm skills the item names   (how on-topic it is)
    skills    = coverage * (1 - FOCUS_SHARE + FOCUS_SHARE * focus)
    lexical   = bm25 / (bm25 + LEXICAL_HALF)          BM25 over skill-free tokens, items as docs
    semantic  = 0-1 from the item's best cosines with the job's lines (optional; semantic.py)
    own       = SKILL_SHARE * skills + LEXICAL_SHARE * lexical        (without embeddings)
              = the same shares scaled by 1 - SEMANTIC_SHARE, plus SEMANTIC_SHARE * semantic
    core      = own, or for a bullet (1 - CONTEXT_SHARE) * own + CONTEXT_SHARE * own(its role)
    recency   = 0.5 ** (months since end / RECENCY_HALF_LIFE); current = 1; undated = 0.5
    seniority = min(1, tenure years / years asked); 1 when the job asks none; 0.5 undated
    score     = 100 * core * (BASE + RECENCY_SHARE * recency + SENIORITY_SHARE * seniority)

Focus plays the part BM25's length normalisation plays for words: a role that names one
required skill among ten unrelated ones is weaker evidence than one that is all about the
job. Context lets a bullet borrow a little of its role's relevance, as a reader does.
Recency and seniority only scale relevance, so offline an item naming nothing of the job scores
0 unless it is a bullet of a relevant role. Adding a skill the job asks for never lowers an
item's offline score (focus counts only skills that stand without context, so a new skill
that turns a nearby "Go" or "C" into a skill cannot dilute it). The semantic term is
computed from embeddings of the whole text, so with it an edit can move a score either way.
"Now" is the job's creation month, so the same inputs give the same score on any day.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.bm25 import BM25
from resumecore.tailoring.items import Item, firm_skills, item_skills, profile_items
from resumecore.tailoring.job_terms import JobTerms, job_terms
from resumecore.tailoring.signals import RECENCY_HALF_LIFE, UNDATED, reason, recency, seniority
from resumecore.tailoring.text import tokens, without_skills

SCORE_VERSION = "relevance-3"
__all__ = [
    "RECENCY_HALF_LIFE",
    "SCORE_VERSION",
    "ItemScore",
    "ranked",
    "score_items",
    "score_profile",
]
SKILL_HALF = 2.0
LEXICAL_HALF = 4.0
FOCUS_SHARE = 0.8
SKILL_SHARE = 0.8
LEXICAL_SHARE = 0.2
SEMANTIC_SHARE = 0.3
CONTEXT_SHARE = 0.2
BASE = 0.6
RECENCY_SHARE = 0.25
SENIORITY_SHARE = 0.15


class ItemScore(msgspec.Struct, frozen=True, kw_only=True):
    """One item's relevance: ``score`` in 0-100 (two decimals), ``parts`` each in 0-1."""

    item_id: str
    kind: str
    score: float
    parts: dict[str, float]
    reason: str
    matched_skills: tuple[str, ...] = ()


def _lexical(
    items: list[Item], found: list[dict[str, str]], terms: JobTerms, vocabulary: SkillVocabulary
) -> list[float]:
    docs = []
    for item, skills in zip(items, found, strict=True):
        unresolved = [name for name in item.extra_skills if name not in skills.values()]
        docs.append(tokens(without_skills(item.text, vocabulary) + " " + " ".join(unresolved)))
    return [raw / (raw + LEXICAL_HALF) for raw in BM25(docs).scores(terms.query)]


def _own_parts(
    firm: set[str], matched: list[tuple[str, float]], lexical: float, semantic: float | None
) -> tuple[dict[str, float], float]:
    covered = sum(weight for _, weight in matched)
    coverage = covered / (covered + SKILL_HALF)
    if firm:
        focus = sum(1 for name, _ in matched if name in firm) / len(firm)
    else:
        focus = 1.0 if matched else 0.0
    parts = {
        "skills": coverage * (1 - FOCUS_SHARE + FOCUS_SHARE * focus),
        "focus": focus,
        "lexical": lexical,
    }
    own = SKILL_SHARE * parts["skills"] + LEXICAL_SHARE * lexical
    if semantic is not None:
        parts["semantic"] = semantic
        own = (1 - SEMANTIC_SHARE) * own + SEMANTIC_SHARE * semantic
    return parts, own


def score_items(
    items: list[Item],
    terms: JobTerms,
    vocabulary: SkillVocabulary,
    semantic: Sequence[float] | None = None,
) -> list[ItemScore]:
    """Scores of ``items`` in their order (see the module formula).

    ``semantic``, when given, holds one similarity in 0-1 per item (from an ``Embedder``).
    """
    found = [item_skills(item, vocabulary) for item in items]
    lexical = _lexical(items, found, terms, vocabulary)
    # A listed skill is as recent as the newest dated item that names it.
    newest: dict[str, float] = {}
    for item, skills in zip(items, found, strict=True):
        for name in skills if item.start is not None else ():
            newest[name] = max(newest.get(name, 0.0), recency(item, terms.now))
    rows = []
    own_of: dict[str, float] = {}
    for index, (item, skills) in enumerate(zip(items, found, strict=True)):
        matched = sorted(
            ((name, terms.weights[name]) for name in skills if name in terms.weights),
            key=lambda pair: (-pair[1], pair[0]),
        )
        similarity = None if semantic is None else semantic[index]
        firm = firm_skills(item, skills, vocabulary)
        parts, own = _own_parts(firm, matched, lexical[index], similarity)
        own_of[item.item_id] = own
        rows.append((item, skills, matched, parts, own))
    out = []
    for item, skills, matched, parts, own in rows:
        parts["recency"] = recency(item, terms.now)
        parts["seniority"] = seniority(item, terms.years)
        if item.kind == "skill" and skills:
            parts["recency"] = max(newest.get(name, UNDATED) for name in skills)
        core = own
        if item.parent is not None:
            parts["context"] = own_of.get(item.parent, 0.0)
            core = (1 - CONTEXT_SHARE) * own + CONTEXT_SHARE * parts["context"]
        scale = BASE + RECENCY_SHARE * parts["recency"] + SENIORITY_SHARE * parts["seniority"]
        out.append(
            ItemScore(
                item_id=item.item_id,
                kind=item.kind,
                score=round(100 * core * scale, 2),
                parts={key: round(value, 4) for key, value in parts.items()},
                reason=reason(matched, parts, item),
                matched_skills=tuple(name for name, _ in matched),
            )
        )
    return out


def ranked(scores: list[ItemScore], items: list[Item]) -> list[ItemScore]:
    """Most relevant first; ties by recency, then profile order."""
    order = {item.item_id: item.order for item in items}
    return sorted(
        scores, key=lambda s: (-s.score, -s.parts["recency"], order.get(s.item_id, 0), s.item_id)
    )


def score_profile(
    profile: Profile,
    job: Job,
    vocabulary: SkillVocabulary | None = None,
) -> list[ItemScore]:
    """Score every experience, bullet, project, skill, certification and education entry.

    Args:
        profile: the master profile.
        job: the job to tailor for.
        vocabulary: the skill vocabulary (the shipped one by default).

    Returns:
        One ``ItemScore`` per item, most relevant first (ties: recency, then profile order).
    """
    vocabulary = vocabulary or default_vocabulary()
    terms = job_terms(job, vocabulary)
    items = profile_items(profile, terms.now)
    return ranked(score_items(items, terms, vocabulary), items)
