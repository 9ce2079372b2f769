"""Facts the writers read off a profile: tenure, recency, and which skills the job matched.

"Now" is the month of ``profile.updated_at``: the last time the person confirmed the profile,
and the clock the grounding verifier counts years with. No writer reads the system clock, so
the same profile, job and plan always give the same document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from resumecore.generation.phrasing import (
    degree_subject,
    prose_case,
    tidy,
    title_in_prose,
    with_article,
)
from resumecore.model.components import Certification, Education, Experience
from resumecore.model.dates import end_month_index, lapse_month_indexes, month_index
from resumecore.model.profile import Profile
from resumecore.postings.skill_context import TECH_CATEGORIES
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.facts import TITLE_NOUNS
from resumecore.tailoring.items import Item, profile_items
from resumecore.tailoring.selection import ResumePlan

RECENT_STUDY_MONTHS = 24  # a degree finished within two years is what a new graduate leads with
_PROFESSION = re.compile(rf"(?i)\b(?:{TITLE_NOUNS}|Nurse|Teacher|Driver|Electrician)$")
# "Qualified as ACA", "ACA qualified", "Xero certified": a credential held, not a skill used.
_CREDENTIAL_BEFORE = re.compile(
    r"(?i)\b(?:qualified|certified|licensed|registered|chartered|accredited)\s+(?:as\s+(?:an?\s+)?)?$"
)
_CREDENTIAL_AFTER = re.compile(
    r"(?i)^[\s-]*(?:qualified|certified|certificat\w*|licen[cs]ed?|accredit\w*|exams?)\b"
)
# A hyphenated word before a noun describes it: "on-call shifts", "customer-facing role".
_MODIFIER = re.compile(r"^ (?!(?:and|or|to|for|with|in|at|on|of|as)\b)[a-z]")


def now_month(profile: Profile) -> int:
    """The month index treated as today for this profile."""
    return profile.updated_at.year * 12 + profile.updated_at.month - 1


def has_lapsed(cert: Certification, profile: Profile) -> bool:
    """True when ``cert`` surely expired before the profile's "now" (documents say "expired")."""
    months = lapse_month_indexes(cert.expiry_date or "")
    return months is not None and months[1] < now_month(profile)


def may_have_lapsed(cert: Certification, profile: Profile) -> bool:
    """True unless ``cert`` is surely still held: what a letter's "I hold" needs.

    An expiry of "2026" may have passed at any time in 2026; "2026-12" holds through December.
    """
    months = lapse_month_indexes(cert.expiry_date or "")
    return months is not None and months[0] < now_month(profile)


def is_ongoing(exp: Experience) -> bool:
    """Current, or without an end date (the scorer treats both as running until now)."""
    return exp.is_current or exp.end_date is None


def years_of_experience(profile: Profile) -> int:
    """Whole years covered by at least one role, overlaps counted once, up to now.

    Never more than the verifier's bound (the sum of tenures, rounded up), so "N years of
    experience" is always supported.
    """
    now = now_month(profile)
    months: set[int] = set()
    for exp in profile.experiences:
        first = month_index(exp.start_date)
        last = None if exp.is_current else end_month_index(exp.start_date, exp.end_date)
        if first is not None:
            months.update(range(first, (now if last is None else last) + 1))
    return len(months) // 12


def recency_key(exp: Experience) -> tuple[int, int]:
    """Sorts roles newest first when used with ``reverse=True``: by end (ongoing last), start."""
    end = 10**7 if is_ongoing(exp) else end_month_index(exp.start_date, exp.end_date) or 0
    return end, month_index(exp.start_date) or 0


def most_recent(experiences: Iterable[Experience]) -> Experience | None:
    """The role held last (ongoing roles first, then the latest end), first listed on ties."""
    ordered = list(experiences)
    if not ordered:
        return None
    best = max(recency_key(exp) for exp in ordered)
    return next(exp for exp in ordered if recency_key(exp) == best)


def skill_canonical(name: str, vocabulary: SkillVocabulary) -> str | None:
    """The vocabulary's name for a listed skill, or None when it knows no such skill."""
    canonical = vocabulary.canonical(name)
    if canonical is not None:
        return canonical
    found = vocabulary.find(name)
    return found[0].canonical if len(found) == 1 else None


def matched_listed(
    names: Iterable[str], matched: Iterable[str], vocabulary: SkillVocabulary
) -> list[tuple[str, str]]:
    """``(listed name, canonical)`` for listed skills the job asks for, in the given order."""
    wanted = set(matched)
    found = []
    for name in names:
        canonical = skill_canonical(name, vocabulary)
        if canonical is not None and canonical in wanted:
            found.append((name, canonical))
    return found


def all_items(profile: Profile) -> list[Item]:
    """The profile's scorable items, with "now" as above."""
    return profile_items(profile, now_month(profile))


def names_a_skill(text: str, match: SkillMatch) -> bool:
    """Whether ``match`` in ``text`` names a skill a sentence can call one.

    Not a credential ("Qualified as ACA": ACA is a qualification, told by quoting its bullet,
    not listed as "a skill your posting asks for") nor a hyphenated word describing the next
    ("on-call shifts": "I worked with on-call" says nothing).
    """
    before, after = text[: match.start], text[match.end :]
    if _CREDENTIAL_BEFORE.search(before) or _CREDENTIAL_AFTER.match(after):
        return False
    return not ("-" in match.alias and match.alias.islower() and _MODIFIER.match(after))


