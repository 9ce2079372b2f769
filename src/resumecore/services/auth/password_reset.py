"""Use cases: request a password-reset link, and reset the password with it."""

from __future__ import annotations

import logging
import unicodedata
from datetime import timedelta
from urllib.parse import quote

from resumecore.errors import InvalidToken, RateLimited, StorageUnavailable
from resumecore.model.auth import PasswordResetToken, new_opaque_token, token_digest
from resumecore.model.email import normalize_email
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.login import login_failure_key
from resumecore.services.auth.policy import AuthPolicy

log = logging.getLogger(__name__)
INVALID_RESET = "The reset link is invalid or has expired."
MAX_NAME_IN_MAIL = 100


def reset_link(base_or_template: str, token: str) -> str:
    """The link a reset mail carries.

    A template with ``{token}`` (``jobwise://reset?token={token}``, a deep link) gets the token
    in its place; a plain base gets it in the fragment (``<base>#token=...``), which browsers
    never send to a server, so it cannot end up in access logs or a ``Referer``.
    """
    if "{token}" in base_or_template:
        return base_or_template.replace("{token}", quote(token, safe=""))
    return f"{base_or_template}#token={quote(token, safe='')}"


def plain_name(full_name: str) -> str:
    """A user-supplied name as one line of plain text for a mail body.

    Line breaks, other control and format characters (bidi overrides, zero-width) become
    spaces or disappear, so a name cannot forge extra lines or hide text; length is capped.
    """
    kept = "".join(
        " " if unicodedata.category(c) in {"Cc", "Zl", "Zp"} else c
        for c in full_name
        if unicodedata.category(c) != "Cf"
    )
    return " ".join(kept.split())[:MAX_NAME_IN_MAIL] or "there"


class RequestPasswordReset:
    """Mail a single-use reset link if the e-mail belongs to an active account.

    Known and unknown e-mails behave the same to the caller. Older unused links die.

    Raises:
        RateLimited: too many requests for this e-mail in the window.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        mailer: Mailer,
        attempts: AttemptCounter,
        clock: Clock,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._mailer = mailer
        self._attempts = attempts
        self._clock = clock
        self._policy = policy

    async def __call__(self, *, email: str) -> None:
        """Create the token, commit it, then send the mail."""
        address = normalize_email(email)
        window = await self._attempts.hit(
            f"reset-request:{address}", self._policy.reset_request_window_seconds
        )
        if window.count > self._policy.reset_requests_per_email:
            raise RateLimited(
                "Too many reset requests; try again later.", retry_after=window.resets_in
            )
        now = self._clock.now()
        token = new_opaque_token()
        async with self._uow() as uow:
            user = await uow.users.get_by_email(address)
            if user is None or not user.is_active:
                return
            await uow.reset_tokens.spend_all_for_user(user.id, now)
            await uow.reset_tokens.add(
                PasswordResetToken(
                    token_hash=token_digest(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + timedelta(seconds=self._policy.reset_token_lifetime_seconds),
                )
            )
            await uow.commit()
        link = reset_link(self._policy.reset_link_base, token)
        message = OutgoingMail(
            to=user.email,
            subject="Reset your resumecore password",
            body=(
                f"Hello {plain_name(user.full_name)},\n\n"
                "Open this link within one hour to choose a new "
                f"password:\n\n{link}\n\nIf you did not ask for this, ignore this message.\n"
            ),
        )
        try:
            await self._mailer.send(message)
        except StorageUnavailable:
            # Answering differently would reveal that the account exists; the user can retry.
            log.warning("password reset mail not delivered")


class ResetPassword:
    """Set a new password with a reset token; the token alone decides the user.

    On success the token is spent, every session of the user is revoked, and the login
    lockout for the account is lifted.

    Raises:
        InvalidToken: unknown, used or expired token.
        InvalidValue: the new password breaks the policy (the token stays usable).
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        attempts: AttemptCounter,
        clock: Clock,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._attempts = attempts
        self._clock = clock
        self._policy = policy

    async def __call__(self, *, token: str, new_password: str) -> None:
        """Check the token, hash outside the transaction, then spend and store atomically."""
        digest = token_digest(token)
        async with self._uow() as uow:
            stored = await uow.reset_tokens.get(digest)
            user = await uow.users.get(stored.user_id) if stored is not None else None
        if stored is None or user is None or not user.is_active:
            raise InvalidToken(INVALID_RESET)
        if not stored.is_usable(self._clock.now()):
            raise InvalidToken(INVALID_RESET)
        self._policy.passwords.check(new_password, email=user.email, field="new_password")
        password_hash = await self._hasher.hash(new_password)
        now = self._clock.now()
        async with self._uow() as uow:
            if not await uow.reset_tokens.spend(digest, now):
                raise InvalidToken(INVALID_RESET)
            await uow.users.update(user.with_password_hash(password_hash, now))
            await uow.sessions.revoke_all_for_user(user.id, now)
            await uow.reset_tokens.spend_all_for_user(user.id, now)
            await uow.commit()
        await self._attempts.clear(login_failure_key(user.email))
