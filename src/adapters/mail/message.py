"""Building RFC 5322 messages from the core's ``OutgoingMail``."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from resumecore.ports.mail import OutgoingMail


def to_email_message(mail: OutgoingMail, sender: str) -> EmailMessage:
    """A complete message with Date and Message-ID."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "resumecore.local")
    message.set_content(mail.body)
    return message
