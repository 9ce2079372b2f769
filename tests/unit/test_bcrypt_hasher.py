"""bcrypt behind an HMAC-SHA256 pre-hash (security checklist 4.2 and gotcha G8).

The pre-hash must lift bcrypt's 72-byte limit without truncating, keep NUL bytes and case
significant, and ``verify`` must answer False (never raise) for anything odd.
"""

from __future__ import annotations

import pytest

from resumecore_server.adapters.security.bcrypt_hasher import BcryptPasswordHasher

PEPPER = b"unit-test-pepper-0123456789abcdef"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def sut() -> BcryptPasswordHasher:
    return BcryptPasswordHasher(PEPPER, rounds=4)


async def test_stored_hash_is_tagged_bcrypt_2b_at_the_configured_cost(
    sut: BcryptPasswordHasher,
) -> None:
    stored = await sut.hash(PASSWORD)

    assert stored.startswith("bcrypt-hmac-v1$$2b$04$")
    assert PASSWORD not in stored


async def test_hashing_uses_a_fresh_salt(sut: BcryptPasswordHasher) -> None:
    first, second = await sut.hash(PASSWORD), await sut.hash(PASSWORD)

    assert first != second
    assert await sut.verify(PASSWORD, first)
    assert await sut.verify(PASSWORD, second)


async def test_right_password_verifies_and_wrong_one_does_not(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash(PASSWORD)

    assert await sut.verify(PASSWORD, stored) is True
    assert await sut.verify(PASSWORD + "!", stored) is False


async def test_nothing_past_72_bytes_is_truncated(sut: BcryptPasswordHasher) -> None:
    shared = "p" * 80
    stored = await sut.hash(shared + "-one")

    assert await sut.verify(shared + "-one", stored) is True
    assert await sut.verify(shared + "-two", stored) is False


async def test_nineteen_emoji_password_round_trips(sut: BcryptPasswordHasher) -> None:
    password = "🔐" * 19
    assert len(password.encode("utf-8")) == 76
    stored = await sut.hash(password)

    assert await sut.verify(password, stored) is True
    assert await sut.verify("🔐" * 18, stored) is False


async def test_thousand_character_password_round_trips(sut: BcryptPasswordHasher) -> None:
    password = "long passphrase " * 62 + "12345678"
    assert len(password) == 1000
    stored = await sut.hash(password)

    assert await sut.verify(password, stored) is True
    assert await sut.verify(password[:-1] + "9", stored) is False


async def test_nul_byte_does_not_cut_the_password_short(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash("a\0b")

    assert await sut.verify("a\0b", stored) is True
    assert await sut.verify("a\0c", stored) is False
    assert await sut.verify("a", stored) is False


async def test_case_is_significant(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash("Password1")

    assert await sut.verify("password1", stored) is False


async def test_spaces_are_significant(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash(" padded ")

    assert await sut.verify("padded", stored) is False


async def test_lone_surrogate_does_not_raise(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash("bad\ud800surrogate")

    assert await sut.verify("bad\ud800surrogate", stored) is True


async def test_the_pepper_takes_part_in_the_hash(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash(PASSWORD)
    other = BcryptPasswordHasher(b"another-pepper-0123456789abcdef!!", rounds=4)

    assert await other.verify(PASSWORD, stored) is False


async def test_verify_without_a_hash_returns_false(sut: BcryptPasswordHasher) -> None:
    assert await sut.verify(PASSWORD, None) is False


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "garbage",
        "bcrypt-hmac-v1$",
        "bcrypt-hmac-v1$not-a-bcrypt-hash",
        "bcrypt-hmac-v1$$2b$04$tooshort",
        "bcrypt-hmac-v1$$2b$04$" + "é" * 53,
        "argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "$2b$04$abcdefghijklmnopqrstuuJ3Zt7P7vXv0k6e9Ug7k0qM1yDqO0V6a",
    ],
    ids=["empty", "garbage", "empty-inner", "bad-inner", "short", "non-ascii", "argon2", "raw"],
)
async def test_verify_with_an_unusable_hash_returns_false_without_raising(
    sut: BcryptPasswordHasher, stored: str
) -> None:
    assert await sut.verify(PASSWORD, stored) is False


async def test_raw_bcrypt_of_the_prehash_without_the_tag_is_not_accepted(
    sut: BcryptPasswordHasher,
) -> None:
    tagged = await sut.hash(PASSWORD)
    untagged = tagged.removeprefix("bcrypt-hmac-v1$")

    assert await sut.verify(PASSWORD, untagged) is False


async def test_needs_rehash_when_configured_cost_is_higher(sut: BcryptPasswordHasher) -> None:
    stored = await sut.hash(PASSWORD)

    assert BcryptPasswordHasher(PEPPER, rounds=5).needs_rehash(stored) is True


async def test_no_rehash_at_the_same_cost(sut: BcryptPasswordHasher) -> None:
    assert sut.needs_rehash(await sut.hash(PASSWORD)) is False


async def test_no_rehash_when_stored_cost_is_higher(sut: BcryptPasswordHasher) -> None:
    stored = await BcryptPasswordHasher(PEPPER, rounds=5).hash(PASSWORD)

    assert sut.needs_rehash(stored) is False


@pytest.mark.parametrize(
    "stored",
    [
        "argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "$2b$04$abcdefghijklmnopqrstuuJ3Zt7P7vXv0k6e9Ug7k0qM1yDqO0V6a",
        "bcrypt-hmac-v1$garbage",
        "",
    ],
    ids=["argon2", "untagged-bcrypt", "garbled", "empty"],
)
def test_needs_rehash_for_another_scheme_or_unreadable_cost(
    sut: BcryptPasswordHasher, stored: str
) -> None:
    assert sut.needs_rehash(stored) is True
