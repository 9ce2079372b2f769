"""An undo journal: fakes write through to shared dicts and undo on rollback."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

_MISSING = object()


class UndoJournal:
    """Remembers the previous value of every key written, to restore them on rollback."""

    def __init__(self) -> None:
        self._entries: list[tuple[MutableMapping[Any, Any], Any, Any]] = []

    def put(self, table: MutableMapping[Any, Any], key: Any, value: Any) -> None:
        """Write ``table[key] = value``, remembering what was there."""
        self._entries.append((table, key, table.get(key, _MISSING)))
        table[key] = value

    def delete(self, table: MutableMapping[Any, Any], key: Any) -> None:
        """Remove ``table[key]`` if present, remembering it."""
        if key in table:
            self._entries.append((table, key, table[key]))
            del table[key]

    def undo(self) -> None:
        """Restore every written key, newest first."""
        for table, key, previous in reversed(self._entries):
            if previous is _MISSING:
                table.pop(key, None)
            else:
                table[key] = previous
        self._entries.clear()

    def forget(self) -> None:
        """Keep the writes (commit)."""
        self._entries.clear()
