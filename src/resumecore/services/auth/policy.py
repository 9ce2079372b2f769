"""Tunable limits of the auth use cases (the settings fill them in)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from resumecore.model.password_policy import PasswordPolicy


@dataclass(frozen=True, slots=True)
class AuthPolicy:
    """Lifetimes and throttles. Defaults are the production values.

    ``token_key`` signs derived tokens (refresh successors, device tokens); the composition root
    derives it from the secret key, the default is random per process.
    """

    session_lifetime_seconds: int = 30 * 24 * 3600
    reset_token_lifetime_seconds: int = 3600
    login_failure_limit: int = 5
    login_failure_window_seconds: int = 15 * 60
    login_account_failure_limit: int = 50
    device_token_lifetime_seconds: int = 180 * 24 * 3600
    refresh_reuse_grace_seconds: int = 30
    reset_requests_per_email: int = 5
    reset_request_window_seconds: int = 3600
    reset_link_base: str = "http://127.0.0.1:8000/reset-password"
    passwords: PasswordPolicy = field(default_factory=PasswordPolicy)
    token_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
