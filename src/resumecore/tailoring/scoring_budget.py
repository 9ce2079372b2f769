"""How much one scoring request may cost: caps on the items and the text scored per request."""

from __future__ import annotations

from resumecore.errors import FieldError, InvalidValue
from resumecore.model.profile import Profile

# Scoring time grows with the items: 2,500 take about 0.25 s of CPU (a maximal profile,
# 10,200, took over a second, more under load), and a long real career has a few hundred.
MAX_SCORED_ITEMS = 2500
# Scoring reads the text of every item for skills, more than once; its cost grows with the
# text: up to ~15 us a character where the text is dense with short ambiguous names ("Go R C
# Excel ...", each weighed by the context rules), so a profile of several megabytes of such
# bullets (within the item cap) cost ~40 s of CPU a ranking. A long real career in full detail
# has well under 100,000 characters; the largest profile the item cap admits in the load tests
# has ~200,000.
MAX_SCORED_CHARACTERS = 300_000
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


def scorable_characters(profile: Profile) -> int:
    """How many characters of item text scoring reads (each string counted once)."""
    skills = profile.skills
    texts = [
        *(text for e in profile.experiences for text in (e.title, e.company, *e.achievements)),
        *(e.description or "" for e in profile.experiences),
        *(text for p in profile.projects for text in (p.name, p.description or "")),
        *(text for p in profile.projects for text in p.technologies),
        *skills.technical,
        *skills.soft,
        *(language.name for language in skills.languages),
        *(text for c in skills.certifications for text in (c.name, c.issuer or "")),
        *(text for e in profile.education for text in (e.degree, e.institution, *e.honors)),
        *(e.field_of_study or "" for e in profile.education),
    ]
    return sum(map(len, texts))


def ensure_scorable(
    profile: Profile, limit: int = MAX_SCORED_ITEMS, characters: int = MAX_SCORED_CHARACTERS
) -> None:
    """Refuse, before any scoring, a profile too large to score in one request.

    Raises:
        InvalidValue: ``profile_too_large`` (422), saying how many items or characters and
            what to do.
    """
    count = scorable_items(profile)
    size = scorable_characters(profile) if count <= limit else 0
    if count <= limit and size <= characters:
        return
    amount = f"{count:,} items; at most {limit:,}"
    if count <= limit:
        amount = f"{size:,} characters of text; at most {characters:,}"
    message = (
        f"This profile is too large to score in one request ({amount}). Remove items (roles, "
        "bullets, projects, skills), shorten them, or score a smaller profile with only what "
        "matters for this job (create one and pass its profile_id)."
    )
    raise InvalidValue(
        message, code=TOO_LARGE, errors=[FieldError(TOO_LARGE, message, field="profile_id")]
    )
