"""Login throttling that stops guessing without letting anyone lock a victim out.

Two fixed-window counters per attempt (OWASP's per-pair lockout plus a global account limit):

* per (e-mail, client IP): ``login_failure_limit`` failures (5) lock that pair only, right
  password included, until the window ends. A brute force from one address stops here.
* per e-mail: ``login_account_failure_limit`` failures (50) from all addresses together lock
  the e-mail, except for a device that logged in to the account before (a valid device token).
  Failures from many addresses at a distributed guessing speed stop here.

An attacker failing from their own address fills their own pair counter; the victim's pair is
untouched and the account limit is ten times higher, so the victim still logs in. Unknown
e-mails are counted the same way, so a 429 does not tell whether an account exists.
"""

from __future__ import annotations

from resumecore.errors import RateLimited
from resumecore.ports.throttle import AttemptCounter
from resumecore.services.auth.policy import AuthPolicy

TOO_MANY = "Too many failed logins; try again later."


def login_failure_key(email: str, client_ip: str) -> str:
    """The counter of failed logins for one normalised e-mail from one client address."""
    return f"login-fail:{email}|{client_ip}"


def account_failure_key(email: str) -> str:
    """The counter of failed logins for one normalised e-mail from every address."""
    return f"login-fail-account:{email}"


class LoginThrottle:
    """Checks and counts password attempts for (e-mail, client IP) and for the e-mail."""

    def __init__(self, attempts: AttemptCounter, policy: AuthPolicy) -> None:
        self._attempts = attempts
        self._policy = policy

    async def check_pair(self, email: str, client_ip: str) -> None:
        """Raise ``RateLimited`` while this address is locked out of this e-mail."""
        pair = await self._attempts.peek(login_failure_key(email, client_ip))
        if pair.count >= self._policy.login_failure_limit:
            raise RateLimited(TOO_MANY, retry_after=pair.resets_in)

    async def check_account(self, email: str, *, known_device: bool) -> None:
        """Raise ``RateLimited`` while the e-mail is over its global limit.

        A device that logged in to the account before (``known_device``) is never refused here.
        """
        if known_device:
            return
        account = await self._attempts.peek(account_failure_key(email))
        if account.count >= self._policy.login_account_failure_limit:
            raise RateLimited(TOO_MANY, retry_after=account.resets_in)

    async def failed(self, email: str, client_ip: str) -> None:
        """Count one wrong password in both counters."""
        window = self._policy.login_failure_window_seconds
        await self._attempts.hit(login_failure_key(email, client_ip), window)
        await self._attempts.hit(account_failure_key(email), window)

    async def succeeded(self, email: str, client_ip: str) -> None:
        """Forget this address's failures (the account counter keeps other addresses' ones)."""
        await self._attempts.clear(login_failure_key(email, client_ip))

    async def lift(self, email: str, client_ip: str) -> None:
        """End every lockout the owner can prove to be theirs (after a password reset)."""
        await self._attempts.clear(login_failure_key(email, client_ip))
        await self._attempts.clear(account_failure_key(email))
