"""A written document: sections of lines, each line naming the profile items it came from."""

from __future__ import annotations

from typing import Literal

import msgspec

DocumentType = Literal["resume", "cover_letter"]
Tone = Literal["professional", "enthusiastic", "concise"]
SectionKind = Literal[
    "header",
    "summary",
    "skills",
    "experience",
    "projects",
    "education",
    "certifications",
    "languages",
    "greeting",
    "body",
    "closing",
]


class Line(msgspec.Struct, frozen=True, kw_only=True):
    """One line or sentence of the document and the profile item ids it rests on.

    ``sources`` are profile item ids (experience, education, project, certification ids,
    ``<experience id>#<n>`` for an achievement, ``skill:<name>``) or ``job`` for words taken
    from the posting (its title, company and requirements), or ``profile`` for contact details.
    """

    text: str
    sources: tuple[str, ...] = ()


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """A heading line (a role, a school, a project) with its lines (bullets) beneath."""

    heading: Line
    lines: tuple[Line, ...] = ()


class Section(msgspec.Struct, frozen=True, kw_only=True):
    """A titled part of the document; never empty."""

    kind: SectionKind
    title: str
    entries: tuple[Entry, ...]


class Provenance(msgspec.Struct, frozen=True, kw_only=True):
    """How a document was written: which writer and model, at what cost, what fell back.

    ``repaired`` names the parts rewritten once after the verifier's findings, ``fallbacks``
    the parts kept as the offline writer wrote them (``summary``, an experience id,
    ``letter``); ``fallback_reason`` says why the whole document fell back, if it did.
    """

    writer: str = "offline"
    model: str | None = None
    prompt_version: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    model_calls: int = 0
    cache_hits: int = 0
    repaired: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()
    fallback_reason: str | None = None


class WrittenDocument(msgspec.Struct, frozen=True, kw_only=True):
    """What a writer returns: the structure and its plain text (what a person would paste)."""

    document_type: DocumentType
    sections: tuple[Section, ...]
    text: str
    provenance: Provenance = Provenance()

    def lines(self) -> list[Line]:
        """Every line, headings first within each entry, in document order."""
        return [
            line
            for section in self.sections
            for entry in section.entries
            for line in (entry.heading, *entry.lines)
        ]

    def written_lines(self) -> list[Line]:
        """The lines the writer wrote: all but the sender's block, copied from the profile.

        A letter signs with the name its sender's block opens with; that is no repetition.
        """
        return [
            line
            for section in self.sections
            if section.kind != "header"
            for entry in section.entries
            for line in (entry.heading, *entry.lines)
        ]


class ResumeOptions(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
    tag_field="for",
    tag="resume",
):
    """What the caller asked of a resume."""

    max_experiences: int = 5
    max_projects: int = 3
    include_summary: bool = True
    custom_prompt: str | None = None


class CoverLetterOptions(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
    tag_field="for",
    tag="cover_letter",
):
    """What the caller asked of a cover letter."""

    company_name: str | None = None
    hiring_manager_name: str | None = None
    max_paragraphs: int = 4
    tone: Tone | None = None
    custom_prompt: str | None = None
