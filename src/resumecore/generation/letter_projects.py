"""A letter's paragraph about a project, for a person whose jobs so far are not the job's field.

A new graduate applying for a data role with a barista job behind them has their evidence in a
project, not a role: their letter tells the project the job makes relevant before that role.
"""

from __future__ import annotations

from resumecore.generation.bullet_forms import as_one_clause, bullet_form
from resumecore.generation.letter_context import LetterContext
from resumecore.generation.phrasing import clause, lower_first, text_lines, tidy
from resumecore.generation.profile_view import relevant_project_ids
from resumecore.model.components import Project
from resumecore.model.document import Line


def relevant_projects(ctx: LetterContext) -> list[Project]:
    """The planned projects the job makes relevant (score above 0), most relevant first."""
    projects = {project.id: project for project in ctx.profile.projects}
    return [projects[i] for i in relevant_project_ids(ctx.plan) if i in projects]


def _told(project: Project, text: str, personal: bool) -> list[str]:
    """Sentences telling ``text`` of ``project``: "In my project X, I built ..." or quoted."""
    name, said = tidy(project.name), clause(as_one_clause(text))
    if personal and bullet_form(said) == "past":
        return [f"In my project {name}, I {lower_first(said)}"]
    return [f"My project {name}: {said}", f"One of my projects: {name}"]


def project_paragraph(ctx: LetterContext, project: Project) -> list[Line]:
    """The project's first description line (or highlight) told in a sentence, else its name."""
    texts = text_lines(project.description or "") + [tidy(h) for h in project.highlights]
    for text in texts[:2]:
        found = ctx.first(_told(project, text, ctx.personal))
        if found:
            # Skills the sentence shows are not listed again as "My skills also include ...".
            shown = {match.canonical for match in ctx.vocabulary.find(found)}
            ctx.mentioned.update(shown & set(ctx.report.matched_skills))
            return [Line(text=found, sources=(project.id,))]
    return []
