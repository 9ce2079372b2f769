"""Register and log in (security checklist 4.2-4.3), on the in-memory fakes.

``AuthKit`` wires every auth use case by hand (no punq) over in-memory storage, a fake clock,
a counting bcrypt hasher (cost 4) and the real JWT codec; the session and password tests
reuse it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import msgspec
import pytest

from resumecore.errors import AuthenticationFailed, Conflict, InvalidValue, RateLimited
from resumecore.model.principal import Principal
from resumecore.model.user import User
from resumecore.ports.mail import OutgoingMail
from resumecore.services.auth.account import AuthenticateAccessToken
from resumecore.services.auth.change_password import ChangePassword
from resumecore.services.auth.login import INVALID_CREDENTIALS, LoginUser
from resumecore.services.auth.logout import LogoutUser
from resumecore.services.auth.password_reset import RequestPasswordReset, ResetPassword
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.refresh import RefreshSession
from resumecore.services.auth.register import RegisterUser
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter
from resumecore.services.auth.versioned_reads import UnitOfWorkSessionVersionReads
from resumecore_server.adapters.memory.mailer import MemoryMailer
from resumecore_server.adapters.memory.repositories import MemoryTables
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.security.jwt_codec import PyJwtAccessTokenCodec
from resumecore_server.adapters.system import UuidGenerator
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from tests.support.clock import FakeClock
from tests.support.hasher import CountingHasher

SECRET = "unit-test-signing-key-0123456789abcdef"
EMAIL = "alice@example.com"
PASSWORD = "velvet compass lantern"
NAME = "Alice Example"


class AuthKit:
    """Every auth use case wired on shared in-memory fakes."""

    def __init__(
        self,
        *,
        clock: FakeClock | None = None,
        hasher: CountingHasher | None = None,
        tables: MemoryTables | None = None,
        policy: AuthPolicy | None = None,
    ) -> None:
        self.clock = clock = clock or FakeClock()
        self.hasher = hasher = hasher or CountingHasher()
        self.policy = policy = policy or AuthPolicy()
        self.uow = uow = MemoryUnitOfWorkFactory(tables)
        self.mailer = mailer = MemoryMailer()
        self.attempts = attempts = MemoryAttemptCounter(clock)
        self.codec = codec = PyJwtAccessTokenCodec(SECRET, clock)
        ids = UuidGenerator()
        starter = SessionStarter(codec, clock, ids, policy)
        self.register = RegisterUser(uow, hasher, starter, clock, ids, policy)
        self.login = LoginUser(uow, hasher, starter, attempts, clock, policy)
        self.refresh = RefreshSession(uow, starter, clock)
        self.logout = LogoutUser(uow, clock)
        live = UnitOfWorkSessionVersionReads(uow)
        self.authenticate = AuthenticateAccessToken(live, codec, clock)
        self.change_password = ChangePassword(uow, hasher, attempts, mailer, clock, policy)
        self.request_reset = RequestPasswordReset(uow, mailer, attempts, clock, policy)
        self.reset_password = ResetPassword(uow, hasher, attempts, clock, policy)

    @property
    def tables(self) -> MemoryTables:
        return self.uow.tables

    async def registered(
        self, email: str = EMAIL, password: str = PASSWORD, full_name: str = NAME
    ) -> AuthResult:
        return await self.register(email=email, password=password, full_name=full_name)

    async def principal(self, result: AuthResult) -> Principal:
        """The principal of a token pair's access token (fails if it no longer authenticates)."""
        return await self.authenticate(result.access_token)

    def stored_user(self, email: str = EMAIL) -> User:
        return next(u for u in self.tables.users.values() if u.email == email)

    def deactivate(self, email: str = EMAIL) -> None:
        user = self.stored_user(email)
        self.tables.users[user.id] = msgspec.structs.replace(user, is_active=False)

    def mails_to(self, email: str = EMAIL) -> list[OutgoingMail]:
        return [m for m in self.mailer.sent if m.to == email]


