"""Where writing samples are kept."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from resumecore.ids import UserId
from resumecore.model.document import DocumentType
from resumecore.samples.model import Sample, SampleInfo


class SampleRepository(Protocol):
    """A user's writing samples (inside a unit of work).

    At most one sample per (user, document type) is active; storage enforces it, so adding an
    active sample while another is active is a ``Conflict`` (call ``deactivate`` first).
    """

    async def add(self, sample: Sample) -> None:
        """Insert. ``Conflict`` if the id is taken, the owner unknown, or a second active one."""
        ...

    async def get(self, sample_id: str) -> Sample | None:
        """By id (any owner), with its text, or None."""
        ...

    async def list_for_user(self, user_id: UserId) -> list[SampleInfo]:
        """Every sample of the user without the texts, newest first (ties by id)."""
        ...

    async def count_for_user(self, user_id: UserId) -> int:
        """How many samples the user keeps."""
        ...

    async def active(self, user_id: UserId, document_type: DocumentType) -> Sample | None:
        """The user's active sample of that type (the one writers follow), or None."""
        ...

    async def deactivate(self, user_id: UserId, document_type: DocumentType, at: datetime) -> None:
        """Make the user's active sample of that type inactive (``updated_at`` = ``at``), if any."""
        ...

    async def delete(self, sample_id: str) -> None:
        """Delete it (no error if it is gone already)."""
        ...
