"""DOCX through python-docx: real Word structure, no tables for layout.

The name is the ``Title`` paragraph, section titles ``Heading 1``, entry headings (roles,
schools, projects) ``Heading 2``, bullets ``List Bullet``; the rest ``Normal``. Font and size
from the options are set on those styles, so a reader can restyle the whole file in Word. Text
is cleaned first (``text.clean_document``) and set as run text, which Word never interprets.
The template sets only the headings' colour (the accent; black for ats-optimized). The
page count is Word's business, so ``page_count`` is None.
"""

from __future__ import annotations

import asyncio
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from resumecore.exports.templates import ACCENT_HEX, ExportFormat, RenderOptions, template
from resumecore.model.document import Section, WrittenDocument
from resumecore.ports.renderer import RenderedFile, RenderError
from resumecore_server.adapters.render.text import (
    clean_document,
    document_title,
    layout,
    person_name,
)

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAPER_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
_CORE_PROPERTY_MAX = 255  # python-docx's limit for core properties
_SIZES = {"Normal": 1.0, "List Bullet": 1.0, "Title": 2.0, "Heading 1": 1.25, "Heading 2": 1.05}


class DocxRenderer:
    """The ``Renderer`` for DOCX."""

    format: ExportFormat = "docx"

    async def render(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """The DOCX file, or ``RenderError`` for an unknown template."""
        return await asyncio.to_thread(self.render_sync, document, template_id, options)

    def render_sync(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """``render``, on the calling thread."""
        if template(template_id) is None:
            raise RenderError(f"There is no template {template_id!r}.")
        document = clean_document(document)
        word = Document()
        _page_and_styles(word, template_id, options)
        props = word.core_properties
        props.title = document_title(document)[:_CORE_PROPERTY_MAX]
        props.author = person_name(document)[:_CORE_PROPERTY_MAX]
        letter = document.document_type == "cover_letter"
        for section in document.sections:
            _section(word, section, letter=letter)
        out = io.BytesIO()
        word.save(out)
        return RenderedFile(
            content=out.getvalue(), media_type=MEDIA_TYPE, extension="docx", page_count=None
        )


def _section(word: WordDocument, section: Section, *, letter: bool) -> None:
    kind = layout(section)
    if kind == "header":
        for entry in section.entries:
            _styled(word, entry.heading.text, "Title")
            if entry.lines:
                word.add_paragraph(" | ".join(line.text for line in entry.lines))
        return
    if not letter:
        _styled(word, section.title, "Heading 1")
    for entry in section.entries:
        lines = [line.text for line in entry.lines]
        if kind == "titled":
            _styled(word, entry.heading.text, "Heading 2")
            for line in lines:
                _styled(word, line, "List Bullet")
        elif kind == "list":
            for line in (entry.heading.text, *lines):
                _styled(word, line, "List Bullet")
        elif kind == "paragraph":
            word.add_paragraph(" ".join((entry.heading.text, *lines)))
        else:
            for line in (entry.heading.text, *lines):
                word.add_paragraph(line)


def _styled(word: WordDocument, text: str, style_name: str) -> None:
    """``add_paragraph(text, style=...)`` without python-docx's per-paragraph style lookup.

    Resolving a style by name scans every style of the document for the default on each call
    (62 % of a 2-page resume's render time); the id is looked up once per document instead.
    """
    ids: dict[str, str] = word.__dict__.setdefault("_resumecore_style_ids", {})
    if style_name not in ids:
        ids[style_name] = word.styles[style_name].style_id
    word.add_paragraph(text)._p.style = ids[style_name]


def _page_and_styles(word: WordDocument, template_id: str, options: RenderOptions) -> None:
    width, height = PAPER_MM[options.paper]
    for page in word.sections:
        page.page_width, page.page_height = Mm(width), Mm(height)
        margin = Mm(options.margin_mm)
        page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = margin
    accent = RGBColor(0, 0, 0)
    if template_id != "ats-optimized":
        accent = RGBColor.from_string(ACCENT_HEX[options.accent_color].lstrip("#").upper())
    for name, scale in _SIZES.items():
        style = word.styles[name]
        assert isinstance(style, ParagraphStyle)  # noqa: S101
        style.font.name = options.font_family
        style.font.size = Pt(round(options.font_size * scale * 2) / 2)
        if name in {"Title", "Heading 1", "Heading 2"}:
            style.font.color.rgb = accent
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:
            # Theme fonts win over a named font in Word: drop them, name every script slot.
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rpr.rFonts.attrib.pop(qn(attr), None)
            rpr.rFonts.set(qn("w:eastAsia"), options.font_family)
            rpr.rFonts.set(qn("w:cs"), options.font_family)
