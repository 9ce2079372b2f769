"""Use case: remove the exports past their ``expires_at``, records and files, in batches."""

from __future__ import annotations

import logging

from resumecore.ports.file_store import FileStore
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory

PURGE_BATCH = 100
log = logging.getLogger("resumecore.exports")


class PurgeExpiredExports:
    """Delete every expired export: its file first, then its record, ``batch`` at a time.

    The file goes first so a crash in between leaves an expired record (already invisible,
    removed by the next sweep) rather than an orphaned file nothing points at. A file that
    cannot be deleted is logged and its record removed all the same, so a broken store
    cannot make the sweep go round the same batch for ever.
    """

    def __init__(self, uow: UnitOfWorkFactory, files: FileStore, clock: Clock) -> None:
        self._uow = uow
        self._files = files
        self._clock = clock

    async def __call__(self, *, batch: int = PURGE_BATCH, max_batches: int = 1000) -> int:
        """How many exports were removed."""
        removed = 0
        for _ in range(max_batches):
            async with self._uow() as uow:
                expired = await uow.exports.list_expired(self._clock.now(), limit=batch)
            for export in expired:
                try:
                    await self._files.delete(export.storage_key)
                except Exception:  # any store's failure: the record still goes
                    log.warning("export_file_delete_failed", extra={"export": export.id})
            if expired:
                async with self._uow() as uow:
                    for export in expired:
                        await uow.exports.delete(export.id)
                    await uow.commit()
            removed += len(expired)
            if len(expired) < batch:
                break
        return removed
