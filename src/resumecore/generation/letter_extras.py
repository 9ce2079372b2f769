"""The letter's skills, education and closing paragraphs."""

from __future__ import annotations

import re

from resumecore.generation.letter_context import LetterContext
from resumecore.generation.phrasing import degree_subject, join_list, prose_case, tidy
from resumecore.generation.profile_view import matched_listed, may_have_lapsed, skill_canonical
from resumecore.generation.tone import asks
from resumecore.model.document import Line
from resumecore.tailoring.items import skill_id

MAX_SKILLS = 5
MAX_CERTIFICATIONS = 3
_CREDENTIAL_WORD = re.compile(
    r"(?i)\b(certificat\w*|licen[cs]e|diploma|qualification|award|registration|permit)\b"
)


def _listed_sentence(ctx: LetterContext, names: list[str], frame: str, prose: bool) -> Line | None:
    """Listed skills the job asks for, as listed; ``prose`` lower-cases plain words (soft skills).

    Only soft skills are lower-cased: technical names are often products ("Yardi", "Fluke
    multimeter") whose capitals matter more than a capital in mid-sentence.
    """
    pairs = matched_listed(names, ctx.report.matched_skills, ctx.vocabulary)
    # A skill that names a certification which may have lapsed ("Driver CPC", listed as a skill
    # and as a certification expired last year) is not one to tell the employer the person has.
    lapsed = {
        skill_canonical(cert.name, ctx.vocabulary) or cert.name
        for cert in ctx.profile.skills.certifications
        if may_have_lapsed(cert, ctx.profile)
    }
    fresh = [(n, c) for n, c in pairs if c not in ctx.mentioned and c not in lapsed]

    def display(name: str, canonical: str) -> str:  # noqa: ARG001
        return prose_case(name) if prose else name

    shown = ctx.shown([display(n, c) for n, c in fresh])[:MAX_SKILLS]
    if not shown:
        return None
    asked = asks(ctx.phrases.posting_asks, len(shown))
    text = ctx.first([frame.format(skills=join_list(shown), asks=asked)])
    if text is None:
        return None
    kept = [(n, c) for n, c in fresh if tidy(display(n, c)) in shown]
    ctx.mentioned.update(c for _, c in kept)
    return Line(text=text, sources=tuple(skill_id(n) for n, _ in kept))


def _certifications(ctx: LetterContext) -> Line | None:
    certs = {c.id: c for c in ctx.profile.skills.certifications}
    # A certification that may have lapsed is not surely held: "I hold" could be false.
    relevant = [
        certs[i]
        for i in ctx.plan.certification_ids
        if i in certs and ctx.scores.get(i, 0) > 0 and not may_have_lapsed(certs[i], ctx.profile)
    ]
    named = ctx.shown([c.name for c in relevant])[:MAX_CERTIFICATIONS]
    if not named:
        return None
    one = named[0] if _CREDENTIAL_WORD.search(named[0]) else f"{named[0]} certification"
    frame = ctx.phrases.cert_one if len(named) == 1 else ctx.phrases.cert_many
    text = ctx.first([frame.format(cert=one, certs=join_list(named))])
    ids = tuple(c.id for c in relevant if tidy(c.name) in named)
    return Line(text=text, sources=ids) if text else None


def _languages(ctx: LetterContext) -> Line | None:
    wanted = set(ctx.report.matched_skills)
    spoken = [
        lang
        for lang in ctx.profile.skills.languages
        if skill_canonical(lang.name, ctx.vocabulary) in wanted and ctx.guard.grounded(lang.name)
    ]
    if not spoken:
        return None
    concise = ctx.phrases.languages.startswith("Languages")
    parts = [
        f"{tidy(lang.name)} ({lang.proficiency})"
        if concise
        else (
            f"{tidy(lang.name)} natively"
            if lang.proficiency == "native"
            else f"{lang.proficiency} {tidy(lang.name)}"
        )
        for lang in spoken
    ]
    text = ctx.first([ctx.phrases.languages.format(languages=join_list(parts))])
    return Line(text=text, sources=tuple(skill_id(lang.name) for lang in spoken)) if text else None


def skills_paragraph(ctx: LetterContext) -> list[Line]:
    """Matched listed skills not named yet, strengths, relevant certifications, languages."""
    lines = [
        _listed_sentence(ctx, list(ctx.plan.technical_skills), ctx.phrases.more_skills, False),
        _listed_sentence(ctx, list(ctx.plan.soft_skills), ctx.phrases.strengths, True),
        _certifications(ctx),
        _languages(ctx),
    ]
    return [line for line in lines if line is not None]


def education_paragraph(ctx: LetterContext) -> list[Line]:
    """The most relevant degree: held, or being studied for."""
    for edu_id in ctx.plan.education_ids:
        edu = next((e for e in ctx.profile.education if e.id == edu_id), None)
        if edu is None or edu_id == ctx.introduced_study:
            continue
        subject = degree_subject(edu.degree, edu.field_of_study or "")
        school = tidy(edu.institution)
        if edu.is_current:
            candidates = [f"I am studying for {subject} at {school}", f"I study at {school}"]
        else:
            candidates = [f"I hold {subject} from {school}", f"I studied at {school}"]
        text = ctx.first(candidates)
        if text:
            return [Line(text=text, sources=(edu.id,))]
    return []


def closing_paragraph(ctx: LetterContext) -> list[Line]:
    """The wish to talk, and thanks."""
    lines = []
    for frame in ctx.phrases.closing:
        text = ctx.first([frame.format(company=ctx.company_or_team)])
        if text:
            lines.append(Line(text=text, sources=("job",) if "{company}" in frame else ()))
    return lines
