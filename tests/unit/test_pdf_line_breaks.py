"""Where the PDF templates may break a line: never inside a heading's dates or a contact link."""

from __future__ import annotations

import io

import pypdf
import pytest

from resumecore.exports.templates import TEMPLATES, RenderOptions
from resumecore.generation.phrasing import DASH
from resumecore.model.document import Entry, Line, Section, WrittenDocument
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer

PDF = TypstPdfRenderer()
DATES = f"Sep 2020{DASH}Present"
LINK = "https://www.linkedin.com/in/zoe-muller-oster"
HEADER = f"zoe.muller@example.com | +1 503 555 0188 | Portland, OR | {LINK}"
# As long as a heading that wrapped between the dash and "Present" in every template.
HEADING = f"Registered Dental Hygienist · Pearl District Periodontics · Portland, OR · {DATES}"
EXPIRED = "expired May 2025"
# A certification's line that wrapped between "May" and "2025" in the modern template.
CERTIFICATION = (
    f"AWS Certified Solutions Architect Associate · Amazon Web Services · May 2022 · {EXPIRED}"
)


def _resume(heading: str) -> WrittenDocument:
    sections = (
        Section(
            kind="header",
            title="",
            entries=(Entry(heading=Line(text="Zoë Müller-Øster"), lines=(Line(text=HEADER),)),),
        ),
        Section(
            kind="experience",
            title="Experience",
            entries=(
                Entry(
                    heading=Line(text=heading),
                    lines=(Line(text="Administer local anesthesia under Oregon permit"),),
                ),
            ),
        ),
        Section(
            kind="certifications",
            title="Certifications",
            entries=(Entry(heading=Line(text=CERTIFICATION)),),
        ),
    )
    return WrittenDocument(document_type="resume", sections=sections, text="")


async def _lines(document: WrittenDocument, template_id: str) -> list[str]:
    rendered = await PDF.render(document, template_id, RenderOptions())
    reader = pypdf.PdfReader(io.BytesIO(rendered.content))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


@pytest.mark.parametrize("template_id", [t.id for t in TEMPLATES])
async def test_a_wrapped_heading_keeps_its_dates_and_the_contact_link_on_one_line(
    template_id: str,
) -> None:
    lines = await _lines(_resume(HEADING), template_id)
    assert any(line.endswith(DATES) for line in lines), lines
    assert any(LINK in line for line in lines), lines
    assert any(line.endswith(EXPIRED) for line in lines), lines
