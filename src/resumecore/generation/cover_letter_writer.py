"""A cover letter: greeting, opening, a paragraph per top role, skills, closing, sign-off.

Paragraphs are chosen by priority within ``max_paragraphs`` (the opening and closing always,
then the most relevant role, the skills paragraph, the next roles, and education when fewer
than two roles could be written about), then put in reading order. When no planned role is
relevant to the job and a project is, the project leads, then skills and education, then the
roles. With a budget of one the opening and closing share one paragraph; below one, one is used.
"""

from __future__ import annotations

from collections.abc import Callable

from resumecore.generation.guard import Guard
from resumecore.generation.letter_context import LetterContext
from resumecore.generation.letter_extras import (
    closing_paragraph,
    education_paragraph,
    skills_paragraph,
)
from resumecore.generation.letter_paragraphs import experience_paragraph, opening
from resumecore.generation.letter_projects import project_paragraph, relevant_projects
from resumecore.generation.phrasing import tidy
from resumecore.generation.plain_text import render
from resumecore.generation.profile_view import roles_are_unrelated
from resumecore.generation.resume_writer import header
from resumecore.model.document import (
    CoverLetterOptions,
    Entry,
    Line,
    Section,
    WrittenDocument,
)
from resumecore.model.job import Job

GENERIC_GREETING = "Dear Hiring Team,"  # "Hiring Manager" reads to the verifier as a job title
MAX_ROLE_PARAGRAPHS = 3
# Reading order of the middle paragraphs; the priority of each slot is its position in PRIORITY.
PRIORITY = ("role", "skills", "role", "role", "education")
READING = {"role": 0, "skills": 1, "education": 2}
# When no role the plan holds is relevant to the job (a new graduate's café job), a relevant
# project leads, and the degree outranks those roles.
PROJECT_PRIORITY = ("project", "skills", "education", "role", "role", "role")
PROJECT_READING = {"project": 0, "skills": 1, "education": 2, "role": 3}


def letter_company(job: Job, options: CoverLetterOptions) -> str | None:
    """The company named in the letter: the caller's, else the posting's, else None."""
    return tidy(options.company_name or "") or tidy(job.company) or None


def greeting(options: CoverLetterOptions, guard: Guard) -> str:
    """The salutation: "Dear <name>," with the caller's name as given, else a generic one.

    A name the verifier reads as a claim ("Dear Ruby Chen," names a tool) would get the whole
    letter rejected by the verify stage, so the generic greeting is used instead.
    """
    name = tidy(options.hiring_manager_name or "")
    return guard.first([f"Dear {name}," if name else "", GENERIC_GREETING]) or GENERIC_GREETING


def middle_paragraphs(ctx: LetterContext, budget: int) -> list[list[Line]]:
    """Up to ``budget`` middle paragraphs, in reading order."""
    roles = iter(ctx.plan.experiences)
    projects = relevant_projects(ctx)
    lead_with_project = bool(projects) and roles_are_unrelated(ctx.plan, ctx.evidence_ids)
    priority, reading = (
        (PROJECT_PRIORITY, PROJECT_READING) if lead_with_project else (PRIORITY, READING)
    )
    chosen: list[tuple[int, int, list[Line]]] = []
    written_roles = 0

    def next_role() -> list[Line]:
        nonlocal written_roles
        for plan in roles:
            lines = experience_paragraph(ctx, plan, written_roles)
            if lines:
                written_roles += 1
                return lines
        return []

    makers: dict[str, Callable[[], list[Line]]] = {
        "role": next_role,
        "skills": lambda: skills_paragraph(ctx),
        "education": lambda: education_paragraph(ctx) if written_roles < 2 else [],
        "project": lambda: project_paragraph(ctx, projects[0]),
    }
    for position, kind in enumerate(priority):
        if len(chosen) == budget:
            break
        lines = makers[kind]()
        if kind == "skills" and len(lines) == 1 and chosen:
            # One sentence is no paragraph: it joins the role paragraph, freeing the slot.
            chosen[-1][2].extend(lines)
        elif lines:
            chosen.append((reading[kind], position, lines))
    return [lines for _, _, lines in sorted(chosen, key=lambda c: (c[0], c[1]))]


def write_cover_letter(
    ctx: LetterContext, job: Job, name: str, options: CoverLetterOptions
) -> WrittenDocument:
    """The letter for ``ctx`` within ``options``' paragraph budget."""
    budget = max(1, options.max_paragraphs)
    # The sender's block heads the letter as it heads the resume: a recruiter files a letter
    # that does not say how to reach its writer with the ones they cannot answer.
    sender = header(ctx.profile, ctx.guard)
    hello = greeting(options, ctx.guard)
    ctx.guard.remember(name)
    ctx.guard.remember(ctx.phrases.sign_off)
    first = opening(ctx, job.title)
    last = closing_paragraph(ctx)
    middle = middle_paragraphs(ctx, budget - 2) if budget >= 3 else []
    paragraphs = [first + last] if budget == 1 else [first, *middle, last]
    entries = tuple(
        Entry(heading=lines[0], lines=tuple(lines[1:])) for lines in paragraphs if lines
    )
    sections = [
        sender,
        Section(kind="greeting", title="Greeting", entries=(Entry(heading=Line(text=hello)),)),
    ]
    if entries:
        sections.append(Section(kind="body", title="Letter", entries=entries))
    sign_off = Entry(
        heading=Line(text=ctx.phrases.sign_off), lines=(Line(text=name, sources=("profile",)),)
    )
    sections.append(Section(kind="closing", title="Sign-off", entries=(sign_off,)))
    kept = tuple(sections)
    return WrittenDocument(document_type="cover_letter", sections=kept, text=render(kept))