def reset_token_in(mail: OutgoingMail, policy: AuthPolicy | None = None) -> str:
    """The token of the reset link in ``mail`` (the test fails if there is none)."""
    base = (policy or AuthPolicy()).reset_link_base
    [link] = [word for word in mail.body.split() if word.startswith(base + "#")]
    [token] = parse_qs(urlsplit(link).fragment)["token"]  # the fragment: never sent to servers
    return token


@pytest.fixture
def kit() -> AuthKit:
    return AuthKit()


# --- register -------------------------------------------------------------------------------


async def test_register_normalises_email_and_trims_the_name(kit: AuthKit) -> None:
    sut = kit.register

    result = await sut(email="  Alice@Example.COM ", password=PASSWORD, full_name="  Alice  ")

    assert result.user.email == EMAIL
    assert result.user.full_name == "Alice"
    assert kit.stored_user(EMAIL).id == result.user.id


async def test_register_opens_a_working_session(kit: AuthKit) -> None:
    result = await kit.registered()

    principal = await kit.principal(result)

    assert principal.user_id == result.user.id
    assert result.expires_in == kit.codec.lifetime_seconds
    assert (await kit.refresh(refresh_token=result.refresh_token)).user.id == result.user.id


async def test_register_stores_only_a_hash(kit: AuthKit) -> None:
    await kit.registered()

    stored = kit.stored_user().password_hash
    assert stored.startswith("bcrypt-hmac-v1$$2b$04$")
    assert PASSWORD not in stored


async def test_duplicate_email_in_another_case_conflicts(kit: AuthKit) -> None:
    await kit.registered()

    with pytest.raises(Conflict) as caught:
        await kit.registered(email=" ALICE@example.com")

    assert caught.value.code == "email_taken"
    assert len(kit.tables.users) == 1


