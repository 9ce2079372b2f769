"""Secrets generated once and kept in the data directory when not configured."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def load_or_create_secret(path: Path) -> str:
    """Read the secret at ``path``, creating it (mode 0600, 64 random bytes, hex) if missing.

    Processes starting together (a server and a worker on a fresh data directory) end up with
    the same secret: the new one is written whole to a file of its own, then linked to ``path``
    only if nothing is there yet, so ``path`` never exists half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        return _read_secret(path)
    value = secrets.token_hex(64)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(value + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            return _read_secret(path)  # another process's secret won
    finally:
        draft.unlink(missing_ok=True)
    return value


def _read_secret(path: Path) -> str:
    value = path.read_text(encoding="ascii").strip()
    if value:
        return value
    msg = f"the secret file {path} is empty; delete it to generate a new one"
    raise RuntimeError(msg)
