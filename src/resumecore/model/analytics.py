"""Profile analytics: how complete a profile is, what it holds, and what to add next.

Scoring (every score is an int 0-100; ``_pct`` rounds half up):

* ``personal_info``: five equal slots -- full name, e-mail, phone, location, and an online
  presence (any of LinkedIn, GitHub, website).
* ``professional_summary``: 0 when missing or blank, else its stripped length against a target
  of 200 characters (a 2-3 sentence summary), capped at 100.
* ``experiences``: 40 for the first entry, 20 for a second, plus 40 times the share of entries
  that have a description or at least one achievement.
* ``education``: 60 for having an entry, plus 40 times the share of entries naming a field of
  study and at least one date.
* ``skills``: up to 60 for technical skills (6 per skill, 10 or more score full), up to 20 for
  soft skills (3 or more score full), 10 for any language, 10 for any certification.
* ``projects``: 50 for having a project, plus 50 times the share of projects with a description
  and either technologies or a URL.
* ``overall``: weighted mean with weights personal info 20, summary 15, experiences 30,
  education 15, skills 15, projects 5 (sum 100).

``total_skills`` counts technical + soft skills + languages + certifications.
``years_of_experience`` merges the experience intervals at month precision before counting,
so overlapping jobs are never counted twice (the contract's fix); see ``years_of_experience``.
"""

from __future__ import annotations

from datetime import date

import msgspec

from resumecore.model.dates import end_month_index, month_index
from resumecore.model.profile import Profile

WEIGHTS = {
    "personal_info": 20,
    "professional_summary": 15,
    "experiences": 30,
    "education": 15,
    "skills": 15,
    "projects": 5,
}
SUMMARY_TARGET = 200


class Completeness(msgspec.Struct, frozen=True, kw_only=True):
    """Completeness scores, each 0-100."""

    overall: int
    personal_info: int
    professional_summary: int
    experiences: int
    education: int
    skills: int
    projects: int


class Statistics(msgspec.Struct, frozen=True, kw_only=True):
    """Counts over the profile."""

    total_experiences: int
    total_education: int
    total_skills: int
    total_projects: int
    years_of_experience: float


class ProfileAnalytics(msgspec.Struct, frozen=True, kw_only=True):
    """The body of ``GET /profiles/{id}/analytics``."""

    profile_id: str
    completeness: Completeness
    statistics: Statistics
    recommendations: list[str]


def analyze_profile(profile: Profile, today: date) -> ProfileAnalytics:
    """Score, count and advise on ``profile``; pure and deterministic.

    Args:
        profile: the profile to analyse.
        today: the date open-ended (current) jobs are counted up to.

    Returns:
        Completeness scores, statistics and recommendations in a fixed order.
    """
    scores = {
        "personal_info": _personal_info(profile),
        "professional_summary": _summary(profile),
        "experiences": _experiences(profile),
        "education": _education(profile),
        "skills": _skills(profile),
        "projects": _projects(profile),
    }
    overall = _pct(sum(WEIGHTS[key] * value for key, value in scores.items()), 100 * 100)
    skills = profile.skills
    statistics = Statistics(
        total_experiences=len(profile.experiences),
        total_education=len(profile.education),
        total_skills=len(skills.technical)
        + len(skills.soft)
        + len(skills.languages)
        + len(skills.certifications),
        total_projects=len(profile.projects),
        years_of_experience=years_of_experience(profile, today),
    )
    return ProfileAnalytics(
        profile_id=profile.id,
        completeness=Completeness(overall=overall, **scores),
        statistics=statistics,
        recommendations=_recommendations(profile, scores),
    )


def years_of_experience(profile: Profile, today: date) -> float:
    """Years covered by at least one job, rounded to one decimal.

    Each experience covers whole months from its start month through its end month inclusive
    (a ``YYYY-MM-DD`` date counts as its month, a ``YYYY`` date as its January, an end never
    before its start); a current job or one without an end date runs through the month of
    ``today``. Overlapping and adjacent intervals are merged first, so a month worked in two jobs
    counts once. Jobs starting after ``today`` count nothing.
    """
    now = today.year * 12 + today.month - 1
    intervals = []
    for experience in profile.experiences:
        start = month_index(experience.start_date)
        end = end_month_index(experience.start_date, experience.end_date)
        if experience.is_current or end is None:
            end = now
        if start is not None and start <= end:
            intervals.append((start, end))
    months = 0
    current: tuple[int, int] | None = None
    for start, end in sorted(intervals):
        if current is not None and start <= current[1] + 1:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            months += current[1] - current[0] + 1
        current = (start, end)
    if current is not None:
        months += current[1] - current[0] + 1
    return round(months / 12, 1)


