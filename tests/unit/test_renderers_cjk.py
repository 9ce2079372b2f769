"""CJK text in PDFs: drawn with the extra fonts (Noto CJK, which ``.ci/run`` installs as
``fonts-noto-cjk``), read back from the PDF with pypdf; without them a ``RenderError``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest

from resumecore.exports.templates import TEMPLATES, RenderOptions
from resumecore.model.document import Entry, Line, Section, WrittenDocument
from resumecore.ports.renderer import RenderError
from resumecore_server.adapters.render import typst_pdf
from resumecore_server.adapters.render.fonts import (
    NOTO_CJK_DIR,
    default_extra_font_dirs,
    extra_fonts,
)
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer
from resumecore_server.entrypoints.bootstrap import available_renderers
from tests.unit.test_renderers import flat, pdf_text, written

CHINESE_NAME = "张伟"
JAPANESE_NAME = "山田太郎"
CHINESE_BULLET = "负责后端服务的设计与开发"
JAPANESE_BULLET = "東京でデータ基盤を構築しました"


def with_cjk(document: WrittenDocument) -> WrittenDocument:
    """The header's name in Chinese and Japanese; a Chinese and a Japanese line in section 2."""
    sections = list(document.sections)
    header = sections[0]
    first = header.entries[0]
    name = Line(text=f"{CHINESE_NAME} {JAPANESE_NAME} {first.heading.text}")
    sections[0] = Section(
        kind=header.kind, title=header.title, entries=(Entry(heading=name, lines=first.lines),)
    )
    target = next(i for i, s in enumerate(sections) if i > 0 and s.entries)
    section = sections[target]
    entry = section.entries[0]
    lines = (*entry.lines, Line(text=CHINESE_BULLET), Line(text=JAPANESE_BULLET))
    sections[target] = Section(
        kind=section.kind,
        title=section.title,
        entries=(Entry(heading=entry.heading, lines=lines), *section.entries[1:]),
    )
    return WrittenDocument(
        document_type=document.document_type, sections=tuple(sections), text=document.text
    )


def test_the_noto_cjk_fonts_are_installed_and_found() -> None:
    assert NOTO_CJK_DIR.is_dir(), "install fonts-noto-cjk (.ci/run does)"
    assert default_extra_font_dirs() == (str(NOTO_CJK_DIR),)
    families = [f.family for f in extra_fonts(default_extra_font_dirs())]
    assert any("CJK" in f for f in families), families


@pytest.mark.parametrize("template_id", [t.id for t in TEMPLATES])
@pytest.mark.parametrize("font_family", ["Calibri", "Times New Roman"])
async def test_cjk_text_renders_and_reads_back(template_id: str, font_family: str) -> None:
    resume, _ = await written()
    pdf = TypstPdfRenderer()  # the default: Noto CJK's folder
    rendered = await pdf.render(
        with_cjk(resume), template_id, RenderOptions(font_family=font_family)
    )
    text = flat(pdf_text(rendered.content))
    for wanted in (CHINESE_NAME, JAPANESE_NAME, CHINESE_BULLET, JAPANESE_BULLET):
        assert flat(wanted) in text, wanted


async def test_without_extra_fonts_cjk_is_a_render_error() -> None:
    resume, _ = await written()
    for pdf in (
        TypstPdfRenderer(extra_font_dirs=()),
        available_renderers("").get("pdf"),  # RESUMECORE_EXTRA_FONT_DIRS=""
    ):
        assert pdf is not None
        with pytest.raises(
            RenderError, match=r"DejaVu Sans cannot draw .*\(U\+3057\).* and \d+ more"
        ):
            await pdf.render(with_cjk(resume), "modern", RenderOptions())


async def test_the_setting_names_the_folders(tmp_path: Path) -> None:
    resume, _ = await written()
    empty = tmp_path / "no-fonts-here"
    empty.mkdir()
    renderers = available_renderers(f"{empty}:{NOTO_CJK_DIR}")
    pdf = renderers.get("pdf")
    assert pdf is not None
    rendered = await pdf.render(with_cjk(resume), "classic", RenderOptions())
    assert flat(JAPANESE_BULLET) in flat(pdf_text(rendered.content))
    only_empty = available_renderers(str(empty)).get("pdf")
    assert only_empty is not None
    with pytest.raises(RenderError):
        await only_empty.render(with_cjk(resume), "classic", RenderOptions())


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts the PDF's pages use."""
    names: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        names |= {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    return names


async def test_the_cjk_fonts_are_loaded_only_for_a_document_that_needs_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resume, _ = await written()
    loaded: list[tuple[str, ...]] = []
    load = typst_pdf._fonts  # the one place Typst is given font folders

    def recording(dirs: tuple[str, ...]) -> object:
        loaded.append(dirs)
        return load(dirs)

    monkeypatch.setattr(typst_pdf, "_fonts", recording)
    pdf = TypstPdfRenderer()  # the default: Noto CJK's folder as a fallback
    assert pdf.extra_font_dirs == (str(NOTO_CJK_DIR),)

    latin = await pdf.render(resume, "modern", RenderOptions())
    assert loaded, "Typst was given no fonts"
    assert all(str(NOTO_CJK_DIR) not in dirs for dirs in loaded), loaded
    assert not any("CJK" in name for name in embedded_fonts(latin.content))

    loaded.clear()
    cjk = await pdf.render(with_cjk(resume), "modern", RenderOptions())
    assert all(str(NOTO_CJK_DIR) in dirs for dirs in loaded), loaded
    assert any("CJK" in name for name in embedded_fonts(cjk.content))
    assert flat(CHINESE_BULLET) in flat(pdf_text(cjk.content))
