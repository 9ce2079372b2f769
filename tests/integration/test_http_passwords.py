"""Security checklist 4.2: password policy and storage, seen through register, login and
change-password.

Policy cases do not touch storage semantics, so they run on SQLite only; the stored-hash and
re-hash cases run on both backends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import Response

from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import (
    AUTH,
    PASSWORD,
    Client,
    app_client,
    assert_problem,
    bearer,
    error_codes,
    login,
    me,
    refresh,
    register,
    stored_user,
)

HASH_PREFIX_TEST_COST = "bcrypt-hmac-v1$$2b$04$"


@pytest.fixture
async def env(tmp_path: Path, sqlite_url: str) -> AsyncIterator[tuple[Client, Application]]:
    async with app_client(tmp_path, sqlite_url) as pair:
        yield pair


async def try_register(client: Client, password: str, email: str = "ada@example.com") -> Response:
    return await client.post(
        f"{AUTH}/register", json={"email": email, "password": password, "full_name": "Ada"}
    )


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("qz8#Lw2", "password_too_short"),
        ("k" * 1025, "password_too_long"),
        ("password123456", "password_too_common"),
        ("PassWord123456", "password_too_common"),
        ("iloveyou", "password_too_common"),
        ("alice.smith@example.com", "password_like_email"),
        ("alice.smith1", "password_like_email"),
    ],
)
async def test_policy_violations_are_422_naming_the_rule(
    env: tuple[Client, Application], password: str, code: str
) -> None:
    client, _ = env
    response = await try_register(client, password, "alice.smith@example.com")
    body = assert_problem(response, 422)
    assert error_codes(response) == [code]
    assert body["errors"][0]["field"] == "password"
    assert body["type"].endswith(code)
    assert password not in response.text


@pytest.mark.parametrize(
    "password",
    [
        "qz8#Lw2x",  # exactly the minimum of 8
        "k" * 64,
        "k" * 1024,  # exactly the cap
        "plain lowercase passphrase",  # no composition rules
        "  spaced out secret  ",
    ],
)
async def test_acceptable_passwords_register_and_log_in_exactly(
    env: tuple[Client, Application], password: str
) -> None:
    client, _ = env
    assert (await try_register(client, password)).status_code == 201
    assert (await login(client, password=password)).status_code == 200


async def test_a_password_over_the_schema_cap_is_400(env: tuple[Client, Application]) -> None:
    client, _ = env
    assert_problem(await try_register(client, "k" * 5000), 400)
    assert_problem(await login(client, password="k" * 5000), 400)


async def test_no_truncation_after_80_shared_bytes(env: tuple[Client, Application]) -> None:
    client, _ = env
    prefix = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor!!"
    assert len(prefix.encode()) == 80
    await register(client, password=prefix + "X")
    assert_problem(await login(client, password=prefix + "Y"), 401)
    assert_problem(await login(client, password=prefix), 401)
    assert (await login(client, password=prefix + "X")).status_code == 200


async def test_a_19_emoji_password_works_past_72_bytes(env: tuple[Client, Application]) -> None:
    client, _ = env
    password = "🦄🎉🔑🐍🌍🚀🎸🍕🌈🐙🎲🔥💡📚🧩🎯🛰🧪🪐"
    assert len(password) == 19
    assert len(password.encode()) >= 76
    await register(client, password=password)
    assert (await login(client, password=password)).status_code == 200
    assert_problem(await login(client, password=password[:18]), 401)


async def test_input_is_not_changed_case_or_spaces(env: tuple[Client, Application]) -> None:
    client, _ = env
    await register(client, password="Password1-Correct-Horse")
    for variant in (
        "password1-correct-horse",
        "PASSWORD1-CORRECT-HORSE",
        " Password1-Correct-Horse",
    ):
        assert_problem(await login(client, password=variant), 401)
    assert (await login(client, password="Password1-Correct-Horse")).status_code == 200


async def test_change_password_applies_the_policy_to_the_new_one(
    env: tuple[Client, Application],
) -> None:
    client, _ = env
    tokens = await register(client)
    for new_password, code in (
        ("short", "password_too_short"),
        ("password123456", "password_too_common"),
        ("ada@example.com", "password_like_email"),
        ("k" * 1025, "password_too_long"),
    ):
        response = await client.post(
            f"{AUTH}/change-password",
            headers=bearer(tokens["access_token"]),
            json={"current_password": PASSWORD, "new_password": new_password},
        )
        body = assert_problem(response, 422)
        assert error_codes(response) == [code]
        assert body["errors"][0]["field"] == "new_password"
    assert (await login(client)).status_code == 200


async def test_stored_hash_is_tagged_bcrypt_at_test_cost_and_never_served(
    client: Client, application: Application
) -> None:
    responses = []
    tokens = await register(client)
    responses.append(await login(client))
    responses.append(await me(client, tokens["access_token"]))
    responses.append(await refresh(client, tokens["refresh_token"]))
    responses.append(await client.get(f"{AUTH}/check-email", params={"email": "ada@example.com"}))
    responses.append(await client.get("/schema/openapi.json"))
    user = await stored_user(application)
    assert user.password_hash.startswith(HASH_PREFIX_TEST_COST)
    assert PASSWORD not in user.password_hash
    for response in responses:
        assert response.status_code == 200, response.text
        assert "password_hash" not in response.text
        assert "$2b$" not in response.text
        assert user.password_hash not in response.text


async def test_login_after_the_cost_was_raised_rehashes(
    client: Client, application: Application, database_url: str, tmp_path: Path
) -> None:
    await register(client)
    old_hash = (await stored_user(application)).password_hash
    assert old_hash.startswith(HASH_PREFIX_TEST_COST)
    async with app_client(
        tmp_path / "stronger", database_url, wipe_first=False, bcrypt_rounds=5
    ) as (stronger, stronger_app):
        assert_problem(await login(stronger, password="wrong password here"), 401)
        assert (await stored_user(stronger_app)).password_hash == old_hash
        assert (await login(stronger)).status_code == 200
        new_hash = (await stored_user(stronger_app)).password_hash
        assert new_hash.startswith("bcrypt-hmac-v1$$2b$05$")
        assert new_hash != old_hash
        assert (await login(stronger)).status_code == 200
        assert (await stored_user(stronger_app)).password_hash == new_hash
    assert (await login(client)).status_code == 200
