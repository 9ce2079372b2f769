"""Regression tests for the auth findings of issue #10 (medium 2 and 3, low 12 and 14)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore.ports.throttle import AttemptCounter, WindowCount
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.cli import proxy_header_options
from resumecore_server.entrypoints.http.app import create_app
from tests.integration.http_helpers import (
    AUTH,
    EMAIL,
    PASSWORD,
    app_client,
    assert_problem,
    login,
    refresh,
    register,
)
from tests.support.app import TEST_SECRET, make_application, make_settings
from tests.support.databases import wipe

SERVE = [sys.executable, "-m", "resumecore_server.entrypoints.cli", "serve"]

WRONG = "not the password at all"


# --- medium 2: X-Forwarded-For ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_medium_2_forwarded_for_does_not_escape_the_per_ip_limit(tmp_path: Path) -> None:
    """The real CLI server, default settings: a forged X-Forwarded-For is not the client IP."""
    port = _free_port()
    environment = {
        **os.environ,
        "RESUMECORE_DATA_DIR": str(tmp_path),
        "RESUMECORE_ENVIRONMENT": "test",
        "RESUMECORE_BCRYPT_ROUNDS": "4",
        "RESUMECORE_SECRET_KEY": TEST_SECRET,
        "RESUMECORE_IP_REQUESTS_PER_MINUTE": "5",
    }
    environment.pop("FORWARDED_ALLOW_IPS", None)
    server = subprocess.Popen(
        [*SERVE, "--migrate", "--port", str(port)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        statuses = [
            httpx.post(
                f"{base}{AUTH}/login",
                json={"email": f"u{i}@example.com", "password": WRONG},
                headers={"X-Forwarded-For": f"203.0.113.{i}"},
                timeout=10,
            ).status_code
            for i in range(8)
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses == [401] * 5 + [429] * 3, statuses


def test_medium_2_forwarded_headers_are_trusted_only_when_configured(tmp_path: Path) -> None:
    default = make_settings(tmp_path, "sqlite+aiosqlite://")
    assert proxy_header_options(default) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    behind_proxy = make_settings(
        tmp_path, "sqlite+aiosqlite://", trust_forwarded_for=True, trusted_proxies="10.0.0.0/8"
    )
    assert proxy_header_options(behind_proxy) == {
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.0/8",
    }


# --- medium 3: lockout abuse -----------------------------------------------------------------


@asynccontextmanager
async def clients_by_ip(
    tmp_path: Path, database_url: str, **changes: Any
) -> AsyncIterator[Callable[[str], httpx.AsyncClient]]:
    """One app; ``client(ip)`` is an HTTP client whose requests come from ``ip``."""
    engine = make_engine(database_url)
    await wipe(engine)
    await engine.dispose()
    # Served on the test's own loop only: asyncpg connections cannot cross loops.
    application = make_application(tmp_path, database_url, **changes)
    try:
        app = create_app(application)
        opened: list[httpx.AsyncClient] = []

        def client(ip: str) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app, client=(ip, 40000))  # type: ignore[arg-type]
            opened.append(httpx.AsyncClient(transport=transport, base_url="http://testserver"))
            return opened[-1]

        try:
            yield client
        finally:
            for each in opened:
                await each.aclose()
    finally:
        await application.aclose()


async def test_medium_3_brute_force_from_one_ip_is_stopped(
    tmp_path: Path, database_url: str
) -> None:
    async with clients_by_ip(tmp_path, database_url) as client:
        victim, attacker = client("198.51.100.7"), client("203.0.113.66")
        await register(victim)
        for _ in range(5):
            assert_problem(await login(attacker, EMAIL, WRONG), 401)

        locked = await login(attacker, EMAIL, PASSWORD)

        assert_problem(locked, 429)
        assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
        assert_problem(await login(attacker, EMAIL, WRONG), 429)


async def test_medium_3_an_attacker_elsewhere_cannot_lock_the_victim_out(
    tmp_path: Path, database_url: str
) -> None:
    async with clients_by_ip(tmp_path, database_url, login_account_failure_limit=12) as client:
        victim = client("198.51.100.7")
        await register(victim)
        known = await login(victim)
        assert known.status_code == 200
        cookie = known.headers["set-cookie"]
        assert cookie.startswith("rc_device=")
        assert {"httponly", "secure", "samesite=strict"} <= {
            part.strip().lower() for part in cookie.split(";")
        }
        device_token = known.cookies["rc_device"]

        # One attacker address failing again and again only locks itself out.
        attacker = client("203.0.113.66")
        for _ in range(30):
            assert (await login(attacker, EMAIL, WRONG)).status_code in {401, 429}
        assert (await login(victim)).status_code == 200

        # Many addresses past the account-wide limit: a device that logged in before still can.
        for n in range(3):
            for _ in range(5):
                await login(client(f"203.0.113.{n + 1}"), EMAIL, WRONG)
        other_network = client("192.0.2.10")
        assert_problem(await login(other_network), 429)
        with_device = await other_network.post(
            f"{AUTH}/login",
            json={"email": EMAIL, "password": PASSWORD},
            headers={"X-Device-Token": device_token},
        )
        assert with_device.status_code == 200, with_device.text
        forged = device_token[:-2] + ("AA" if not device_token.endswith("AA") else "BB")
        assert_problem(
            await other_network.post(
                f"{AUTH}/login",
                json={"email": EMAIL, "password": PASSWORD},
                headers={"X-Device-Token": forged},
            ),
            429,
        )


# --- low 12: forgot-password timing ----------------------------------------------------------


class Recorder:
    """Names the steps the app takes, in order, with the e-mail address masked."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def note(self, step: str) -> None:
        for address in (EMAIL, "nobody@example.com"):
            step = step.replace(address, "<email>")
        self.steps.append(step)


