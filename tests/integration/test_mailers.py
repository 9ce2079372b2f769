"""The two real mailers: SMTP against a local aiosmtpd server, and the ``.eml`` file outbox."""

from __future__ import annotations

import asyncio
import email
import socket
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from resumecore.errors import StorageUnavailable
from resumecore.ports.mail import OutgoingMail
from resumecore_server.adapters.mail.file_outbox import FileOutboxMailer
from resumecore_server.adapters.mail.smtp import SmtpMailer

SENDER = "noreply@resumecore.test"
RESET_MAIL = OutgoingMail(
    to="ada@example.com",
    subject="Réinitialiser votre mot de passe",
    body="Bonjour Ada,\n\nUse this link within an hour: https://app.test/reset#t=abc123\n",
)


class CollectingHandler:
    """An aiosmtpd handler that keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[CollectingHandler, int]]:
    handler = CollectingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def assert_is_the_reset_mail(message: EmailMessage) -> None:
    assert message["To"] == RESET_MAIL.to
    assert message["From"] == SENDER
    assert message["Subject"] == RESET_MAIL.subject
    assert message["Date"] is not None
    assert message["Date"].datetime is not None
    assert message["Message-ID"].startswith("<")
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    # SMTP carries CRLF line ends; compare text, not transport framing.
    assert body.get_content().replace("\r\n", "\n") == RESET_MAIL.body


# --- SMTP --------------------------------------------------------------------------------------


async def test_smtp_delivers_the_message_to_the_relay(
    smtp_server: tuple[CollectingHandler, int],
) -> None:
    handler, port = smtp_server
    sut = SmtpMailer("127.0.0.1", port, SENDER, starttls=False, timeout_seconds=5)

    await sut.send(RESET_MAIL)

    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == [RESET_MAIL.to]
    assert_is_the_reset_mail(parse(envelope.content))


async def test_smtp_opens_one_delivery_per_message(
    smtp_server: tuple[CollectingHandler, int],
) -> None:
    handler, port = smtp_server
    sut = SmtpMailer("127.0.0.1", port, SENDER, timeout_seconds=5)
    recipients = [f"user{n}@example.com" for n in range(3)]

    for to in recipients:
        await sut.send(OutgoingMail(to=to, subject="Hello", body="Hi.\n"))

    assert [envelope.rcpt_tos for envelope in handler.envelopes] == [[to] for to in recipients]
    ids = {parse(envelope.content)["Message-ID"] for envelope in handler.envelopes}
    assert len(ids) == 3


async def test_an_unreachable_relay_is_storage_unavailable() -> None:
    sut = SmtpMailer("127.0.0.1", free_port(), SENDER, timeout_seconds=2)

    with pytest.raises(StorageUnavailable) as caught:
        await sut.send(RESET_MAIL)

    assert caught.value.code == "service_unavailable"
    assert RESET_MAIL.to not in str(caught.value)


# --- file outbox -------------------------------------------------------------------------------


def outbox_files(outbox: Path) -> list[Path]:
    return sorted(outbox.iterdir())


async def test_outbox_writes_exactly_one_parseable_eml_per_message(tmp_path: Path) -> None:
    outbox = tmp_path / "data" / "outbox"  # does not exist yet
    sut = FileOutboxMailer(outbox, SENDER)

    await sut.send(RESET_MAIL)

    files = outbox_files(outbox)
    assert len(files) == 1
    assert files[0].suffix == ".eml"
    assert_is_the_reset_mail(parse(files[0].read_bytes()))

    await sut.send(OutgoingMail(to="grace@example.com", subject="Second", body="Two.\n"))

    files = outbox_files(outbox)
    assert len(files) == 2
    recipients = sorted(parse(path.read_bytes())["To"] for path in files)
    assert recipients == ["ada@example.com", "grace@example.com"]


async def test_concurrent_outbox_sends_leave_one_file_each_and_no_temp_files(
    tmp_path: Path,
) -> None:
    outbox = tmp_path / "outbox"
    sut = FileOutboxMailer(outbox, SENDER)
    mails = [
        OutgoingMail(to=f"user{n}@example.com", subject=f"#{n}", body="Hi.\n") for n in range(10)
    ]

    await asyncio.gather(*(sut.send(mail) for mail in mails))

    files = outbox_files(outbox)
    assert all(path.suffix == ".eml" and not path.name.startswith(".") for path in files)
    assert len(files) == 10
    parsed = [parse(path.read_bytes()) for path in files]
    assert sorted(message["To"] for message in parsed) == sorted(mail.to for mail in mails)
    assert len({message["Message-ID"] for message in parsed}) == 10
    for message in parsed:
        assert message["Date"] is not None


async def test_an_unwritable_outbox_is_storage_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a regular file where the outbox's parent should be")
    sut = FileOutboxMailer(blocker / "outbox", SENDER)

    with pytest.raises(StorageUnavailable) as caught:
        await sut.send(RESET_MAIL)

    assert caught.value.code == "service_unavailable"
    assert blocker.read_text().startswith("a regular file")