@pytest.mark.parametrize("full_name", ["", "   ", "x" * 101])
async def test_register_refuses_an_empty_or_too_long_name(kit: AuthKit, full_name: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        await kit.registered(full_name=full_name)

    assert caught.value.errors[0].field == "full_name"
    assert kit.tables.users == {}


async def test_register_accepts_a_hundred_character_name(kit: AuthKit) -> None:
    result = await kit.registered(full_name="x" * 100)

    assert result.user.full_name == "x" * 100


@pytest.mark.parametrize(
    ("email", "password", "field", "code"),
    [
        ("not-an-email", PASSWORD, "email", "invalid_email"),
        (EMAIL, "short", "password", "password_too_short"),
        (EMAIL, "qwertyuiop", "password", "password_too_common"),
        (EMAIL, "alice2026", "password", "password_like_email"),
    ],
)
async def test_register_applies_email_and_password_rules(
    kit: AuthKit, email: str, password: str, field: str, code: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        await kit.registered(email=email, password=password)

    assert (caught.value.errors[0].field, caught.value.code) == (field, code)
    assert kit.tables.users == {}


# --- login ----------------------------------------------------------------------------------


async def test_login_with_right_password_opens_a_new_session(kit: AuthKit) -> None:
    registered = await kit.registered()

    result = await kit.login(email=" ALICE@example.com ", password=PASSWORD)

    principal = await kit.principal(result)
    assert principal.user_id == registered.user.id
    assert principal.session_id != (await kit.principal(registered)).session_id


async def test_wrong_password_and_unknown_email_fail_identically(kit: AuthKit) -> None:
    await kit.registered()
    sut = kit.login

    kit.hasher.verify_calls = 0
    with pytest.raises(AuthenticationFailed) as wrong_password:
        await sut(email=EMAIL, password="not the password")
    calls_for_known = kit.hasher.verify_calls

    kit.hasher.verify_calls = 0
    with pytest.raises(AuthenticationFailed) as unknown_email:
        await sut(email="nobody@example.com", password="not the password")
    calls_for_unknown = kit.hasher.verify_calls

    assert str(wrong_password.value) == str(unknown_email.value) == INVALID_CREDENTIALS
    assert wrong_password.value.code == unknown_email.value.code
    assert calls_for_known == calls_for_unknown == 1


async def test_inactive_user_fails_like_a_wrong_password(kit: AuthKit) -> None:
    await kit.registered()
    kit.deactivate()
    kit.hasher.verify_calls = 0

    with pytest.raises(AuthenticationFailed) as caught:
        await kit.login(email=EMAIL, password=PASSWORD)

    assert str(caught.value) == INVALID_CREDENTIALS
    assert kit.hasher.verify_calls == 1


async def test_password_case_matters_at_login(kit: AuthKit) -> None:
    await kit.registered(password="Velvet Compass Lantern")

    with pytest.raises(AuthenticationFailed):
        await kit.login(email=EMAIL, password="velvet compass lantern")


async def fail_logins(kit: AuthKit, email: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(AuthenticationFailed):
            await kit.login(email=email, password="wrong password!")


async def test_sixth_attempt_after_five_failures_is_rate_limited_even_with_right_password(
    kit: AuthKit,
) -> None:
    await kit.registered()
    await fail_logins(kit, EMAIL, 5)

    with pytest.raises(RateLimited) as caught:
        await kit.login(email=EMAIL, password=PASSWORD)

    assert 0 < caught.value.retry_after <= kit.policy.login_failure_window_seconds


async def test_unknown_email_is_locked_out_the_same_way(kit: AuthKit) -> None:
    await fail_logins(kit, "ghost@example.com", 5)

    with pytest.raises(RateLimited) as caught:
        await kit.login(email="ghost@example.com", password=PASSWORD)

    assert caught.value.retry_after > 0


async def test_lockout_counts_the_normalised_email(kit: AuthKit) -> None:
    await kit.registered()
    for variant in ["ALICE@example.com", " alice@EXAMPLE.com", "Alice@Example.Com", EMAIL, EMAIL]:
        await fail_logins(kit, variant, 1)

    with pytest.raises(RateLimited):
        await kit.login(email=EMAIL, password=PASSWORD)


async def test_lockout_of_one_account_leaves_others_alone(kit: AuthKit) -> None:
    await kit.registered()
    await kit.registered(email="bob@example.com")
    await fail_logins(kit, EMAIL, 5)

    result = await kit.login(email="bob@example.com", password=PASSWORD)

    assert result.user.email == "bob@example.com"


async def test_lockout_ends_after_the_window(kit: AuthKit) -> None:
    await kit.registered()
    await fail_logins(kit, EMAIL, 5)
    with pytest.raises(RateLimited):
        await kit.login(email=EMAIL, password=PASSWORD)

    kit.clock.advance(15 * 60 + 1)

    assert (await kit.login(email=EMAIL, password=PASSWORD)).user.email == EMAIL


async def test_success_resets_the_failure_counter(kit: AuthKit) -> None:
    await kit.registered()
    await fail_logins(kit, EMAIL, 4)
    await kit.login(email=EMAIL, password=PASSWORD)

    await fail_logins(kit, EMAIL, 4)

    assert (await kit.login(email=EMAIL, password=PASSWORD)).user.email == EMAIL


async def test_login_rehashes_when_the_cost_was_raised(kit: AuthKit) -> None:
    await kit.registered()
    old_hash = kit.stored_user().password_hash
    stronger = AuthKit(clock=kit.clock, tables=kit.tables, hasher=CountingHasher(rounds=5))

    await stronger.login(email=EMAIL, password=PASSWORD)

    new_hash = stronger.stored_user().password_hash
    assert new_hash != old_hash
    assert new_hash.startswith("bcrypt-hmac-v1$$2b$05$")
    assert await stronger.hasher.verify(PASSWORD, new_hash)
    assert (await stronger.login(email=EMAIL, password=PASSWORD)).user.password_hash == new_hash


async def test_login_keeps_the_hash_when_the_cost_is_unchanged(kit: AuthKit) -> None:
    await kit.registered()
    old_hash = kit.stored_user().password_hash

    await kit.login(email=EMAIL, password=PASSWORD)

    assert kit.stored_user().password_hash == old_hash
    assert kit.hasher.hash_calls == 1  # the one at registration
