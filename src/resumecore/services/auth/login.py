"""Use case: log in with e-mail and password, throttled per account."""

from __future__ import annotations

from resumecore.errors import AuthenticationFailed, RateLimited
from resumecore.model.email import normalize_email
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter

INVALID_CREDENTIALS = "Invalid credentials"


def login_failure_key(email: str) -> str:
    """The counter key of failed logins for one normalised e-mail."""
    return f"login-fail:{email}"


class LoginUser:
    """Check credentials and open a session.

    Every failure (unknown e-mail, wrong password, deactivated account) raises the same
    ``AuthenticationFailed`` after the same amount of hashing work. After
    ``login_failure_limit`` failures within the window, every attempt for that e-mail, right
    password included, raises ``RateLimited`` until the window ends.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        sessions: SessionStarter,
        attempts: AttemptCounter,
        clock: Clock,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._sessions = sessions
        self._attempts = attempts
        self._clock = clock
        self._policy = policy

    async def __call__(self, *, email: str, password: str) -> AuthResult:
        """Authenticate and return a fresh token pair."""
        address = normalize_email(email)
        key = login_failure_key(address)
        failures = await self._attempts.peek(key)
        if failures.count >= self._policy.login_failure_limit:
            raise RateLimited(
                "Too many failed logins; try again later.", retry_after=failures.resets_in
            )
        async with self._uow() as uow:
            user = await uow.users.get_by_email(address)
        stored_hash = user.password_hash if user is not None else None
        matches = await self._hasher.verify(password, stored_hash)
        if user is None or not matches or not user.is_active:
            await self._attempts.hit(key, self._policy.login_failure_window_seconds)
            raise AuthenticationFailed(INVALID_CREDENTIALS)
        await self._attempts.clear(key)
        if self._hasher.needs_rehash(user.password_hash):
            user = user.with_password_hash(await self._hasher.hash(password), self._clock.now())
        async with self._uow() as uow:
            if user.password_hash != stored_hash:
                await uow.users.update(user)
            result = await self._sessions.start(uow, user)
            await uow.commit()
        return result
