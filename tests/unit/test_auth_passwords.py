"""Change password, forgot password and reset password (security checklist 4.5)."""

from __future__ import annotations

import pytest

from resumecore.errors import AuthenticationFailed, InvalidToken, InvalidValue, RateLimited
from resumecore.model.auth import token_digest
from resumecore.services.auth.results import AuthResult
from tests.unit.test_auth_login import EMAIL, PASSWORD, AuthKit, reset_token_in

NEW_PASSWORD = "harbor pelican sunrise"
TTL = 3600


@pytest.fixture
def kit() -> AuthKit:
    return AuthKit()


async def assert_login_fails(kit: AuthKit, password: str) -> None:
    with pytest.raises(AuthenticationFailed):
        await kit.login(email=EMAIL, password=password)


async def assert_session_ended(kit: AuthKit, result: AuthResult) -> None:
    with pytest.raises(AuthenticationFailed):
        await kit.authenticate(result.access_token)
    with pytest.raises(AuthenticationFailed):
        await kit.refresh(refresh_token=result.refresh_token)


async def requested_token(kit: AuthKit, email: str = EMAIL) -> str:
    """Ask for a reset link and return the token of the newest mail."""
    await kit.request_reset(email=email)
    return reset_token_in(kit.mailer.sent[-1], kit.policy)


# --- change password ------------------------------------------------------------------------


async def test_change_with_wrong_current_password_fails(kit: AuthKit) -> None:
    result = await kit.registered()
    old_hash = kit.stored_user().password_hash

    with pytest.raises(AuthenticationFailed):
        await kit.change_password(
            await kit.principal(result), current_password="wrong guess!", new_password=NEW_PASSWORD
        )

    assert kit.stored_user().password_hash == old_hash
    assert kit.mailer.sent == []


async def test_wrong_current_passwords_count_toward_the_login_lockout(kit: AuthKit) -> None:
    principal = await kit.principal(await kit.registered())
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            await kit.change_password(
                principal, current_password="wrong guess!", new_password=NEW_PASSWORD
            )

    with pytest.raises(RateLimited):
        await kit.login(email=EMAIL, password=PASSWORD)


async def test_change_password_is_refused_while_the_account_is_locked_out(kit: AuthKit) -> None:
    # A stolen access token must not become an unthrottled password-guessing oracle.
    principal = await kit.principal(await kit.registered())
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            await kit.change_password(
                principal, current_password="wrong guess!", new_password=NEW_PASSWORD
            )

    with pytest.raises(RateLimited):
        await kit.change_password(principal, current_password=PASSWORD, new_password=NEW_PASSWORD)


async def test_new_password_equal_to_current_is_refused(kit: AuthKit) -> None:
    principal = await kit.principal(await kit.registered())

    with pytest.raises(InvalidValue) as caught:
        await kit.change_password(principal, current_password=PASSWORD, new_password=PASSWORD)

    assert caught.value.code == "password_unchanged"
    assert caught.value.errors[0].field == "new_password"


@pytest.mark.parametrize(
    ("new_password", "code"),
    [("short", "password_too_short"), ("qwertyuiop", "password_too_common")],
)
async def test_new_password_goes_through_the_policy(
    kit: AuthKit, new_password: str, code: str
) -> None:
    principal = await kit.principal(await kit.registered())

    with pytest.raises(InvalidValue) as caught:
        await kit.change_password(principal, current_password=PASSWORD, new_password=new_password)

    assert caught.value.code == code
    await kit.login(email=EMAIL, password=PASSWORD)


async def test_successful_change_swaps_passwords_and_signs_out_other_sessions(
    kit: AuthKit,
) -> None:
    current = await kit.registered()
    other = await kit.login(email=EMAIL, password=PASSWORD)
    sut = kit.change_password

    await sut(await kit.principal(current), current_password=PASSWORD, new_password=NEW_PASSWORD)

    await assert_session_ended(kit, other)
    assert (await kit.principal(current)).user_id == current.user.id
    assert (await kit.refresh(refresh_token=current.refresh_token)).user.email == EMAIL
    await assert_login_fails(kit, PASSWORD)
    assert (await kit.login(email=EMAIL, password=NEW_PASSWORD)).user.email == EMAIL


async def test_successful_change_sends_one_notice(kit: AuthKit) -> None:
    principal = await kit.principal(await kit.registered())

    await kit.change_password(principal, current_password=PASSWORD, new_password=NEW_PASSWORD)

    [notice] = kit.mailer.sent
    assert notice.to == EMAIL
    assert NEW_PASSWORD not in notice.body


async def test_change_password_voids_pending_reset_links(kit: AuthKit) -> None:
    result = await kit.registered()
    token = await requested_token(kit)

    await kit.change_password(
        await kit.principal(result), current_password=PASSWORD, new_password=NEW_PASSWORD
    )

    with pytest.raises(InvalidToken):
        await kit.reset_password(token=token, new_password="another fine passphrase")


# --- forgot password ------------------------------------------------------------------------


async def test_forgot_password_mails_a_link_to_a_known_email(kit: AuthKit) -> None:
    await kit.registered()
    sut = kit.request_reset

    await sut(email=" Alice@Example.com ")

    [mail] = kit.mailer.sent
    assert mail.to == EMAIL
    token = reset_token_in(mail, kit.policy)
    assert len(token) >= 22  # at least 128 bits, base64url
    assert token not in kit.tables.reset_tokens
    assert token_digest(token) in kit.tables.reset_tokens


