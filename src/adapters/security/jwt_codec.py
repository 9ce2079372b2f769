"""HS256 access tokens with PyJWT; time checks use the injected clock."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from resumecore.errors import AuthenticationFailed
from resumecore.ids import SessionId, UserId
from resumecore.ports.security import AccessClaims, AccessTokenCodec
from resumecore.ports.system import Clock

ALGORITHM = "HS256"
ACCESS_TYPE = "access"
MIN_KEY_BYTES = 32
REQUIRED_CLAIMS = ["sub", "sid", "typ", "iat", "nbf", "exp", "iss", "aud", "jti"]
INVALID = "Invalid or expired access token"
# Verified tokens kept by their exact text. PyJWT's decode (base64 checks, HMAC, claim checks)
# costs more than the rest of a cached profile read, and a client sends the same token for its
# whole life; the signature and iss/aud depend on the text alone, the time checks are re-run.
VERIFIED_CAPACITY = 1024


class PyJwtAccessTokenCodec(AccessTokenCodec):
    """Access tokens pinned to HS256 with ``iss``/``aud``/``typ``/``sid`` checked.

    The key comes only from configuration: ``jku``/``jwk``/``kid`` headers are ignored.
    """

    def __init__(
        self,
        secret_key: str,
        clock: Clock,
        *,
        issuer: str = "resumecore",
        audience: str = "resumecore-api",
        lifetime_seconds: int = 900,
        leeway_seconds: int = 10,
    ) -> None:
        if len(secret_key.encode("utf-8")) < MIN_KEY_BYTES:
            msg = f"the signing key must be at least {MIN_KEY_BYTES} bytes"
            raise ValueError(msg)
        self._key = secret_key
        self._clock = clock
        self._issuer = issuer
        self._audience = audience
        self._lifetime = lifetime_seconds
        self._leeway = timedelta(seconds=leeway_seconds)
        self._verified: dict[str, dict[str, Any]] = {}

    @property
    def lifetime_seconds(self) -> int:
        """Seconds a minted token lives."""
        return self._lifetime

    def issue(self, user_id: UserId, session_id: SessionId) -> str:
        """A signed token for this user and session."""
        now = int(self._clock.now().timestamp())
        claims = {
            "sub": user_id,
            "sid": session_id,
            "typ": ACCESS_TYPE,
            "iat": now,
            "nbf": now,
            "exp": now + self._lifetime,
            "iss": self._issuer,
            "aud": self._audience,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def verify(self, token: str) -> AccessClaims:
        """Decode and check every claim; any failure is ``AuthenticationFailed``."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._decoded(token)
            if len(self._verified) >= VERIFIED_CAPACITY:
                self._verified.clear()  # crude but bounded; refilled by one decode per client
            self._verified[token] = claims
        return self._checked(claims)

    def _decoded(self, token: str) -> dict[str, Any]:
        """The claims of a token whose signature, issuer and audience check out."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    "require": REQUIRED_CLAIMS,
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                },
            )
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed(INVALID) from exc
        return claims

    def _checked(self, claims: dict[str, Any]) -> AccessClaims:
        now = self._clock.now()
        try:
            expires = datetime.fromtimestamp(int(claims["exp"]), UTC)
            not_before = datetime.fromtimestamp(int(claims["nbf"]), UTC)
            subject, session = str(claims["sub"]), str(claims["sid"])
        except (TypeError, ValueError, OverflowError, OSError) as exc:
            raise AuthenticationFailed(INVALID) from exc
        if (
            claims["typ"] != ACCESS_TYPE
            or now > expires + self._leeway
            or now < not_before - self._leeway
            or not subject
            or not session
        ):
            raise AuthenticationFailed(INVALID)
        return AccessClaims(
            user_id=UserId(subject), session_id=SessionId(session), expires_at=expires
        )
