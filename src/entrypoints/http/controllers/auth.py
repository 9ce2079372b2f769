"""The auth routes: thin translation between HTTP and the auth use cases."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.background_tasks import BackgroundTask
from litestar.datastructures import CacheControlHeader, Cookie, ResponseHeader
from litestar.di import NamedDependency, Provide
from litestar.params import HeaderParameter, JSONBody, QueryParameter

from resumecore.model.principal import Principal
from resumecore.services.auth.account import CheckEmailAvailability, GetCurrentUser
from resumecore.services.auth.change_password import ChangePassword
from resumecore.services.auth.login import LoginUser
from resumecore.services.auth.logout import LogoutUser
from resumecore.services.auth.password_reset import RequestPasswordReset, ResetPassword
from resumecore.services.auth.refresh import RefreshSession
from resumecore.services.auth.register import RegisterUser
from resumecore_server.entrypoints.http.rate_limit import ip_quota
from resumecore_server.entrypoints.http.schemas.auth import (
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
from resumecore_server.entrypoints.http.schemas.common import MessageResponse
from resumecore_server.entrypoints.http.security import (
    provide_principal,
    provide_principal_of_any_session,
)

AUTH_QUOTA = ip_quota("auth")
BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]
# Token responses must not be kept by any cache (browser, proxy).
NO_STORE = CacheControlHeader(no_store=True)
DEVICE_COOKIE = "rc_device"
DEVICE_HEADER = "X-Device-Token"
FORGOT_MESSAGE = "If the email exists, a reset link has been sent"


DeviceToken = Annotated[
    str | None,
    HeaderParameter(
        name=DEVICE_HEADER,
        required=False,
        description="The device token of an earlier login (for clients without cookies).",
    ),
]
SETS_DEVICE_COOKIE = [
    ResponseHeader(
        name="Set-Cookie",
        documentation_only=True,
        description=f"`{DEVICE_COOKIE}`: the device token a later login shows (HttpOnly).",
    )
]


def device_token_of(request: Request[Any, Any, Any], header: str | None) -> str | None:
    """The device token a client shows: the ``X-Device-Token`` header, else the cookie."""
    return header or request.cookies.get(DEVICE_COOKIE)


def device_cookie(token: str, *, secure: bool, max_age: int) -> Cookie:
    """The signed device cookie a successful login sets (scoped to the auth routes)."""
    return Cookie(
        key=DEVICE_COOKIE,
        value=token,
        path="/api/v1/auth",
        max_age=max_age,
        httponly=True,
        secure=secure,
        samesite="strict",
    )


class AuthController(Controller):
    """Accounts and sessions (contract: Auth)."""

    path = "/api/v1/auth"
    tags = ["auth"]

    @post(
        "/register",
        status_code=201,
        **AUTH_QUOTA,
        operation_id="register",
        cache_control=NO_STORE,
    )
    async def register(
        self, data: JSONBody[RegisterRequest], register_user: NamedDependency[RegisterUser]
    ) -> TokenResponse:
        """Create an account and return its first token pair."""
        result = await register_user(
            email=data.email, password=data.password, full_name=data.full_name
        )
        return TokenResponse.of(result)

    @post(
        "/login",
        status_code=200,
        **AUTH_QUOTA,
        operation_id="login",
        cache_control=NO_STORE,
        response_headers=SETS_DEVICE_COOKIE,
    )
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginRequest],
        login_user: NamedDependency[LoginUser],
        client_ip: NamedDependency[str],
        secure_cookies: NamedDependency[bool],
        device_token: DeviceToken = None,
    ) -> Response[TokenResponse]:
        """Exchange credentials for a token pair; 429 with Retry-After when throttled.

        Sets the ``rc_device`` cookie: a device that logged in before is not locked out by
        failures from elsewhere (the token may also be sent as ``X-Device-Token``).
        """
        result = await login_user(
            email=data.email,
            password=data.password,
            client_ip=client_ip,
            device_token=device_token_of(request, device_token),
        )
        cookies = []
        if result.device_token:
            max_age = login_user.device_token_lifetime_seconds
            cookies.append(
                device_cookie(result.device_token, secure=secure_cookies, max_age=max_age)
            )
        return Response(TokenResponse.of(result), cookies=cookies)

    @post("/refresh", status_code=200, **AUTH_QUOTA, operation_id="refresh", cache_control=NO_STORE)
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
        **AUTH_QUOTA,
        operation_id="change_password",
        security=BEARER,
        dependencies={"principal": Provide(provide_principal)},
    )
    async def change_password(
        self,
        data: JSONBody[ChangePasswordRequest],
        principal: NamedDependency[Principal],
        change_password: NamedDependency[ChangePassword],
        client_ip: NamedDependency[str],
    ) -> MessageResponse:
        """Change the password; every other session is signed out."""
        await change_password(
            principal,
            current_password=data.current_password,
            new_password=data.new_password,
            client_ip=client_ip,
        )
        return MessageResponse(message="Password changed successfully")

    @post("/forgot-password", status_code=200, **AUTH_QUOTA, operation_id="forgot_password")
    async def forgot_password(
        self,
        data: JSONBody[ForgotPasswordRequest],
        request_password_reset: NamedDependency[RequestPasswordReset],
    ) -> Response[MessageResponse]:
        """Mail a reset link if the account exists; the answer is the same either way.

        Only validation and the rate limit run before the answer; looking the account up and
        mailing run after it, so its timing says nothing about whether the account exists.
        """
        delivery = await request_password_reset.accept(email=data.email)
        return Response(
            MessageResponse(message=FORGOT_MESSAGE), background=BackgroundTask(delivery)
        )

    @post("/reset-password", status_code=200, **AUTH_QUOTA, operation_id="reset_password")
    async def reset_password(
        self,
        data: JSONBody[ResetPasswordRequest],
        reset_password: NamedDependency[ResetPassword],
        client_ip: NamedDependency[str],
    ) -> MessageResponse:
        """Set a new password with a reset token; all sessions are signed out."""
        await reset_password(token=data.token, new_password=data.new_password, client_ip=client_ip)
        return MessageResponse(message="Password reset successfully")

    @get("/check-email", **ip_quota("check-email"), operation_id="check_email")
    async def check_email(
        self,
        check_email_availability: NamedDependency[CheckEmailAvailability],
        email: Annotated[str, QueryParameter(max_length=320)],
    ) -> EmailAvailability:
        """Whether an e-mail can still be registered."""
        return EmailAvailability(available=await check_email_availability(email=email))
