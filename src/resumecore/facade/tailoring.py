"""How well a profile fits a posting, its items ranked, and what a tailored resume shows."""

from __future__ import annotations

from datetime import datetime

from resumecore.facade import defaults
from resumecore.facade.postings import Posting, as_job
from resumecore.model.profile import Profile
from resumecore.model.ranking import Ranking
from resumecore.model.ranking import rank as build_ranking
from resumecore.tailoring import (
    SCORE_VERSION,
    MatchReport,
    ResumePlan,
    score_profile,
    select_for_resume,
)
from resumecore.tailoring import match_report as report_of


def match(profile: Profile, posting: Posting) -> MatchReport:
    r"""Each requirement of ``posting`` met, partial or missing, with evidence; a 0-100 score.

    ``posting`` is a ``Job`` (from ``parse_posting``), a ``ParsedPosting`` or plain text.
    Identical inputs give the identical report.

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada"},
    ...     "skills": {"technical": ["Python", "SQL"]},
    ... })
    >>> report = match(ada, "Data Engineer\n\nRequirements:\n- Python\n- Kafka\n")
    >>> report.matched_skills, report.missing_skills
    (('Python',), ('Apache Kafka',))
    >>> [(r.text, r.status) for r in report.requirements]
    [('Python', 'met'), ('Kafka', 'missing')]
    """
    return report_of(profile, as_job(posting))


def rank(
    profile: Profile,
    posting: Posting,
    *,
    ranking_id: str | None = None,
    at: datetime | None = None,
) -> Ranking:
    r"""Every item of ``profile`` (roles, bullets, projects, skills, ...) by relevance.

    Items are most relevant first, each with its id, kind, score (0-100), the score's parts
    and a reason; ids are unique. Offline model (``SCORE_VERSION``); ``at`` (aware, default
    now in UTC) is the ranking's time.

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada"},
    ...     "skills": {"technical": ["Excel", "Kubernetes"]},
    ... })
    >>> ranking = rank(ada, "DevOps Engineer\n\nRequirements:\n- Kubernetes\n")
    >>> [(item.id, item.score > 0) for item in ranking.items]
    [('skill:Kubernetes', True), ('skill:Excel', False)]
    >>> ranking.keyword_matches
    ('Kubernetes',)
    """
    job = as_job(posting)
    return build_ranking(
        ranking_id or defaults.new_id(),
        profile.user_id,
        job.id,
        profile.id,
        profile.version,
        score_profile(profile, job),
        score_version=SCORE_VERSION,
        at=defaults.moment(at),
    )


def tailor(
    profile: Profile,
    posting: Posting,
    *,
    max_experiences: int = 5,
    max_projects: int = 3,
    max_bullets: int = 4,
) -> ResumePlan:
    r"""What a resume tailored to ``posting`` shows, most relevant first: ids and original text.

    Experiences keep their ``max_bullets`` most relevant bullets; projects without any
    relevance are left out; skills, certifications and education are all kept, reordered.

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada"},
    ...     "skills": {"technical": ["Excel", "Python"]},
    ...     "experiences": [{
    ...         "title": "Engineer", "company": "Acme", "start_date": "2020-01",
    ...         "achievements": ["Ran the office party", "Built Python data pipelines"],
    ...     }],
    ... })
    >>> plan = tailor(ada, "Python Developer\n\nRequirements:\n- Python\n", max_bullets=1)
    >>> plan.experiences[0].bullets, plan.technical_skills
    (('Built Python data pipelines',), ('Python', 'Excel'))
    """
    return select_for_resume(
        profile,
        as_job(posting),
        max_experiences=max_experiences,
        max_projects=max_projects,
        max_bullets=max_bullets,
    )
