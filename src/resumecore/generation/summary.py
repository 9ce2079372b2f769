"""The resume summary: the person's own summary, or one composed from profile facts only.

Composed, it says the most recent title, whole years of experience (computed from the role
dates, overlaps counted once) and where; a new graduate whose roles are not the job's field
but whose project is leads with the degree instead. A second sentence names the most
relevant listed skills. No adjective, figure or name appears that the profile does not hold.
"""

from __future__ import annotations

from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import (
    closed,
    join_list,
    sentence,
    tidy,
    title_in_prose,
)
from resumecore.generation.profile_view import (
    degree_and_school,
    is_ongoing,
    most_recent,
    role_at_company,
    study_to_lead,
    years_of_experience,
)
from resumecore.model.document import Entry, Line
from resumecore.model.profile import Profile
from resumecore.tailoring.items import skill_id
from resumecore.tailoring.selection import ResumePlan

TOP_SKILLS = 3


def years_phrase(years: int) -> str:
    """The span in words and figures: "1 year", "11 years"."""
    return f"{years} year" if years == 1 else f"{years} years"


def relevant_skills(plan: ResumePlan, limit: int) -> list[str]:
    """Listed technical skills the job makes relevant (score above 0), most relevant first."""
    score = {s.item_id: s.score for s in plan.scores}
    return [name for name in plan.technical_skills if score.get(skill_id(name), 0.0) > 0][:limit]


def skills_line(names: list[str], guard: Guard, frame: str) -> Line | None:
    """``frame`` filled with the names joined as a list; names the guard refuses are dropped."""
    shown = guard.keep_grounded(dict.fromkeys(tidy(n) for n in names if n.strip()))
    by_text = {tidy(n): n for n in names}
    text = sentence(frame.format(join_list(shown))) if shown else ""
    if not text or not guard.accept(text):
        return None
    return Line(text=text, sources=tuple(skill_id(by_text[n]) for n in shown))


def composed_opening(profile: Profile, guard: Guard) -> Line | None:
    """The sentence "<Title> with N years of experience, currently at <Company>."."""
    recent = most_recent(profile.experiences)
    if recent is None:
        return None
    title, company = title_in_prose(recent.title), tidy(recent.company)
    where = f"currently at {company}" if is_ongoing(recent) else f"most recently at {company}"
    years = years_of_experience(profile)
    candidates = []
    if years >= 1:
        span = f"{closed(title)} with {years_phrase(years)} of experience"
        candidates += [f"{span}, {where}", span]
    candidates += [f"{title}, {where}", title]
    text = guard.first(sentence(c) for c in candidates)
    if text is None:
        return None
    sources = (recent.id, *(exp.id for exp in profile.experiences if exp.id != recent.id))
    return Line(text=text, sources=sources if "of experience" in text else (recent.id,))


def study_opening(profile: Profile, plan: ResumePlan, guard: Guard) -> Line | None:
    """A new graduate's first sentence: the degree, then the job held now.

    Only when no planned role is relevant to the job and a project is: "Barista with 1 year
    of experience" tells a data team less than "Graduate of University of Leeds with a BSc
    in Computer Science, working as a Barista at Bean There".
    """
    edu = study_to_lead(plan, profile)
    if edu is None:
        return None
    subject, school = degree_and_school(edu)
    who = (
        f"Student at {school}, studying for {subject}"
        if edu.is_current
        else f"Graduate of {school} with {subject}"
    )
    recent = most_recent(profile.experiences)
    if recent is not None:
        now = "working as" if is_ongoing(recent) else "most recently"
        role = role_at_company(recent)
        text = guard.first([sentence(f"{who}, {now} {role}")])
        if text is not None:
            return Line(text=text, sources=(edu.id, recent.id))
    text = guard.first([sentence(who)])
    return Line(text=text, sources=(edu.id,)) if text is not None else None


def summary_entry(profile: Profile, plan: ResumePlan, guard: Guard) -> Entry | None:
    """The summary paragraph, or None when the profile gives nothing to say."""
    own = tidy(profile.professional_summary or "")
    first = None
    if own and guard.accept(own):
        first = Line(text=own, sources=("profile",))
    else:
        first = study_opening(profile, plan, guard) or composed_opening(profile, guard)
    said = (first.text if first else "").casefold()
    skills = [n for n in relevant_skills(plan, TOP_SKILLS + 3) if tidy(n).casefold() not in said]
    second = skills_line(skills[:TOP_SKILLS], guard, "Core skills: {}.")
    lines = [line for line in (first, second) if line is not None]
    if not lines:
        return None
    return Entry(heading=lines[0], lines=tuple(lines[1:]))
