"""A mailer that keeps messages in a list (unit tests)."""

from __future__ import annotations

from resumecore.ports.mail import Mailer, OutgoingMail


class MemoryMailer(Mailer):
    """Collects sent messages in ``sent``."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []

    async def send(self, message: OutgoingMail) -> None:
        """Append the message."""
        self.sent.append(message)
