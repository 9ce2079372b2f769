"""The port documents are rendered through: PDF, DOCX, Markdown, JSON Resume."""

from __future__ import annotations

from typing import Protocol

import msgspec

from resumecore.exports.templates import ExportFormat, RenderOptions
from resumecore.model.document import WrittenDocument


class RenderedFile(msgspec.Struct, frozen=True, kw_only=True):
    """A rendered document: its bytes, what they are, and what had to be left out to fit."""

    content: bytes
    media_type: str
    extension: str
    page_count: int | None
    dropped: tuple[str, ...] = ()
    # Symbols (emoji, pictographs) the font lacks, left out of the file wherever they stood.
    left_out_symbols: tuple[str, ...] = ()


class RenderError(Exception):
    """The document cannot be rendered as asked (e.g. a character no bundled font can draw).

    ``message`` says what and where, for the person who asked.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Renderer(Protocol):
    """Renders a written document with a template into one format.

    Text goes in as data, never as markup: nothing a user typed can change the layout. With
    ``options.max_pages``, the lowest-relevance content is dropped until it fits, and
    ``RenderedFile.dropped`` names it.
    """

    format: ExportFormat

    async def render(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """The file, or ``RenderError``."""
        ...


class FileReader(Protocol):
    """Reads a rendered file's text back as a parser would (for the ATS re-check)."""

    async def text(self, content: bytes, file_format: ExportFormat) -> str:
        """The file's text in reading order."""
        ...
