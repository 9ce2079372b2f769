"""Writing-sample bodies: the multipart upload the app sends and the Sample it reads (S1-S4).

The app reads ``id`` (str), ``user_id`` **as int** (the owner's public number), document_type,
original_filename (str), word_count and character_count (int), ``full_text`` (str?),
``writing_style`` (Map?), ``is_active`` (bool?), created_at and updated_at. Listings carry no
``full_text`` (``null``): the app shows the text only in the detail view (S3), and twenty
1 MiB texts are no list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from litestar.datastructures import UploadFile
from msgspec import Meta

from resumecore.model.document import DocumentType
from resumecore.samples.model import Sample, SampleInfo
from resumecore.samples.style import WritingStyle
from resumecore_server.entrypoints.http.schemas.common import ResponseBody


@dataclass
class SampleUpload:
    """``POST /samples/upload`` (multipart): ``document_type`` and a ``.txt`` ``file``.

    ``document_type`` is any short text here so an unknown type is a 422 naming the field.
    """

    document_type: Annotated[str, Meta(max_length=40)]
    file: UploadFile


class SampleView(ResponseBody):
    """A Sample as the app reads it."""

    id: str
    user_id: int
    document_type: DocumentType
    original_filename: str
    word_count: int
    character_count: int
    full_text: str | None
    writing_style: WritingStyle
    is_active: bool
    created_at: datetime
    updated_at: datetime


class SampleList(ResponseBody):
    """``GET /samples``: every sample of the caller, newest first, and how many."""

    samples: list[SampleView]
    total: int


def sample_view(sample: SampleInfo, user_number: int) -> SampleView:
    """The wire shape; ``full_text`` only when ``sample`` carries it."""
    return SampleView(
        id=sample.id,
        user_id=user_number,
        document_type=sample.document_type,
        original_filename=sample.original_filename,
        word_count=sample.word_count,
        character_count=sample.character_count,
        full_text=sample.full_text if isinstance(sample, Sample) else None,
        writing_style=sample.writing_style,
        is_active=sample.is_active,
        created_at=sample.created_at,
        updated_at=sample.updated_at,
    )
