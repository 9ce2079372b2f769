"""PDF through Typst: the compiler bundled in the ``typst`` wheel, templates in ``templates/``.

How text reaches a template: the cleaned document (``text.clean_document``) is turned into a
plain JSON value and passed as ``sys.inputs.data``; the template reads it with
``json(bytes(sys.inputs.data))`` and places each string as a value. Nothing is spliced into
Typst source, so ``#set``, ``#read(..)``, ``$..$``, ``<label>`` or ``*..*`` in a line print as
typed. The compiler's root is the templates folder: a template can read nothing else.

Fonts (see ``fonts``): Arial, Helvetica and Calibri render as DejaVu Sans, Times New Roman as
DejaVu Serif, with Typst's font fallback off. A letter the font cannot draw is a
``RenderError`` naming it, found before compiling (Typst would draw a tofu box silently). A
symbol it cannot draw (an emoji, a pictograph: ``text.undrawable_decorations``) is left out
instead, with what binds it into an emoji sequence, and ``RenderedFile.left_out_symbols``
lists it: it is decoration, common in what people type on a phone and in pasted postings, and
refusing the whole file for it left the app with no PDF at all.
Extra font folders (``extra_font_dirs``; by default Noto CJK when installed) add fallback
families after the primary one, e.g. for Chinese and Japanese text; Typst is given them only
for a document with a character the primary font cannot draw (``fonts.font_drawing``).

A document that spills onto another page is compiled once more with less vertical white space
(``COMPACT``: the top and bottom margins and the gaps between list items; the font, the side
margins and the section titles stay as chosen), and that version is kept when it needs fewer
pages: a last page holding one heading and its line reads as a mistake. ``max_pages`` then
drops lines from whichever version was kept.

``max_pages``: a resume's lines are in relevance order within each entry and entries in
relevance order within each section, so the last bullets of the last experiences and projects
go first, then those entries, then the other sections' last entries; for a letter, the last
lines of the body paragraphs. The smallest number of drops that fits is found by bisection
(a handful of compiles), and ``RenderedFile.dropped`` lists the dropped lines' text.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import typst

from resumecore.exports.templates import ACCENT_HEX, ExportFormat, RenderOptions, template
from resumecore.model.document import WrittenDocument
from resumecore.ports.renderer import RenderedFile, RenderError
from resumecore_server.adapters.render.fonts import Font, default_extra_font_dirs, font_drawing
from resumecore_server.adapters.render.text import (
    clean_document,
    document_title,
    layout,
    person_name,
    undrawable_decorations,
)

TEMPLATES = Path(__file__).with_name("templates")
PAPER = {"letter": "us-letter", "a4": "a4"}
# The share of the usual top and bottom margins and gaps between list items a document spilling
# onto one more page is tried with.
COMPACT = 0.6
_DROP_FIRST = ("experience", "projects")
_KEEP = ("header", "greeting", "closing")


@dataclass(frozen=True)
class _Drop:
    """One unit of content that may be left out: a line, or a whole entry."""

    section: int
    entry: int
    line: int | None  # None: the whole entry
    text: str


class TypstPdfRenderer:
    """The ``Renderer`` for PDF."""

    format: ExportFormat = "pdf"

    def __init__(self, extra_font_dirs: Sequence[str] | None = None) -> None:
        """``extra_font_dirs``: fallback font folders (None: Noto CJK's, when installed)."""
        dirs = default_extra_font_dirs() if extra_font_dirs is None else extra_font_dirs
        self.extra_font_dirs = tuple(dirs)

    async def render(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """The PDF, or ``RenderError`` (unknown template, undrawable character, cannot fit)."""
        return await asyncio.to_thread(self.render_sync, document, template_id, options)

    def render_sync(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """``render``, on the calling thread."""
        if template(template_id) is None:
            raise RenderError(f"There is no template {template_id!r}.")
        document = clean_document(document)
        chars = _characters(document)
        font = font_drawing(options.font_family, self.extra_font_dirs, chars)
        symbols = undrawable_decorations(chars, font.draws)
        if symbols:
            document = clean_document(document, symbols)
            chars = _characters(document)
        _check_glyphs(chars, font)
        left_out = tuple(sorted(symbols))
        drops = _drop_order(document)
        pdf, pages = self._compile(document, template_id, options, font, ())
        spacing = 1.0
        if pages > 1:
            # A last page holding a heading and a line or two: with less white space at the
            # page's top and bottom and between list items, the same lines may fit a page fewer.
            tight, tight_pages = self._compile(document, template_id, options, font, (), COMPACT)
            if tight_pages < pages:
                pdf, pages, spacing = tight, tight_pages, COMPACT
        if options.max_pages is None or pages <= options.max_pages:
            return _file(pdf, pages, (), left_out)
        low, high = 1, len(drops)  # the fewest drops that fit lies in [low, high]
        best = None
        while low <= high:
            middle = (low + high) // 2
            pdf, pages = self._compile(
                document, template_id, options, font, drops[:middle], spacing
            )
            if pages <= options.max_pages:
                best, high = (pdf, pages, middle), middle - 1
            else:
                low = middle + 1
        if best is None:
            raise RenderError(f"The document does not fit in {options.max_pages} page(s).")
        pdf, pages, count = best
        return _file(pdf, pages, tuple(d.text for d in drops[:count]), left_out)

    def _compile(
        self,
        document: WrittenDocument,
        template_id: str,
        options: RenderOptions,
        font: Font,
        drops: tuple[_Drop, ...] | list[_Drop],
        spacing: float = 1.0,
    ) -> tuple[bytes, int]:
        data = _data(document, template_id, options, font, drops, spacing)
        try:
            pdf = typst.compile(
                str(TEMPLATES / f"{template_id}.typ"),
                root=str(TEMPLATES),
                font_paths=_fonts(tuple(font.dirs)),
                sys_inputs={"data": json.dumps(data)},
                timestamp=0,
            )
        except typst.TypstError as error:
            raise RenderError(f"The PDF could not be typeset: {error.message}") from error
        return pdf, len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@functools.cache
def _fonts(dirs: tuple[str, ...]) -> typst.Fonts:
    """The fonts of ``dirs`` (no system fonts), loaded once and shared by threads.

    Loading them took most of a compile: 56 ms of 60 with the CJK fallbacks, 4 ms once loaded.
    """
    return typst.Fonts(include_system_fonts=False, font_paths=list(dirs))


def _file(
    pdf: bytes, pages: int, dropped: tuple[str, ...], left_out_symbols: tuple[str, ...]
) -> RenderedFile:
    return RenderedFile(
        content=pdf, media_type="application/pdf", extension="pdf", page_count=pages,
        dropped=dropped, left_out_symbols=left_out_symbols,
    )  # fmt: skip


def _characters(document: WrittenDocument) -> set[str]:
    """Every character the PDF shows: the title, section titles and lines."""
    texts = [document_title(document)] + [s.title for s in document.sections]
    texts += [line.text for line in document.lines()]
    return {c for text in texts for c in text}


def _check_glyphs(chars: set[str], font: Font) -> None:
    missing = sorted(c for c in chars if not font.draws(c))
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise RenderError(f"The font {font.family} cannot draw {shown}{more}.")


def _drop_order(document: WrittenDocument) -> list[_Drop]:
    """What to leave out, least relevant first (see the module docstring)."""
    sections = list(enumerate(document.sections))
    if document.document_type == "cover_letter":
        return [
            _Drop(s, e, n, line.text)
            for s, section in reversed(sections) if section.kind == "body"
            for e, entry in reversed(list(enumerate(section.entries)))
            for n, line in reversed(list(enumerate(entry.lines)))
        ]  # fmt: skip
    first = [(s, sec) for s, sec in sections if sec.kind in _DROP_FIRST]
    rest = [(s, sec) for s, sec in sections if sec.kind not in (*_DROP_FIRST, *_KEEP)]
    out: list[_Drop] = []
    for group in (first, rest):
        entries = [(s, e, entry) for s, sec in group for e, entry in enumerate(sec.entries)]
        entries.sort(key=lambda item: (item[1], item[0]), reverse=True)  # last entries first
        for s, e, entry in entries:
            # Keep an entry's first line (what the role was) until the entry itself goes.
            out += [_Drop(s, e, n, entry.lines[n].text) for n in range(len(entry.lines) - 1, 0, -1)]
        for s, e, entry in entries:
            if e > 0 or group is rest:
                first_line = [_Drop(s, e, 0, entry.lines[0].text)] if entry.lines else []
                out += [*first_line, _Drop(s, e, None, entry.heading.text)]
    return out


def _data(
    document: WrittenDocument,
    template_id: str,
    options: RenderOptions,
    font: Font,
    drops: tuple[_Drop, ...] | list[_Drop],
    spacing: float = 1.0,
) -> dict[str, Any]:
    """The JSON value the template reads: only strings, numbers and names from fixed lists."""
    gone_lines = {(d.section, d.entry, d.line) for d in drops if d.line is not None}
    gone_entries = {(d.section, d.entry) for d in drops if d.line is None}
    header = None
    sections = []
    for s, section in enumerate(document.sections):
        entries = [
            {
                "heading": entry.heading.text,
                "lines": [
                    line.text for n, line in enumerate(entry.lines) if (s, e, n) not in gone_lines
                ],
            }
            for e, entry in enumerate(section.entries)
            if (s, e) not in gone_entries
        ]
        if section.kind == "header" and header is None and entries:
            header = {"name": entries[0]["heading"], "lines": entries[0]["lines"]}
        elif entries:
            sections.append(
                {"kind": section.kind, "title": section.title, "layout": layout(section),
                 "entries": entries}
            )  # fmt: skip
    accent = None if template_id == "ats-optimized" else ACCENT_HEX[options.accent_color]
    return {
        "type": document.document_type,
        "title": document_title(document),
        "author": person_name(document),
        "header": header,
        "sections": sections,
        "options": {
            "font": font.families,
            "size": options.font_size,
            "paper": PAPER[options.paper],
            "margin": options.margin_mm,
            "spacing": spacing,
            "accent": accent,
        },
    }
