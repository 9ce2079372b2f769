"""``parse_posting``: raw posting text in, structured fields out. Pure and deterministic."""

from __future__ import annotations

from resumecore.errors import InvalidValue
from resumecore.postings import terms
from resumecore.postings.fields import read_header
from resumecore.postings.furniture import strip_furniture
from resumecore.postings.model import ParsedPosting
from resumecore.postings.normalize import normalize_posting_text
from resumecore.postings.open_terms import unrecognised
from resumecore.postings.salary import find_salary
from resumecore.postings.section_headers import SectionKind
from resumecore.postings.sections import Sections, Span, split_sections
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.skill_scope import posting_skills
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary

MAX_LENGTH = 50_000
_SKILL_KINDS: tuple[SectionKind, ...] = ("requirements", "nice_to_have", "responsibilities")


def parse_posting(raw_text: str, vocabulary: SkillVocabulary | None = None) -> ParsedPosting:
    """Read title, company, terms, pay, sections and skills from a pasted job posting.

    Args:
        raw_text: The posting as pasted: plain text, Markdown or HTML remnants.
        vocabulary: Skills to look for; the shipped vocabulary by default.

    Returns:
        The parsed posting; fields the text does not state are ``None`` or empty.

    Raises:
        InvalidValue: ``raw_text`` is longer than 50,000 characters (code ``too_long``).
    """
    if len(raw_text) > MAX_LENGTH:
        raise InvalidValue.for_field(
            "raw_text", "too_long", f"A posting may have at most {MAX_LENGTH} characters."
        )
    text = normalize_posting_text(raw_text)
    vocabulary = vocabulary or default_vocabulary()
    furnished = strip_furniture(text)
    body = furnished.body
    header = read_header(body, furnished.facts)
    sections = split_sections(body)
    requirements = sections.texts(body, "requirements")
    items = [span for kind in _SKILL_KINDS for span in sections.items.get(kind, [])]
    asked = [
        span for kind in ("requirements", "nice_to_have") for span in sections.items.get(kind, [])
    ]
    matches = posting_skills(
        body,
        vocabulary.find(body),
        sections.boilerplate,
        header.title,
        header.company,
        items,
        vocabulary.is_tech,
        asked,
        vocabulary.category,
        vocabulary.names,
    )
    required = _skills_within(matches, sections.items.get("requirements", []))
    preferred = tuple(
        s
        for s in _skills_within(matches, sections.items.get("nice_to_have", []))
        if s not in required
    )
    return ParsedPosting(
        title=header.title,
        company=header.company,
        location=header.location,
        remote=terms.remote_mode(body, header.zone),
        employment_type=terms.employment_type(body, header.zone),
        salary=find_salary(body, text),
        requirements=requirements,
        nice_to_have=sections.texts(body, "nice_to_have"),
        responsibilities=sections.texts(body, "responsibilities"),
        benefits=sections.texts(body, "benefits"),
        years_of_experience=terms.years_of_experience(body, requirements),
        skills=tuple(dict.fromkeys(m.canonical for m in matches)),
        required_skills=required,
        preferred_skills=preferred,
        unrecognised_skills=unrecognised(
            body,
            items,
            [(m.start, m.end) for m in matches],
        ),
        description=text,
    )


def _skills_within(matches: list[SkillMatch], spans: list[Span]) -> tuple[str, ...]:
    # Each match is looked for in the (at most) three spans from the first one that ends after
    # it starts; the matches come in text order, so that span only moves forward.
    ordered = sorted(spans)
    count = len(ordered)
    found: dict[str, None] = {}
    index = 0
    for match in matches:
        start = match.start
        while index < count and ordered[index][1] <= start:
            index += 1
        if index == count:
            break  # no later match can be inside a span either
        # The spans are sorted by start: none from here holds a match that starts before them.
        if ordered[index][0] <= start and _inside(match, ordered, index):
            found[match.canonical] = None
    return tuple(found)


def _inside(match: SkillMatch, spans: list[Span], index: int) -> bool:
    return any(start <= match.start and match.end <= end for start, end in spans[index : index + 3])


__all__ = ["MAX_LENGTH", "ParsedPosting", "Sections", "parse_posting"]