class RecordingCounter:
    def __init__(self, inner: AttemptCounter, recorder: Recorder) -> None:
        self._inner, self._recorder = inner, recorder

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        self._recorder.note(f"hit {key}")
        return await self._inner.hit(key, window_seconds)

    async def peek(self, key: str) -> WindowCount:
        self._recorder.note(f"peek {key}")
        return await self._inner.peek(key)

    async def clear(self, key: str) -> None:
        self._recorder.note(f"clear {key}")
        await self._inner.clear(key)


class RecordingUnitsOfWork:
    def __init__(self, inner: UnitOfWorkFactory, recorder: Recorder) -> None:
        self._inner, self._recorder = inner, recorder

    def __call__(self) -> UnitOfWork:
        self._recorder.note("unit of work")
        return self._inner()


class RecordingMailer:
    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    async def send(self, message: OutgoingMail) -> None:
        self._recorder.note("mail")


async def test_low_12_forgot_password_answers_before_any_account_dependent_step(
    tmp_path: Path, sqlite_url: str
) -> None:
    recorder = Recorder()
    async with app_client(tmp_path, sqlite_url) as (client, seeded):
        await register(client)
        wiring: Application = seeded
        overrides = {
            AttemptCounter: RecordingCounter(wiring.resolve(AttemptCounter), recorder),
            UnitOfWorkFactory: RecordingUnitsOfWork(wiring.resolve(UnitOfWorkFactory), recorder),
            Mailer: RecordingMailer(recorder),
        }
    async with app_client(tmp_path, sqlite_url, wipe_first=False, overrides=overrides) as (
        _,
        application,
    ):
        app = create_app(application)

        async def answered_first(scope: Any, receive: Any, send: Any) -> None:
            async def noted_send(message: Any) -> None:
                if message["type"] == "http.response.start":
                    recorder.note("ANSWER")
                await send(message)

            await app(scope, receive, noted_send)

        transport = httpx.ASGITransport(app=answered_first)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as raw:
            runs = {}
            for address in (EMAIL, "nobody@example.com"):
                recorder.steps.clear()
                response = await raw.post(f"{AUTH}/forgot-password", json={"email": address})
                runs[address] = (response.status_code, response.content, list(recorder.steps))
    known, unknown = runs[EMAIL], runs["nobody@example.com"]
    assert known[:2] == unknown[:2]
    before_known = known[2][: known[2].index("ANSWER")]
    before_unknown = unknown[2][: unknown[2].index("ANSWER")]
    assert before_known == before_unknown
    assert "unit of work" not in before_known
    assert "mail" not in before_known
    # The account-dependent work happens, after the answer.
    assert known[2][known[2].index("ANSWER") :] == ["ANSWER", "unit of work", "mail"]
    assert unknown[2][unknown[2].index("ANSWER") :] == ["ANSWER", "unit of work"]


# --- low 14: cache and sniffing headers ------------------------------------------------------


async def test_low_14_token_responses_are_not_stored_and_nothing_is_sniffed(
    tmp_path: Path, sqlite_url: str
) -> None:
    async with app_client(tmp_path, sqlite_url) as (client, _):
        registered = await client.post(
            f"{AUTH}/register",
            json={"email": EMAIL, "password": PASSWORD, "full_name": "Ada"},
        )
        logged_in = await login(client)
        refreshed = await refresh(client, logged_in.json()["refresh_token"])
        for response in (registered, logged_in, refreshed):
            assert response.status_code in {200, 201}, response.text
            assert "no-store" in response.headers["cache-control"]
        others = [
            registered,
            logged_in,
            refreshed,
            await client.get("/health"),
            await client.get("/nothing-here"),
            await login(client, EMAIL, WRONG),
            await client.get(f"{AUTH}/me"),
        ]
        for response in others:
            assert response.headers["x-content-type-options"] == "nosniff", response.request.url


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A FORWARDED_ALLOW_IPS in the environment must not change what these tests prove."""
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
