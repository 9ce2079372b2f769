"""The paragraphs of a cover letter: opening, one per top role, skills, education, closing.

Each paragraph is a list of sentences (``Line``); each sentence is accepted by the guard or
replaced by a plainer candidate, and a paragraph with nothing accepted is left out.
"""

from __future__ import annotations

from resumecore.generation.bullet_forms import as_one_clause, bullet_form
from resumecore.generation.letter_context import LetterContext
from resumecore.generation.phrasing import (
    clause,
    closed,
    join_list,
    lower_first,
    role_name,
    text_lines,
    tidy,
    title_in_prose,
)
from resumecore.generation.phrasing import with_article as a
from resumecore.generation.profile_view import (
    degree_and_school,
    experience_skills,
    is_ongoing,
    most_recent,
    role_at_company,
    study_to_lead,
    years_of_experience,
)
from resumecore.generation.summary import years_phrase
from resumecore.generation.tone import asks, count_of_skills
from resumecore.model.components import Experience
from resumecore.model.document import Line
from resumecore.postings.skill_context import TECH_CATEGORIES
from resumecore.tailoring.selection import ExperiencePlan

MAX_ROLE_SKILLS = 4
MAX_EVIDENCE = 3
MORE_EVIDENCE = ("I also {c}.", "In addition, I {c}.")
MAX_QUOTED = 2  # quoted whole, only two frames exist: a third would repeat the first


def opening(ctx: LetterContext, title: str) -> list[Line]:
    """The role and company applied for, then who the person is now."""
    frame = ctx.phrases.apply if ctx.company else ctx.phrases.apply_no_company
    first = ctx.first(
        [frame.format(role=role, company=ctx.company) for role in (role_name(title), "position")]
    )
    lines = [Line(text=first, sources=("job",))] if first else []
    recent = most_recent(ctx.profile.experiences)
    study = _study_opening(ctx, recent)
    if study is not None:
        return [*lines, study]
    if recent is None:
        return lines
    me, company = f"I am {a(title_in_prose(recent.title))}", tidy(recent.company)
    where = f"currently at {company}" if is_ongoing(recent) else f"most recently at {company}"
    years = years_of_experience(ctx.profile)
    span = f"{closed(me)} with {years_phrase(years)} of experience" if years >= 1 else me
    text = ctx.first([f"{span}, {where}", span, f"{me}, {where}", me])
    if text:
        ctx.introduced = recent.id if company in text else None
        others = tuple(e.id for e in ctx.profile.experiences if e.id != recent.id)
        lines.append(Line(text=text, sources=(recent.id, *others) if years >= 1 else (recent.id,)))
    return lines


def _study_opening(ctx: LetterContext, recent: Experience | None) -> Line | None:
    """A new graduate's "I graduated from ... and currently work as ...", or None.

    Only when the degree leads (``study_to_lead``): a data team reads "I am a Barista with 1
    year of experience" as the whole story.
    """
    edu = study_to_lead(ctx.plan, ctx.profile, ctx.evidence_ids)
    if edu is None:
        return None
    subject, school = degree_and_school(edu)
    who = (
        f"I am studying for {subject} at {school}"
        if edu.is_current
        else f"I graduated from {school} with {subject}"
    )
    if recent is not None:
        role = role_at_company(recent)
        now = "currently work as" if is_ongoing(recent) else "most recently worked as"
        text = ctx.first([f"{who}, and I {now} {role}"])
        if text is not None:
            ctx.introduced_study, ctx.introduced = edu.id, recent.id
            return Line(text=text, sources=(edu.id, recent.id))
    text = ctx.first([who])
    if text is None:
        return None
    ctx.introduced_study = edu.id
    return Line(text=text, sources=(edu.id,))


def _reads_as_tool(name: str) -> bool:
    """Whether "I work with <name>" reads well: a name ("Kubernetes", "pandas"), not a practice.

    Lower-case phrases ("on-call rotation", "incident response") are practices, named after
    "my work draws on" instead, even when the vocabulary files them under a technology.
    """
    return not (name.islower() and (" " in name or "-" in name))


def _relevant(ctx: LetterContext, item_id: str) -> bool:
    return item_id in ctx.evidence_ids or ctx.scores.get(item_id, 0.0) > 0


def _where(ctx: LetterContext, exp: Experience) -> str:
    if ctx.introduced == exp.id:
        return "In my current role" if is_ongoing(exp) else "In my most recent role"
    title, company = title_in_prose(exp.title), tidy(exp.company)
    if is_ongoing(exp):
        return f"In my current role as {closed(title)} at {company}"
    return f"As {closed(a(title))} at {company}"


