"""A small fake ``Renderer`` for the export tests (the real ones have their own tests).

It renders the document's plain text after a format-typical header, so a download can be
compared byte for byte, and it can be told to fail like a real renderer does (``RenderError``).
"""

from __future__ import annotations

from resumecore.exports.templates import ExportFormat, RenderOptions
from resumecore.model.document import WrittenDocument
from resumecore.ports.renderer import RenderedFile, RenderError
from resumecore.services.exports.create import Renderers

MEDIA_TYPES: dict[str, tuple[str, str, bytes]] = {
    "pdf": ("application/pdf", "pdf", b"%PDF-1.7\n"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        b"PK\x03\x04",
    ),
    "markdown": ("text/markdown; charset=utf-8", "md", b""),
}


class FakeRenderer:
    """Header + ``template|font|colour`` + the document text; ``fail_with`` raises instead."""

    def __init__(self, export_format: ExportFormat, fail_with: str | None = None) -> None:
        self.format: ExportFormat = export_format
        self.fail_with = fail_with
        self.calls: list[tuple[str, RenderOptions]] = []

    async def render(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """The fake file."""
        self.calls.append((template_id, options))
        if self.fail_with:
            raise RenderError(self.fail_with)
        media_type, extension, header = MEDIA_TYPES[self.format]
        head = f"{template_id}|{options.font_family}|{options.accent_color}\n".encode()
        content = header + head + document.text.encode()
        pages = 1 if self.format == "pdf" else None
        return RenderedFile(
            content=content, media_type=media_type, extension=extension, page_count=pages
        )


def fake_renderers(*formats: ExportFormat, fail_with: str | None = None) -> Renderers:
    """Fake renderers for ``formats`` (default: PDF, DOCX and Markdown)."""
    chosen = formats or ("pdf", "docx", "markdown")
    return Renderers({f: FakeRenderer(f, fail_with) for f in chosen})
