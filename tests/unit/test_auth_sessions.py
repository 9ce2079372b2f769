"""Refresh-token rotation, reuse detection, session lifetime and logout (checklist 4.4)."""

from __future__ import annotations

import asyncio

import pytest

from resumecore.errors import AuthenticationFailed
from resumecore.model.auth import RefreshToken, token_digest
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.results import AuthResult
from resumecore_server.adapters.memory.repositories import MemorySessionRepository
from tests.unit.test_auth_login import EMAIL, PASSWORD, AuthKit

THIRTY_DAYS = 30 * 24 * 3600
GRACE = AuthPolicy().refresh_reuse_grace_seconds


@pytest.fixture
def kit() -> AuthKit:
    return AuthKit()


async def assert_session_ended(kit: AuthKit, result: AuthResult) -> None:
    """Neither the access token nor the refresh token of ``result`` works any more."""
    with pytest.raises(AuthenticationFailed):
        await kit.authenticate(result.access_token)
    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=result.refresh_token)


# --- refresh --------------------------------------------------------------------------------


async def test_refresh_rotates_the_refresh_token(kit: AuthKit) -> None:
    first = await kit.registered()
    sut = kit.refresh

    second = await sut(refresh_token=first.refresh_token)

    assert second.refresh_token != first.refresh_token
    assert second.user.id == first.user.id
    assert (await kit.principal(second)).session_id == (await kit.principal(first)).session_id
    spent = kit.tables.refresh_tokens[token_digest(first.refresh_token)]
    assert spent.used_at == kit.clock.now()


async def test_refresh_tokens_are_stored_only_by_digest(kit: AuthKit) -> None:
    result = await kit.registered()

    assert result.refresh_token not in kit.tables.refresh_tokens
    assert token_digest(result.refresh_token) in kit.tables.refresh_tokens


async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(kit: AuthKit) -> None:
    first = await kit.registered()
    child = await kit.refresh(refresh_token=first.refresh_token)
    kit.clock.advance(GRACE + 1)

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=first.refresh_token)

    await assert_session_ended(kit, child)


async def test_reuse_revokes_only_the_family_concerned(kit: AuthKit) -> None:
    first = await kit.registered()
    other_session = await kit.login(email=EMAIL, password=PASSWORD)
    await kit.refresh(refresh_token=first.refresh_token)
    kit.clock.advance(GRACE + 1)

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=first.refresh_token)

    assert (await kit.refresh(refresh_token=other_session.refresh_token)).user.email == EMAIL


async def test_concurrent_refreshes_of_one_token_succeed_exactly_once_without_grace() -> None:
    kit = AuthKit(policy=AuthPolicy(refresh_reuse_grace_seconds=0))
    first = await kit.registered()

    outcomes = await asyncio.gather(
        kit.refresh(refresh_token=first.refresh_token),
        kit.refresh(refresh_token=first.refresh_token),
        return_exceptions=True,
    )

    assert sum(isinstance(o, AuthResult) for o in outcomes) == 1
    assert sum(isinstance(o, AuthenticationFailed) for o in outcomes) == 1


async def test_interleaved_refreshes_of_one_token_succeed_exactly_once_without_grace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kit = AuthKit(policy=AuthPolicy(refresh_reuse_grace_seconds=0))
    # Make the fake storage yield after reading the token, so both requests see it unused
    # before either spends it, as two database transactions would.
    read = MemorySessionRepository.get_refresh_token

    async def read_then_yield(
        self: MemorySessionRepository, token_hash: str
    ) -> RefreshToken | None:
        token = await read(self, token_hash)
        await asyncio.sleep(0)
        return token

    monkeypatch.setattr(MemorySessionRepository, "get_refresh_token", read_then_yield)
    first = await kit.registered()

    outcomes = await asyncio.gather(
        *(kit.refresh(refresh_token=first.refresh_token) for _ in range(3)),
        return_exceptions=True,
    )

    assert sum(isinstance(o, AuthResult) for o in outcomes) == 1
    assert sum(isinstance(o, AuthenticationFailed) for o in outcomes) == 2


