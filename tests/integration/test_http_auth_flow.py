"""The happy path a mobile client walks, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

AUTH = "/api/v1/auth"
PASSWORD = "correct horse battery staple"


async def register(client: AsyncTestClient, email: str = "ada@example.com") -> dict:  # type: ignore[type-arg]
    response = await client.post(
        f"{AUTH}/register", json={"email": email, "password": PASSWORD, "full_name": "Ada Lovelace"}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_register_login_me_refresh_logout(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    registered = await register(client, "  Ada@Example.COM ")
    assert registered["user"]["email"] == "ada@example.com"
    assert registered["token_type"] == "Bearer"
    assert registered["expires_in"] == 900

    login = await client.post(
        f"{AUTH}/login", json={"email": "ADA@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200
    tokens = login.json()
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}

    me = await client.get(f"{AUTH}/me", headers=bearer)
    assert me.status_code == 200
    assert set(me.json()) == {
        "id",
        "email",
        "full_name",
        "is_active",
        "is_verified",
        "created_at",
        "updated_at",
    }

    refreshed = await client.post(
        f"{AUTH}/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] != tokens["refresh_token"]

    logout = await client.post(f"{AUTH}/logout", headers=bearer)
    assert logout.status_code == 200
    assert logout.json() == {"message": "Successfully logged out"}
    assert (await client.get(f"{AUTH}/me", headers=bearer)).status_code == 401
    again = await client.post(f"{AUTH}/logout", headers=bearer)
    assert again.status_code == 200


def test_starting_on_an_unmigrated_database_says_to_migrate(tmp_path: Path) -> None:
    from litestar.testing import TestClient

    from resumecore_server.entrypoints.http.app import create_app
    from tests.support.app import make_application

    app = create_app(make_application(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/empty.db"))
    # The test client wraps start-up errors in an exception group; a server shows the message.
    expected = pytest.RaisesGroup(
        pytest.RaisesExc(RuntimeError, match="resumecore migrate"), allow_unwrapped=True
    )
    with expected, TestClient(app):
        pass
