r"""Input hardening at the HTTP edge: content types (415), NUL and lone surrogates (400), depth.

Two pieces, both answering through the app's problem-details handlers:

- ``InputGuard`` (middleware): a request that carries a body must say it is JSON
  (``application/json`` or ``application/*+json``; multipart only on upload routes), and no path
  or query string may hold a NUL. Body-less requests pass whatever their Content-Type says,
  because the mobile app sends ``Content-Type: application/json`` on every GET and DELETE.
- ``GuardedRequest`` (the app's request class): before any decoder reads a JSON body, refuse
  one nested deeper than ``MAX_JSON_DEPTH`` or holding ``\\u0000`` or an unpaired surrogate.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import ClientException, HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from resumecore_server.entrypoints.http.json_scan import json_body_problem, text_problem

MULTIPART_PATHS = ("/api/v1/samples/upload",)
UNSUPPORTED_TYPE = "Send the request body as {}."


def media_type(content_type: str) -> str:
    """``"Application/JSON; charset=utf-8"`` -> ``"application/json"``."""
    return content_type.split(";", 1)[0].strip().lower()


def is_json_type(media: str) -> bool:
    """``application/json`` or a structured-syntax ``application/<x>+json``."""
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def body_type_allowed(media: str, path: str) -> bool:
    """Whether a body of ``media`` may be sent to ``path``."""
    if is_json_type(media):
        return True
    return media == "multipart/form-data" and _is_upload(path)


def unsupported_type_detail(path: str) -> str:
    """What a 415 asks for: the type the route reads (multipart on upload routes)."""
    return UNSUPPORTED_TYPE.format(
        "multipart/form-data" if _is_upload(path) else "application/json"
    )


def _is_upload(path: str) -> bool:
    return path.rstrip("/") in MULTIPART_PATHS


class InputGuard(ASGIMiddleware):
    """Refuse bodies of the wrong type (415) and malformed request lines (400).

    Malformed: NUL in the path or query string, or a query parameter without a name.
    """

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Check the request line and headers; the body is left to ``GuardedRequest``."""
        headers = {key.lower(): value for key, value in scope.get("headers", [])}
        path = scope.get("path", "")
        query = scope.get("query_string", b"").decode("latin-1")
        problem = (
            text_problem(path)
            or text_problem(unquote(query, errors="replace"))
            or _nameless_parameter(query)
        )
        if problem:
            raise ClientException(detail=problem)
        if _has_body(headers):
            media = media_type(headers.get(b"content-type", b"").decode("latin-1"))
            if not body_type_allowed(media, path):
                raise HTTPException(status_code=415, detail=unsupported_type_detail(path))
        await next_app(scope, receive, send)


def _nameless_parameter(query: str) -> str | None:
    """A query parameter without a name (``?=x``, ``?a=1&=2``) is malformed."""
    if any(part.startswith("=") for part in query.split("&")):
        return "A query parameter has no name."
    return None


def _has_body(headers: dict[bytes, bytes]) -> bool:
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        return True
    length = headers.get(b"content-length", b"0").strip()
    return not length.isdigit() or int(length) > 0


class GuardedRequest(Request[Any, Any, Any]):
    """A request whose JSON body is scanned once, before the first decode."""

    _body_checked = False

    async def body(self) -> bytes:
        """The raw body; raises a 400 ``ClientException`` for the inputs ``json_scan`` refuses."""
        raw = await super().body()
        if raw and not self._body_checked:
            if is_json_type(media_type(self.headers.get("content-type", ""))):
                problem = json_body_problem(raw)
                if problem:
                    raise ClientException(detail=problem)
            self._body_checked = True
        return raw
