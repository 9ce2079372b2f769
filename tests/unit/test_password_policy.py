"""The password policy (security checklist 4.2) and e-mail normalisation.

Length counts characters, the common-password list is checked case-insensitively, passwords
resembling the e-mail are refused, and the input is never trimmed or otherwise changed.
"""

from __future__ import annotations

import gzip
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.errors import InvalidValue
from resumecore.model.email import MAX_EMAIL_LENGTH, normalize_email, parse_email
from resumecore.model.password_policy import PasswordPolicy, WordList, common_passwords

EMAIL = "alice.smith@example.com"


@pytest.fixture
def sut() -> PasswordPolicy:
    return PasswordPolicy()


def rejection_code(sut: PasswordPolicy, password: str, *, email: str = "") -> str:
    """The code of the rule ``password`` breaks (the test fails if it breaks none)."""
    with pytest.raises(InvalidValue) as caught:
        sut.check(password, email=email)
    return caught.value.code


def unique_password(length: int) -> str:
    """A password of ``length`` characters that is on no list and unlike any e-mail."""
    alphabet = "x7!Kp2Qz#mV9"
    return (alphabet * (length // len(alphabet) + 1))[:length]


# --- length ---------------------------------------------------------------------------------


def test_seven_characters_are_too_short(sut: PasswordPolicy) -> None:
    assert rejection_code(sut, unique_password(7)) == "password_too_short"


@pytest.mark.parametrize("length", [8, 64, 1024])
def test_lengths_from_eight_to_the_cap_are_accepted(sut: PasswordPolicy, length: int) -> None:
    sut.check(unique_password(length), email=EMAIL)


def test_one_character_over_the_cap_is_too_long(sut: PasswordPolicy) -> None:
    assert rejection_code(sut, unique_password(1025)) == "password_too_long"


def test_rejection_names_the_field_and_the_rule() -> None:
    sut = PasswordPolicy()

    with pytest.raises(InvalidValue) as caught:
        sut.check("short", field="new_password")

    [error] = caught.value.errors
    assert (error.field, error.code) == ("new_password", "password_too_short")
    assert error.message


def test_length_counts_characters_not_bytes(sut: PasswordPolicy) -> None:
    # 8 characters, 32 UTF-8 bytes: long enough. 7 emoji (28 bytes) are not.
    sut.check("🦊🐙🦄🐝🦀🦉🐢🦋")
    assert rejection_code(sut, "🦊🐙🦄🐝🦀🦉🐢") == "password_too_short"


# --- common passwords -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["password123456", "qwertyuiop", "PASSWORD123456", "QwErTyUiOp", "iloveyou"]
)
def test_common_passwords_are_rejected_case_insensitively(
    sut: PasswordPolicy, password: str
) -> None:
    assert rejection_code(sut, password) == "password_too_common"


def test_the_shipped_list_holds_every_distinct_word_of_its_file() -> None:
    raw = resources.files("resumecore.data").joinpath("common-passwords.txt.gz").read_bytes()
    words = gzip.decompress(raw).decode("utf-8").split()
    shipped = common_passwords()

    assert len(shipped) == len(set(words)) > 19_000
    assert all(word in shipped for word in words)


@given(st.lists(st.text(alphabet="ab\u00e9\u4e2d", min_size=1, max_size=4)), st.text(max_size=5))
def test_a_word_list_holds_exactly_its_words(words: list[str], probe: str) -> None:
    listed = WordList(words)

    assert len(listed) == len(set(words))
    assert all(word in listed for word in words)
    assert (probe in listed) == (probe in set(words))


def test_a_word_list_holds_no_run_of_its_words_nor_a_non_string() -> None:
    listed = WordList(["123456", "qwerty", "dragon"])

    assert "qwerty" in listed
    assert "123456\nqwerty" not in listed
    assert "qwert" not in listed
    assert "" not in listed
    assert 123456 not in listed
    assert "x" not in WordList([])


def test_lowercase_passphrase_not_on_the_list_is_accepted(sut: PasswordPolicy) -> None:
    passphrase = "quietmaplerivers"
    assert len(passphrase) == 16

    sut.check(passphrase, email=EMAIL)


# --- similarity to the e-mail ---------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "alice.smith@example.com",  # the address itself
        "ALICE.SMITH@EXAMPLE.COM",  # ... in another case
        "alice.smith",  # the local part
        "alice.smith1",  # the local part plus a digit
        "Alice.Smith2026",  # ... plus a year, capitalised
    ],
)
def test_password_resembling_the_email_is_rejected(sut: PasswordPolicy, password: str) -> None:
    assert rejection_code(sut, password, email=EMAIL) == "password_like_email"


def test_email_is_compared_case_insensitively(sut: PasswordPolicy) -> None:
    assert rejection_code(sut, "alice.smith!", email="Alice.Smith@Example.com") == (
        "password_like_email"
    )


def test_long_password_merely_containing_the_local_part_is_accepted(
    sut: PasswordPolicy,
) -> None:
    sut.check("alice.smith walks her three dogs at dawn", email=EMAIL)


def test_same_password_without_email_context_is_accepted(sut: PasswordPolicy) -> None:
    sut.check("alice.smith1")


# --- no changes to the input ----------------------------------------------------------------


def test_surrounding_spaces_are_kept_not_trimmed(sut: PasswordPolicy) -> None:
    # 9 characters with the spaces, 5 without: trimming would make it too short.
    sut.check("  zq8#L  ")
    sut.check("  spaced password  ")


def test_common_password_padded_with_spaces_is_a_different_password(
    sut: PasswordPolicy,
) -> None:
    # Only a trimmed copy would be found on the list.
    sut.check(" qwertyuiop ")


# --- e-mail normalisation -------------------------------------------------------------------


def test_normalize_email_trims_and_lowercases() -> None:
    assert normalize_email("  Alice.Smith@Example.COM \t") == "alice.smith@example.com"


def test_parse_email_returns_the_normal_form() -> None:
    assert parse_email(" Bob@Example.org ") == "bob@example.org"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "alice",
        "alice@",
        "@example.com",
        "alice@example",
        "alice@@example.com",
        "al ice@example.com",
        "alice@exa mple.com",
        "alice@example..com",
        "alice@.example.com",
        "a" * 65 + "@example.com",
        "a@" + "b" * (MAX_EMAIL_LENGTH - 5) + ".com",
    ],
)
def test_malformed_emails_are_rejected_on_the_email_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_email(raw)

    [error] = caught.value.errors
    assert error.field == "email"
    assert error.code == "invalid_email"


def test_parse_email_reports_the_given_field_name() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_email("nope", field="contact_email")

    assert caught.value.errors[0].field == "contact_email"


def test_longest_allowed_email_is_accepted() -> None:
    raw = "a@" + "b" * (MAX_EMAIL_LENGTH - 6) + ".com"
    assert len(raw) == MAX_EMAIL_LENGTH

    assert parse_email(raw) == raw
