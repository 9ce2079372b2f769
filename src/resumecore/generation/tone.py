"""The words each tone uses around the same facts. A tone never adds or drops a fact.

Placeholders: ``{role}`` the posted role, ``{company}`` the company (or "your team"),
``{skills}`` a joined list, ``{c}`` an "I ..." clause, ``{bullet}`` a bullet quoted whole.
Lists of frames are used in turn, one per paragraph, so paragraphs do not echo each other.
"""

from __future__ import annotations

from typing import Final

import msgspec

from resumecore.model.document import Tone


class Phrases(msgspec.Struct, frozen=True, kw_only=True):
    """Sentence frames for one tone."""

    apply: str
    apply_no_company: str
    current_skills: str
    past_skills: str
    current_practice: str  # skills that are not software tools, named after a colon
    past_practice: str
    posting_asks: tuple[str, str, str]  # one skill, two, three or more
    evidence: tuple[str, ...]
    evidence_quoted: tuple[str, ...]
    more_skills: str
    strengths: str
    cert_one: str
    cert_many: str
    languages: str
    closing: tuple[str, str]
    sign_off: str


PHRASES: Final[dict[Tone, Phrases]] = {
    "professional": Phrases(
        apply="I am writing to apply for the {role} at {company}.",
        apply_no_company="I am writing to apply for the {role}.",
        current_skills="{where}, I work with {skills}{asks}.",
        past_skills="{where}, I worked with {skills}{asks}.",
        current_practice="{where}, my work draws on {count} your posting asks for: {skills}.",
        past_practice="{where}, my work drew on {count} your posting asks for: {skills}.",
        posting_asks=(
            ", which your posting asks for",
            ", both of which your posting asks for",
            ", all of which your posting asks for",
        ),
        evidence=("For example, {c}.", "There, {c}.", "Among other things, {c}."),
        evidence_quoted=("One result of that work: {bullet}.", "A further example: {bullet}."),
        more_skills="My skills also include {skills}{asks}.",
        strengths="My strengths include {skills}.",
        cert_one="I hold the {cert}.",
        cert_many="My certifications include {certs}.",
        languages="I speak {languages}.",
        closing=(
            "I would welcome the opportunity to discuss how my experience could support {company}.",
            "Thank you for your time and consideration.",
        ),
        sign_off="Sincerely,",
    ),
    "enthusiastic": Phrases(
        apply="I am excited to apply for the {role} at {company}.",
        apply_no_company="I am excited to apply for the {role}.",
        current_skills="{where}, I get to work with {skills}{asks}.",
        past_skills="{where}, I got to work with {skills}{asks}.",
        current_practice="{where}, I get to use {count} your posting asks for: {skills}.",
        past_practice="{where}, I got to use {count} your posting asks for: {skills}.",
        posting_asks=(
            ", a skill your posting asks for",
            ", two skills your posting asks for",
            ", the very skills your posting asks for",
        ),
        evidence=("I am especially proud that {c}.", "Better still, {c}.", "Along the way, {c}."),
        evidence_quoted=(
            "One result I am especially proud of: {bullet}.",
            "Another highlight: {bullet}.",
        ),
        more_skills="I would also bring {skills}{asks}.",
        strengths="I would love to put my strengths to work for you: {skills}.",
        cert_one="I am proud to hold the {cert}.",
        cert_many="I am proud to hold these certifications: {certs}.",
        languages="I speak {languages}.",
        closing=(
            "I would love the chance to talk about how I could contribute to {company}.",
            "Thank you so much for considering my application!",
        ),
        sign_off="Best regards,",
    ),
    "concise": Phrases(
        apply="I am applying for the {role} at {company}.",
        apply_no_company="I am applying for the {role}.",
        current_skills="{where}, I work with {skills}.",
        past_skills="{where}, I worked with {skills}.",
        current_practice="{where}, my work draws on {skills}.",
        past_practice="{where}, my work drew on {skills}.",
        posting_asks=("", "", ""),
        evidence=("{c}.", "{c}.", "{c}."),
        evidence_quoted=("Example: {bullet}.", "Another example: {bullet}."),
        more_skills="Other relevant skills: {skills}.",
        strengths="Strengths: {skills}.",
        cert_one="I hold the {cert}.",
        cert_many="Certifications: {certs}.",
        languages="Languages: {languages}.",
        closing=("I would welcome a conversation.", "Thank you for your consideration."),
        sign_off="Regards,",
    ),
}


def phrases(tone: Tone | None) -> Phrases:
    """The frames of ``tone`` (professional when None)."""
    return PHRASES[tone or "professional"]


def count_of_skills(count: int) -> str:
    """The count in words, "a skill", "two skills" (a figure would read as a claim)."""
    spelled = ("a skill", "two skills", "three skills", "four skills", "five skills")
    return spelled[count - 1] if 1 <= count <= len(spelled) else "skills"


def asks(frames: tuple[str, str, str], count: int) -> str:
    """The "which your posting asks for" clause for ``count`` skills."""
    return frames[min(count, 3) - 1] if count else ""
