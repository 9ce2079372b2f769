"""The PDF (Typst), DOCX and Markdown renderers: structure, golden page counts, injection."""

from __future__ import annotations

import io
import re

import markdown_it
import pypdf
import pytest
from docx import Document
from eval.tailoring_data import DATA, load_cases

from resumecore.exports.templates import TEMPLATES, RenderOptions
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.model.document import (
    CoverLetterOptions,
    Entry,
    Line,
    ResumeOptions,
    Section,
    WrittenDocument,
)
from resumecore.ports.renderer import RenderError
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.services.generations.run import MAX_BULLETS
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import select_for_resume
from resumecore_server.adapters.render import typst_pdf
from resumecore_server.adapters.render.docx_renderer import DocxRenderer
from resumecore_server.adapters.render.markdown import MarkdownRenderer, escape, to_markdown
from resumecore_server.adapters.render.text import clean_text, layout
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer

TEMPLATE_IDS = [t.id for t in TEMPLATES]
PDF, DOCX, MD = TypstPdfRenderer(), DocxRenderer(), MarkdownRenderer()
_WS = re.compile(r"\s+")
CASE = "data/data_scientist_plain_paragraphs"


async def written(
    name: str = CASE, experiences: int = 3
) -> tuple[WrittenDocument, WrittenDocument]:
    """A resume and a cover letter as the generation pipeline writes them (offline)."""
    case = next(c for c in load_cases(DATA) if c.name == name)
    vocabulary = default_vocabulary()
    relevance = await RelevanceScorer()(case.profile, case.job)
    plan = select_for_resume(
        case.profile, case.job, experiences, 3, MAX_BULLETS, vocabulary, list(relevance.scores)
    )
    writer = OfflineWriter()
    resume = await writer.write_resume(case.profile, case.job, plan, ResumeOptions())
    letter = await writer.write_cover_letter(case.profile, case.job, plan, CoverLetterOptions())
    return resume, letter


def flat(text: str) -> str:
    """Text with all whitespace and soft hyphen breaks removed, for order checks across wraps."""
    return _WS.sub("", text).casefold()


def pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)


