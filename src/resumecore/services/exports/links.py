"""Signed, expiring download links: they work without a bearer token and only for one file.

The signature is HMAC-SHA256 over ``"<export id>:<expires>"`` with a key of its own (derived
from the server secret by the composition root), so a link names exactly one export until its
``expires`` (unix seconds) and cannot be altered to name another or to live longer.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import msgspec

from resumecore.errors import DomainError
from resumecore.ports.system import Clock

MAX_SIGNATURE = 128


class LinkRefused(DomainError):
    """A download link that is forged, altered or expired (HTTP 403)."""

    code = "link_refused"


class SignedLink(msgspec.Struct, frozen=True, kw_only=True):
    """An absolute URL and when it stops working."""

    url: str
    expires_at: datetime


class ExportLinks:
    """Makes and checks the download links of exports."""

    def __init__(self, key: bytes, base_url: str, lifetime_seconds: int, clock: Clock) -> None:
        self._key = key
        self._base = base_url.rstrip("/")
        self._lifetime = lifetime_seconds
        self._clock = clock

    def link(self, export_id: str) -> SignedLink:
        """A link to the file, valid for the configured lifetime from now."""
        expires = int(self._clock.now().timestamp()) + self._lifetime
        path = f"/api/v1/exports/files/{quote(export_id, safe='')}/content"
        url = f"{self._base}{path}?expires={expires}&sig={self._sign(export_id, expires)}"
        return SignedLink(url=url, expires_at=datetime.fromtimestamp(expires, UTC))

    def check(self, export_id: str, expires: str | None, signature: str | None) -> None:
        """``LinkRefused`` unless the signature is ours for this id and not yet expired."""
        if not expires or not signature or len(signature) > MAX_SIGNATURE:
            raise LinkRefused("This download link is not valid.")
        if not expires.isdigit() or len(expires) > 12:
            raise LinkRefused("This download link is not valid.")
        expected = self._sign(export_id, int(expires))
        if not hmac.compare_digest(expected.encode(), signature.lower().encode("ascii", "replace")):
            raise LinkRefused("This download link is not valid.")
        if int(expires) <= self._clock.now().timestamp():
            raise LinkRefused("This download link has expired; ask for a new one.")

    def _sign(self, export_id: str, expires: int) -> str:
        message = f"{export_id}:{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


class ExportPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """How long exported files are kept."""

    ttl_days: int = 30

    @property
    def ttl(self) -> timedelta:
        """The lifetime of an export."""
        return timedelta(days=self.ttl_days)
