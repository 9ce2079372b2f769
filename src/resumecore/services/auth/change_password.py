"""Use case: change the password while logged in."""

from __future__ import annotations

import logging

from resumecore.errors import (
    AuthenticationFailed,
    InvalidValue,
    NotFound,
    StorageUnavailable,
)
from resumecore.model.principal import Principal
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.login import UNKNOWN_CLIENT
from resumecore.services.auth.login_throttle import LoginThrottle
from resumecore.services.auth.password_reset import plain_name
from resumecore.services.auth.policy import AuthPolicy

log = logging.getLogger(__name__)


class ChangePassword:
    """Replace the caller's password, revoke every other session, notify by mail.

    Raises:
        AuthenticationFailed: the current password is wrong (counts as a failed login).
        RateLimited: this address is locked out of the account by failed logins or guesses.
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
        self._throttle = LoginThrottle(attempts, policy)
        self._mailer = mailer
        self._clock = clock
        self._policy = policy

    async def __call__(
        self,
        principal: Principal,
        *,
        current_password: str,
        new_password: str,
        client_ip: str = UNKNOWN_CLIENT,
    ) -> None:
        """Verify, re-hash, store; the caller's own session keeps working."""
        async with self._uow() as uow:
            user = await uow.users.get(principal.user_id)
        if user is None:
            raise NotFound("User not found.")
        # Wrong current passwords count as failed logins from this address, and a lockout of
        # this address stops them: a stolen access token is no unthrottled guessing oracle.
        await self._throttle.check_pair(user.email, client_ip)
        if not await self._hasher.verify(current_password, user.password_hash):
            await self._throttle.failed(user.email, client_ip)
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
                f"Hello {plain_name(user.full_name)},\n\n"
                "The password of your resumecore account was changed "
                "and your other sessions were signed out.\nIf this was not you, reset your "
                "password now.\n"
            ),
        )
        try:
            await self._mailer.send(notice)
        except StorageUnavailable:
            # The change is committed; a lost notice must not turn it into an error.
            log.warning("password change notice not delivered")
