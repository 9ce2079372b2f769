"""The Sample aggregate: a user's own resume or cover letter, as plain text, and its style.

A user keeps at most ``MAX_SAMPLES_PER_USER`` samples; of each document type at most one is
active, the one writers follow. ``SampleInfo`` is everything but the text (what listings
carry), ``Sample`` adds the text.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from resumecore.ids import UserId
from resumecore.model.document import DocumentType
from resumecore.samples.style import WritingStyle

MAX_SAMPLE_BYTES = 1024 * 1024
MAX_SAMPLES_PER_USER = 20
DOCUMENT_TYPES: tuple[DocumentType, ...] = ("resume", "cover_letter")


class SampleInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A sample without its text.

    ``original_filename`` is the uploaded name made safe (``filenames.safe_filename``);
    ``word_count`` counts whitespace-separated words, ``character_count`` code points.
    """

    id: str
    user_id: UserId
    document_type: DocumentType
    original_filename: str
    word_count: int
    character_count: int
    writing_style: WritingStyle
    is_active: bool
    created_at: datetime
    updated_at: datetime


class Sample(SampleInfo, frozen=True, kw_only=True):
    """A sample with its full text."""

    full_text: str

    def info(self) -> SampleInfo:
        """The sample without its text."""
        fields = msgspec.structs.asdict(self)
        del fields["full_text"]
        return SampleInfo(**fields)