def pdf_size(content: bytes) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(content)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in order in haystack (whitespace ignored)."""
    at, missing = 0, []
    flat_hay = flat(haystack)
    for needle in needles:
        found = flat_hay.find(flat(needle), at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(flat(needle))
    return missing


def rendered_lines(document: WrittenDocument) -> list[str]:
    """What should appear, in order (letters print no section titles)."""
    out = []
    for section in document.sections:
        if document.document_type == "resume" and layout(section) != "header":
            out.append(section.title)
        for entry in section.entries:
            out += [entry.heading.text, *(line.text for line in entry.lines)]
    return [o for o in out if o]


def long_resume(resume: WrittenDocument, copies: int = 4) -> WrittenDocument:
    sections = []
    for section in resume.sections:
        if section.kind == "experience":
            entries = tuple(
                Entry(
                    heading=Line(text=f"{e.heading.text} ({n})"),
                    lines=tuple(Line(text=f"{line.text} [{n}]") for line in e.lines),
                )
                for n in range(copies)
                for e in section.entries
            )
            sections.append(Section(kind=section.kind, title=section.title, entries=entries))
        else:
            sections.append(section)
    return WrittenDocument(document_type="resume", sections=tuple(sections), text=resume.text)


def with_text(document: WrittenDocument, text: str) -> WrittenDocument:
    """Every title, heading and line with ``text`` appended."""
    return WrittenDocument(
        document_type=document.document_type,
        sections=tuple(
            Section(
                kind=s.kind,
                title=f"{s.title} {text}",
                entries=tuple(
                    Entry(
                        heading=Line(text=f"{e.heading.text} {text}"),
                        lines=tuple(Line(text=f"{ln.text} {text}") for ln in e.lines),
                    )
                    for e in s.entries
                ),
            )
            for s in document.sections
        ),
        text=document.text,
    )


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("kind", ["resume", "cover_letter"])
async def test_pdf_renders_every_line_in_order(template_id: str, kind: str) -> None:
    resume, letter = await written()
    document = resume if kind == "resume" else letter
    rendered = await PDF.render(document, template_id, RenderOptions())
    assert rendered.content.startswith(b"%PDF")
    assert rendered.media_type == "application/pdf"
    assert rendered.page_count == 1  # golden: a 3-experience resume and a letter fit on one page
    assert pdf_size(rendered.content) == (612, 792)  # US letter
    text = pdf_text(rendered.content)
    expected = rendered_lines(document)
    assert in_order(text, expected) == []
    reader = pypdf.PdfReader(io.BytesIO(rendered.content))
    assert reader.metadata is not None
    assert reader.metadata.author == "Camille Rousseau"


async def test_pdf_options_apply() -> None:
    resume, _ = await written()
    a4 = await PDF.render(
        resume, "modern", RenderOptions(paper="a4", font_family="Times New Roman")
    )
    assert pdf_size(a4.content) == (595, 842)
    assert b"DejaVuSerif" in a4.content
    big = await PDF.render(resume, "modern", RenderOptions(font_size=13.0, margin_mm=30.0))
    assert big.page_count == 2  # golden: same resume, large type and margins
    assert b"DejaVuSans" in (await PDF.render(resume, "ats-optimized", RenderOptions())).content


async def test_pdf_unknown_template_and_undrawable_character() -> None:
    resume, _ = await written()
    with pytest.raises(RenderError, match="template"):
        await PDF.render(resume, "nope", RenderOptions())
    without_extra_fonts = TypstPdfRenderer(extra_font_dirs=())  # CJK: see test_renderers_cjk
    with pytest.raises(RenderError, match=r"U\+4E2D"):
        await without_extra_fonts.render(with_text(resume, "中"), "modern", RenderOptions())


async def test_pdf_leaves_out_symbols_its_font_lacks_but_not_letters() -> None:
    resume, _ = await written()
    emoji = "Shipped 🚀 fast ✅, coded 👩\u200d💻 with 🏋\ufe0f and 1\ufe0f\u20e3 ☕ ✓"
    out = await PDF.render(with_text(resume, emoji), "modern", RenderOptions())
    assert out.left_out_symbols == tuple(sorted("🚀✅👩💻🏋\u20e3"))
    text = pdf_text(out.content)
    assert "Shipped fast, coded with and 1 ☕ ✓" in " ".join(text.split())
    assert not set(out.left_out_symbols) & set(text)
    assert "\u200d" not in text
    assert "\ufe0f" not in text
    serif = RenderOptions(font_family="Times New Roman")  # DejaVu Serif has no Arabic letters
    with pytest.raises(RenderError, match=r"U\+0645"):
        await PDF.render(with_text(resume, "مرحبا 🚀"), "modern", serif)


def test_left_out_symbols_take_their_emoji_joiners_with_them() -> None:
    left_out = frozenset("🚀👩💻")
    assert clean_text("a 🚀\ufe0f b", left_out) == "a b"
    assert clean_text("👩\u200d💻 dev", left_out) == "dev"
    assert clean_text("a\u200db ☕\ufe0f", left_out) == "a\u200db ☕\ufe0f"
    assert clean_text("1\ufe0f\u20e3 x", frozenset("\u20e3")) == "1 x"


def test_punctuation_after_a_left_out_symbol_closes_onto_the_word() -> None:
    # "at Northgate Logistics 🌍." must not print as "at Northgate Logistics ." in the PDF.
    left_out = frozenset("🌍🚀")
    assert clean_text("at Northgate Logistics 🌍.", left_out) == "at Northgate Logistics."
    assert clean_text("Launch 🚀, then (test 🚀) it", left_out) == "Launch, then (test) it"
    assert clean_text("a 🚀 b", left_out) == "a b"
    assert clean_text("kept 🚀 . as written", frozenset()) == "kept 🚀 . as written"


async def test_max_pages_drops_lowest_relevance_content() -> None:
    resume, _ = await written()
    long = long_resume(resume)
    full = await PDF.render(long, "modern", RenderOptions())
    assert full.page_count is not None
    assert full.page_count >= 2
    fitted = await PDF.render(long, "modern", RenderOptions(max_pages=1))
    assert fitted.page_count == 1
    assert fitted.dropped
    last_bullets = [line.text for s in long.sections if s.kind == "experience"
                    for line in s.entries[-1].lines[1:]]  # fmt: skip
    assert fitted.dropped[0] == last_bullets[-1]  # the last bullet of the last experience first
    text = flat(pdf_text(fitted.content))
    assert all(flat(d) not in text for d in fitted.dropped if d.endswith("[3]"))
    two = await PDF.render(long, "modern", RenderOptions(max_pages=2))
    assert two.page_count is not None
    assert two.page_count <= 2


# --- injection ------------------------------------------------------------------------------

INJECTIONS = [
    "#set page(width: 1cm)",
    '#import "common.typ": data',
    "$x^2$",
    '#read("/etc/passwd")',
    "<label>",
    "@ref",
    "*bold* _em_",
    "back\\slash \\",
    "<script>alert(1)</script>",
    "[link](http://evil.example) ![i](x.png)",
    "# heading | pipe `code`",
    "]] ) } // /* comment",
]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
async def test_markup_in_text_renders_literally_in_pdf(template_id: str) -> None:
    resume, _ = await written()
    plain = await PDF.render(with_text(resume, "plain words here"), template_id, RenderOptions())
    hostile = with_text(resume, " ".join(INJECTIONS))
    rendered = await PDF.render(hostile, template_id, RenderOptions())
    assert rendered.page_count is not None
    assert plain.page_count is not None
    assert pdf_size(rendered.content) == pdf_size(plain.content)
    text = flat(pdf_text(rendered.content))
    for injection in INJECTIONS:
        assert flat(injection) in text, injection
    assert "root:" not in text


async def test_long_word_and_control_characters() -> None:
    resume, _ = await written()
    word = "x" * 300
    for renderer in (PDF, DOCX, MD):
        out = await renderer.render(
            with_text(resume, f"{word} a\x00b\x07c\x1bd"), "modern", RenderOptions()
        )
        assert out.content
    out = await PDF.render(with_text(resume, f"{word} a\x00b\x07c\x1bd"), "modern", RenderOptions())
    text = pdf_text(out.content)
    assert "abcd" in text
    assert flat(text).count(word) >= 1


def test_bidi_and_controls_are_dropped() -> None:
    assert clean_text("evil\u202egnp.exe") == "evilgnp.exe"
    assert clean_text("a\u2066b\u2069c\u200fd") == "abcd"
    assert clean_text("tab\there\nnew\x00line\x7f\x85") == "tab here newline"


async def test_bidi_neutralised_in_every_format() -> None:
    resume, _ = await written()
    hostile = with_text(resume, "moc.elpmaxe@\u202eevil")
    pdf = await PDF.render(hostile, "modern", RenderOptions())
    assert "\u202e" not in pdf_text(pdf.content)
    word = Document(io.BytesIO((await DOCX.render(hostile, "modern", RenderOptions())).content))
    assert all("\u202e" not in p.text for p in word.paragraphs)
    assert "\u202e" not in (await MD.render(hostile, "modern", RenderOptions())).content.decode()


# --- DOCX -----------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("kind", ["resume", "cover_letter"])
async def test_docx_structure(template_id: str, kind: str) -> None:
    resume, letter = await written()
    document = resume if kind == "resume" else letter
    rendered = await DOCX.render(document, template_id, RenderOptions(font_family="Arial"))
    assert rendered.page_count is None
    word = Document(io.BytesIO(rendered.content))
    assert not word.tables
    paragraphs = word.paragraphs
    styles = [p.style.name for p in paragraphs if p.style is not None]
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    if kind == "resume":
        assert paragraphs[0].style is not None
        assert paragraphs[0].style.name == "Title"
        assert paragraphs[0].text == "Camille Rousseau"
        assert headings == [s.title for s in document.sections if s.kind != "header"]
        titled = [
            e.heading.text for s in document.sections if layout(s) == "titled" for e in s.entries
        ]
        assert [
            p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 2"
        ] == titled
        assert "List Bullet" in styles
        assert word.core_properties.title == "Camille Rousseau - Resume"
    else:
        assert headings == []
    assert word.core_properties.author == "Camille Rousseau"
    assert word.styles["Normal"].font.name == "Arial"
    assert in_order("\n".join(p.text for p in paragraphs),
                    [line.text for line in document.lines()]) == []  # fmt: skip


async def test_docx_literal_text() -> None:
    resume, _ = await written()
    hostile = with_text(resume, " ".join(INJECTIONS))
    word = Document(io.BytesIO((await DOCX.render(hostile, "classic", RenderOptions())).content))
    text = "\n".join(p.text for p in word.paragraphs)
    for injection in INJECTIONS:
        assert injection in text


# --- Markdown -------------------------------------------------------------------------------


def md_plain(source: str) -> tuple[list[str], set[str]]:
    """The text of every inline run, and the token types seen."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(source)
    texts, types = [], set()
    for token in tokens:
        types.add(token.type)
        for child in token.children or []:
            types.add(child.type)
            if child.type == "text":
                texts.append(child.content)
    return texts, types


