"""The JSON Resume schema's shapes: types and date patterns, checked before importing."""

from __future__ import annotations

import re
from typing import Any

from resumecore.errors import FieldError

PROFILES = "basics.profiles"
_DATE = re.compile(r"[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?")
SHAPES = {  # (string fields, date fields, string-array fields), as in the official schema
    "basics": ("name label image email phone url summary", "", ""),
    "basics.location": ("address postalCode city countryCode region", "", ""),
    PROFILES: ("network username url", "", ""),
    "work": ("name location description position url summary", "startDate endDate", "highlights"),
    "volunteer": ("organization position url summary", "startDate endDate", "highlights"),
    "education": ("institution url area studyType score", "startDate endDate", "courses"),
    "awards": ("title awarder summary", "date", ""),
    "certificates": ("name url issuer", "date", ""),
    "publications": ("name publisher url summary", "releaseDate", ""),
    "skills": ("name level", "", "keywords"),
    "languages": ("language fluency", "", ""),
    "interests": ("name", "", "keywords"),
    "references": ("name reference", "", ""),
    "projects": (
        "name description url entity type",
        "startDate endDate",
        "highlights keywords roles",
    ),
    "meta": ("canonical version lastModified", "", ""),
}
OBJECTS = ("basics", "basics.location", "meta")


def shape_problems(document: Any) -> list[FieldError]:
    """Every place ``document`` breaks the JSON Resume schema's types or date pattern.

    Formats (``email``, ``uri``) are not checked, as JSON Schema validators do by default.
    """
    if not isinstance(document, dict):
        return [FieldError("invalid_type", "Must be an object.")]
    schema = document.get("$schema", "")
    found = [] if isinstance(schema, str) else [_bad("$schema", "a string", schema)]
    basics = document.get("basics")
    nested = {f"basics.{k}": v for k, v in basics.items()} if isinstance(basics, dict) else {}
    # A top-level key with a dot is an unknown extra key, never a basics field.
    pairs = [(k, v) for k, v in document.items() if "." not in k] + list(nested.items())
    for key, value in pairs:
        if key in SHAPES:
            found += _shape(value, key, many=key not in OBJECTS)
    return found


def _shape(value: Any, path: str, *, many: bool, shape: str = "") -> list[FieldError]:
    if many:
        if not isinstance(value, list):
            return [_bad(path, "an array", value)]
        return [
            p
            for i, item in enumerate(value)
            for p in _shape(item, f"{path}[{i}]", many=False, shape=path)
        ]
    if not isinstance(value, dict):
        return [_bad(path, "an object", value)]
    strings, dates, arrays = (names.split() for names in SHAPES[shape or path])
    found = [
        _bad(f"{path}.{k}", "a string", value[k])
        for k in strings
        if k in value and not isinstance(value[k], str)
    ]
    found += [
        FieldError(
            "invalid_date", "Use YYYY, YYYY-MM or YYYY-MM-DD." + _null_hint(value[k]), f"{path}.{k}"
        )
        for k in dates
        if k in value and not (isinstance(value[k], str) and _DATE.fullmatch(value[k]))
    ]
    return found + [
        _bad(f"{path}.{k}", "an array of strings", value[k])
        for k in arrays
        if k in value
        and not (isinstance(value[k], list) and all(isinstance(s, str) for s in value[k]))
    ]


def _bad(path: str, expected: str, value: Any) -> FieldError:
    return FieldError("invalid_type", f"Must be {expected}.{_null_hint(value)}", path)


def _null_hint(value: Any) -> str:
    # Exporters often write null for "none" (an endDate of a current role); the schema has no
    # null, but leaving the key out says the same.
    return " The schema has no null: leave the field out instead." if value is None else ""
