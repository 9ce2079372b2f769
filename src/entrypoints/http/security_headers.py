"""Headers every response carries, whatever produced it (handlers, problems, 404s, CORS)."""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

NOSNIFF = ("x-content-type-options", "nosniff")


async def add_security_headers(message: Message, scope: Scope) -> None:
    """``before_send`` hook: ``X-Content-Type-Options: nosniff`` on every response start."""
    del scope
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        headers[NOSNIFF[0]] = NOSNIFF[1]
