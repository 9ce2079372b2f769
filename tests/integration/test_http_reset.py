"""Security checklist 4.5: change-password, forgot-password and reset-password, on SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from httpx import Response

from tests.integration.http_helpers import (
    AUTH,
    EMAIL,
    NEW_PASSWORD,
    PASSWORD,
    Client,
    app_client,
    assert_problem,
    bearer,
    logged_in,
    login,
    mail_text,
    me,
    read_mails,
    refresh,
    register,
    reset_token_in,
)
from tests.support.clock import FakeClock

TTL = 3600


async def change_password(client: Client, access: str, current: str, new: str) -> Response:
    return await client.post(
        f"{AUTH}/change-password",
        headers=bearer(access),
        json={"current_password": current, "new_password": new},
    )


async def forgot(client: Client, email: str = EMAIL, **kwargs: Any) -> Response:
    response = await client.post(f"{AUTH}/forgot-password", json={"email": email}, **kwargs)
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "If the email exists, a reset link has been sent"}
    return response


async def reset(client: Client, token: str, password: str = NEW_PASSWORD) -> Response:
    return await client.post(
        f"{AUTH}/reset-password", json={"token": token, "new_password": password}
    )


async def newest_token(outbox: Path) -> str:
    return reset_token_in(read_mails(outbox)[-1])


async def test_change_password_with_a_wrong_current_password_is_401(client: Client) -> None:
    tokens = await register(client)
    response = await change_password(client, tokens["access_token"], "not it at all", NEW_PASSWORD)
    assert_problem(response, 401)
    assert (await login(client)).status_code == 200
    assert (await me(client, tokens["access_token"])).status_code == 200


async def test_change_password_to_the_same_one_is_422(client: Client) -> None:
    tokens = await register(client)
    response = await change_password(client, tokens["access_token"], PASSWORD, PASSWORD)
    assert_problem(response, 422)
    assert response.json()["errors"][0]["field"] == "new_password"


async def test_change_password_keeps_only_the_current_session(client: Client, outbox: Path) -> None:
    other = await register(client)
    current = await logged_in(client)
    response = await change_password(client, current["access_token"], PASSWORD, NEW_PASSWORD)
    assert response.status_code == 200
    assert set(response.json()) == {"message"}
    assert_problem(await login(client), 401)
    assert (await login(client, password=NEW_PASSWORD)).status_code == 200
    assert_problem(await refresh(client, other["refresh_token"]), 401)
    assert_problem(await me(client, other["access_token"]), 401)
    assert (await me(client, current["access_token"])).status_code == 200
    assert (await refresh(client, current["refresh_token"])).status_code == 200
    (notice,) = read_mails(outbox)
    assert notice["To"] == EMAIL
    assert "password was changed" in notice["Subject"]
    assert NEW_PASSWORD not in mail_text(notice)


async def test_forgot_mails_one_link_and_the_token_works_once(client: Client, outbox: Path) -> None:
    tokens = await register(client)
    responses = [await forgot(client)]
    (mail,) = read_mails(outbox)
    assert mail["To"] == EMAIL
    token = reset_token_in(mail)
    assert len(token) >= 22  # at least 128 bits, URL-safe base64
    assert "http://127.0.0.1:8000/reset-password#token=" in mail.get_content()
    responses.append(await reset(client, token))
    assert responses[-1].status_code == 200
    assert responses[-1].json() == {"message": "Password reset successfully"}
    responses.append(await reset(client, token, "yet another passphrase"))
    assert_problem(responses[-1], 400)
    assert responses[-1].json()["type"].endswith("invalid_token")
    responses.append(await login(client))
    assert_problem(responses[-1], 401)
    responses.append(await login(client, password=NEW_PASSWORD))
    assert responses[-1].status_code == 200
    assert_problem(await refresh(client, tokens["refresh_token"]), 401)
    for response in responses:
        assert token not in response.text
        assert token not in str(response.headers)


async def test_the_token_lives_one_hour(client: Client, outbox: Path, clock: FakeClock) -> None:
    await register(client)
    await forgot(client)
    clock.advance(TTL - 1)
    assert (await reset(client, await newest_token(outbox))).status_code == 200
    await forgot(client)
    clock.advance(TTL + 1)
    assert_problem(await reset(client, await newest_token(outbox), "again a new passphrase"), 400)
    assert (await login(client, password=NEW_PASSWORD)).status_code == 200


async def test_a_newer_request_invalidates_the_older_token(client: Client, outbox: Path) -> None:
    await register(client)
    await forgot(client)
    older = await newest_token(outbox)
    await forgot(client)
    newer = await newest_token(outbox)
    assert older != newer
    assert_problem(await reset(client, older), 400)
    assert (await reset(client, newer)).status_code == 200


async def test_reset_revokes_every_session_and_lifts_the_lockout(
    client: Client, outbox: Path
) -> None:
    sessions = [await register(client), await logged_in(client)]
    for _ in range(5):
        await login(client, password="wrong password guess")
    assert (await login(client)).status_code == 429
    await forgot(client)
    assert (await reset(client, await newest_token(outbox))).status_code == 200
    for session in sessions:
        assert_problem(await refresh(client, session["refresh_token"]), 401)
        assert_problem(await me(client, session["access_token"]), 401)
    assert (await login(client, password=NEW_PASSWORD)).status_code == 200


async def test_a_policy_failure_keeps_the_token_usable(client: Client, outbox: Path) -> None:
    await register(client)
    await forgot(client)
    token = await newest_token(outbox)
    response = await reset(client, token, "short")
    assert_problem(response, 422)
    assert response.json()["errors"][0]["field"] == "new_password"
    assert (await reset(client, token)).status_code == 200


async def test_a_user_id_in_the_body_is_rejected(client: Client, outbox: Path) -> None:
    victim = await register(client, "victim@example.com")
    await register(client)
    await forgot(client)
    token = await newest_token(outbox)
    response = await client.post(
        f"{AUTH}/reset-password",
        json={"token": token, "new_password": NEW_PASSWORD, "user_id": victim["user"]["id"]},
    )
    assert_problem(response, 400)
    assert (await login(client, "victim@example.com")).status_code == 200
    assert (await reset(client, token)).status_code == 200
    assert (await login(client, "victim@example.com")).status_code == 200
    assert (await login(client, password=NEW_PASSWORD)).status_code == 200


async def test_the_link_comes_from_configured_base_url_not_the_host_header(
    tmp_path: Path, database_url: str
) -> None:
    base = "https://app.resumecore.test"
    async with app_client(tmp_path, database_url, public_base_url=base) as (client, application):
        await register(client)
        await forgot(
            client,
            headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
        )
        (mail,) = read_mails(Path(application.settings.data_dir) / "outbox")
    assert "evil.example" not in mail_text(mail)
    assert f"{base}/reset-password#token=" in mail.get_content()


async def test_forgot_password_is_limited_per_email(client: Client, outbox: Path) -> None:
    await register(client)
    for email in (EMAIL, "ghost@example.com"):
        for _ in range(5):
            await forgot(client, email)
    assert len(read_mails(outbox)) == 5
    known = await client.post(f"{AUTH}/forgot-password", json={"email": EMAIL})
    unknown = await client.post(f"{AUTH}/forgot-password", json={"email": "ghost@example.com"})
    for response in (known, unknown):
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) > 0
    assert known.content == unknown.content
    assert len(read_mails(outbox)) == 5
