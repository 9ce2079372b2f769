"""What an uploaded sample file must be: a ``.txt`` of UTF-8 text, not empty, at most 1 MiB.

Each rule raises a domain error naming the field, so the HTTP edge answers 413 or 422 and
never 500. Filenames are untrusted: only the last path component is kept, control and
formatting characters (bidi overrides included) are dropped, and the name is cut to
``MAX_FILENAME`` characters keeping its extension.
"""

from __future__ import annotations

import unicodedata

from resumecore.errors import ContentTooLarge, InvalidValue
from resumecore.model.document import DocumentType
from resumecore.samples.model import DOCUMENT_TYPES, MAX_SAMPLE_BYTES

MAX_FILENAME = 255
EXTENSION = ".txt"


def document_type(value: str) -> DocumentType:
    """``resume`` or ``cover_letter``; anything else is a 422 naming the field."""
    for known in DOCUMENT_TYPES:
        if value == known:
            return known
    raise InvalidValue.for_field(
        "document_type", "invalid_document_type", "document_type must be resume or cover_letter."
    )


def safe_filename(raw: str) -> str:
    """The name without folders or control characters, at most ``MAX_FILENAME`` long."""
    last = raw.replace("\\", "/").rsplit("/", 1)[-1]
    # Separators become spaces; control, format (bidi), surrogate and unassigned are dropped.
    spaced = "".join(
        " " if unicodedata.category(c).startswith("Z") else c
        for c in last
        if not unicodedata.category(c).startswith("C")
    )
    kept = " ".join(spaced.split()).strip(". ")
    if len(kept) > MAX_FILENAME:
        _, dot, extension = kept.rpartition(".")
        tail = f"{dot}{extension}" if dot and len(extension) < 16 else ""
        kept = kept[: MAX_FILENAME - len(tail)].rstrip() + tail
    return kept


def checked_filename(raw: str) -> str:
    """The safe name, which must end in ``.txt``."""
    name = safe_filename(raw)
    if not name.casefold().endswith(EXTENSION):
        raise InvalidValue.for_field(
            "file", "unsupported_file_type", "Only .txt files can be uploaded as samples."
        )
    return name


def sample_text(content: bytes) -> str:
    """The file's text: at most 1 MiB of UTF-8 (a BOM is dropped), not blank, no NUL."""
    if len(content) > MAX_SAMPLE_BYTES:
        raise ContentTooLarge("A sample file may be at most 1 MiB (1,048,576 bytes).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidValue.for_field(
            "file", "not_utf8", "The file is not UTF-8 text; save it as UTF-8 and try again."
        ) from None
    if "\x00" in text:
        raise InvalidValue.for_field("file", "not_text", "The file is not a text file.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InvalidValue.for_field("file", "empty_sample", "The file has no text.")
    return text
