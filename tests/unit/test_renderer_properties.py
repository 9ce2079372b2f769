"""Any document renders to a file or a ``RenderError``, in every format: never anything else."""

from __future__ import annotations

import asyncio
import io

import pypdf
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.exports.templates import TEMPLATES, RenderOptions
from resumecore.model.document import Entry, Line, Section, WrittenDocument
from resumecore.ports.renderer import RenderError
from resumecore_server.adapters.render.docx_renderer import DocxRenderer
from resumecore_server.adapters.render.markdown import MarkdownRenderer
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer

KINDS = ["header", "summary", "skills", "experience", "projects", "education", "certifications",
         "languages", "greeting", "body", "closing"]  # fmt: skip
# Latin (basic, supplement, extended), Greek, Cyrillic, punctuation, and controls/bidi.
ALPHABET = st.characters(
    codec="utf-8",
    categories=["L", "M", "N", "P", "S", "Zs", "Cc", "Cf"],
    max_codepoint=0x4FF,
) | st.sampled_from(list("\u202a\u202e\u2066\u2069\u2013\u2014\u2019\u201c\u201d\u2022#$*_<>@[]\\"))
TEXT = st.text(ALPHABET, max_size=60)
LINE = st.builds(lambda t: Line(text=t), TEXT)
ENTRY = st.builds(lambda h, ls: Entry(heading=h, lines=tuple(ls)), LINE, st.lists(LINE, max_size=4))
SECTION = st.builds(
    lambda k, t, es: Section(kind=k, title=t, entries=tuple(es)),
    st.sampled_from(KINDS), TEXT, st.lists(ENTRY, min_size=1, max_size=3),
)  # fmt: skip
DOCUMENT = st.builds(
    lambda kind, sections: WrittenDocument(document_type=kind, sections=tuple(sections), text=""),
    st.sampled_from(["resume", "cover_letter"]),
    st.lists(SECTION, max_size=5),
)
OPTIONS = st.builds(
    RenderOptions,
    font_family=st.sampled_from(["Arial", "Times New Roman", "Calibri", "Helvetica"]),
    accent_color=st.sampled_from(["blue", "green", "red", "purple", "orange"]),
    font_size=st.sampled_from([9.0, 10.5, 13.0]),
    paper=st.sampled_from(["letter", "a4"]),
    margin_mm=st.sampled_from([10.0, 18.0, 30.0]),
    max_pages=st.sampled_from([None, 1, 2]),
)
TEMPLATE = st.sampled_from([t.id for t in TEMPLATES])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=DOCUMENT, template_id=TEMPLATE, options=OPTIONS)
def test_pdf_is_a_file_or_a_render_error(
    document: WrittenDocument, template_id: str, options: RenderOptions
) -> None:
    try:
        out = TypstPdfRenderer().render_sync(document, template_id, options)
    except RenderError:
        return  # any other exception fails the test
    pages = len(pypdf.PdfReader(io.BytesIO(out.content)).pages)
    assert out.page_count == pages
    if options.max_pages is not None:
        assert pages <= options.max_pages


@settings(max_examples=60, deadline=None)
@given(document=DOCUMENT, template_id=TEMPLATE, options=OPTIONS)
def test_docx_and_markdown_always_render(
    document: WrittenDocument, template_id: str, options: RenderOptions
) -> None:
    word = DocxRenderer().render_sync(document, template_id, options)
    Document(io.BytesIO(word.content))
    markdown = asyncio.run(MarkdownRenderer().render(document, template_id, options))
    text = markdown.content.decode()
    assert "\u202e" not in text
    assert "\x00" not in text
