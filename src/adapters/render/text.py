"""What every renderer does to text first: bidi and control characters out, and the layout.

Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) and the marks
U+200E, U+200F and U+061C are **dropped**, not replaced with a visible mark: in a resume they are
either paste debris or an attempt to make text read differently from how it is stored (an
e-mail or a date shown reversed), and a visible placeholder would look like a typo to the
reader. Other control characters (C0, DEL, C1), lone surrogates, noncharacters and the line and
paragraph separators U+2028/U+2029 are dropped too, except that tabs and line breaks become a
space: a line stays one line. The plain ``text`` of the document is rebuilt the same way.
A renderer may also leave out characters its font lacks (``undrawable_decorations``).

``layout`` says how a section's entries are laid out, the same way in every format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Literal

from resumecore.exports.recheck import EMOJI_JOINERS
from resumecore.model.document import Entry, Line, Section, WrittenDocument

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)
_SPACE_LIKE = frozenset("\t\n\r\v\f\u0085\u2028\u2029")
_SPACES = re.compile(r" {2,}")
# Punctuation that closes onto the word before it.
_CLOSING = frozenset(".,;:!?)]}\u2019\u201d")

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


def clean_text(text: str, left_out: frozenset[str] = frozenset()) -> str:
    """``text`` without bidi controls or control characters, on one line.

    ``left_out``: characters to leave out as well (symbols the PDF's font lacks), with the
    joiners and variation selectors that bind them into an emoji sequence.
    """
    out: list[str] = []
    after_left_out = False
    for char in text:
        if char in left_out or (after_left_out and char in EMOJI_JOINERS):
            while char in left_out and out and out[-1] in EMOJI_JOINERS:
                out.pop()  # a keycap's selector comes before it: 1, U+FE0F, U+20E3
            after_left_out = True
            continue
        if after_left_out and char in _CLOSING and out and out[-1] == " ":
            out.pop()  # "Northgate Logistics 🌍." reads "Northgate Logistics.", not "... ."
        after_left_out = False
        if char in _SPACE_LIKE:
            out.append(" ")
        elif not _dropped(char):
            out.append(char)
    return _SPACES.sub(" ", "".join(out)).strip()


def undrawable_decorations(chars: Iterable[str], draws: Callable[[str], bool]) -> frozenset[str]:
    """The characters of ``chars`` that are decoration and that ``draws`` says it cannot draw.

    Decoration is a symbol (emoji, pictographs, dingbats: categories So and Sk), an enclosing
    mark (an emoji keycap) or a tag character (emoji flags). Left out of a PDF, they take no
    words with them, as a missing letter would, and a placeholder box would read as a typo.
    """
    return frozenset(c for c in set(chars) if _is_decoration(c) and not draws(c))


def _is_decoration(char: str) -> bool:
    return unicodedata.category(char) in {"So", "Sk", "Me"} or 0xE0020 <= ord(char) <= 0xE007F


def _dropped(char: str) -> bool:
    code = ord(char)
    if char in BIDI_CONTROLS or unicodedata.category(char) in {"Cc", "Cs"}:
        return True
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def clean_document(
    document: WrittenDocument, left_out: frozenset[str] = frozenset()
) -> WrittenDocument:
    """The document with every title, heading and line cleaned (empty lines left out).

    ``left_out``: characters to leave out as well (see ``clean_text``).
    """

    def clean(line: Line) -> Line:
        return Line(text=clean_text(line.text, left_out), sources=line.sources)

    sections = []
    for section in document.sections:
        entries = tuple(
            Entry(
                heading=clean(entry.heading),
                lines=tuple(line for line in map(clean, entry.lines) if line.text),
            )
            for entry in section.entries
        )
        sections.append(
            Section(kind=section.kind, title=clean_text(section.title, left_out), entries=entries)
        )
    text = "\n".join(clean_text(line, left_out) for line in document.text.splitlines())
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
