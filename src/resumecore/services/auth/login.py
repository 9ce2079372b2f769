"""Use case: log in with e-mail and password, throttled per (e-mail, client IP) and per e-mail."""

from __future__ import annotations

from collections.abc import Awaitable

import msgspec

from resumecore.errors import AuthenticationFailed, RateLimited
from resumecore.model.email import normalize_email
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.telemetry import NO_TELEMETRY, Telemetry
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.device_tokens import device_token_owner, issue_device_token
from resumecore.services.auth.login_throttle import LoginThrottle
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter

INVALID_CREDENTIALS = "Invalid credentials"
UNKNOWN_CLIENT = "unknown"


class LoginUser:
    """Check credentials and open a session.

    Every failure (unknown e-mail, wrong password, deactivated account) raises the same
    ``AuthenticationFailed`` after the same amount of hashing work. Failures are throttled as
    ``LoginThrottle`` describes: ``RateLimited`` (right password included) while this client
    address is locked out of the e-mail, or while the e-mail is over its global limit and the
    caller shows no device token of the account. A success returns a new device token.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        sessions: SessionStarter,
        attempts: AttemptCounter,
        clock: Clock,
        policy: AuthPolicy,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self._telemetry = telemetry
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._throttle = LoginThrottle(attempts, policy)
        self._clock = clock
        self._policy = policy

    @property
    def device_token_lifetime_seconds(self) -> int:
        """How long a device token issued now stays valid."""
        return self._policy.device_token_lifetime_seconds

    async def __call__(
        self,
        *,
        email: str,
        password: str,
        client_ip: str = UNKNOWN_CLIENT,
        device_token: str | None = None,
    ) -> AuthResult:
        """Authenticate and return a fresh token pair (and a device token)."""
        address = normalize_email(email)
        await self._unless_locked(self._throttle.check_pair(address, client_ip))
        async with self._uow() as uow:
            user = await uow.users.get_by_email(address)
        now = self._clock.now()
        lifetime = self._policy.device_token_lifetime_seconds
        owner = device_token_owner(self._policy.token_key, device_token, now, lifetime)
        await self._unless_locked(
            self._throttle.check_account(
                address, known_device=user is not None and owner == user.id
            )
        )
        stored_hash = user.password_hash if user is not None else None
        matches = await self._hasher.verify(password, stored_hash)
        if user is None or not matches or not user.is_active:
            await self._throttle.failed(address, client_ip)
            self._telemetry.login_failed(locked=False)
            raise AuthenticationFailed(INVALID_CREDENTIALS)
        await self._throttle.succeeded(address, client_ip)
        if self._hasher.needs_rehash(user.password_hash):
            user = user.with_password_hash(await self._hasher.hash(password), self._clock.now())
        async with self._uow() as uow:
            if user.password_hash != stored_hash:
                await uow.users.update(user)
            result = await self._sessions.start(uow, user)
            await uow.commit()
        device = issue_device_token(self._policy.token_key, user.id, now)
        return msgspec.structs.replace(result, device_token=device)

    async def _unless_locked(self, check: Awaitable[None]) -> None:
        """Run a lockout check; a refusal is reported as a lockout, then raised."""
        try:
            await check
        except RateLimited:
            self._telemetry.login_failed(locked=True)
            raise