@pytest.mark.parametrize("kind", ["resume", "cover_letter"])
async def test_markdown_round_trip(kind: str) -> None:
    resume, letter = await written()
    document = resume if kind == "resume" else letter
    source = (await MD.render(document, "modern", RenderOptions())).content.decode()
    texts, _ = md_plain(source)
    assert in_order("\n".join(texts), [line.text for line in document.lines()]) == []
    if kind == "resume":
        assert source.startswith("# Camille Rousseau\n")


@pytest.mark.parametrize("injection", INJECTIONS)
def test_markdown_escapes_markup(injection: str) -> None:
    for text in (
        injection,
        f"1. {injection}",
        f"- {injection}",
        f"> {injection}",
        f"+ {injection}",
    ):
        texts, types = md_plain(escape(text))
        assert "".join(texts) == text
        assert not types & {"link_open", "image", "html_inline", "html_block", "em_open",
                            "strong_open", "heading_open", "code_inline", "bullet_list_open",
                            "ordered_list_open", "blockquote_open"}  # fmt: skip


async def test_markdown_document_with_injection_in_every_field() -> None:
    resume, _ = await written()
    hostile = with_text(resume, " ".join(INJECTIONS))
    texts, types = md_plain(to_markdown(hostile))
    assert "link_open" not in types
    assert "html_inline" not in types
    assert sum(" ".join(INJECTIONS) in t for t in texts) == len(hostile.lines()) + len(
        [s for s in hostile.sections if s.kind != "header"]
    )


