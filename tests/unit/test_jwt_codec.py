"""The HS256 access-token codec against the JWT checklist (security checklist 4.1).

Hostile tokens are crafted with ``jwt.encode`` directly; every one must be refused with
``AuthenticationFailed`` and nothing else. Time comes from a ``FakeClock``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import jwt
import pytest

from resumecore.errors import AuthenticationFailed
from resumecore.ids import SessionId, UserId
from resumecore_server.adapters.security.jwt_codec import REQUIRED_CLAIMS, PyJwtAccessTokenCodec
from tests.support.clock import FakeClock

# 64 bytes, so PyJWT signs the HS512 case without a short-key warning.
KEY = "k" * 32 + "0123456789abcdef0123456789abcdef"
OTHER_KEY = "o" * 64
LIFETIME = 900
LEEWAY = 10
USER = UserId("user-1")
SESSION = SessionId("session-1")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sut(clock: FakeClock) -> PyJwtAccessTokenCodec:
    return PyJwtAccessTokenCodec(KEY, clock, lifetime_seconds=LIFETIME, leeway_seconds=LEEWAY)


def claims_at(clock: FakeClock, **changes: Any) -> dict[str, Any]:
    """The claims the codec itself would mint now, with ``changes`` applied."""
    now = int(clock.now().timestamp())
    claims: dict[str, Any] = {
        "sub": USER,
        "sid": SESSION,
        "typ": "access",
        "iat": now,
        "nbf": now,
        "exp": now + LIFETIME,
        "iss": "resumecore",
        "aud": "resumecore-api",
        "jti": "a1b2c3",
    }
    claims.update(changes)
    return claims


def forge(
    claims: dict[str, Any], *, key: str = KEY, algorithm: str = "HS256", **headers: Any
) -> str:
    return jwt.encode(claims, key, algorithm=algorithm, headers=headers or None)


def assert_refused(sut: PyJwtAccessTokenCodec, token: str) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        sut.verify(token)
    assert caught.value.code == "authentication_failed"


# --- accepted -------------------------------------------------------------------------------


def test_issued_token_round_trips(sut: PyJwtAccessTokenCodec, clock: FakeClock) -> None:
    token = sut.issue(USER, SESSION)

    claims = sut.verify(token)

    assert claims.user_id == USER
    assert claims.session_id == SESSION
    assert int(claims.expires_at.timestamp()) == int(clock.now().timestamp()) + LIFETIME


def test_issued_token_carries_every_required_claim_pinned_to_hs256(
    sut: PyJwtAccessTokenCodec,
) -> None:
    token = sut.issue(USER, SESSION)

    header = jwt.get_unverified_header(token)
    payload = jwt.decode(token, options={"verify_signature": False})
    assert header["alg"] == "HS256"
    assert set(REQUIRED_CLAIMS) <= payload.keys()
    assert payload["typ"] == "access"
    assert payload["exp"] - payload["iat"] == LIFETIME


def test_tokens_get_distinct_ids(sut: PyJwtAccessTokenCodec) -> None:
    first = jwt.decode(sut.issue(USER, SESSION), options={"verify_signature": False})
    second = jwt.decode(sut.issue(USER, SESSION), options={"verify_signature": False})

    assert first["jti"] != second["jti"]


def test_lifetime_seconds_reports_the_configured_lifetime(sut: PyJwtAccessTokenCodec) -> None:
    assert sut.lifetime_seconds == LIFETIME


# --- time -----------------------------------------------------------------------------------


def test_token_is_accepted_one_second_before_exp(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    token = sut.issue(USER, SESSION)
    clock.advance(LIFETIME - 1)

    assert sut.verify(token).session_id == SESSION


def test_token_is_refused_one_second_past_exp_plus_leeway(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    token = sut.issue(USER, SESSION)
    clock.advance(LIFETIME + LEEWAY + 1)

    assert_refused(sut, token)


def test_a_token_verified_before_is_still_refused_once_it_expires(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    token = sut.issue(USER, SESSION)
    assert sut.verify(token).user_id == USER  # kept as verified from here on
    clock.advance(LIFETIME + LEEWAY + 1)

    assert_refused(sut, token)


def test_an_edit_of_a_token_verified_before_is_refused(sut: PyJwtAccessTokenCodec) -> None:
    token = sut.issue(USER, SESSION)
    assert sut.verify(token).session_id == SESSION
    header, payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]

    assert_refused(sut, f"{header}.{payload}.{flipped}")
    assert sut.verify(token).session_id == SESSION


def test_a_token_refused_once_is_refused_again(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    token = forge(claims_at(clock), key=OTHER_KEY)
    assert_refused(sut, token)

    assert_refused(sut, token)


def test_token_with_nbf_in_the_future_is_refused(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    now = int(clock.now().timestamp())
    token = forge(claims_at(clock, nbf=now + LEEWAY + 60, exp=now + 2 * LIFETIME))

    assert_refused(sut, token)


# --- algorithm, key and signature -----------------------------------------------------------


def test_alg_none_is_refused(sut: PyJwtAccessTokenCodec, clock: FakeClock) -> None:
    token = jwt.encode(claims_at(clock), None, algorithm="none")
    assert token.endswith(".")  # really unsigned

    assert_refused(sut, token)


def test_hs512_with_the_same_key_is_refused(sut: PyJwtAccessTokenCodec, clock: FakeClock) -> None:
    assert_refused(sut, forge(claims_at(clock), algorithm="HS512"))


def test_token_signed_with_another_key_is_refused(
    sut: PyJwtAccessTokenCodec, clock: FakeClock
) -> None:
    assert_refused(sut, forge(claims_at(clock), key=OTHER_KEY))


def test_edited_payload_is_refused(sut: PyJwtAccessTokenCodec) -> None:
    header, payload, signature = sut.issue(USER, SESSION).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "admin"
    edited = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    assert_refused(sut, f"{header}.{edited}.{signature}")


@pytest.mark.parametrize(
    "headers",
    [
        {"kid": "attacker-key"},
        {"jku": "https://evil.example/jwks.json"},
        {"x5u": "https://evil.example/cert.pem"},
        {"jwk": {"kty": "oct", "k": base64.urlsafe_b64encode(OTHER_KEY.encode()).decode()}},
    ],
    ids=["kid", "jku", "x5u", "jwk"],
)
def test_key_hint_headers_cannot_bring_another_key(
    sut: PyJwtAccessTokenCodec, clock: FakeClock, headers: dict[str, Any]
) -> None:
    assert_refused(sut, forge(claims_at(clock), key=OTHER_KEY, **headers))


@pytest.mark.parametrize("headers", [{"kid": "attacker-key"}, {"jku": "https://evil.example/k"}])
def test_key_hint_headers_are_ignored_when_signed_with_our_key(
    sut: PyJwtAccessTokenCodec, clock: FakeClock, headers: dict[str, Any]
) -> None:
    token = forge(claims_at(clock), **headers)

    assert sut.verify(token).user_id == USER


# --- claims ---------------------------------------------------------------------------------


def test_required_claims_are_the_nine_of_the_contract() -> None:
    assert sorted(REQUIRED_CLAIMS) == sorted(
        ["sub", "sid", "typ", "iat", "nbf", "exp", "iss", "aud", "jti"]
    )


@pytest.mark.parametrize("claim", REQUIRED_CLAIMS)
def test_token_missing_a_required_claim_is_refused(
    sut: PyJwtAccessTokenCodec, clock: FakeClock, claim: str
) -> None:
    claims = claims_at(clock)
    del claims[claim]

    assert_refused(sut, forge(claims))


def test_wrong_audience_is_refused(sut: PyJwtAccessTokenCodec, clock: FakeClock) -> None:
    assert_refused(sut, forge(claims_at(clock, aud="another-api")))


def test_wrong_issuer_is_refused(sut: PyJwtAccessTokenCodec, clock: FakeClock) -> None:
    assert_refused(sut, forge(claims_at(clock, iss="someone-else")))


@pytest.mark.parametrize("typ", ["refresh", "reset", "ACCESS", ""])
def test_token_of_another_type_is_refused(
    sut: PyJwtAccessTokenCodec, clock: FakeClock, typ: str
) -> None:
    assert_refused(sut, forge(claims_at(clock, typ=typ)))


@pytest.mark.parametrize(
    "changes",
    [{"sub": ""}, {"sid": ""}, {"exp": "soon"}, {"nbf": "later"}, {"exp": 10**20}],
    ids=["empty-sub", "empty-sid", "text-exp", "text-nbf", "huge-exp"],
)
def test_malformed_claim_values_are_refused(
    sut: PyJwtAccessTokenCodec, clock: FakeClock, changes: dict[str, Any]
) -> None:
    assert_refused(sut, forge(claims_at(clock, **changes)))


# --- garbage and configuration --------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "a.b.c", "..", "Bearer abc.def.ghi", "ü.ü.ü", "eyJhbGciOiJIUzI1NiJ9..", "."],
)
def test_garbage_strings_are_refused(sut: PyJwtAccessTokenCodec, token: str) -> None:
    assert_refused(sut, token)


def test_key_under_32_bytes_is_refused_at_construction(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        PyJwtAccessTokenCodec("x" * 31, clock)


def test_key_length_is_measured_in_bytes(clock: FakeClock) -> None:
    # 16 characters, 32 UTF-8 bytes: long enough.
    sut = PyJwtAccessTokenCodec("é" * 16, clock)

    assert sut.verify(sut.issue(USER, SESSION)).user_id == USER
