"""The templates a document can be rendered with, and the options a caller may choose.

Options are validated values only (names from fixed lists, numbers in ranges), never markup:
no text a user types can change how a document is laid out.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from resumecore.errors import FieldError, InvalidValue

ExportFormat = Literal["pdf", "docx", "markdown", "json_resume"]
FontFamily = Literal["Arial", "Times New Roman", "Calibri", "Helvetica"]
AccentColor = Literal["blue", "green", "red", "purple", "orange"]
Paper = Literal["letter", "a4"]
ACCENT_HEX: dict[str, str] = {
    "blue": "#1f4e79",
    "green": "#2e6b3a",
    "red": "#9b2c2c",
    "purple": "#5b3a8c",
    "orange": "#b35c00",
}
FONT_SIZES = (9.0, 13.0)
MARGINS_MM = (10.0, 30.0)


class Customization(msgspec.Struct, frozen=True, kw_only=True):
    """Which options a template honours (the app reads these two flags)."""

    accent_color: bool = True
    font_family: bool = True


class Template(msgspec.Struct, frozen=True, kw_only=True):
    """A layout, as ``GET /exports/templates`` lists it (the app's Template model)."""

    id: str
    name: str
    description: str
    ats_score: int
    industries: tuple[str, ...]
    supports_customization: Customization
    document_types: tuple[str, ...]
    single_column: bool
    preview_url: str | None = None


TEMPLATES: tuple[Template, ...] = (
    Template(
        id="modern",
        name="Modern",
        description="Clean sans-serif layout with a coloured name and section rules.",
        ats_score=90,
        industries=("technology", "business", "design"),
        supports_customization=Customization(),
        document_types=("resume", "cover_letter"),
        single_column=True,
    ),
    Template(
        id="classic",
        name="Classic",
        description="Traditional serif layout with centred headings.",
        ats_score=92,
        industries=("finance", "law", "education", "healthcare", "public sector"),
        supports_customization=Customization(),
        document_types=("resume", "cover_letter"),
        single_column=True,
    ),
    Template(
        id="creative",
        name="Creative",
        description="A bold header band in the accent colour and roomy spacing.",
        ats_score=80,
        industries=("marketing", "media", "design", "hospitality"),
        supports_customization=Customization(),
        document_types=("resume", "cover_letter"),
        single_column=True,
    ),
    Template(
        id="ats-optimized",
        name="ATS optimized",
        description="Plain single column, standard headings, no colour: what parsers read best.",
        ats_score=98,
        industries=("any",),
        supports_customization=Customization(accent_color=False, font_family=True),
        document_types=("resume", "cover_letter"),
        single_column=True,
    ),
)


class RenderOptions(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How to lay a document out; every value from a fixed list or range."""

    font_family: FontFamily = "Calibri"
    accent_color: AccentColor = "blue"
    font_size: float = 10.5
    paper: Paper = "letter"
    margin_mm: float = 18.0
    max_pages: int | None = None


def template(template_id: str) -> Template | None:
    """The template with this id, or None."""
    return next((t for t in TEMPLATES if t.id == template_id), None)


def check_render_options(options: RenderOptions) -> None:
    """``InvalidValue`` naming every option out of its range."""
    found: list[FieldError] = []
    low, high = FONT_SIZES
    if not low <= options.font_size <= high:
        found.append(FieldError("out_of_range", f"Use {low} to {high}.", "options.font_size"))
    low, high = MARGINS_MM
    if not low <= options.margin_mm <= high:
        found.append(FieldError("out_of_range", f"Use {low} to {high}.", "options.margin_mm"))
    if options.max_pages is not None and options.max_pages not in {1, 2}:
        found.append(FieldError("out_of_range", "Use 1 or 2.", "options.max_pages"))
    if found:
        raise InvalidValue("Some options are out of range.", errors=found)
