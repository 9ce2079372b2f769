"""Writing samples in SQL: one row per sample, the style as msgspec JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Row, delete, func, insert, select, update

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.document import DocumentType
from resumecore.ports.samples import SampleRepository
from resumecore.samples.model import Sample, SampleInfo
from resumecore.samples.style import WritingStyle
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import writing_samples as samples

_style = msgspec.json.Decoder(WritingStyle)
_INFO = [c for c in samples.c if c.name != "full_text"]


def _columns(sample: Sample) -> dict[str, Any]:
    fields = msgspec.structs.asdict(sample)
    fields["writing_style"] = msgspec.json.encode(sample.writing_style).decode()
    return fields


def _info(row: Row[Any]) -> dict[str, Any]:
    fields = {c.name: getattr(row, c.name) for c in _INFO}
    fields["writing_style"] = _style.decode(row.writing_style)
    return fields


class SqlSampleRepository(SampleRepository):
    """``writing_samples``; the one-active rule is the partial unique index."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, sample: Sample) -> None:
        """Insert; ``Conflict`` on a taken id, an unknown owner or a second active sample."""
        try:
            await self._db.execute(insert(samples).values(**_columns(sample)))
        except Conflict as exc:
            msg = "Another upload of this type finished first; try again."
            raise Conflict(msg, code="sample_conflict") from exc

    async def get(self, sample_id: str) -> Sample | None:
        """By id, with its text."""
        row = (await self._db.execute(select(samples).where(samples.c.id == sample_id))).first()
        return Sample(**_info(row), full_text=row.full_text) if row else None

    async def list_for_user(self, user_id: UserId) -> list[SampleInfo]:
        """Newest first (ties by id, descending); the texts are not read."""
        query = (
            select(*_INFO)
            .where(samples.c.user_id == user_id)
            .order_by(samples.c.created_at.desc(), samples.c.id.desc())
        )
        return [SampleInfo(**_info(row)) for row in (await self._db.execute(query)).all()]

    async def count_for_user(self, user_id: UserId) -> int:
        """How many the user keeps."""
        query = select(func.count()).select_from(samples).where(samples.c.user_id == user_id)
        return int((await self._db.execute(query)).scalar_one())

    async def active(self, user_id: UserId, document_type: DocumentType) -> Sample | None:
        """The active one of that type."""
        query = select(samples).where(
            samples.c.user_id == user_id,
            samples.c.document_type == document_type,
            samples.c.is_active.is_(True),
        )
        row = (await self._db.execute(query)).first()
        return Sample(**_info(row), full_text=row.full_text) if row else None

    async def deactivate(self, user_id: UserId, document_type: DocumentType, at: datetime) -> None:
        """Clear the active flag of that type."""
        await self._db.execute(
            update(samples)
            .where(
                samples.c.user_id == user_id,
                samples.c.document_type == document_type,
                samples.c.is_active.is_(True),
            )
            .values(is_active=False, updated_at=at)
        )

    async def delete(self, sample_id: str) -> None:
        """Delete (nothing happens if it is gone)."""
        await self._db.execute(delete(samples).where(samples.c.id == sample_id))
