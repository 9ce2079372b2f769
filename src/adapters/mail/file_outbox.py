"""Mail as one ``.eml`` file per message in a folder (the embedded default)."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from adapters.mail.message import to_email_message
from resumecore.errors import StorageUnavailable
from resumecore.ports.mail import Mailer, OutgoingMail


class FileOutboxMailer(Mailer):
    """Writes each message atomically (temp file, then rename) so readers never see half a file."""

    def __init__(self, outbox: Path, sender: str) -> None:
        self._outbox = outbox
        self._sender = sender

    async def send(self, message: OutgoingMail) -> None:
        """Write ``<utc-time>-<uuid>.eml``."""
        data = to_email_message(message, self._sender).as_bytes()
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex}.eml"
        try:
            await asyncio.to_thread(self._write, name, data)
        except OSError as exc:
            raise StorageUnavailable("The mail outbox is not writable.") from exc

    def _write(self, name: str, data: bytes) -> None:
        self._outbox.mkdir(parents=True, exist_ok=True)
        temporary = self._outbox / f".{name}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, self._outbox / name)
