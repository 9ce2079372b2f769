"""Device tokens: proof that a browser or app logged in to an account successfully before.

A token is ``<user id>.<issued at>.<nonce>.<HMAC-SHA256 of those under the server key>``; it is
not stored anywhere. It lets its holder log in while the account's global failure limit is
reached (OWASP "device cookies"): an attacker who fails many times from elsewhere cannot lock
out a device the owner already uses.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from datetime import datetime

from resumecore.ids import UserId

_PURPOSE = b"device-token\0"


def _sign(key: bytes, payload: str) -> str:
    mac = hmac.new(key, _PURPOSE + payload.encode("utf-8"), "sha256").digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def issue_device_token(key: bytes, user_id: UserId, now: datetime) -> str:
    """A new signed device token for ``user_id``."""
    payload = f"{user_id}.{int(now.timestamp())}.{secrets.token_urlsafe(12)}"
    return f"{payload}.{_sign(key, payload)}"


def device_token_owner(
    key: bytes, token: str | None, now: datetime, lifetime_seconds: int
) -> UserId | None:
    """The user a valid, unexpired ``token`` was issued to; None for anything else."""
    if not token or len(token) > 256:
        return None
    payload, _, signature = token.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or not hmac.compare_digest(signature, _sign(key, payload)):
        return None
    user_id, issued, _nonce = parts
    if not issued.isdigit() or now.timestamp() - int(issued) > lifetime_seconds:
        return None
    return UserId(user_id)
