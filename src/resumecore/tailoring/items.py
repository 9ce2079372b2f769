"""The scorable items of a profile: each with an id, kind, text, skills and dates."""

from __future__ import annotations

from typing import Literal

import msgspec

from resumecore.model.dates import end_month_index, month_index
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.run_memo import remembered

ItemKind = Literal["experience", "achievement", "project", "skill", "certification", "education"]


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """One thing a resume can show; ``text`` is the original strings joined, never reworded.

    ``fields`` keeps those strings apart so evidence can quote the one that matched.
    ``end`` is a month index (None for current or undated), ``tenure`` months held.
    """

    item_id: str
    kind: ItemKind
    order: int
    fields: tuple[str, ...]
    extra_skills: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    current: bool = False
    tenure: int = 0
    parent: str | None = None

    @property
    def text(self) -> str:
        """All fields joined by newlines."""
        return "\n".join(self.fields)


def achievement_id(experience_id: str, index: int) -> str:
    """The id of the ``index``-th achievement bullet of an experience."""
    return f"{experience_id}:a{index}"


def skill_id(name: str) -> str:
    """The id of a listed skill: its name, so it survives reordering."""
    return f"skill:{name}"


def _months(start: str | None, end: str | None, now: int) -> tuple[int | None, int | None, int]:
    first = month_index(start) if start else None
    last = end_month_index(start, end)
    tenure = max(0, (last if last is not None else now) - first + 1) if first is not None else 0
    return first, last, tenure


def profile_items(profile: Profile, now: int) -> list[Item]:
    """Every experience, bullet, project, skill, certification and education entry, in order.

    Args:
        profile: the master profile.
        now: the month index treated as "today" (current roles run until then).
    """
    items: list[Item] = []
    for exp in profile.experiences:
        start, end, tenure = _months(exp.start_date, None if exp.is_current else exp.end_date, now)
        current = exp.is_current or exp.end_date is None
        fields = (exp.title, exp.company, exp.description or "", *exp.achievements)
        whole = Item(
            item_id=exp.id,
            kind="experience",
            order=0,
            fields=fields,
            start=start,
            end=end,
            current=current,
            tenure=tenure,
        )
        items.append(whole)
        items += [
            msgspec.structs.replace(
                whole,
                item_id=achievement_id(exp.id, i),
                kind="achievement",
                fields=(bullet,),
                parent=exp.id,
            )
            for i, bullet in enumerate(exp.achievements)
        ]
    for project in profile.projects:
        start, end, tenure = _months(project.start_date, project.end_date, now)
        items.append(
            Item(
                item_id=project.id,
                kind="project",
                order=0,
                fields=(project.name, project.description or ""),
                extra_skills=project.technologies,
                start=start,
                end=end,
                current=start is not None and end is None,
                tenure=tenure,
            )
        )
    names = [*profile.skills.technical, *profile.skills.soft]
    names += [language.name for language in profile.skills.languages]
    # A name listed in two places (technical and soft, or a skill and a language) is one
    # item: ids in a ranking are unique, and ``skill_id`` is what documents cite.
    items += [
        Item(item_id=skill_id(name), kind="skill", order=0, fields=(), extra_skills=(name,))
        for name in dict.fromkeys(names)
    ]
    for cert in profile.skills.certifications:
        obtained = month_index(cert.date_obtained) if cert.date_obtained else None
        fields = (cert.name, cert.issuer or "")
        items.append(
            Item(item_id=cert.id, kind="certification", order=0, fields=fields, end=obtained)
        )
    for edu in profile.education:
        start, end, tenure = _months(edu.start_date, edu.end_date, now)
        fields = (edu.degree, edu.field_of_study or "", edu.institution, *edu.honors)
        items.append(Item(item_id=edu.id, kind="education", order=0, fields=fields, end=end))
    return [msgspec.structs.replace(item, order=i) for i, item in enumerate(items)]


def item_skills(item: Item, vocabulary: SkillVocabulary) -> dict[str, str]:
    """Canonical skill -> the text that names it in ``item`` (the first mention wins)."""
    found = remembered(_skills_named, vocabulary, values=(item.extra_skills, item.fields))
    return dict(found)


def _skills_named(
    vocabulary: SkillVocabulary, extra_skills: tuple[str, ...], fields: tuple[str, ...]
) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in extra_skills:
        canonical = vocabulary.canonical(name)
        if canonical is not None:
            found.setdefault(canonical, name)
        else:
            for match in vocabulary.find(name):
                found.setdefault(match.canonical, match.alias)
    for field in fields:
        for match in vocabulary.find(field):
            found.setdefault(match.canonical, match.alias)
    return found


def firm_skills(item: Item, found: dict[str, str], vocabulary: SkillVocabulary) -> set[str]:
    """The skills of ``found`` (from ``item_skills``) that stand without context.

    Listed skills always do; a mention in text does unless its alias counts only with
    evidence nearby ("Go", "R", "C"), since adding text can supply that evidence.
    """
    listed = {vocabulary.canonical(name) for name in item.extra_skills}
    return {
        name
        for name, alias in found.items()
        if name in listed or not vocabulary.needs_context(alias)
    }
