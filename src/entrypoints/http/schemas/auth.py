"""Bodies of the auth routes. Length caps here are DoS guards (400); rules are the core's (422)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from msgspec import Meta

from resumecore.model.user import User
from resumecore.services.auth.results import AuthResult
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody

EmailText = Annotated[str, Meta(max_length=320)]
PasswordText = Annotated[str, Meta(max_length=4096)]
TokenText = Annotated[str, Meta(max_length=512)]


class RegisterRequest(RequestBody):
    """New account."""

    email: EmailText
    password: PasswordText
    full_name: Annotated[str, Meta(max_length=1000)]


class LoginRequest(RequestBody):
    """Credentials."""

    email: EmailText
    password: PasswordText


class RefreshRequest(RequestBody):
    """A refresh token to rotate."""

    refresh_token: TokenText


class LogoutRequest(RequestBody):
    """Optionally the refresh token of the session to end as well."""

    refresh_token: TokenText | None = None


class ChangePasswordRequest(RequestBody):
    """Current and new password."""

    current_password: PasswordText
    new_password: PasswordText


class ForgotPasswordRequest(RequestBody):
    """Where to send a reset link."""

    email: EmailText


class ResetPasswordRequest(RequestBody):
    """A reset token and the new password."""

    token: TokenText
    new_password: PasswordText


class UserSummary(ResponseBody):
    """The user inside a token response."""

    id: str
    email: str
    full_name: str
    created_at: datetime


class TokenResponse(ResponseBody):
    """Tokens for a session."""

    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    user: UserSummary

    @classmethod
    def of(cls, result: AuthResult) -> TokenResponse:
        """Present a use-case result."""
        user = result.user
        return cls(
            access_token=result.access_token,
            refresh_token=result.refresh_token,
            token_type="Bearer",
            expires_in=result.expires_in,
            user=UserSummary(
                id=user.id, email=user.email, full_name=user.full_name, created_at=user.created_at
            ),
        )


class MeResponse(ResponseBody):
    """The caller's account."""

    id: str
    email: str
    full_name: str
    is_active: bool
    is_verified: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User) -> MeResponse:
        """Present a user (never its password hash)."""
        return cls(
            id=user.id,
            email=user.email,
            full_name=user.full_name,
            is_active=user.is_active,
            is_verified=user.is_verified,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )


class EmailAvailability(ResponseBody):
    """Whether an e-mail can be registered."""

    available: bool
