"""The Export aggregate: one rendered file of a generation, where it is kept, until when."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import msgspec

from resumecore.exports.recheck import FileCheck
from resumecore.exports.templates import ExportFormat, RenderOptions
from resumecore.ids import UserId
from resumecore.model.document import DocumentType

DEFAULT_TTL_DAYS = 30
MAX_SLUG = 40


class Export(msgspec.Struct, frozen=True, kw_only=True):
    """A file rendered from one of the user's generations.

    ``job_title`` and ``company`` are what the job said when the file was made, so the file
    still says what it was for after the job is deleted. ``storage_key`` is where the
    ``FileStore`` keeps the bytes; ``checksum`` is their SHA-256 (hex).
    """

    id: str
    user_id: UserId
    generation_id: str
    job_id: str
    job_title: str = ""
    company: str = ""
    document_type: DocumentType
    format: ExportFormat
    template: str
    options: RenderOptions
    filename: str
    media_type: str
    file_size_bytes: int
    page_count: int | None = None
    checksum: str
    dropped: tuple[str, ...] = ()
    ats_check: FileCheck | None = None
    storage_key: str
    created_at: datetime
    expires_at: datetime

    def expired(self, now: datetime) -> bool:
        """Past its ``expires_at``: treated as gone."""
        return self.expires_at <= now


class ExportFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a listing of exports may be narrowed to; ``alive_at`` hides the expired ones."""

    format: ExportFormat | None = None
    job_id: str | None = None
    alive_at: datetime | None = None


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (at most 40 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:MAX_SLUG].strip("-")


def export_filename(document_type: DocumentType, company: str, at: datetime, extension: str) -> str:
    """``resume-acme-analytics-2026-12-02.pdf``: safe in any filesystem and header."""
    parts = [document_type.replace("_", "-"), slug(company), at.date().isoformat()]
    extension = slug(extension.lstrip(".")) or "bin"
    return "-".join(p for p in parts if p) + "." + extension
