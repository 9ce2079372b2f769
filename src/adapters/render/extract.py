"""The text a parser reads back from a rendered file (for the ATS re-check)."""

from __future__ import annotations

import asyncio
import io
import re

import pypdf

from resumecore.exports.templates import ExportFormat
from resumecore.ports.renderer import FileReader

_ESCAPED = re.compile(r"\\(.)")


def extract_text(content: bytes, file_format: ExportFormat) -> str:
    """The file's text in reading order: PDF via pypdf, DOCX paragraphs, Markdown as is."""
    if file_format == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if file_format == "docx":
        # Here, not at the top: a PDF export's re-check need not load python-docx and lxml.
        from docx import Document  # noqa: PLC0415

        return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    # Markdown escapes markup characters with a backslash; a parser reads them unescaped.
    return _ESCAPED.sub(r"\1", content.decode("utf-8"))


class ExtractedText(FileReader):
    """``extract_text`` off the event loop."""

    async def text(self, content: bytes, file_format: ExportFormat) -> str:
        """The file's text in reading order."""
        return await asyncio.to_thread(extract_text, content, file_format)
