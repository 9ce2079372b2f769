"""Use case: change the password while logged in."""

from __future__ import annotations

import logging

from resumecore.errors import (
    AuthenticationFailed,
    InvalidValue,
    NotFound,
    RateLimited,
    StorageUnavailable,
)
from resumecore.model.principal import Principal
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.login import login_failure_key
from resumecore.services.auth.policy import AuthPolicy

log = logging.getLogger(__name__)


class ChangePassword:
    """Replace the caller's password, revoke every other session, notify by mail.

    Raises:
        AuthenticationFailed: the current password is wrong (counts as a failed login).
        RateLimited: the account is locked out by failed logins or password guesses.
        InvalidValue: the new password equals the current one or breaks the policy.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        attempts: AttemptCounter,
        mailer: Mailer,
        clock: Clock,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._attempts = attempts
        self._mailer = mailer
        self._clock = clock
        self._policy = policy

    async def __call__(
        self, principal: Principal, *, current_password: str, new_password: str
    ) -> None:
        """Verify, re-hash, store; the caller's own session keeps working."""
        async with self._uow() as uow:
            user = await uow.users.get(principal.user_id)
        if user is None:
            raise NotFound("User not found.")
        key = login_failure_key(user.email)
        failures = await self._attempts.peek(key)
        if failures.count >= self._policy.login_failure_limit:
            raise RateLimited(
                "Too many failed attempts; try again later.", retry_after=failures.resets_in
            )
        if not await self._hasher.verify(current_password, user.password_hash):
            await self._attempts.hit(key, self._policy.login_failure_window_seconds)
            raise AuthenticationFailed("The current password is incorrect.")
        if new_password == current_password:
            raise InvalidValue.for_field(
                "new_password",
                "password_unchanged",
                "The new password must differ from the current one.",
            )
        self._policy.passwords.check(new_password, email=user.email, field="new_password")
        now = self._clock.now()
        updated = user.with_password_hash(await self._hasher.hash(new_password), now)
        async with self._uow() as uow:
            await uow.users.update(updated)
            await uow.sessions.revoke_all_for_user(user.id, now, keep=principal.session_id)
            await uow.reset_tokens.spend_all_for_user(user.id, now)
            await uow.commit()
        notice = OutgoingMail(
            to=user.email,
            subject="Your resumecore password was changed",
            body=(
                f"Hello {user.full_name},\n\nThe password of your resumecore account was changed "
                "and your other sessions were signed out.\nIf this was not you, reset your "
                "password now.\n"
            ),
        )
        try:
            await self._mailer.send(notice)
        except StorageUnavailable:
            # The change is committed; a lost notice must not turn it into an error.
            log.warning("password change notice not delivered")
