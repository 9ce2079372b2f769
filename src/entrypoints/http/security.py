"""Bearer authentication as Litestar dependencies."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from resumecore.errors import AuthenticationFailed
from resumecore.model.principal import Principal
from resumecore.services.auth.account import INVALID_TOKEN, AuthenticateAccessToken


def bearer_token(request: Request[Any, Any, Any]) -> str:
    """The token of exactly one ``Authorization: Bearer <token>`` header, or 401."""
    values = request.headers.getall("authorization", [])
    if len(values) != 1:
        raise AuthenticationFailed(INVALID_TOKEN)
    scheme, _, token = values[0].strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token or "," in token:
        raise AuthenticationFailed(INVALID_TOKEN)
    return token


async def provide_principal(
    request: Request[Any, Any, Any],
    authenticate_access_token: NamedDependency[AuthenticateAccessToken],
) -> Principal:
    """The caller of a protected route; its session must still be live."""
    return await authenticate_access_token(bearer_token(request))


async def provide_principal_of_any_session(
    request: Request[Any, Any, Any],
    authenticate_access_token: NamedDependency[AuthenticateAccessToken],
) -> Principal:
    """The caller, even if the session already ended (for idempotent logout)."""
    return await authenticate_access_token(bearer_token(request), allow_ended_session=True)
