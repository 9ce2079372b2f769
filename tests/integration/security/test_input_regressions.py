"""Regression tests for the input-hardening findings of the black-box review (issue #10).

Each test is named after its finding (severity and number) and failed before the fix.
The database-backed ones run on SQLite and PostgreSQL (the ``client`` / ``database_url``
fixtures are parametrised over both).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from resumecore.errors import InvalidValue
from resumecore.ports.mail import OutgoingMail
from resumecore_server.adapters.mail.message import to_email_message
from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.cli import default_public_base_url
from resumecore_server.entrypoints.http.body_guard import body_type_allowed
from resumecore_server.entrypoints.http.reset_page import CONTENT_SECURITY_POLICY, RESET_API_PATH
from resumecore_server.entrypoints.settings import Settings
from tests.integration.http_helpers import (
    AUTH,
    NEW_PASSWORD,
    Client,
    app_client,
    assert_problem,
    bearer,
    read_mails,
    register,
    units_of_work,
)
from tests.support.app import make_settings

JSON = {"Content-Type": "application/json"}
DEEP_ARRAY = b"[" * 1000 + b"]" * 1000
DEEP_OBJECT = b'{"a":' * 1000 + b"1" + b"}" * 1000


async def _post_raw(client: Client, path: str, body: bytes, **headers: str) -> Any:
    return await client.post(path, content=body, headers={**JSON, **headers})


async def test_medium_5_deep_json_is_400(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    token = (await register(client))["access_token"]
    for path in (f"{AUTH}/login", f"{AUTH}/register", "/api/v1/profiles", "/api/v1/jobs"):
        for body in (DEEP_ARRAY, DEEP_OBJECT):
            response = await _post_raw(client, path, body, **bearer(token))
            assert assert_problem(response, 400)["detail"] == "The JSON body is nested too deeply."
    # Brackets inside a string are text, not nesting: this is only a wrong password (401).
    login = await client.post(
        f"{AUTH}/login", json={"email": "ada@example.com", "password": "[{" * 600}
    )
    assert login.status_code == 401
    assert '"level": "error"' not in capsys.readouterr().out


async def test_medium_6_nul_is_400_on_both_databases(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    token = (await register(client))["access_token"]
    nul_bodies = {
        f"{AUTH}/login": b'{"email":"a\\u0000@example.com","password":"x"}',
        f"{AUTH}/register": (
            b'{"email":"n\\u0000@example.com","password":"correct horse battery","full_name":"N"}'
        ),
        f"{AUTH}/forgot-password": b'{"email":"ada\\u0000@example.com"}',
        "/api/v1/jobs": b'{"title":"x\\u0000","company":"c","description":"d"}',
    }
    for path, body in nul_bodies.items():
        response = await _post_raw(client, path, body, **bearer(token))
        assert "NUL" in assert_problem(response, 400)["detail"], path
    lone = b'{"email":"b@example.com","password":"correct horse battery","full_name":"\\ud800x"}'
    assert_problem(await _post_raw(client, f"{AUTH}/register", lone), 400)
    for url in (
        f"{AUTH}/check-email?email=a%00@example.com",
        "/api/v1/jobs?q=a%00b",
        "/api/v1/jobs/abc%00def",
        "/api/v1/profiles/abc%00def",
    ):
        assert_problem(await client.get(url, headers={**JSON, **bearer(token)}), 400)
    # An escaped backslash followed by "u0000" is text, not a NUL.
    escaped = b'{"email":"ada@example.com","password":"\\\\u0000"}'
    assert (await _post_raw(client, f"{AUTH}/login", escaped)).status_code == 401
    assert '"level": "error"' not in capsys.readouterr().out


@pytest.mark.postgres
async def test_medium_6_a_value_postgresql_refuses_is_not_an_outage(
    tmp_path: Path, postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, postgres_url)
    async with units_of_work(build_application(settings)) as uow_factory:
        with (
            caplog.at_level(logging.WARNING, logger="resumecore_server.adapters.sql.errors"),
            pytest.raises(InvalidValue),
        ):
            async with uow_factory() as uow:
                await uow.users.get_by_email("nul\x00@example.com")
    [record] = [r for r in caplog.records if r.name == "resumecore_server.adapters.sql.errors"]
    assert record.levelno == logging.WARNING
    assert "nul" not in record.getMessage().lower().replace("null", "")


async def test_medium_7_reset_link_serves_a_page(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_client(tmp_path, database_url, public_base_url="http://127.0.0.1:8123") as (
        client,
        application,
    ):
        await register(client)
        await client.post(f"{AUTH}/forgot-password", json={"email": "ada@example.com"})
        [mail] = read_mails(Path(application.settings.data_dir) / "outbox")
        [link] = re.findall(r"http://\S+", mail.get_content())
        url = urlsplit(link)
        assert (url.netloc, url.path, url.query) == ("127.0.0.1:8123", "/reset-password", "")
        assert url.fragment.startswith("token=")  # never sent to a server, never logged
        page = await client.get(url.path)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["cache-control"] == "no-store"
        csp = page.headers["content-security-policy"]
        assert csp == CONTENT_SECURITY_POLICY
        assert "default-src 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert "script-src 'sha256-" in csp
        assert f'fetch("{RESET_API_PATH}"' in page.text
        assert not re.search(r"https?://", page.text)  # nothing external
        # What the page's script sends: the fragment's token and the new password.
        done = await client.post(
            RESET_API_PATH,
            json={"token": url.fragment.removeprefix("token="), "new_password": NEW_PASSWORD},
        )
        assert done.status_code == 200, done.text
        # An old-style link with the token in the query is served too, and not logged.
        legacy = await client.get("/reset-password?token=legacy-secret-token")
        assert legacy.status_code == 200
    logged = capsys.readouterr().out
    assert '"route": "/reset-password"' in logged
    assert "legacy-secret-token" not in logged
    assert url.fragment.removeprefix("token=") not in logged


def test_medium_7_the_default_link_follows_the_port(tmp_path: Path) -> None:
    environ: dict[str, str] = {"PORT": "9321"}
    default_public_base_url(environ, "0.0.0.0", 9321)
    settings = Settings.from_env({**environ, "RESUMECORE_DATA_DIR": str(tmp_path)})
    assert settings.public_base_url == "http://127.0.0.1:9321"
    configured = {"RESUMECORE_PUBLIC_BASE_URL": "https://app.example"}
    default_public_base_url(configured, "127.0.0.1", 9321)
    assert configured["RESUMECORE_PUBLIC_BASE_URL"] == "https://app.example"


async def test_medium_7_a_deep_link_template_replaces_the_page(
    tmp_path: Path, sqlite_url: str
) -> None:
    template = "jobwise://reset?token={token}"
    async with app_client(tmp_path, sqlite_url, reset_url_template=template) as (
        client,
        application,
    ):
        await register(client)
        await client.post(f"{AUTH}/forgot-password", json={"email": "ada@example.com"})
        [mail] = read_mails(Path(application.settings.data_dir) / "outbox")
    assert re.search(r"jobwise://reset\?token=[A-Za-z0-9_-]{22,}\n", mail.get_content())
    with pytest.raises(ValueError, match="token"):
        make_settings(tmp_path, sqlite_url, reset_url_template="jobwise://reset")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


async def test_medium_8_data_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    url = f"sqlite+inline:///{data / 'resumecore.db'}"
    await asyncio.to_thread(upgrade, url)  # alembic runs its own event loop
    (data / "resumecore.db").chmod(0o644)
    outbox = data / "outbox"
    outbox.mkdir(mode=0o755)
    stale = outbox / "20000101T000000000000Z-old.eml"
    stale.write_text("Subject: old reset link\n\nhttp://x/reset-password#token=old\n")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    async with app_client(data, url, wipe_first=False) as (client, _):
        assert not stale.exists()  # removed at start-up: older than a reset token lives
        assert _mode(data) == 0o700
        assert _mode(outbox) == 0o700
        for name in ("resumecore.db", "secret_key", "password_pepper"):
            if (data / name).exists():
                assert _mode(data / name) == 0o600, name
        await register(client)
        stale.write_text("old")
        os.utime(stale, (two_hours_ago, two_hours_ago))
        await client.post(f"{AUTH}/forgot-password", json={"email": "ada@example.com"})
        mails = sorted(outbox.glob("*.eml"))
        assert len(mails) == 1
        assert not stale.exists()  # sending cleaned up too
        assert _mode(mails[0]) == 0o600
        for companion in ("resumecore.db-wal", "resumecore.db-shm"):
            if (data / companion).exists():
                assert _mode(data / companion) == 0o600, companion


async def test_low_10_limit_and_offset_are_bounded_on_every_list_route(client: Client) -> None:
    token = (await register(client))["access_token"]
    headers = bearer(token)
    profile = await client.post(
        "/api/v1/profiles",
        json={"personal_info": {"full_name": "Ada", "email": "ada@example.com"}},
        headers=headers,
    )
    profile_id = profile.json().get("id", "p") if profile.status_code == 201 else "p"
    document = (await client.get("/schema/openapi.json")).json()
    list_paths = [
        path.replace("{profile_id}", profile_id)
        for path, item in document["paths"].items()
        if any(p["name"] == "offset" for p in item.get("get", {}).get("parameters", []))
    ]
    assert len(list_paths) >= 4, list_paths
    for path in list_paths:
        for query in ("offset=9223372036854775808", "offset=1000001", "offset=-1"):
            assert_problem(await client.get(f"{path}?{query}", headers=headers), 400)
        for query in ("limit=0", "limit=101", "limit=18446744073709551616"):
            assert_problem(await client.get(f"{path}?{query}", headers=headers), 400)
        at_bounds = await client.get(f"{path}?offset=1000000&limit=100", headers=headers)
        assert at_bounds.status_code in {200, 404}, (path, at_bounds.text)


async def test_low_13_names_in_mails_are_plain_text_and_headers_are_folded(
    tmp_path: Path, sqlite_url: str
) -> None:
    name = (
        "Eve\r\nBcc: victim@example.com\r\n\r\n<a href='https://evil.example'>reset</a>\u202e\x1b"
    )
    async with app_client(tmp_path, sqlite_url) as (client, application):
        response = await client.post(
            f"{AUTH}/register",
            json={
                "email": "eve@example.com",
                "password": "correct horse battery",
                "full_name": name,
            },
        )
        assert response.status_code == 201, response.text
        token = response.json()["access_token"]
        changed = await client.post(
            f"{AUTH}/change-password",
            json={"current_password": "correct horse battery", "new_password": "a new horse 2026"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert changed.status_code == 200, changed.text
        [notice] = read_mails(Path(application.settings.data_dir) / "outbox")
        assert notice.get_content().splitlines()[0] == (
            "Hello Eve Bcc: victim@example.com <a href='https://evil.example'>reset</a>,"
        )  # the password-changed notice folds the name too
        for old in (Path(application.settings.data_dir) / "outbox").iterdir():
            old.unlink()
        await client.post(f"{AUTH}/forgot-password", json={"email": "eve@example.com"})
        [mail] = read_mails(Path(application.settings.data_dir) / "outbox")
    assert mail["Bcc"] is None
    assert mail.get_content_type() == "text/plain"
    assert not mail.is_multipart()
    first_line = mail.get_content().splitlines()[0]
    assert first_line == (
        "Hello Eve Bcc: victim@example.com <a href='https://evil.example'>reset</a>,"
    )
    assert "\u202e" not in mail.get_content()
    assert "\x1b" not in mail.get_content()
    built = to_email_message(
        OutgoingMail(to="a@example.com\r\nBcc: b@example.com", subject="Hi\nBcc: c", body="x"),
        "resumecore <no-reply@resumecore.local>",
    )
    head = built.as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in head
    assert built["Subject"] == "Hi Bcc: c"


async def test_low_15_request_bodies_must_be_json(client: Client) -> None:
    body = b'{"email":"ada@example.com","password":"wrong password here"}'
    await register(client)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", ""):
        response = await client.post(
            f"{AUTH}/login", content=body, headers={"Content-Type": content_type}
        )
        assert_problem(response, 415)
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = await client.post(
            f"{AUTH}/login", content=body, headers={"Content-Type": content_type}
        )
        assert response.status_code == 401, (content_type, response.text)
    # What the mobile app sends: a JSON content type on body-less GET, DELETE and logout.
    tokens = await register(client, "app@example.com")
    app_headers = {**JSON, "Accept": "application/json", **bearer(tokens["access_token"])}
    assert (await client.get(f"{AUTH}/me", headers=app_headers)).status_code == 200
    assert (await client.get("/api/v1/jobs", headers=app_headers)).status_code == 200
    job = await client.post(
        "/api/v1/jobs",
        json={"title": "Dev", "company": "Acme", "description": "Python"},
        headers=app_headers,
    )
    if job.status_code == 201:
        deleted = await client.delete(f"/api/v1/jobs/{job.json()['id']}", headers=app_headers)
        assert deleted.status_code in {200, 204, 428}, deleted.text
    assert (await client.post(f"{AUTH}/logout", headers=app_headers)).status_code < 300
    assert body_type_allowed("multipart/form-data", "/api/v1/samples/upload")
    assert not body_type_allowed("multipart/form-data", f"{AUTH}/login")


async def test_a_query_parameter_without_a_name_is_400(tmp_path: Path, sqlite_url: str) -> None:
    # Found by the contract fuzzing: "?=true" was accepted on list routes.
    async with app_client(tmp_path, sqlite_url) as (client, _):
        for url in ("/api/v1/jobs/browse?=true", "/api/v1/jobs/browse?limit=1&=x"):
            response = await client.get(url)
            assert response.status_code == 400, (url, response.text)
        assert (await client.get("/api/v1/jobs/browse?limit=1")).status_code == 200
