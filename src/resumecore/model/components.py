"""Profile components: immutable values with profile-scoped ids, each with its own rules."""

from __future__ import annotations

from typing import Any, Literal, get_args

import msgspec

from resumecore.errors import FieldError
from resumecore.model import rules

ComponentKind = Literal["experience", "education", "project", "certification"]
Proficiency = Literal["native", "fluent", "conversational", "basic"]

SHORT = 200
LONG = 5000
ITEM = 1000
# Written only by profile enhancement: a client's value is ignored.
SERVER_WRITTEN = frozenset({"enhanced_description"})


class Experience(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A job held. ``is_current`` means no end date."""

    id: str = ""
    title: str
    company: str
    location: str | None = None
    start_date: str
    end_date: str | None = None
    is_current: bool = False
    description: str | None = None
    achievements: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    employment_type: str | None = None
    industry: str | None = None
    enhanced_description: str | None = None

    def problems(self) -> list[FieldError]:
        """Every rule this experience breaks, with field names."""
        return [
            *rules.text(self.title, "title", max_length=SHORT, required=True),
            *rules.text(self.company, "company", max_length=SHORT, required=True),
            *rules.text(self.location, "location", max_length=SHORT),
            *rules.partial_date(self.start_date, "start_date", required=True),
            *rules.partial_date(self.end_date, "end_date"),
            *rules.date_order(self.start_date, self.end_date, "end_date"),
            *rules.text(self.description, "description", max_length=LONG),
            *rules.text_list(self.achievements, "achievements", max_items=50, max_length=ITEM),
            *rules.text_list(self.technologies, "technologies", max_items=50, max_length=100),
            *rules.text(self.employment_type, "employment_type", max_length=50),
            *rules.text(self.industry, "industry", max_length=SHORT),
            *rules.text(self.enhanced_description, "enhanced_description", max_length=LONG),
            *_ongoing_without_end(self.is_current, self.end_date, "A current position"),
        ]


class Education(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A degree or course; ``end_date`` may be absent while in progress."""

    id: str = ""
    institution: str
    degree: str
    field_of_study: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    is_current: bool = False
    gpa: float | None = None
    honors: tuple[str, ...] = ()
    description: str | None = None

    def problems(self) -> list[FieldError]:
        """Every rule this entry breaks."""
        found = [
            *rules.text(self.institution, "institution", max_length=SHORT, required=True),
            *rules.text(self.degree, "degree", max_length=SHORT, required=True),
            *rules.text(self.field_of_study, "field_of_study", max_length=SHORT),
            *rules.partial_date(self.start_date, "start_date"),
            *rules.partial_date(self.end_date, "end_date"),
            *rules.date_order(self.start_date, self.end_date, "end_date"),
            *rules.text_list(self.honors, "honors", max_items=20, max_length=300),
            *rules.text(self.description, "description", max_length=LONG),
            *_ongoing_without_end(self.is_current, self.end_date, "Current studies"),
        ]
        if self.gpa is not None and not 0 <= self.gpa <= 4:
            found.append(FieldError("gpa_out_of_range", "GPA must be between 0 and 4.", "gpa"))
        return found


class Project(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Something built; dates optional."""

    id: str = ""
    name: str
    description: str | None = None
    technologies: tuple[str, ...] = ()
    url: str | None = None
    repository_url: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    is_ongoing: bool = False
    highlights: tuple[str, ...] = ()
    enhanced_description: str | None = None

    def problems(self) -> list[FieldError]:
        """Every rule this project breaks."""
        return [
            *rules.text(self.name, "name", max_length=SHORT, required=True),
            *rules.text(self.description, "description", max_length=LONG),
            *rules.text_list(self.technologies, "technologies", max_items=50, max_length=100),
            *rules.web_url(self.url, "url"),
            *rules.web_url(self.repository_url, "repository_url"),
            *rules.partial_date(self.start_date, "start_date"),
            *rules.partial_date(self.end_date, "end_date"),
            *rules.date_order(self.start_date, self.end_date, "end_date"),
            *rules.text_list(self.highlights, "highlights", max_items=50, max_length=ITEM),
            *rules.text(self.enhanced_description, "enhanced_description", max_length=LONG),
            *_ongoing_without_end(self.is_ongoing, self.end_date, "An ongoing project"),
        ]


class Certification(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A certificate or licence."""

    id: str = ""
    name: str
    issuer: str | None = None
    date_obtained: str | None = None
    expiry_date: str | None = None
    credential_id: str | None = None

    def problems(self) -> list[FieldError]:
        """Every rule this certification breaks."""
        return [
            *rules.text(self.name, "name", max_length=SHORT, required=True),
            *rules.text(self.issuer, "issuer", max_length=SHORT),
            *rules.partial_date(self.date_obtained, "date_obtained"),
            *rules.partial_date(self.expiry_date, "expiry_date"),
            *rules.date_order(self.date_obtained, self.expiry_date, "expiry_date"),
            *rules.text(self.credential_id, "credential_id", max_length=SHORT),
        ]


Component = Experience | Education | Project | Certification


def _ongoing_without_end(ongoing: bool, end_date: str | None, what: str) -> list[FieldError]:
    if ongoing and end_date:
        return [FieldError("current_with_end_date", f"{what} has no end date.", "end_date")]
    return []


COMPONENT_TYPES: dict[str, type[Experience | Education | Project | Certification]] = {
    "experience": Experience,
    "education": Education,
    "project": Project,
    "certification": Certification,
}


def kind_of(component: Component) -> ComponentKind:
    """The kind name of a component."""
    kinds: dict[type, ComponentKind] = {
        Experience: "experience",
        Education: "education",
        Project: "project",
        Certification: "certification",
    }
    return kinds[type(component)]


def _optional_text_fields(component_type: type[msgspec.Struct]) -> frozenset[str]:
    return frozenset(
        field.name
        for field in msgspec.structs.fields(component_type)
        if set(get_args(field.type)) == {str, type(None)}
    )


_OPTIONAL_TEXT = {kind: _optional_text_fields(cls) for kind, cls in COMPONENT_TYPES.items()}


def without_blanks(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with ``""`` in optional text fields read as absent (clients send both)."""
    optional = _OPTIONAL_TEXT[kind]
    return {key: None if value == "" and key in optional else value for key, value in data.items()}


def clean_item(kind: str, item: Any, item_id: str) -> Any:
    """``item`` under ``item_id``, blanks in optional text absent, no enhanced text."""
    fields = without_blanks(kind, {name: getattr(item, name) for name in item.__struct_fields__})
    if "enhanced_description" in fields:
        fields["enhanced_description"] = None
    return msgspec.structs.replace(item, **{**fields, "id": item_id})