def _pct(numerator: float, denominator: float) -> int:
    # Round half up (not to even) so scores never depend on float parity quirks.
    return min(100, max(0, int(100 * numerator / denominator + 0.5))) if denominator else 0


def _filled(value: str | None) -> bool:
    return bool(value and value.strip())


def _personal_info(profile: Profile) -> int:
    info = profile.personal_info
    slots = [
        _filled(info.full_name),
        _filled(info.email),
        _filled(info.phone),
        _filled(info.location),
        _filled(info.linkedin) or _filled(info.github) or _filled(info.website),
    ]
    return _pct(sum(slots), len(slots))


def _summary(profile: Profile) -> int:
    summary = (profile.professional_summary or "").strip()
    return _pct(min(len(summary), SUMMARY_TARGET), SUMMARY_TARGET)


def _experiences(profile: Profile) -> int:
    items = profile.experiences
    if not items:
        return 0
    detailed = sum(1 for e in items if _filled(e.description) or e.achievements)
    return min(100, 40 + (20 if len(items) > 1 else 0) + _pct(40 * detailed, 100 * len(items)))


def _education(profile: Profile) -> int:
    items = profile.education
    if not items:
        return 0
    detailed = sum(1 for e in items if _filled(e.field_of_study) and (e.start_date or e.end_date))
    return min(100, 60 + _pct(40 * detailed, 100 * len(items)))


def _skills(profile: Profile) -> int:
    skills = profile.skills
    return min(
        100,
        6 * min(len(skills.technical), 10)
        + _pct(20 * min(len(skills.soft), 3), 300)
        + (10 if skills.languages else 0)
        + (10 if skills.certifications else 0),
    )


def _projects(profile: Profile) -> int:
    items = profile.projects
    if not items:
        return 0
    detailed = sum(
        1 for p in items if _filled(p.description) and (p.technologies or _filled(p.url))
    )
    return min(100, 50 + _pct(50 * detailed, 100 * len(items)))


def _recommendations(profile: Profile, scores: dict[str, int]) -> list[str]:
    info, skills = profile.personal_info, profile.skills
    advice: list[tuple[bool, str]] = [
        (not _filled(info.email), "Add an e-mail address so recruiters can reach you."),
        (not _filled(info.phone), "Add a phone number."),
        (not _filled(info.location), "Add your location (city and country)."),
        (
            not (_filled(info.linkedin) or _filled(info.github) or _filled(info.website)),
            "Add a LinkedIn, GitHub or personal website link.",
        ),
        (
            scores["professional_summary"] == 0,
            "Write a professional summary of two or three sentences.",
        ),
        (
            0 < scores["professional_summary"] < 100,
            f"Expand your professional summary to at least {SUMMARY_TARGET} characters.",
        ),
        (not profile.experiences, "Add your work experience."),
        (len(profile.experiences) == 1, "Add earlier positions to show your career path."),
        (
            any(not (_filled(e.description) or e.achievements) for e in profile.experiences),
            "Add a description or achievements to every experience.",
        ),
        (not profile.education, "Add your education."),
        (
            0 < scores["education"] < 100,
            "Add the field of study and dates to every education entry.",
        ),
        (len(skills.technical) < 10, "List at least 10 technical skills."),
        (len(skills.soft) < 3, "List at least 3 soft skills."),
        (not skills.languages, "Add the languages you speak."),
        (not skills.certifications, "Add any certifications you hold."),
        (not profile.projects, "Add a project that shows your work."),
        (
            0 < scores["projects"] < 100,
            "Give every project a description and its technologies or a link.",
        ),
    ]
    return [text for applies, text in advice if applies]
