"""The port exported files are kept through: whole files by key, as bytes."""

from __future__ import annotations

import re
from typing import Protocol

# Up to four ``/``-separated segments of letters, digits, ``.``, ``_`` and ``-``, none starting
# with a dot: no absolute paths, no ``..``, no hidden files, nothing a filesystem treats specially.
_KEY = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(?:/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}")


class InvalidFileKey(ValueError):
    """A key that could escape the store or is not one this store would hand out."""


def check_key(key: str) -> str:
    """``key`` itself, or ``InvalidFileKey``."""
    if not _KEY.fullmatch(key):
        msg = f"invalid file key: {key[:80]!r}"
        raise InvalidFileKey(msg)
    return key


class FileStore(Protocol):
    """Keeps files by key. Keys are checked with ``check_key`` (``InvalidFileKey``)."""

    async def put(self, key: str, content: bytes) -> None:
        """Store ``content`` under ``key`` atomically: readers see the old or the new file."""
        ...

    async def get(self, key: str) -> bytes | None:
        """The file's bytes, or None when there is none."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the file (no error if it is gone already)."""
        ...