async def test_forgot_password_for_an_unknown_email_sends_nothing(kit: AuthKit) -> None:
    await kit.registered()

    await kit.request_reset(email="nobody@example.com")

    assert kit.mailer.sent == []
    assert kit.tables.reset_tokens == {}


async def test_forgot_password_for_an_inactive_account_sends_nothing(kit: AuthKit) -> None:
    await kit.registered()
    kit.deactivate()

    await kit.request_reset(email=EMAIL)

    assert kit.mailer.sent == []


async def test_a_second_request_invalidates_the_first_token(kit: AuthKit) -> None:
    await kit.registered()
    first = await requested_token(kit)
    second = await requested_token(kit)

    with pytest.raises(InvalidToken):
        await kit.reset_password(token=first, new_password=NEW_PASSWORD)
    await kit.reset_password(token=second, new_password=NEW_PASSWORD)


@pytest.mark.parametrize("email", [EMAIL, "nobody@example.com"], ids=["known", "unknown"])
async def test_sixth_request_within_the_hour_is_rate_limited(kit: AuthKit, email: str) -> None:
    await kit.registered()
    for _ in range(5):
        await kit.request_reset(email=email)
    sent_before = len(kit.mailer.sent)

    with pytest.raises(RateLimited) as caught:
        await kit.request_reset(email=email)

    assert caught.value.retry_after > 0
    assert len(kit.mailer.sent) == sent_before
    assert sent_before == (5 if email == EMAIL else 0)


async def test_request_limit_is_per_email_and_ends_after_the_window(kit: AuthKit) -> None:
    await kit.registered()
    await kit.registered(email="bob@example.com")
    for _ in range(5):
        await kit.request_reset(email=EMAIL)

    await kit.request_reset(email="bob@example.com")
    kit.clock.advance(3600)
    await kit.request_reset(email=EMAIL)

    assert len(kit.mails_to("bob@example.com")) == 1
    assert len(kit.mails_to(EMAIL)) == 6


# --- reset password -------------------------------------------------------------------------


async def test_valid_token_resets_the_password_once(kit: AuthKit) -> None:
    await kit.registered()
    token = await requested_token(kit)
    sut = kit.reset_password

    await sut(token=token, new_password=NEW_PASSWORD)

    assert (await kit.login(email=EMAIL, password=NEW_PASSWORD)).user.email == EMAIL
    await assert_login_fails(kit, PASSWORD)
    with pytest.raises(InvalidToken):
        await sut(token=token, new_password="another fine passphrase")


async def test_token_works_one_second_before_its_ttl(kit: AuthKit) -> None:
    await kit.registered()
    token = await requested_token(kit)
    kit.clock.advance(TTL - 1)

    await kit.reset_password(token=token, new_password=NEW_PASSWORD)

    assert (await kit.login(email=EMAIL, password=NEW_PASSWORD)).user.email == EMAIL


async def test_token_fails_one_second_after_its_ttl(kit: AuthKit) -> None:
    await kit.registered()
    token = await requested_token(kit)
    kit.clock.advance(TTL + 1)

    with pytest.raises(InvalidToken):
        await kit.reset_password(token=token, new_password=NEW_PASSWORD)

    await kit.login(email=EMAIL, password=PASSWORD)


@pytest.mark.parametrize("token", ["", "made-up", "x" * 43])
async def test_unknown_token_fails(kit: AuthKit, token: str) -> None:
    await kit.registered()
    await kit.request_reset(email=EMAIL)

    with pytest.raises(InvalidToken):
        await kit.reset_password(token=token, new_password=NEW_PASSWORD)


async def test_reset_revokes_every_session(kit: AuthKit) -> None:
    first = await kit.registered()
    second = await kit.login(email=EMAIL, password=PASSWORD)
    token = await requested_token(kit)

    await kit.reset_password(token=token, new_password=NEW_PASSWORD)

    await assert_session_ended(kit, first)
    await assert_session_ended(kit, second)


async def test_policy_violation_leaves_the_token_usable(kit: AuthKit) -> None:
    await kit.registered()
    token = await requested_token(kit)

    with pytest.raises(InvalidValue) as caught:
        await kit.reset_password(token=token, new_password="short")

    assert caught.value.errors[0].field == "new_password"
    await kit.login(email=EMAIL, password=PASSWORD)
    await kit.reset_password(token=token, new_password=NEW_PASSWORD)
    assert (await kit.login(email=EMAIL, password=NEW_PASSWORD)).user.email == EMAIL


async def test_reset_only_touches_the_tokens_owner(kit: AuthKit) -> None:
    await kit.registered()
    bob = await kit.registered(email="bob@example.com")
    token = await requested_token(kit)

    await kit.reset_password(token=token, new_password=NEW_PASSWORD)

    assert (await kit.principal(bob)).user_id == bob.user.id
    assert (await kit.login(email="bob@example.com", password=PASSWORD)).user.id == bob.user.id


async def test_reset_lifts_the_login_lockout(kit: AuthKit) -> None:
    await kit.registered()
    for _ in range(5):
        await assert_login_fails(kit, "wrong guess!")
    token = await requested_token(kit)

    await kit.reset_password(token=token, new_password=NEW_PASSWORD)

    assert (await kit.login(email=EMAIL, password=NEW_PASSWORD)).user.email == EMAIL