STEM = 5  # letters two forms of a word share: "operat(ed)" / "operat(ion)", "manag(ed)"


def _skill_name(alias: str, canonical: str, text: str, vocabulary: SkillVocabulary) -> str:
    """A plain word as the skill it is the start of: "forklift" -> "forklift operation".

    "Operated a forklift" evidences Forklift Operation; "my work draws on forklift" names a
    truck, not a skill. Only plain lower-case words are widened, only to a plain skill name
    that begins with them, and only when ``text`` itself holds each added word's stem
    ("operated"): "inventory" in "Counted inventory" stays "inventory", never "inventory
    management", and "master electrician" never gains "license" from the vocabulary alone.
    """
    if not alias.islower() or vocabulary.category(canonical) in TECH_CATEGORIES:
        return alias
    wider = prose_case(canonical)
    if not (wider.islower() and wider.startswith(f"{alias} ")):
        return alias
    written = re.findall(r"\w+", text.casefold())
    added = [w for w in wider[len(alias) + 1 :].split(" ") if len(w) > 3]
    evidenced = all(any(word.startswith(w[:STEM]) for word in written) for w in added)
    return wider if evidenced else alias


def _spelled_mid_sentence(items: list[Item], vocabulary: SkillVocabulary) -> set[str]:
    """Skill names as the person writes them inside a sentence, where a capital is deliberate."""
    return {
        match.alias
        for item in items
        for text in item.fields
        for match in vocabulary.find(text)
        if match.start > 0
    }


def experience_skills(
    items: list[Item], exp_id: str, vocabulary: SkillVocabulary
) -> dict[str, str]:
    """Canonical skill -> the words naming it in a role's description and bullets.

    The title is left out, and so are professions ("physiotherapist"): a "Care Assistant" is
    not a skill the person worked with; nor are credentials and describing words (see
    ``names_a_skill``). Words opening a sentence lose their capital unless
    they name a software tool ("Personal care for residents" gives "personal care") or the
    person writes them with it inside a sentence too ("Xero" in "... for 12 clients in Xero"
    is a name, not "xero").
    """
    found: dict[str, str] = {}
    names: set[str] | None = None
    for item in items:
        if item.item_id == exp_id:
            texts = item.fields[2:]
        elif item.parent == exp_id:
            texts = item.fields
        else:
            continue
        for text in texts:
            for match in vocabulary.find(text):
                if _PROFESSION.search(match.canonical) or _PROFESSION.search(match.alias):
                    continue
                if not names_a_skill(text, match):
                    continue
                alias = match.alias
                if match.start == 0 and vocabulary.category(match.canonical) not in TECH_CATEGORIES:
                    names = _spelled_mid_sentence(items, vocabulary) if names is None else names
                    alias = alias if alias in names else prose_case(alias)
                found.setdefault(
                    match.canonical, _skill_name(alias, match.canonical, text, vocabulary)
                )
    return found


def roles_are_unrelated(plan: ResumePlan, evidence_ids: Iterable[str] = ()) -> bool:
    """True when no planned role, nor any of its bullets, is relevant to the job."""
    score = {s.item_id: s.score for s in plan.scores}
    evidence = set(evidence_ids)
    return not any(
        score.get(item_id, 0.0) > 0 or item_id in evidence
        for role in plan.experiences
        for item_id in (role.experience_id, *role.bullet_ids)
    )


def relevant_project_ids(plan: ResumePlan) -> list[str]:
    """The planned projects the job makes relevant (score above 0), most relevant first."""
    score = {s.item_id: s.score for s in plan.scores}
    return [i for i in plan.project_ids if score.get(i, 0.0) > 0]


def recent_study(profile: Profile) -> Education | None:
    """The degree being studied for, else one finished in the last two years (newest first).

    An end date still to come on a degree not marked current is left out: it may be an
    expected graduation, so neither "graduate" nor "studying" would be sure.
    """
    now = now_month(profile)

    def end(edu: Education) -> int | None:
        return now if edu.is_current else end_month_index(edu.start_date, edu.end_date)

    recent = [
        e
        for e in profile.education
        if (m := end(e)) is not None and now - RECENT_STUDY_MONTHS < m <= now
    ]
    return max(recent, key=lambda e: end(e) or 0, default=None)


def study_to_lead(
    plan: ResumePlan, profile: Profile, evidence_ids: Iterable[str] = ()
) -> Education | None:
    """The degree a new graduate leads with, or None when the roles lead.

    A recent degree leads when no planned role is relevant to the job and a project is.
    """
    if not relevant_project_ids(plan) or not roles_are_unrelated(plan, evidence_ids):
        return None
    return recent_study(profile)


def degree_and_school(edu: Education) -> tuple[str, str]:
    """A degree as prose ("a BSc in Computer Science") and its school, as a sentence names them."""
    return degree_subject(edu.degree, edu.field_of_study or ""), tidy(edu.institution)


def role_at_company(role: Experience) -> str:
    """A role as prose with its article and employer: "a Barista at Bean There"."""
    return f"{with_article(title_in_prose(role.title))} at {tidy(role.company)}"
