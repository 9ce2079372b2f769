"""Choosing what a tailored resume shows: ids and original strings only, never rewording."""

from __future__ import annotations

import msgspec

from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.tailoring.items import achievement_id, skill_id
from resumecore.tailoring.relevance import ItemScore, score_profile


class ExperiencePlan(msgspec.Struct, frozen=True, kw_only=True):
    """A chosen experience and its chosen bullets (original text, most relevant first)."""

    experience_id: str
    score: float
    bullets: tuple[str, ...]
    bullet_ids: tuple[str, ...]


class ResumePlan(msgspec.Struct, frozen=True, kw_only=True):
    """What to show, in order; every entry is an id or a string copied from the profile."""

    experiences: tuple[ExperiencePlan, ...]
    project_ids: tuple[str, ...]
    technical_skills: tuple[str, ...]
    soft_skills: tuple[str, ...]
    certification_ids: tuple[str, ...]
    education_ids: tuple[str, ...]
    scores: tuple[ItemScore, ...]


def select_for_resume(
    profile: Profile,
    job: Job,
    max_experiences: int = 5,
    max_projects: int = 3,
    max_bullets: int = 4,
    vocabulary: SkillVocabulary | None = None,
    scores: list[ItemScore] | None = None,
) -> ResumePlan:
    """Choose and order experiences, projects and bullets by relevance; reorder skills.

    Experiences keep at most ``max_bullets`` bullets each, the most relevant first. Projects
    scoring 0 are left out; skills, certifications and education are all kept, reordered.

    Args:
        profile: the master profile.
        job: the job to tailor for.
        max_experiences: most experiences to show.
        max_projects: most projects to show.
        max_bullets: most achievement bullets per experience.
        vocabulary: the skill vocabulary (the shipped one by default).
        scores: every item's score, most relevant first, when already computed (e.g. by
            ``RelevanceScorer``, with the semantic term); the offline model's otherwise.

    Returns:
        The plan; it holds only ids and original profile strings.
    """
    if scores is None:
        scores = score_profile(profile, job, vocabulary or default_vocabulary())
    by_id = {s.item_id: s for s in scores}
    rank = {s.item_id: i for i, s in enumerate(scores)}
    experiences = sorted(profile.experiences, key=lambda e: rank[e.id])[:max_experiences]
    plans = []
    for exp in experiences:
        bullets = sorted(
            range(len(exp.achievements)), key=lambda i: rank[achievement_id(exp.id, i)]
        )[:max_bullets]
        plans.append(
            ExperiencePlan(
                experience_id=exp.id,
                score=by_id[exp.id].score,
                bullets=tuple(exp.achievements[i] for i in bullets),
                bullet_ids=tuple(achievement_id(exp.id, i) for i in bullets),
            )
        )
    projects = [p for p in profile.projects if by_id[p.id].score > 0]
    projects.sort(key=lambda p: rank[p.id])

    def by_rank(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda n: rank[skill_id(n)]))

    certifications = sorted(profile.skills.certifications, key=lambda c: rank[c.id])
    return ResumePlan(
        experiences=tuple(plans),
        project_ids=tuple(p.id for p in projects[:max_projects]),
        technical_skills=by_rank(profile.skills.technical),
        soft_skills=by_rank(profile.skills.soft),
        certification_ids=tuple(c.id for c in certifications),
        education_ids=tuple(e.id for e in sorted(profile.education, key=lambda e: rank[e.id])),
        scores=tuple(scores),
    )