def _i_clause(text: str, ongoing: bool) -> tuple[str, bool]:
    """A clause "I moved ..." / "my job was to find ...", and whether it is one."""
    text = as_one_clause(text)
    form = bullet_form(text)
    if form == "passive":
        return f"I was {lower_first(clause(text))}", True
    if form == "past" or (form == "base" and ongoing):
        return f"I {lower_first(clause(text))}", True
    if form == "base":
        return f"my job was to {lower_first(clause(text))}", True
    return clause(text), False


def _candidates(
    ctx: LetterContext, exp: Experience, chosen: ExperiencePlan, named: set[str]
) -> list[tuple[str, str]]:
    """(text, id) of the role's bullets, then its description lines, in the order to quote them.

    The lines showing most of the ``named`` skills come first: the sentence before the first
    example names them, so "For example, ..." must show them, not another achievement. Among
    equals, bullets evidencing a requirement come first.
    """
    pairs = list(zip(chosen.bullets, chosen.bullet_ids, strict=True))
    firsts = [p for p in pairs if p[1] in ctx.evidence_ids]
    found = firsts + [p for p in pairs if p not in firsts]
    found += [(line, exp.id) for line in text_lines(exp.description or "")]

    def shown(pair: tuple[str, str]) -> int:
        return len({m.canonical for m in ctx.vocabulary.find(pair[0])} & named)

    return sorted(found, key=shown, reverse=True) if named else found


def _evidence_frame(
    ctx: LetterContext, said: str, personal: bool, item_id: str, quoted: int, turn: int
) -> tuple[str, str] | None:
    """The frame and clause for one more piece of evidence after the first line, or None."""
    words = ctx.phrases
    if quoted == 0:
        return (words.evidence[turn % 3] if personal else words.evidence_quoted[turn % 2]), said
    if personal and said.startswith("I ") and _relevant(ctx, item_id):
        if quoted == 1 and said.startswith("I was "):
            return "I was also {c}.", said.removeprefix("I was ")  # not "I also was"
        return MORE_EVIDENCE[quoted - 1], said.removeprefix("I ")
    if not ctx.personal and quoted < MAX_QUOTED and _relevant(ctx, item_id):
        return words.evidence_quoted[(turn + quoted) % 2], said
    return None


def experience_paragraph(ctx: LetterContext, chosen: ExperiencePlan, turn: int) -> list[Line]:
    """The role's skills the job asks for, then bullets quoted as evidence (three at most)."""
    exp = ctx.experience(chosen.experience_id)
    if exp is None:
        return []
    where, ongoing, words = _where(ctx, exp), is_ongoing(exp), ctx.phrases
    found = experience_skills(ctx.items, exp.id, ctx.vocabulary)
    wanted = [c for c in ctx.report.matched_skills if c in found and c not in ctx.mentioned]
    names = ctx.shown([found[c] for c in wanted])[:MAX_ROLE_SKILLS]
    tools = all(ctx.vocabulary.category(c) in TECH_CATEGORIES for c in wanted[: len(names)])
    tools = tools and all(_reads_as_tool(name) for name in names)
    if tools:
        frame = words.current_skills if ongoing else words.past_skills
    else:
        frame = words.current_practice if ongoing else words.past_practice
    intro = None
    if names:
        clause_asks = asks(words.posting_asks, len(names))
        count = count_of_skills(len(names))
        filled = frame.format(where=where, skills=join_list(names), asks=clause_asks, count=count)
        intro = ctx.first([filled])
    lines = [Line(text=intro, sources=(exp.id,))] if intro else []
    quoted = 0
    named = {c for c in wanted if tidy(found[c]) in names} if intro else set()
    for text, item_id in _candidates(ctx, exp, chosen, named):
        said, personal = _i_clause(text, ongoing) if ctx.personal else (clause(text), False)
        if not lines:
            frame = f"{where}, {{c}}." if personal else f"{where}, my work included this: {{c}}."
        else:
            found_frame = _evidence_frame(ctx, said, personal, item_id, quoted, turn)
            if found_frame is None:
                continue
            frame, said = found_frame
        accepted = ctx.first([frame.format(c=said, bullet=said)])
        if accepted:
            sources = (item_id,) if lines else (exp.id, item_id)
            lines.append(Line(text=accepted, sources=tuple(dict.fromkeys(sources))))
            quoted += 1
        if quoted == MAX_EVIDENCE:
            break
    if quoted == 0:
        return []
    ctx.mentioned.update(c for c in wanted if tidy(found[c]) in names)
    # A skill an example shows ("I qualified as ACA in 2019") is not listed again later.
    matched = set(ctx.report.matched_skills)
    ctx.mentioned.update(
        m.canonical
        for line in (lines[1:] if intro else lines)
        for m in ctx.vocabulary.find(line.text)
        if m.canonical in matched
    )
    return lines
