"""The statement budget of a repeat profile read: the session check and the version check.

A read of a version already served costs two indexed queries (is the bearer's session live,
which version is current) and no more, whether it answers the cached body or 304. The numbers
are the budget the benchmark figures in docs/operations.md were measured with: a third
statement on this path is a regression to notice, not a detail.
"""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.integration.test_http_profile_reads import statements
from tests.integration.test_http_profile_safety import PROFILES, create_profile, register


@pytest.mark.parametrize("path", ["/me", "/{id}"])
@pytest.mark.parametrize("conditional", [False, True], ids=["body", "304"])
async def test_a_repeat_read_runs_the_session_check_and_the_version_check_only(
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
    assert len(seen) == 2, seen
    session_check, version_check = seen
    assert "auth_sessions" in session_check
    assert "profiles.version" in version_check
    assert "profile_components" not in version_check
