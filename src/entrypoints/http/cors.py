"""CORS for browser clients (the Flutter web build): a strict allowlist of origins.

``RESUMECORE_CORS_ORIGINS`` lists origins separated by commas; an origin may end in ``:*``
for any port (``http://localhost:*``). Unset, development allows the loopback origins on any
port and every other environment allows none (no CORS headers at all).
"""

from __future__ import annotations

import re

from litestar.config.cors import CORSConfig

DEVELOPMENT_ORIGINS = ("http://localhost:*", "http://127.0.0.1:*")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+?(?::(?:\d{1,5}|\*))?$")
ALLOWED_HEADERS = [
    "Authorization",
    "Content-Type",
    "Accept",
    "If-Match",
    "If-None-Match",
    "Idempotency-Key",
    "X-Device-Token",
    "X-Request-ID",
]
EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "X-Request-ID", "Content-Disposition"]


def origin_patterns(configured: str | None, environment: str) -> tuple[str, ...]:
    """The origin patterns in force. Raises ``ValueError`` for a malformed one."""
    if configured is None:
        return DEVELOPMENT_ORIGINS if environment == "development" else ()
    patterns = tuple(part.strip().rstrip("/") for part in configured.split(",") if part.strip())
    for pattern in patterns:
        if not _ORIGIN.match(pattern) or "*" in pattern[:-2]:
            msg = f"RESUMECORE_CORS_ORIGINS: {pattern!r} is not an origin like http://host:port"
            raise ValueError(msg)
    return patterns


def _regex(pattern: str) -> str:
    if pattern.endswith(":*"):
        return re.escape(pattern[:-2]) + r"(?::\d{1,5})?"
    return re.escape(pattern)


def cors_config(configured: str | None, environment: str) -> CORSConfig | None:
    """Litestar's CORS middleware for the allowed origins; None when there are none."""
    patterns = origin_patterns(configured, environment)
    if not patterns:
        return None
    return CORSConfig(
        # A regex anchored on both ends: Litestar matches it with fullmatch.
        allow_origins=[],
        allow_origin_regex="|".join(f"(?:{_regex(p)})" for p in patterns),
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=600,
    )
