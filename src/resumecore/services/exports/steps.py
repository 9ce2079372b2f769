"""The steps every export shares: choose the template and renderer, render, keep the file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping

from resumecore.errors import InvalidValue
from resumecore.exports.model import Export
from resumecore.exports.templates import ExportFormat, RenderOptions, template
from resumecore.model.document import WrittenDocument
from resumecore.ports.file_store import FileStore
from resumecore.ports.renderer import RenderedFile, Renderer, RenderError
from resumecore.ports.uow import UnitOfWorkFactory

FORMAT_NAMES: dict[str, str] = {
    "pdf": "PDF",
    "docx": "DOCX",
    "markdown": "Markdown",
    "json_resume": "JSON Resume",
}


def check_template(template_id: str, document_types: Iterable[str]) -> None:
    """422 for an unknown template or one that cannot lay out one of ``document_types``."""
    chosen = template(template_id)
    if chosen is None:
        raise InvalidValue.for_field("template", "unknown_template", "No such template.")
    for document_type in document_types:
        if document_type not in chosen.document_types:
            message = f"The {chosen.name} template cannot lay out a {document_type}."
            raise InvalidValue.for_field("template", "unsupported_document_type", message)


def renderer_for(renderers: Mapping[str, Renderer], export_format: ExportFormat) -> Renderer:
    """The renderer of ``export_format``; 422 when this server has none."""
    renderer = renderers.get(export_format)
    if renderer is None:
        name = FORMAT_NAMES.get(export_format, export_format)
        message = f"{name} export is not available on this server."
        raise InvalidValue.for_field("format", "format_unavailable", message)
    return renderer


async def render(
    renderer: Renderer, document: WrittenDocument, template_id: str, options: RenderOptions
) -> RenderedFile:
    """The file; a ``RenderError`` is a 422 carrying its message."""
    try:
        return await renderer.render(document, template_id, options)
    except RenderError as exc:
        raise InvalidValue(exc.message, code="render_failed") from None


async def keep(uow: UnitOfWorkFactory, files: FileStore, export: Export, content: bytes) -> None:
    """Store the bytes, then the record; if the record cannot be saved, the bytes go too."""
    await files.put(export.storage_key, content)
    try:
        async with uow() as unit:
            await unit.exports.add(export)
            await unit.commit()
    except BaseException:
        with contextlib.suppress(Exception):
            await files.delete(export.storage_key)
        raise
