r"""Markdown: ``#`` name, ``##`` section titles, ``###`` entry headings, ``-`` bullets.

Every piece of user text is escaped so it stays text: a backslash goes before each character
CommonMark could read as markup anywhere in a line (``\ ` * _ [ ] ( ) # < > ! | ~ { } & "
and ``'``), and at the start of a line before ``-``, ``+``, ``=`` and an ordered-list number's
``.``/``)``; so no line can become a link, an image, a heading, a list, HTML, an entity or
emphasis. Text is cleaned first (``text.clean_document``), which keeps each line on one line.
"""

from __future__ import annotations

import re

from resumecore.exports.templates import ExportFormat, RenderOptions, template
from resumecore.model.document import WrittenDocument
from resumecore.ports.renderer import RenderedFile, RenderError
from resumecore_server.adapters.render.text import clean_document, layout

_INLINE = re.compile(r"([\\`*_\[\]()#<>!|~{}&\"'])")
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape(text: str) -> str:
    """``text`` as Markdown that displays exactly ``text``."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def to_markdown(document: WrittenDocument) -> str:
    """The cleaned document as Markdown."""
    document = clean_document(document)
    blocks: list[str] = []
    letter = document.document_type == "cover_letter"
    for section in document.sections:
        kind = layout(section)
        if kind == "header":
            for entry in section.entries:
                blocks.append(f"# {escape(entry.heading.text)}")
                if entry.lines:
                    blocks.append(" \\| ".join(escape(line.text) for line in entry.lines))
            continue
        if not letter:
            blocks.append(f"## {escape(section.title)}")
        for entry in section.entries:
            lines = [escape(line.text) for line in entry.lines]
            heading = escape(entry.heading.text)
            if kind == "titled":
                blocks.append(f"### {heading}")
                if lines:
                    blocks.append("\n".join(f"- {line}" for line in lines))
            elif kind == "list":
                blocks.append("\n".join(f"- {line}" for line in (heading, *lines)))
            elif kind == "paragraph":
                blocks.append(" ".join((heading, *lines)))
            else:
                blocks.extend((heading, *lines))
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


class MarkdownRenderer:
    """The ``Renderer`` for Markdown (the options do not apply)."""

    format: ExportFormat = "markdown"

    async def render(
        self,
        document: WrittenDocument,
        template_id: str,
        options: RenderOptions,  # noqa: ARG002
    ) -> RenderedFile:
        """The Markdown file (UTF-8), or ``RenderError`` for an unknown template."""
        if template(template_id) is None:
            raise RenderError(f"There is no template {template_id!r}.")
        return RenderedFile(
            content=to_markdown(document).encode(),
            media_type="text/markdown; charset=utf-8",
            extension="md",
            page_count=None,
        )
