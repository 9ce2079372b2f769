"""The match report: each job requirement with the profile items that evidence it.

Score (``MATCH_VERSION``), 0-100 with one decimal::

    requirement coverage = sum(kind weight * status value) / sum(kind weight)
                           (required 2, nice-to-have 1; met 1, partial 0.5, missing 0)
    skill coverage       = job skill weight the profile names / all job skill weight
    score = 100 * (REQUIREMENT_SHARE * requirement coverage + SKILL_SHARE * skill coverage)

A requirement line naming skills is met when the profile names all of them, partial when some
(or when its other words appear, which never makes it met).
A line without skills is matched on its content words: met when one item holds at least
``MET_OVERLAP`` of them, partial at ``PARTIAL_OVERLAP``. "N years" lines are met only when
the evidencing experiences add up to N years; a line that asks for nothing but N years ("3+
years of experience") is met when all the roles held add up to N years.
"""

from __future__ import annotations

import re

import msgspec

from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.items import Item, item_skills, profile_items
from resumecore.tailoring.job_terms import job_terms, read_lines
from resumecore.tailoring.relevance import SCORE_VERSION
from resumecore.tailoring.report import (
    Evidence,
    MatchReport,
    RequirementKind,
    RequirementMatch,
    Status,
)
from resumecore.tailoring.run_memo import remembered
from resumecore.tailoring.text import tokens, without_skills

MATCH_VERSION = f"match-2+{SCORE_VERSION}"
REQUIREMENT_SHARE = 0.6
SKILL_SHARE = 0.4
MET_OVERLAP = 0.6
PARTIAL_OVERLAP = 0.3
MAX_EVIDENCE = 5
_YEARS = re.compile(r"(\d+)\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?|jahre|ans?)\b", re.IGNORECASE)


def _span(item: Item, needle: str) -> str:
    folded = needle.casefold()
    for field in item.fields:
        if folded in field.casefold():
            return field
    return needle


def _requirement(
    text: str, kind: RequirementKind, items: list[Item], ctx: _Context
) -> RequirementMatch:
    wanted = list(dict.fromkeys(m.canonical for m in ctx.vocabulary.find(text)))
    words = set(tokens(without_skills(text, ctx.vocabulary)))
    years = _YEARS.search(text)
    if years and not wanted and not words:
        return _years_only(text, kind, items, int(years.group(1)))
    evidence: dict[str, Evidence] = {}
    covered: set[str] = set()
    best = 0.0
    for item, skills, item_words in zip(items, ctx.skills, ctx.words, strict=True):
        hits = [name for name in wanted if name in skills]
        overlap = len(words & item_words) / len(words) if words else 0.0
        best = max(best, overlap)
        covered.update(hits)
        if hits:
            span = _span(item, skills[hits[0]])
        elif overlap >= PARTIAL_OVERLAP:
            span = max(item.fields, key=lambda f: (len(words & set(tokens(f))), -len(f)))
        else:
            continue
        evidence[item.item_id] = Evidence(item_id=item.item_id, kind=item.kind, span=span)
    tenure = sum(i.tenure for i in items if i.kind == "experience" and i.item_id in evidence)
    if wanted:
        share = len(covered) / len(wanted)
        # Words can lift a line whose skills are missing to partial, never to met.
        share = share if share > 0 or best < PARTIAL_OVERLAP else 0.5
    else:
        share = 1.0 if best >= MET_OVERLAP else (0.5 if best >= PARTIAL_OVERLAP else 0.0)
    status: Status = "met" if share >= 1.0 else ("partial" if share > 0 else "missing")
    if status == "met" and years and tenure < 12 * int(years.group(1)):
        status = "partial"
    return RequirementMatch(
        text=text, kind=kind, status=status, evidence=tuple(list(evidence.values())[:MAX_EVIDENCE])
    )


def _years_only(
    text: str, kind: RequirementKind, items: list[Item], years: int
) -> RequirementMatch:
    """A line asking for nothing but years ("3+ years of experience"): every role held counts."""
    roles = [item for item in items if item.kind == "experience" and item.tenure > 0]
    months = sum(item.tenure for item in roles)
    status: Status = "met" if months >= 12 * years else ("partial" if months else "missing")
    evidence = tuple(
        Evidence(item_id=item.item_id, kind=item.kind, span=item.fields[0])
        for item in roles[:MAX_EVIDENCE]
    )
    return RequirementMatch(text=text, kind=kind, status=status, evidence=evidence)


class _Context(msgspec.Struct, frozen=True):
    vocabulary: SkillVocabulary
    skills: list[dict[str, str]]
    words: list[set[str]]


STATUS_VALUE = {"met": 1.0, "partial": 0.5, "missing": 0.0}
KIND_WEIGHT = {"required": 2.0, "nice_to_have": 1.0}


def match_report(
    profile: Profile, job: Job, vocabulary: SkillVocabulary | None = None
) -> MatchReport:
    """How well ``profile`` covers ``job``: per requirement, skills, and one 0-100 score.

    Args:
        profile: the master profile.
        job: the job.
        vocabulary: the skill vocabulary (the shipped one by default).

    Returns:
        The report; identical inputs always give the identical report.
    """
    return remembered(_match_report, profile, job, vocabulary or default_vocabulary())


def _match_report(profile: Profile, job: Job, vocabulary: SkillVocabulary) -> MatchReport:
    terms = job_terms(job, vocabulary)
    items = profile_items(profile, terms.now)
    skills = [item_skills(item, vocabulary) for item in items]
    words = [set(tokens(without_skills(item.text, vocabulary))) for item in items]
    ctx = _Context(vocabulary, skills, words)
    lines: list[tuple[str, RequirementKind]] = [
        *((text, "required") for text in read_lines(job.requirements)),
        *((text, "nice_to_have") for text in read_lines(job.nice_to_have)),
    ]
    requirements = tuple(_requirement(text, kind, items, ctx) for text, kind in lines)
    have = {name for found in skills for name in found}
    job_skills = sorted(terms.weights, key=lambda name: (-terms.weights[name], name))
    matched = tuple(name for name in job_skills if name in have)
    missing = tuple(name for name in job_skills if name not in have)
    total = sum(terms.weights.values())
    skill_cov = sum(terms.weights[name] for name in matched) / total if total else 0.0
    weight = sum(KIND_WEIGHT[r.kind] for r in requirements)
    req_cov = (
        sum(KIND_WEIGHT[r.kind] * STATUS_VALUE[r.status] for r in requirements) / weight
        if weight
        else skill_cov
    )
    score = round(100 * (REQUIREMENT_SHARE * req_cov + SKILL_SHARE * skill_cov), 1)
    return MatchReport(
        score=score,
        score_version=MATCH_VERSION,
        requirements=requirements,
        matched_skills=matched,
        missing_skills=missing,
    )
