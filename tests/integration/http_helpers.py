"""Shared helpers for the HTTP security tests: own apps, accounts, mail and database reads."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from httpx import Response
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import metadata
from resumecore_server.entrypoints.bootstrap import Application, build_application
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.clock import FakeClock
from tests.support.databases import wipe

AUTH = "/api/v1/auth"
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase 2026"
EMAIL = "ada@example.com"
PROBLEM_JSON = "application/problem+json"
ME_FIELDS = {"id", "email", "full_name", "is_active", "is_verified", "created_at", "updated_at"}

Client = httpx.AsyncClient  # Litestar's AsyncTestClient is one too


@asynccontextmanager
async def app_client(
    data_dir: Path,
    database_url: str,
    *,
    clock: FakeClock | None = None,
    overrides: dict[Any, Any] | None = None,
    wipe_first: bool = True,
    **changes: Any,
) -> AsyncIterator[tuple[Client, Application]]:
    """A client on a freshly wired app; the database is wiped first unless told otherwise."""
    if wipe_first:
        engine = make_engine(database_url)
        await wipe(engine)
        await engine.dispose()
    application = make_application(
        data_dir, database_url, clock=clock, overrides=overrides, **changes
    )
    try:
        async with AsyncTestClient(app=create_app(application)) as client:
            yield client, application
    finally:
        await application.aclose()


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for an access token."""
    return {"Authorization": f"Bearer {token}"}


async def register(
    client: Client, email_address: str = EMAIL, password: str = PASSWORD
) -> dict[str, Any]:
    """Register an account and return the token response."""
    response = await client.post(
        f"{AUTH}/register",
        json={"email": email_address, "password": password, "full_name": "Ada Lovelace"},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def login(client: Client, email_address: str = EMAIL, password: str = PASSWORD) -> Response:
    """POST /login."""
    return await client.post(f"{AUTH}/login", json={"email": email_address, "password": password})


async def logged_in(
    client: Client, email_address: str = EMAIL, password: str = PASSWORD
) -> dict[str, Any]:
    """Log in (a new session) and return the token response."""
    response = await login(client, email_address, password)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def refresh(client: Client, refresh_token: str) -> Response:
    """POST /refresh."""
    return await client.post(f"{AUTH}/refresh", json={"refresh_token": refresh_token})


async def me(client: Client, access_token: str) -> Response:
    """GET /me with a bearer token."""
    return await client.get(f"{AUTH}/me", headers=bearer(access_token))


def assert_problem(response: Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body = dict(response.json())
    assert {"type", "title", "status", "detail"} <= set(body), body
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


def error_codes(response: Response) -> list[str]:
    """The ``code`` of every entry of a problem's ``errors``."""
    return [str(error["code"]) for error in response.json().get("errors", [])]


def outbox_path(application: Application) -> Path:
    """Where the file mailer writes."""
    return Path(application.settings.data_dir) / "outbox"


def read_mails(outbox: Path) -> list[email.message.EmailMessage]:
    """Every message in the outbox, oldest first."""
    if not outbox.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


def mail_text(message: email.message.EmailMessage) -> str:
    """Headers and decoded body of one message."""
    body = message.get_content()
    return f"{message.as_string()}\n{body}"


def reset_token_in(message: email.message.EmailMessage) -> str:
    """The reset token of the link inside a reset mail."""
    found = re.search(r"/reset-password#token=([A-Za-z0-9_\-%]+)", message.get_content())
    assert found, message.get_content()
    return found.group(1)


@asynccontextmanager
async def units_of_work(application: Application) -> AsyncIterator[UnitOfWorkFactory]:
    """The app's ``UnitOfWorkFactory``, wired afresh from its settings.

    The test client serves the app on its own event loop, and asyncpg connections cannot cross
    loops, so reads from the test use the same wiring on the test's loop.
    """
    reader = build_application(application.settings)
    try:
        yield reader.resolve(UnitOfWorkFactory)
    finally:
        await reader.aclose()


async def stored_user(application: Application, email_address: str = EMAIL) -> User:
    """The user row, read through the app's unit of work."""
    async with units_of_work(application) as uow_factory, uow_factory() as uow:
        user = await uow.users.get_by_email(email_address)
    assert user is not None
    return user


async def user_count(application: Application) -> int:
    """How many accounts exist."""
    async with units_of_work(application) as uow_factory, uow_factory() as uow:
        return await uow.users.count()


async def every_stored_value(database_url: str) -> str:
    """All rows of all tables as one string (to prove a secret is not stored raw)."""
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = [
                row
                for table in metadata.sorted_tables
                for row in (await connection.execute(select(table))).all()
            ]
    finally:
        await engine.dispose()
    return "\n".join(repr(tuple(row)) for row in rows)


def none_contains(texts: Iterable[str], *secrets: str) -> bool:
    """True when no text contains any of ``secrets``."""
    return not any(secret and secret in text for text in texts for secret in secrets)


@asynccontextmanager
async def same_loop_client(application: Application) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client serving the app on the test's own event loop.

    Litestar's test client runs each request to completion through a blocking portal, so
    ``asyncio.gather`` over it is sequential; this one lets requests really overlap.
    """
    transport = httpx.ASGITransport(app=create_app(application))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
