"""Merging a model's proposal into the deterministic parse, keeping only what the text states."""

from __future__ import annotations

import msgspec

from resumecore.posting_assist.evidence import (
    EMPLOYMENT_WORDS,
    WORK_MODE_WORDS,
    base_pay,
    stated,
    verbatim,
)
from resumecore.posting_assist.prompt import PostingProposal
from resumecore.postings.model import ParsedPosting
from resumecore.postings.vocabulary import SkillVocabulary

# The job's own limits (``model/job.py``): a longer "title" is a sentence, not a title.
_FIELD_LIMITS = {"title": 300, "company": 200, "location": 200}
_MAX_SKILLS = 80
_MAX_SKILL_CHARS = 60
_MAX_SKILL_WORDS = 6


def merge_proposal(
    parsed: ParsedPosting, proposal: PostingProposal, vocabulary: SkillVocabulary
) -> ParsedPosting:
    """``parsed`` with the gaps filled from ``proposal`` where the posting bears it out.

    The merge rule: the deterministic parse wins wherever it found a value; a proposed value is
    used only where the parse has ``None`` or an empty string, and only with evidence in
    ``parsed.description`` (the text the parse read):

    - title, company, location: the proposed string occurs in the text (case-insensitively,
      any whitespace; not inside a longer word) and is written as the text writes it;
    - remote, employment type: the text says a word for the value ("hybrid", "part-time");
    - salary (only if the parse found none): every figure occurs in the text and the parser's
      own pay rule accepts it there as base pay (so OTE, bonus or commission figures drop);
    - skills are added to the parse's, never replace them: a proposed skill must occur in the
      text; one the vocabulary knows is added under its canonical name (required or preferred
      when it occurs in a requirement or nice-to-have item), except an ambiguous short alias
      ("Go", "R") the parse did not accept in context; one it does not know is added to
      ``unrecognised_skills`` as written in the text.

    Every other field is the parse's.
    """
    text = parsed.description
    fields = {
        name: verbatim(value, text)
        for name, value in (
            ("title", proposal.title),
            ("company", proposal.company),
            ("location", proposal.location),
        )
        if value and not getattr(parsed, name)
    }
    changes: dict[str, object] = {
        name: value
        for name, value in fields.items()
        if value and len(value) >= 2 and len(value) <= _FIELD_LIMITS[name]
    }
    if parsed.remote is None and proposal.remote and stated(proposal.remote, WORK_MODE_WORDS, text):
        changes["remote"] = proposal.remote
    kind = proposal.employment_type
    if parsed.employment_type is None and kind and stated(kind, EMPLOYMENT_WORDS, text):
        changes["employment_type"] = kind
    if parsed.salary is None and proposal.salary is not None:
        salary = base_pay(proposal.salary, text)
        if salary is not None:
            changes["salary"] = salary
    changes |= _skills(parsed, proposal.skills, vocabulary)
    return msgspec.structs.replace(parsed, **changes)


def _skills(
    parsed: ParsedPosting, proposed: list[str], vocabulary: SkillVocabulary
) -> dict[str, tuple[str, ...]]:
    text = parsed.description
    skills = dict.fromkeys(parsed.skills)
    required = dict.fromkeys(parsed.required_skills)
    preferred = dict.fromkeys(parsed.preferred_skills)
    unknown = {name.casefold(): name for name in parsed.unrecognised_skills}
    for name in proposed[:_MAX_SKILLS]:
        if len(name) > _MAX_SKILL_CHARS or len(name.split()) > _MAX_SKILL_WORDS:
            continue
        written = verbatim(name, text)
        if written is None:
            continue
        canonical = vocabulary.canonical(written)
        if canonical is None:
            inside = {match.canonical for match in vocabulary.find(written)}
            if not inside & skills.keys() and written.casefold() not in unknown:
                unknown[written.casefold()] = written
            continue
        if canonical in skills or vocabulary.needs_context(written):
            continue
        skills[canonical] = None
        if any(verbatim(written, item) for item in parsed.requirements):
            required[canonical] = None
        elif any(verbatim(written, item) for item in parsed.nice_to_have):
            preferred[canonical] = None
    return {
        "skills": tuple(skills),
        "required_skills": tuple(required),
        "preferred_skills": tuple(p for p in preferred if p not in required),
        "unrecognised_skills": tuple(unknown.values()),
    }
