"""The data directory is writable (SQLite, the mail outbox and the local exports live there)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path


class DataDirWritable:
    """Creates, syncs and removes a temporary file in the data directory."""

    def __init__(self, path: Path) -> None:
        self._path = path

    async def check(self) -> None:
        """Raise ``OSError`` when no file can be created there (read-only, full, missing)."""
        await asyncio.to_thread(self._probe)

    def _probe(self) -> None:
        handle, name = tempfile.mkstemp(dir=self._path, prefix=".ready-")
        try:
            os.write(handle, b"ready")
            os.fsync(handle)
        finally:
            os.close(handle)
            os.unlink(name)
