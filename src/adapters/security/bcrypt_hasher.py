"""bcrypt behind an HMAC-SHA256 pre-hash, run on a worker pool of its own."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets

import bcrypt

from resumecore.ports.security import PasswordHasher
from resumecore.ports.work import CpuWorkRunner
from resumecore_server.adapters.workers.thread_pool import ThreadPoolRunner

SCHEME = "bcrypt-hmac-v1"


class BcryptPasswordHasher(PasswordHasher):
    """Stores ``bcrypt-hmac-v1$<bcrypt hash of base64(HMAC-SHA256(pepper, password))>``.

    The pre-hash gives bcrypt 44 ASCII bytes for any password, so nothing past 72 bytes is
    truncated and NUL bytes cannot cut it short; the pepper defeats hash shucking.
    Hashing runs on ``runner``, at most ``max_concurrent`` at once, never on the event loop.
    The app gives it a pool that nothing else uses (see ``bootstrap``), so a flood of other
    CPU work (scoring) never queues ahead of a login; without one it makes its own.
    """

    def __init__(
        self,
        pepper: bytes,
        rounds: int = 12,
        max_concurrent: int = 4,
        *,
        runner: CpuWorkRunner | None = None,
    ) -> None:
        self._pepper = pepper
        self._rounds = rounds
        self._slots = asyncio.Semaphore(max_concurrent)
        self._runner = runner or ThreadPoolRunner("bcrypt", max_concurrent)
        self._dummy_hash: bytes | None = None

    def _prehash(self, password: str) -> bytes:
        digest = hmac.new(self._pepper, password.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return base64.b64encode(digest.digest())

    async def hash(self, password: str) -> str:
        """Hash with a fresh salt at the configured cost."""
        prehashed = self._prehash(password)
        async with self._slots:
            hashed = await self._runner.run(bcrypt.hashpw, prehashed, bcrypt.gensalt(self._rounds))
        return f"{SCHEME}${hashed.decode('ascii')}"

    async def verify(self, password: str, password_hash: str | None) -> bool:
        """Check a password; with no hash, burn the same work on a dummy and return False."""
        scheme, _, inner = (password_hash or "").partition("$")
        if password_hash is None or scheme != SCHEME:
            target = await self._dummy()
            matches = False
        else:
            target = inner.encode("ascii", "replace")
            matches = True
        prehashed = self._prehash(password)
        async with self._slots:
            ok = await self._runner.run(_checkpw, prehashed, target)
        return ok and matches

    def needs_rehash(self, password_hash: str) -> bool:
        """True for another scheme or a lower cost than configured."""
        scheme, _, inner = password_hash.partition("$")
        if scheme != SCHEME:
            return True
        try:
            cost = int(inner.split("$")[2])
        except (IndexError, ValueError):
            return True
        return cost < self._rounds

    async def _dummy(self) -> bytes:
        if self._dummy_hash is None:
            salt = bcrypt.gensalt(self._rounds)
            self._dummy_hash = await self._runner.run(
                bcrypt.hashpw, secrets.token_bytes(16).hex().encode(), salt
            )
        return self._dummy_hash


def _checkpw(prehashed: bytes, target: bytes) -> bool:
    try:
        return bcrypt.checkpw(prehashed, target)
    except ValueError:
        return False
