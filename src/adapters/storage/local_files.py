"""Files on the local disk under ``<data dir>/exports``: private, written atomically."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import tempfile
from pathlib import Path

from resumecore.errors import StorageFull
from resumecore.ports.file_store import FileStore, check_key

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
NO_SPACE = {errno.ENOSPC, errno.EDQUOT}


class LocalFileStore(FileStore):
    """One file per key below ``root`` (folders 0700, files 0600; temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(self, key: str, content: bytes) -> None:
        """Write a temp file in the target folder, fsync, then rename it over the key.

        A full disk or quota is ``StorageFull`` (the temp file is removed; the key is untouched).
        """
        path = self._path(key)
        try:
            await asyncio.to_thread(self._write, path, content)
        except OSError as exc:
            if exc.errno in NO_SPACE:
                raise StorageFull("No space left to store the file.") from None
            raise

    async def get(self, key: str) -> bytes | None:
        """The bytes, or None."""
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None

    async def delete(self, key: str) -> None:
        """Unlink (no error if missing)."""
        path = self._path(key)
        await asyncio.to_thread(path.unlink, missing_ok=True)

    def _write(self, path: Path, content: bytes) -> None:
        folders = [self.root]
        for part in path.parent.relative_to(self.root).parts:
            folders.append(folders[-1] / part)
        for folder in folders:
            folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            folder.chmod(PRIVATE_DIR)
        # mkstemp creates the file 0600, in the same folder so the rename is atomic.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, PRIVATE_FILE)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
