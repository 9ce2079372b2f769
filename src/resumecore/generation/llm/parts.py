"""The offline document taken apart into what the model may rewrite, and put back together.

The facts the model may use are the lines of the offline resume (the tailoring selection,
already grounded) by the ids they cite, never the whole profile and never the header's contact
details. A resume's rewritable parts are its summary and each role's lines; a letter's is its
body.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from resumecore.generation.plain_text import render
from resumecore.model.document import Entry, Line, Section, WrittenDocument

SUMMARY = "summary"
SKILL = "skill:"
LETTER = "letter"
_PRIVATE = frozenset({"header", "greeting", "closing"})


def facts(document: WrittenDocument) -> dict[str, str]:
    """Every id the document cites and the text it stands for (contact lines left out).

    A skill id stands for the skill's name; the summary contributes only the person's own
    summary (``profile``): its other sentences are the writer's, composed from these facts.
    """
    found: dict[str, list[str]] = {}
    for section in document.sections:
        if section.kind in _PRIVATE:
            continue
        for entry in section.entries:
            for line in (entry.heading, *entry.lines):
                for source in line.sources:
                    if source.startswith(SKILL):
                        found.setdefault(source, []).append(source.removeprefix(SKILL))
                    elif section.kind != "summary" or source == "profile":
                        found.setdefault(source, []).append(line.text)
    return {source: " ".join(dict.fromkeys(texts)) for source, texts in found.items()}


def _section(document: WrittenDocument, kind: str) -> Section | None:
    return next((s for s in document.sections if s.kind == kind), None)


def summary_lines(document: WrittenDocument) -> list[Line]:
    """The summary's sentences, or none when the resume has no summary."""
    summary = _section(document, "summary")
    return [line for e in summary.entries for line in (e.heading, *e.lines)] if summary else []


def role_lines(document: WrittenDocument) -> dict[str, list[Line]]:
    """Each role's lines (description and bullets) by the role's id, in document order."""
    roles = _section(document, "experience")
    if roles is None:
        return {}
    return {e.heading.sources[0]: list(e.lines) for e in roles.entries if e.heading.sources}


def body_paragraphs(document: WrittenDocument) -> list[list[Line]]:
    """A letter's body paragraphs, each a list of sentences."""
    body = _section(document, "body")
    return [[e.heading, *e.lines] for e in body.entries] if body else []


def _prose(paragraph: Sequence[Line]) -> Entry:
    return Entry(heading=paragraph[0], lines=tuple(paragraph[1:]))


def rebuilt(
    document: WrittenDocument,
    *,
    summary: Sequence[Line] | None = None,
    roles: Mapping[str, Sequence[Line]] | None = None,
    body: Sequence[Sequence[Line]] | None = None,
) -> WrittenDocument:
    """``document`` with the given parts replaced and its plain text rendered again."""
    sections: list[Section] = []
    for section in document.sections:
        entries = section.entries
        if section.kind == "summary" and summary:
            entries = (_prose(summary),)
        elif section.kind == "experience" and roles:
            entries = tuple(
                Entry(heading=e.heading, lines=tuple(roles.get(e.heading.sources[0], e.lines)))
                if e.heading.sources
                else e
                for e in entries
            )
        elif section.kind == "body" and body:
            entries = tuple(_prose(p) for p in body if p)
        sections.append(Section(kind=section.kind, title=section.title, entries=entries))
    kept = tuple(sections)
    return WrittenDocument(
        document_type=document.document_type,
        sections=kept,
        text=render(kept),
        provenance=document.provenance,
    )
