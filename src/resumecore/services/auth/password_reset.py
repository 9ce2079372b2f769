"""Use cases: request a password-reset link, and reset the password with it."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from urllib.parse import quote

import msgspec

from resumecore.errors import InvalidToken, RateLimited
from resumecore.ids import UserId
from resumecore.model.auth import PasswordResetToken, new_opaque_token, token_digest
from resumecore.model.email import parse_email
from resumecore.model.user import User
from resumecore.ports.mail import Mailer, OutgoingMail
from resumecore.ports.security import PasswordHasher
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.login import UNKNOWN_CLIENT
from resumecore.services.auth.login_throttle import LoginThrottle
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

    Known and unknown e-mails behave the same to the caller, in what they answer and in how
    long the answer takes: ``accept`` (validation and the rate limit) is all that runs before
    the answer, and is the same work for any address; ``deliver`` (lookup, token, mail) runs
    after it. Older unused links die.

    Raises:
        InvalidValue: a malformed e-mail.
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
        """Accept the request and deliver it at once."""
        delivery = await self.accept(email=email)
        await delivery()

    async def accept(self, *, email: str) -> Callable[[], Awaitable[None]]:
        """Validate and count the request; return the delivery to run after answering."""
        address = parse_email(email)
        window = await self._attempts.hit(
            f"reset-request:{address}", self._policy.reset_request_window_seconds
        )
        if window.count > self._policy.reset_requests_per_email:
            raise RateLimited(
                "Too many reset requests; try again later.", retry_after=window.resets_in
            )
        return partial(self.deliver, address)

    async def deliver(self, address: str) -> None:
        """Create and store a token and mail the link, for an active account only.

        Never raises: it runs after the answer, when nobody could be told.
        """
        now = self._clock.now()
        token = new_opaque_token()
        record = PasswordResetToken(
            token_hash=token_digest(token),
            user_id=UserId(""),
            created_at=now,
            expires_at=now + timedelta(seconds=self._policy.reset_token_lifetime_seconds),
        )
        try:
            async with self._uow() as uow:
                user = await uow.users.get_by_email(address)
                if user is None or not user.is_active:
                    return
                await uow.reset_tokens.spend_all_for_user(user.id, now)
                await uow.reset_tokens.add(msgspec.structs.replace(record, user_id=user.id))
                await uow.commit()
        except Exception as exc:  # after the answer there is nobody to tell
            log.warning("password reset not stored: %s", type(exc).__name__)
            return
        try:
            await self._mailer.send(_reset_mail(user, self._policy.reset_link_base, token))
        except Exception as exc:  # likewise
            # Only the type: a driver's message could contain the link (and so the token).
            log.warning("password reset mail not delivered: %s", type(exc).__name__)


def _reset_mail(user: User, link_base: str, token: str) -> OutgoingMail:
    link = reset_link(link_base, token)
    return OutgoingMail(
        to=user.email,
        subject="Reset your resumecore password",
        body=(
            f"Hello {plain_name(user.full_name)},\n\nOpen this link within one hour to choose "
            f"a new password:\n\n{link}\n\nIf you did not ask for this, ignore this message.\n"
        ),
    )


class ResetPassword:
    """Set a new password with a reset token; the token alone decides the user.

    On success the token is spent, every session of the user is revoked, and the login
    lockouts of the account (account-wide, and this address's) are lifted.

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

    async def __call__(
        self, *, token: str, new_password: str, client_ip: str = UNKNOWN_CLIENT
    ) -> None:
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
        await LoginThrottle(self._attempts, self._policy).lift(user.email, client_ip)
