"""The field table between our profile and JSON Resume, and the residue kept on import.

The mapping itself is documented in the package docstring (``resumecore.jsonresume``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from resumecore.jsonresume.shape import PROFILES
from resumecore.model.components import ITEM, LONG, SHORT

RESERVED = "jsonresume"
META_KEY = "resumecore"
TECHNICAL, SOFT = "Technical", "Soft skills"
FLUENCY = {
    "native": "Native speaker",
    "fluent": "Fluent",
    "conversational": "Conversational",
    "basic": "Basic",
}
NETWORKS = {"linkedin": "LinkedIn", "github": "GitHub"}
SECTIONS = ("basics", "work", "education", "projects", "skills", "languages", "certificates")
SOURCE = {
    "work": ("experiences",),
    "education": ("education",),
    "projects": ("projects",),
    "languages": ("skills", "languages"),
    "certificates": ("skills", "certifications"),
}
# (our field, JSON Resume field or None for a meta.resumecore note, kind); a kind is a length
# limit, (max items, max length) of a text list, or a named conversion.
FIELDS: dict[str, tuple[tuple[str, str | None, Any], ...]] = {
    "work": (
        ("company", "name", SHORT),
        ("title", "position", SHORT),
        ("location", "location", SHORT),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("description", "summary", LONG),
        ("achievements", "highlights", (50, ITEM)),
        ("technologies", None, (50, 100)),
        ("employment_type", None, 50),
        ("industry", None, SHORT),
        ("enhanced_description", None, LONG),
    ),
    "education": (
        ("institution", "institution", SHORT),
        ("degree", "studyType", SHORT),
        ("field_of_study", "area", SHORT),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("gpa", "score", "gpa"),
        ("honors", None, (20, 300)),
        ("is_current", None, "flag"),
        ("description", None, LONG),
    ),
    "projects": (
        ("name", "name", SHORT),
        ("description", "description", LONG),
        ("technologies", "keywords", (50, 100)),
        ("url", "url", "url"),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("highlights", "highlights", (50, ITEM)),
        ("repository_url", None, "url"),
        ("is_ongoing", None, "flag"),
        ("enhanced_description", None, LONG),
    ),
    "certificates": (
        ("name", "name", SHORT),
        ("issuer", "issuer", SHORT),
        ("date_obtained", "date", "start"),
        ("expiry_date", None, "end"),
        ("credential_id", None, SHORT),
    ),
    "languages": (("name", "language", 100), ("proficiency", "fluency", "fluency")),
    PROFILES: (("field", "network", "network"), ("url", "url", "url")),
}
CONVERT: dict[str, Callable[[Any], Any]] = {
    "gpa": repr,
    "fluency": FLUENCY.__getitem__,
    "network": NETWORKS.__getitem__,
}
FINGERPRINT = {
    "work": ("name", "startDate"),
    "education": ("institution",),
    "projects": ("name",),
    "certificates": ("name",),
    "languages": ("language",),
    PROFILES: ("network",),
}


class Patch(msgspec.Struct, omit_defaults=True):
    """Original values of ``keys`` (a key absent from ``doc`` was absent).

    Each is applied only while the mapped value still equals the one seen at import
    (``core``), so a later edit of the profile wins over the imported original.
    """

    keys: list[str] = []
    doc: dict[str, Any] = {}
    core: dict[str, Any] = {}


class Entry(msgspec.Struct, omit_defaults=True):
    """One imported array item: kept ``raw``, or mapped (found again by ``fp``) + ``patch``."""

    raw: dict[str, Any] | None = None
    fp: list[Any] = []
    patch: Patch | None = None


class SkillGroup(msgspec.Struct, omit_defaults=True):
    """One imported ``skills`` entry; its ``tied`` keywords (or its ``name``) are our skills."""

    doc: dict[str, Any]
    tied: list[int] = []
    name: bool = False
    soft: bool = False


class Residue(msgspec.Struct, omit_defaults=True):
    """What our model cannot hold of an imported document (``custom_fields[RESERVED]``)."""

    extra: dict[str, Any] = {}
    empty: list[str] = []
    basics: Patch | None = None
    lists: dict[str, list[Entry]] = {}
    skills: list[SkillGroup] | None = None
