"""What a job asks for, as the scorers need it: weighted canonical skills and query tokens."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from resumecore.model.job import Job
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.run_memo import remembered
from resumecore.tailoring.text import tokens, without_skills

REQUIRED_WEIGHT = 2.0
NICE_WEIGHT = 1.0
MENTIONED_WEIGHT = 0.5
# The most text of one of a job's lists that scoring reads. A typed job may hold 100 lines of
# 2,000 characters in each list; dense with short ambiguous names ("Go R C Excel", each weighed
# by the context rules) three such lists cost seconds of CPU a ranking. A long real posting's
# lists hold well under 20,000 characters; lines past the budget are not read.
MAX_LIST_CHARACTERS = 40_000


class JobTerms(msgspec.Struct, frozen=True, kw_only=True):
    """Canonical skill -> weight (the highest kind it appears as), query tokens, years asked."""

    weights: dict[str, float]
    query: tuple[str, ...]
    years: int | None
    now: int


def read_lines(lines: Sequence[str], budget: int = MAX_LIST_CHARACTERS) -> list[str]:
    """The first lines of a list that scoring reads: ``budget`` characters, the last one cut."""
    kept: list[str] = []
    for line in lines:
        if budget <= 0:
            break
        kept.append(line[:budget])
        budget -= len(line)
    return kept


def _canonical(names: tuple[str, ...], vocabulary: SkillVocabulary) -> list[str]:
    return [vocabulary.canonical(name) or name for name in names]


def job_terms(job: Job, vocabulary: SkillVocabulary) -> JobTerms:
    """The weighted skills and BM25 query of ``job``.

    Required skills (parsed or found in requirement lines) weigh 2.0, nice-to-have 1.0, any
    other skill the posting mentions 0.5. The query is the requirement, nice-to-have,
    responsibility and title text (the description when those are empty), skills removed.
    """
    return remembered(_job_terms, job, vocabulary)


def _job_terms(job: Job, vocabulary: SkillVocabulary) -> JobTerms:
    weights: dict[str, float] = {}

    def add(names: list[str], weight: float) -> None:
        for name in names:
            weights[name] = max(weights.get(name, 0.0), weight)

    add(_canonical(job.parsed_keywords, vocabulary), MENTIONED_WEIGHT)
    add(_canonical(job.preferred_skills, vocabulary), NICE_WEIGHT)
    requirements, nice_to_have = read_lines(job.requirements), read_lines(job.nice_to_have)
    add([m.canonical for line in nice_to_have for m in vocabulary.find(line)], NICE_WEIGHT)
    add(_canonical(job.required_skills, vocabulary), REQUIRED_WEIGHT)
    add([m.canonical for line in requirements for m in vocabulary.find(line)], REQUIRED_WEIGHT)
    lines = [job.title, *requirements, *nice_to_have, *read_lines(job.responsibilities)]
    if not any(lines[1:]):
        lines.append(job.description or job.raw_text or "")
    query = tuple(tokens(without_skills("\n".join(lines), vocabulary)))
    at = job.created_at
    return JobTerms(
        weights=weights, query=query, years=job.years_of_experience, now=at.year * 12 + at.month - 1
    )
