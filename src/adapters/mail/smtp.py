"""Mail through an SMTP relay (stdlib smtplib in a worker thread)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl

from resumecore.errors import StorageUnavailable
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore_server.adapters.mail.message import to_email_message


class SmtpMailer(Mailer):
    """Sends each message in its own SMTP session; STARTTLS and login when configured."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._username = username
        self._password = password
        self._starttls = starttls
        self._timeout = timeout_seconds

    async def send(self, message: OutgoingMail) -> None:
        """Deliver to the relay or raise ``StorageUnavailable``."""
        try:
            await asyncio.to_thread(self._send, message)
        except (OSError, smtplib.SMTPException) as exc:
            raise StorageUnavailable("The mail relay is unavailable.") from exc

    def _send(self, message: OutgoingMail) -> None:
        with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as client:
            if self._starttls:
                client.starttls(context=ssl.create_default_context())
            if self._username and self._password:
                client.login(self._username, self._password)
            client.send_message(to_email_message(message, self._sender))
