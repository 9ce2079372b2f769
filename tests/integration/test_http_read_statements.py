"""The statement budget of a repeat profile read: the session check joined to the version.

A read of a version already served costs one indexed query (is the bearer's session live, and
which version is current, asked together) and no more, whether it answers the cached body or
304. A second statement on this path is a regression to notice, not a detail.
"""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.integration.test_http_profile_reads import statements
from tests.integration.test_http_profile_safety import PROFILES, create_profile, register


@pytest.mark.parametrize("path", ["/me", "/{id}"])
@pytest.mark.parametrize("conditional", [False, True], ids=["body", "304"])
async def test_a_repeat_read_runs_one_statement_for_the_session_and_the_version(
    client: AsyncClient, path: str, conditional: bool
) -> None:
    owner = await register(client, "a@example.com")
    profile = await create_profile(client, owner)
    url = PROFILES + path.replace("{id}", profile["id"])
    first = await client.get(url, headers=owner)
    headers = owner | ({"If-None-Match": first.headers["etag"]} if conditional else {})

    with statements() as seen:
        again = await client.get(url, headers=headers)

    assert again.status_code == (304 if conditional else 200)
    assert len(seen) == 1, seen
    (session_and_version,) = seen
    assert "auth_sessions" in session_and_version
    assert "profiles.version" in session_and_version
    assert "profile_components" not in session_and_version
