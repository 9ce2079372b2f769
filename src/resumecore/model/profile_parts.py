"""The non-list parts of a profile: personal info, skills, custom fields."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from resumecore.errors import FieldError
from resumecore.model import rules
from resumecore.model.components import Certification, Proficiency
from resumecore.model.email import MAX_EMAIL_LENGTH

CUSTOM_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,49}$")
MAX_CUSTOM_FIELDS = 100
MAX_CUSTOM_FIELDS_BYTES = 64 * 1024


class PersonalInfo(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Contact details shown at the top of every resume."""

    full_name: str
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    linkedin: str | None = None
    github: str | None = None
    website: str | None = None

    def problems(self) -> list[FieldError]:
        """Every rule broken, with field names."""
        found = [
            *rules.text(self.full_name, "full_name", max_length=100, required=True),
            *rules.text(self.email, "email", max_length=MAX_EMAIL_LENGTH),
            *rules.text(self.phone, "phone", max_length=50),
            *rules.text(self.location, "location", max_length=200),
            *rules.web_url(self.linkedin, "linkedin"),
            *rules.web_url(self.github, "github"),
            *rules.web_url(self.website, "website"),
        ]
        if self.email and "@" not in self.email:
            found.append(FieldError("invalid_email", "Enter a valid e-mail address.", "email"))
        return found


class Language(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A spoken language and how well."""

    name: str
    proficiency: Proficiency = "conversational"


class Skills(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Skills in the user's order (never a set)."""

    technical: tuple[str, ...] = ()
    soft: tuple[str, ...] = ()
    languages: tuple[Language, ...] = ()
    certifications: tuple[Certification, ...] = ()

    def problems(self) -> list[FieldError]:
        """Every rule broken (certifications are checked as components)."""
        found = [
            *rules.text_list(self.technical, "technical", max_items=200, max_length=100),
            *rules.text_list(self.soft, "soft", max_items=100, max_length=100),
            *_duplicates(self.technical, "technical"),
            *_duplicates(self.soft, "soft"),
        ]
        if len(self.languages) > 50:
            found.append(FieldError("too_many", "Use at most 50 items.", "languages"))
        for i, language in enumerate(self.languages):
            found += rules.text(
                language.name, f"languages[{i}].name", max_length=100, required=True
            )
        return found


def _duplicates(values: tuple[str, ...], field: str) -> list[FieldError]:
    seen: set[str] = set()
    found = []
    for i, value in enumerate(values):
        folded = value.strip().casefold()
        if folded in seen:
            found.append(FieldError("duplicate", "This skill is listed twice.", f"{field}[{i}]"))
        seen.add(folded)
    return found


def custom_field_problems(fields: dict[str, Any]) -> list[FieldError]:
    """Keys 1-50 characters of letters, digits, space, ``_.-``; bounded count and size."""
    found = [
        FieldError(
            "invalid_key",
            "Keys are 1-50 letters, digits, spaces or _.-",
            f"custom_fields.{key[:60]}",
        )
        for key in fields
        if not CUSTOM_KEY.match(key)
    ]
    if len(fields) > MAX_CUSTOM_FIELDS:
        found.append(
            FieldError("too_many", f"Use at most {MAX_CUSTOM_FIELDS} fields.", "custom_fields")
        )
    try:
        size = len(msgspec.json.encode(fields))
    except UnicodeEncodeError:  # a lone surrogate: not text that can be stored or sent
        return [*found, FieldError("invalid_text", "Use valid Unicode text.", "custom_fields")]
    if size > MAX_CUSTOM_FIELDS_BYTES:
        found.append(
            FieldError("too_large", "Custom fields may hold at most 64 KiB.", "custom_fields")
        )
    return found
