"""Secrets generated once and kept in the data directory when not configured."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create_secret(path: Path) -> str:
    """Read the secret at ``path``, creating it (mode 0600, 64 random bytes, hex) if missing.

    Creation is exclusive, so two processes starting together end up with the same secret.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
        msg = f"the secret file {path} is empty; delete it to generate a new one"
        raise RuntimeError(msg) from None
    value = secrets.token_hex(64)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value
