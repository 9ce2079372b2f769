"""The auth routes: thin translation between HTTP and the auth use cases."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, QueryParameter

from entrypoints.http.schemas.auth import (
    ChangePasswordRequest,
    EmailAvailability,
    ForgotPasswordRequest,
    LoginRequest,
    LogoutRequest,
    MeResponse,
    RefreshRequest,
    RegisterRequest,
    ResetPasswordRequest,
    TokenResponse,
)
from entrypoints.http.schemas.common import MessageResponse
from entrypoints.http.security import provide_principal, provide_principal_of_any_session
from resumecore.model.principal import Principal
from resumecore.services.auth.account import CheckEmailAvailability, GetCurrentUser
from resumecore.services.auth.change_password import ChangePassword
from resumecore.services.auth.login import LoginUser
from resumecore.services.auth.logout import LogoutUser
from resumecore.services.auth.password_reset import RequestPasswordReset, ResetPassword
from resumecore.services.auth.refresh import RefreshSession
from resumecore.services.auth.register import RegisterUser

AUTH_QUOTA = {"ip_quota": "auth"}
BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]


class AuthController(Controller):
    """Accounts and sessions (contract: Auth)."""

    path = "/api/v1/auth"
    tags = ["auth"]

    @post("/register", status_code=201, opt=AUTH_QUOTA, operation_id="register")
    async def register(
        self, data: JSONBody[RegisterRequest], register_user: NamedDependency[RegisterUser]
    ) -> TokenResponse:
        """Create an account and return its first token pair."""
        result = await register_user(
            email=data.email, password=data.password, full_name=data.full_name
        )
        return TokenResponse.of(result)

    @post("/login", status_code=200, opt=AUTH_QUOTA, operation_id="login")
    async def login(
        self, data: JSONBody[LoginRequest], login_user: NamedDependency[LoginUser]
    ) -> TokenResponse:
        """Exchange credentials for a token pair; 429 with Retry-After when throttled."""
        return TokenResponse.of(await login_user(email=data.email, password=data.password))

    @post("/refresh", status_code=200, opt=AUTH_QUOTA, operation_id="refresh")
    async def refresh(
        self, data: JSONBody[RefreshRequest], refresh_session: NamedDependency[RefreshSession]
    ) -> TokenResponse:
        """Rotate a refresh token; a spent token revokes its whole session."""
        return TokenResponse.of(await refresh_session(refresh_token=data.refresh_token))

    @get(
        "/me",
        operation_id="me",
        security=BEARER,
        dependencies={"principal": Provide(provide_principal)},
    )
    async def me(
        self,
        principal: NamedDependency[Principal],
        get_current_user: NamedDependency[GetCurrentUser],
    ) -> MeResponse:
        """The caller's account."""
        return MeResponse.of(await get_current_user(principal))

    @post(
        "/logout",
        status_code=200,
        operation_id="logout",
        security=BEARER,
        dependencies={"principal": Provide(provide_principal_of_any_session)},
    )
    async def logout(
        self,
        principal: NamedDependency[Principal],
        logout_user: NamedDependency[LogoutUser],
        data: JSONBody[LogoutRequest | None] = None,
    ) -> MessageResponse:
        """End this session (and the refresh token's, if given); idempotent."""
        await logout_user(principal, refresh_token=data.refresh_token if data else None)
        return MessageResponse(message="Successfully logged out")

    @post(
        "/change-password",
        status_code=200,
        opt=AUTH_QUOTA,
        operation_id="change_password",
        security=BEARER,
        dependencies={"principal": Provide(provide_principal)},
    )
    async def change_password(
        self,
        data: JSONBody[ChangePasswordRequest],
        principal: NamedDependency[Principal],
        change_password: NamedDependency[ChangePassword],
    ) -> MessageResponse:
        """Change the password; every other session is signed out."""
        await change_password(
            principal, current_password=data.current_password, new_password=data.new_password
        )
        return MessageResponse(message="Password changed successfully")

    @post("/forgot-password", status_code=200, opt=AUTH_QUOTA, operation_id="forgot_password")
    async def forgot_password(
        self,
        data: JSONBody[ForgotPasswordRequest],
        request_password_reset: NamedDependency[RequestPasswordReset],
    ) -> MessageResponse:
        """Mail a reset link if the account exists; the answer is the same either way."""
        await request_password_reset(email=data.email)
        return MessageResponse(message="If the email exists, a reset link has been sent")

    @post("/reset-password", status_code=200, opt=AUTH_QUOTA, operation_id="reset_password")
    async def reset_password(
        self, data: JSONBody[ResetPasswordRequest], reset_password: NamedDependency[ResetPassword]
    ) -> MessageResponse:
        """Set a new password with a reset token; all sessions are signed out."""
        await reset_password(token=data.token, new_password=data.new_password)
        return MessageResponse(message="Password reset successfully")

    @get("/check-email", opt={"ip_quota": "check-email"}, operation_id="check_email")
    async def check_email(
        self,
        check_email_availability: NamedDependency[CheckEmailAvailability],
        email: Annotated[str, QueryParameter(max_length=320)],
    ) -> EmailAvailability:
        """Whether an e-mail can still be registered."""
        return EmailAvailability(available=await check_email_availability(email=email))