def with_extra_bullets(resume: WrittenDocument, count: int) -> WrittenDocument:
    """``resume`` with ``count`` more bullets under its first experience."""
    sections = []
    for section in resume.sections:
        if section.kind == "experience" and section.entries:
            first, *rest = section.entries
            extra = tuple(Line(text=f"Extra bullet number {n} of the role") for n in range(count))
            first = Entry(heading=first.heading, lines=(*first.lines, *extra))
            sections.append(Section(kind=section.kind, title=section.title, entries=(first, *rest)))
        else:
            sections.append(section)
    return WrittenDocument(document_type="resume", sections=tuple(sections), text=resume.text)


async def test_a_slight_spill_onto_another_page_is_set_tighter_onto_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Seen in a recruiter's review: a second page holding only the Languages heading and line.
    resume, _ = await written()
    loose = TypstPdfRenderer()
    with monkeypatch.context() as patched:
        patched.setattr(typst_pdf, "COMPACT", 1.0)  # the tighter try changes nothing
        count = 0
        while (
            await loose.render(with_extra_bullets(resume, count), "modern", RenderOptions())
        ).page_count == 1:
            count += 1
            assert count < 80
    spilling = with_extra_bullets(resume, count)  # the first that spills onto a second page
    rendered = await PDF.render(spilling, "modern", RenderOptions())
    assert rendered.page_count == 1
    assert rendered.dropped == ()
    assert in_order(flat(pdf_text(rendered.content)), rendered_lines(spilling)) == []
    # A document that needs its pages keeps them, nothing dropped.
    long = long_resume(resume)
    assert ((await PDF.render(long, "modern", RenderOptions())).page_count or 0) >= 2
