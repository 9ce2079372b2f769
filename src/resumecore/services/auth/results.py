"""What the auth use cases return."""

import msgspec

from resumecore.model.user import User


class AuthResult(msgspec.Struct, frozen=True, kw_only=True):
    """A fresh token pair for a user; a login adds a device token (see ``device_tokens``)."""

    access_token: str
    refresh_token: str
    expires_in: int
    user: User
    device_token: str | None = None
