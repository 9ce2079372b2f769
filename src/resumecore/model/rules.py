"""Small named validation rules.

Each returns problems instead of raising, so callers can collect every failure of a request
before answering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import msgspec

from resumecore.errors import FieldError
from resumecore.model.dates import is_partial_date, not_after

# C0 controls except tab, newline and carriage return: PostgreSQL text refuses NUL, and
# none of them belongs in a resume.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The characters ``str.isspace`` accepts (one search instead of a test per character).
_WHITESPACE = re.compile(r"\s")


def text(
    value: str | None, field: str, *, max_length: int, required: bool = False
) -> list[FieldError]:
    """A string within length limits; ``required`` means not blank."""
    # Blank: empty or only what ``str.strip`` removes (``isspace`` copies nothing).
    if value is None or not value or value.isspace():
        if required:
            return [FieldError("required", "This field is required.", field)]
        return []
    if len(value) > max_length:
        return [FieldError("too_long", f"Use at most {max_length} characters.", field)]
    if has_control_characters(value):
        return [FieldError("control_character", "Remove control characters.", field)]
    return []


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a C0 control other than tab, newline or carriage return."""
    return _CONTROL.search(value) is not None


def text_list(
    values: Sequence[str], field: str, *, max_items: int, max_length: int
) -> list[FieldError]:
    """A list of non-blank strings within limits."""
    if len(values) > max_items:
        return [FieldError("too_many", f"Use at most {max_items} items.", field)]
    problems: list[FieldError] = []
    for i, value in enumerate(values):
        problems += text(value, f"{field}[{i}]", max_length=max_length, required=True)
    return problems


def partial_date(value: str | None, field: str, *, required: bool = False) -> list[FieldError]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if value is None:
        return [FieldError("required", "This date is required.", field)] if required else []
    if not is_partial_date(value):
        return [FieldError("invalid_date", "Use YYYY, YYYY-MM or YYYY-MM-DD.", field)]
    return []


def date_order(start: str | None, end: str | None, field: str) -> list[FieldError]:
    """``start <= end`` when both are given."""
    if start and end and not not_after(start, end):
        return [FieldError("end_before_start", "The end date is before the start date.", field)]
    return []


def web_url(value: str | None, field: str) -> list[FieldError]:
    """An absolute http(s) URL of sane length."""
    if not value:
        return []
    if len(value) > 2048:
        return [FieldError("too_long", "Use at most 2048 characters.", field)]
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or _WHITESPACE.search(value):
        return [FieldError("invalid_url", "Use an http:// or https:// address.", field)]
    return []


def prefixed(prefix: str, problems: list[FieldError], index: int | None = None) -> list[FieldError]:
    """The same problems with their field paths under ``prefix``."""
    return [
        FieldError(p.code, p.message, _join(prefix, p.field), p.index if index is None else index)
        for p in problems
    ]


# msgspec names the place of a wrong value after its message: "... - at `$.items[0].name`".
_DECODE_PATH = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")
# ... and the field itself when one is unknown or missing.
_NAMED_FIELD = re.compile(r"^Object (?:contains unknown|missing required) field `(?P<name>[^`]+)`")


def decoding_problem(exc: msgspec.ValidationError, field: str) -> FieldError:
    """Msgspec's complaint about data read under ``field``, with the path in the field.

    ``Expected `str`, got `int` - at `$.full_name``` read under ``personal_info`` becomes
    ``personal_info.full_name``: "Expected `str`, got `int`.", so a caller learns which value to
    fix without reading msgspec's ``$`` notation.
    """
    message = str(exc)
    path = ""
    if located := _DECODE_PATH.search(message):
        message, path = message[: located.start()], located["path"]
    if named := _NAMED_FIELD.match(message):
        path = _join(path, named["name"]) or ""
    return FieldError("invalid_data", message.rstrip(".") + ".", _join(field, path))


def _join(prefix: str, field: str | None) -> str | None:
    if not (prefix and field):
        return field or prefix or None
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"
