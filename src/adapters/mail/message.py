"""Building RFC 5322 messages from the core's ``OutgoingMail``: plain text only, clean headers."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from resumecore.ports.mail import OutgoingMail

# Any C0/C1 control, DEL, and Unicode line/paragraph separators (U+2028, U+2029).
_HEADER_BREAKERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# The same in a body, except the newline and tab that plain text legitimately uses.
_BODY_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_HEADER_CHARS = 200


def header_value(text: str) -> str:
    """One line: runs of line breaks and controls fold to one space (no header injection)."""
    return " ".join(_HEADER_BREAKERS.sub(" ", text).split())[:MAX_HEADER_CHARS]


def body_text(text: str) -> str:
    """Plain-text body: CRLF/CR become LF, other control characters are removed."""
    return _BODY_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_email_message(mail: OutgoingMail, sender: str) -> EmailMessage:
    """A complete ``text/plain`` message with Date and Message-ID (never an HTML part)."""
    message = EmailMessage()
    message["From"] = header_value(sender)
    message["To"] = header_value(mail.to)
    message["Subject"] = header_value(mail.subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(domain=header_value(domain) or "resumecore.local")
    message.set_content(body_text(mail.body), subtype="plain", charset="utf-8")
    return message