async def test_a_twin_refresh_within_the_grace_window_gets_the_same_successor(
    kit: AuthKit,
) -> None:
    first = await kit.registered()
    rotated = await kit.refresh(refresh_token=first.refresh_token)
    kit.clock.advance(GRACE)

    twin = await kit.refresh(refresh_token=first.refresh_token)

    assert twin.refresh_token == rotated.refresh_token
    assert (await kit.principal(twin)).session_id == (await kit.principal(rotated)).session_id
    assert (await kit.refresh(refresh_token=twin.refresh_token)).user.id == first.user.id


async def test_session_dies_at_its_absolute_lifetime(kit: AuthKit) -> None:
    first = await kit.registered()
    kit.clock.advance(THIRTY_DAYS + 1)

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=first.refresh_token)


async def test_rotation_does_not_extend_the_absolute_lifetime(kit: AuthKit) -> None:
    result = await kit.registered()
    for _ in range(3):
        kit.clock.advance(THIRTY_DAYS // 3 - 60)
        result = await kit.refresh(refresh_token=result.refresh_token)

    kit.clock.advance(181)  # 30 days + 1 s after login

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=result.refresh_token)


async def test_refresh_works_one_second_before_the_lifetime_ends(kit: AuthKit) -> None:
    first = await kit.registered()
    kit.clock.advance(THIRTY_DAYS - 1)

    assert (await kit.refresh(refresh_token=first.refresh_token)).user.email == EMAIL


@pytest.mark.parametrize("token", ["", "made-up-token", "x" * 43])
async def test_unknown_refresh_token_fails(kit: AuthKit, token: str) -> None:
    await kit.registered()

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=token)


async def test_access_token_is_not_a_refresh_token(kit: AuthKit) -> None:
    result = await kit.registered()

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=result.access_token)


async def test_refresh_fails_for_a_deactivated_user(kit: AuthKit) -> None:
    result = await kit.registered()
    kit.deactivate()

    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=result.refresh_token)
    with pytest.raises(AuthenticationFailed):
        await kit.authenticate(result.access_token)


# --- logout ---------------------------------------------------------------------------------


async def test_logout_ends_the_session(kit: AuthKit) -> None:
    result = await kit.registered()
    sut = kit.logout

    await sut(await kit.principal(result))

    await assert_session_ended(kit, result)


async def test_logout_is_idempotent(kit: AuthKit) -> None:
    result = await kit.registered()
    principal = await kit.principal(result)
    await kit.logout(principal)
    revoked_at = kit.tables.sessions[principal.session_id].revoked_at
    kit.clock.advance(60)

    await kit.logout(principal)

    assert kit.tables.sessions[principal.session_id].revoked_at == revoked_at
    await assert_session_ended(kit, result)


async def test_logout_keeps_the_users_other_sessions(kit: AuthKit) -> None:
    first = await kit.registered()
    second = await kit.login(email=EMAIL, password=PASSWORD)

    await kit.logout(await kit.principal(first))

    assert (await kit.principal(second)).user_id == second.user.id


async def test_logout_with_own_refresh_token_ends_that_session_too(kit: AuthKit) -> None:
    first = await kit.registered()
    second = await kit.login(email=EMAIL, password=PASSWORD)

    await kit.logout(await kit.principal(first), refresh_token=second.refresh_token)

    await assert_session_ended(kit, first)
    await assert_session_ended(kit, second)


async def test_logout_with_another_users_refresh_token_leaves_it_alone(kit: AuthKit) -> None:
    alice = await kit.registered()
    bob = await kit.registered(email="bob@example.com")

    await kit.logout(await kit.principal(alice), refresh_token=bob.refresh_token)

    await assert_session_ended(kit, alice)
    assert (await kit.principal(bob)).user_id == bob.user.id
    assert (await kit.refresh(refresh_token=bob.refresh_token)).user.id == bob.user.id


async def test_logout_with_an_unknown_refresh_token_still_logs_out(kit: AuthKit) -> None:
    result = await kit.registered()

    await kit.logout(await kit.principal(result), refresh_token="not-a-token")

    await assert_session_ended(kit, result)
