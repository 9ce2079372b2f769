"""The ATS re-check reads every rendered format back and finds what was written, in order."""

from __future__ import annotations

import msgspec
import pytest

from resumecore.exports.recheck import recheck
from resumecore.exports.templates import TEMPLATES, RenderOptions
from resumecore.model.document import WrittenDocument
from resumecore.ports.renderer import Renderer
from resumecore_server.adapters.render.docx_renderer import DocxRenderer
from resumecore_server.adapters.render.extract import extract_text
from resumecore_server.adapters.render.markdown import MarkdownRenderer
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer
from tests.unit.test_renderers import with_text, written

RENDERERS: list[Renderer] = [TypstPdfRenderer(), DocxRenderer(), MarkdownRenderer()]


@pytest.mark.parametrize("renderer", RENDERERS, ids=lambda r: r.format)
@pytest.mark.parametrize("template_id", [t.id for t in TEMPLATES])
async def test_every_written_line_is_read_back_in_order(
    renderer: Renderer, template_id: str
) -> None:
    resume, letter = await written()
    for document in (resume, letter):
        rendered = await renderer.render(document, template_id, RenderOptions())

        check = recheck(
            document,
            extract_text(rendered.content, renderer.format),
            with_titles=document.document_type == "resume",
        )

        assert check.passed, check
        assert check.lines_found == check.lines_expected > 5
        assert check.email_found is not False


def _without_line(document: WrittenDocument, text: str) -> WrittenDocument:
    sections = tuple(
        msgspec.structs.replace(
            section,
            entries=tuple(
                msgspec.structs.replace(
                    entry, lines=tuple(line for line in entry.lines if line.text != text)
                )
                for entry in section.entries
            ),
        )
        for section in document.sections
    )
    return msgspec.structs.replace(document, sections=sections)


async def test_a_line_missing_from_the_file_and_lines_out_of_order_are_reported() -> None:
    resume, _ = await written()
    experience = next(s for s in resume.sections if s.kind == "experience")
    bullet = experience.entries[0].lines[0].text
    renderer = TypstPdfRenderer()
    short = await renderer.render(_without_line(resume, bullet), "modern", RenderOptions())

    check = recheck(resume, extract_text(short.content, "pdf"), with_titles=True)

    assert check.missing == (bullet,)
    assert not check.passed
    swapped = recheck(resume, "\n".join(reversed(resume.text.splitlines())), with_titles=True)
    assert not swapped.in_order


async def test_lines_are_found_without_the_symbols_the_pdf_left_out() -> None:
    resume, _ = await written()
    pdf = TypstPdfRenderer()
    for renderer, left_out in ((pdf, True), (DocxRenderer(), False)):
        with_emoji = with_text(resume, "shipped 🚀\ufe0f fast")
        rendered = await renderer.render(with_emoji, "modern", RenderOptions())
        assert bool(rendered.left_out_symbols) is left_out
        text = extract_text(rendered.content, renderer.format)

        check = recheck(
            with_emoji, text, with_titles=True, left_out_symbols=rendered.left_out_symbols
        )
        unaware = recheck(with_emoji, text, with_titles=True)

        assert check.passed, check
        assert unaware.passed is not left_out
