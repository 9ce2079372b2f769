"""How much one scoring request may cost: a cap on the items scored per request."""

from __future__ import annotations

from resumecore.errors import FieldError, InvalidValue
from resumecore.model.profile import Profile

# Scoring time grows with the items: 2,500 take about 0.25 s of CPU (a maximal profile,
# 10,200, took over a second, more under load), and a long real career has a few hundred.
MAX_SCORED_ITEMS = 2500
TOO_LARGE = "profile_too_large"


def scorable_items(profile: Profile) -> int:
    """How many items scoring looks at (as ``tailoring.items.profile_items`` lists them)."""
    skills = profile.skills
    return (
        len(profile.experiences)
        + sum(len(experience.achievements) for experience in profile.experiences)
        + len(profile.projects)
        + len(skills.technical)
        + len(skills.soft)
        + len(skills.languages)
        + len(skills.certifications)
        + len(profile.education)
    )


def ensure_scorable(profile: Profile, limit: int = MAX_SCORED_ITEMS) -> None:
    """Refuse, before any scoring, a profile too large to score in one request.

    Raises:
        InvalidValue: ``profile_too_large`` (422), saying how many items and what to do.
    """
    count = scorable_items(profile)
    if count <= limit:
        return
    message = (
        f"This profile is too large to score in one request ({count:,} items; at most "
        f"{limit:,}). Remove items (roles, bullets, projects, skills) or score a smaller "
        "profile with only what matters for this job (create one and pass its profile_id)."
    )
    raise InvalidValue(
        message, code=TOO_LARGE, errors=[FieldError(TOO_LARGE, message, field="profile_id")]
    )
