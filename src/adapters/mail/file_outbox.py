"""Mail as one ``.eml`` file per message in a folder (the embedded default).

Mails hold live reset links, so the folder is 0700, each file 0600, and a mail is deleted
once it is older than ``max_age_seconds`` (the reset token's lifetime): at start-up and
whenever a new mail is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from resumecore.errors import StorageUnavailable
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore_server.adapters.mail.message import to_email_message

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class FileOutboxMailer(Mailer):
    """Writes each message atomically (temp file, then rename) so readers never see half a file."""

    def __init__(self, outbox: Path, sender: str, *, max_age_seconds: float | None = None) -> None:
        self._outbox = outbox
        self._sender = sender
        self._max_age = max_age_seconds
        with contextlib.suppress(OSError):  # an unwritable outbox is reported on first send
            self._prepare()
            self.remove_expired()

    async def send(self, message: OutgoingMail) -> None:
        """Write ``<utc-time>-<uuid>.eml`` (mode 0600), then drop expired mails."""
        data = to_email_message(message, self._sender).as_bytes()
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex}.eml"
        try:
            await asyncio.to_thread(self._write, name, data)
        except OSError as exc:
            raise StorageUnavailable("The mail outbox is not writable.") from exc

    def remove_expired(self) -> int:
        """Delete mails (and stale temp files) older than the maximum age; returns how many."""
        if self._max_age is None or not self._outbox.is_dir():
            return 0
        cutoff = time.time() - self._max_age
        removed = 0
        for path in self._outbox.iterdir():
            if path.suffix not in {".eml", ".tmp"}:
                continue
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
        return removed

    def _prepare(self) -> None:
        self._outbox.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        self._outbox.chmod(PRIVATE_DIR)

    def _write(self, name: str, data: bytes) -> None:
        self._prepare()
        temporary = self._outbox / f".{name}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        os.fchmod(descriptor, PRIVATE_FILE)  # a leftover temp file may have another mode
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, self._outbox / name)
        self.remove_expired()
