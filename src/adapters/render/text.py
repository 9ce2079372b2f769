"""What every renderer does to text first: bidi and control characters out, and the layout.

Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) and the marks
U+200E, U+200F and U+061C are **dropped**, not replaced with a visible mark: in a resume they are
either paste debris or an attempt to make text read differently from how it is stored (an
e-mail or a date shown reversed), and a visible placeholder would look like a typo to the
reader. Other control characters (C0, DEL, C1), lone surrogates, noncharacters and the line and
paragraph separators U+2028/U+2029 are dropped too, except that tabs and line breaks become a
space: a line stays one line. The plain ``text`` of the document is rebuilt the same way.

``layout`` says how a section's entries are laid out, the same way in every format.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from resumecore.model.document import Entry, Line, Section, WrittenDocument

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)
_SPACE_LIKE = frozenset("\t\n\r\v\f\u0085\u2028\u2029")
_SPACES = re.compile(r" {2,}")

Layout = Literal["header", "titled", "list", "plain", "paragraph"]
# experience/projects/education: heading then bullets; certifications: one bullet per entry;
# letter body: heading and lines as one paragraph; the rest: each line a paragraph.
_LAYOUT: dict[str, Layout] = {
    "header": "header",
    "experience": "titled",
    "projects": "titled",
    "education": "titled",
    "certifications": "list",
    "body": "paragraph",
}


def clean_text(text: str) -> str:
    """``text`` without bidi controls or control characters, on one line."""
    out = []
    for char in text:
        if char in _SPACE_LIKE:
            out.append(" ")
        elif not _dropped(char):
            out.append(char)
    return _SPACES.sub(" ", "".join(out)).strip()


def _dropped(char: str) -> bool:
    code = ord(char)
    if char in BIDI_CONTROLS or unicodedata.category(char) in {"Cc", "Cs"}:
        return True
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _line(line: Line) -> Line:
    return Line(text=clean_text(line.text), sources=line.sources)


def clean_document(document: WrittenDocument) -> WrittenDocument:
    """The document with every title, heading and line cleaned (empty lines left out)."""
    sections = []
    for section in document.sections:
        entries = tuple(
            Entry(
                heading=_line(entry.heading),
                lines=tuple(line for line in map(_line, entry.lines) if line.text),
            )
            for entry in section.entries
        )
        sections.append(
            Section(kind=section.kind, title=clean_text(section.title), entries=entries)
        )
    text = "\n".join(clean_text(line) for line in document.text.splitlines())
    return WrittenDocument(
        document_type=document.document_type, sections=tuple(sections), text=text
    )


def layout(section: Section) -> Layout:
    """How the entries of ``section`` are laid out."""
    return _LAYOUT.get(section.kind, "plain")


def person_name(document: WrittenDocument) -> str:
    """The person's name: the header's heading, or a letter's last sign-off line."""
    for section in document.sections:
        if section.kind == "header" and section.entries:
            return section.entries[0].heading.text
    for section in document.sections:
        if section.kind == "closing" and section.entries and section.entries[-1].lines:
            return section.entries[-1].lines[-1].text
    return ""


def document_title(document: WrittenDocument) -> str:
    """What the file is called inside: ``<name> - Resume`` or ``<name> - Cover letter``."""
    kind = "Resume" if document.document_type == "resume" else "Cover letter"
    name = person_name(document)
    return f"{name} - {kind}" if name else kind
