"""A tailored resume: the tailoring plan rendered as sections, every line traceable.

Order of roles: the plan chooses *which* roles appear (the most relevant ones, at most
``max_experiences``), and they are shown newest first. Recruiters read a resume as a timeline;
roles out of date order look like a hidden gap and are the first thing they ask about.
Relevance still decides everything inside a role (its most relevant bullets come first), the
order of skills, projects and certifications, and what the summary and letter lead with.
"""

from __future__ import annotations

from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import tidy
from resumecore.generation.plain_text import render
from resumecore.generation.profile_view import has_lapsed
from resumecore.generation.resume_sections import (
    certification_entry,
    chronological,
    education_entry,
    education_order,
    experience_entry,
    languages_entry,
    project_entry,
    section,
)
from resumecore.generation.summary import summary_entry
from resumecore.model.document import Entry, Line, ResumeOptions, Section, WrittenDocument
from resumecore.model.profile import Profile
from resumecore.samples.style import WritingStyle
from resumecore.tailoring.items import skill_id
from resumecore.tailoring.selection import ResumePlan

MAX_SKILLS = 16


def contact_parts(profile: Profile) -> list[str]:
    """The contact details, as typed (tidied), in a fixed order."""
    info = profile.personal_info
    fields = (info.email, info.phone, info.location, info.linkedin, info.github, info.website)
    return [tidy(value) for value in fields if value and value.strip()]


def header(profile: Profile, guard: Guard) -> Section:
    """Name and contact line, copied from the profile (the only lines not claims-checked)."""
    name = tidy(profile.personal_info.full_name)
    guard.remember(name)
    parts = [part for part in contact_parts(profile) if guard.fresh(part)]
    contact = " | ".join(dict.fromkeys(parts))
    lines = (Line(text=contact, sources=("profile",)),) if contact else ()
    guard.remember(contact)
    heading = Line(text=name, sources=("profile",))
    return Section(kind="header", title="Contact", entries=(Entry(heading=heading, lines=lines),))


def skills_entry(plan: ResumePlan, guard: Guard) -> Entry | None:
    """Listed skills, most relevant first, at most ``MAX_SKILLS``, on one line."""
    rank = {score.item_id: i for i, score in enumerate(plan.scores)}
    listed = [*plan.technical_skills, *plan.soft_skills]
    order = sorted(range(len(listed)), key=lambda i: (rank.get(skill_id(listed[i]), 10**9), i))
    seen: set[str] = set()
    named: dict[str, str] = {}  # shown text -> the listed name (its id)
    for i in order:
        text = tidy(listed[i])
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            named[text] = listed[i]
    names = list(named)[:MAX_SKILLS]
    text = ", ".join(names)
    if text and not guard.grounded(text):
        names = guard.keep_grounded(names)
        text = ", ".join(names)
        while names and not guard.grounded(text):
            names.pop()
            text = ", ".join(names)
    if not text or not guard.accept(text):
        return None
    return Entry(heading=Line(text=text, sources=tuple(skill_id(named[n]) for n in names)))


def write_resume(
    profile: Profile,
    plan: ResumePlan,
    options: ResumeOptions,
    guard: Guard,
    style: WritingStyle | None = None,
) -> WrittenDocument:
    """The resume for ``plan`` within ``options``' limits, bullets shaped by ``style``."""
    sections: list[Section | None] = [header(profile, guard)]
    if options.include_summary:
        sections.append(section("summary", "Summary", [summary_entry(profile, plan, guard)]))
    sections.append(section("skills", "Skills", [skills_entry(plan, guard)]))
    experiences = {exp.id: exp for exp in profile.experiences}
    chosen = [
        (experiences[p.experience_id], p)
        for p in plan.experiences[: max(0, options.max_experiences)]
        if p.experience_id in experiences
    ]
    roles = [experience_entry(guard, *chosen[i], style) for i in chronological(chosen)]
    sections.append(section("experience", "Experience", roles))
    projects = {project.id: project for project in profile.projects}
    shown = [projects[i] for i in plan.project_ids[: max(0, options.max_projects)] if i in projects]
    sections.append(section("projects", "Projects", [project_entry(guard, p) for p in shown]))
    education = {edu.id: edu for edu in profile.education}
    degrees = education_order([education[i] for i in plan.education_ids if i in education])
    sections.append(section("education", "Education", [education_entry(guard, e) for e in degrees]))
    certs = {cert.id: cert for cert in profile.skills.certifications}
    held = [certs[i] for i in plan.certification_ids if i in certs]
    sections.append(
        section(
            "certifications",
            "Certifications",
            [certification_entry(guard, c, has_lapsed(c, profile)) for c in held],
        )
    )
    languages = languages_entry(guard, profile.skills.languages)
    sections.append(section("languages", "Languages", [languages]))
    kept = tuple(s for s in sections if s is not None)
    return WrittenDocument(document_type="resume", sections=kept, text=render(kept))
