"""In-memory files (fake for tests), with the local store's key rules."""

from __future__ import annotations

from resumecore.ports.file_store import FileStore, check_key


class MemoryFileStore(FileStore):
    """Files in a dict."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def put(self, key: str, content: bytes) -> None:
        """Store a copy."""
        self.files[check_key(key)] = bytes(content)

    async def get(self, key: str) -> bytes | None:
        """The bytes, or None."""
        return self.files.get(check_key(key))

    async def delete(self, key: str) -> None:
        """Remove (no error if missing)."""
        self.files.pop(check_key(key), None)
