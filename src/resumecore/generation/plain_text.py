"""A written document as the plain text a person pastes into a form or an e-mail."""

from __future__ import annotations

from collections.abc import Sequence

from resumecore.model.document import Section

_PROSE = frozenset({"summary", "body"})
_LISTED = frozenset({"experience", "projects", "education", "certifications"})
_UNTITLED = frozenset({"header", "greeting", "body", "closing"})


def render(sections: Sequence[Section]) -> str:
    """Sections in order, separated by blank lines.

    A resume shows section titles in capitals, entries of a listed section as a heading with
    "- " bullets, and prose sections (the summary) as one paragraph. A letter shows each
    body entry as a paragraph: its heading is the first sentence, its lines the rest.
    """
    blocks: list[str] = []
    for section in sections:
        if section.kind == "body":
            blocks += [
                _paragraph(entry.heading.text, [x.text for x in entry.lines])
                for entry in section.entries
            ]
            continue
        lines = [] if section.kind in _UNTITLED else [section.title.upper()]
        for entry in section.entries:
            texts = [line.text for line in entry.lines]
            if section.kind in _PROSE:
                lines.append(_paragraph(entry.heading.text, texts))
            elif section.kind in _LISTED:
                lines.append(entry.heading.text)
                lines += [f"- {text}" for text in texts]
            else:
                lines += [entry.heading.text, *texts]
        blocks.append("\n".join(lines))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _paragraph(first: str, rest: Sequence[str]) -> str:
    return " ".join([first, *rest])
