"""The password policy (ASVS 6.2): length, common passwords, similarity to the e-mail.

No composition rules and no changes to the input: spaces and case are significant.
"""

from __future__ import annotations

import gzip
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

from resumecore.errors import InvalidValue

MIN_LENGTH = 8
MAX_LENGTH = 1024


class WordList:
    """Distinct words without whitespace, held sorted in one string, found by bisection.

    The 19,640 common passwords take 0.4 MB so (the text and a 4-byte offset per word),
    against 1.6 MB as a set of strings; a lookup compares about 15 words (about 20 us).
    """

    def __init__(self, words: Iterable[str]) -> None:
        """Keep ``words`` (each free of whitespace; duplicates count once)."""
        unique = sorted(set(words))
        self._text = "\n".join(unique)
        self._starts = array("I", accumulate((len(w) + 1 for w in unique[:-1]), initial=0))
        self._count = len(unique)

    def _word(self, index: int) -> str:
        start = self._starts[index]
        end = self._text.find("\n", start)
        return self._text[start:] if end < 0 else self._text[start:end]

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` is one of the words."""
        if not isinstance(word, str):
            return False
        index = bisect_left(range(self._count), word, key=self._word)
        return index < self._count and self._word(index) == word

    def __len__(self) -> int:
        """The number of distinct words."""
        return self._count


@cache
def common_passwords() -> WordList:
    """The shipped list of common passwords, lower-cased (see data/LICENSES.md)."""
    raw = resources.files("resumecore.data").joinpath("common-passwords.txt.gz").read_bytes()
    return WordList(gzip.decompress(raw).decode("utf-8").split())


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """Limits for new passwords; the defaults follow ASVS 5.0 level 2."""

    min_length: int = MIN_LENGTH
    max_length: int = MAX_LENGTH

    def check(self, password: str, *, email: str = "", field: str = "password") -> None:
        """Raise ``InvalidValue`` naming the first rule ``password`` breaks."""
        rule = self._broken_rule(password, email)
        if rule is not None:
            code, message = rule
            raise InvalidValue.for_field(field, code, message)

    def _broken_rule(self, password: str, email: str) -> tuple[str, str] | None:
        if len(password) < self.min_length:
            return "password_too_short", f"Use at least {self.min_length} characters."
        if len(password) > self.max_length:
            return "password_too_long", f"Use at most {self.max_length} characters."
        lowered = password.lower()
        if lowered in common_passwords():
            return "password_too_common", "This password is too common; choose another."
        if email and _resembles_email(lowered, email.lower()):
            return "password_like_email", "The password is too similar to the e-mail address."
        return None


def _resembles_email(password: str, email: str) -> bool:
    local = email.split("@", 1)[0]
    candidates = {email, local}
    # A password that is mostly the address (e.g. "alice.smith1") is as guessable as the address.
    return any(
        part
        and (
            password == part
            or (len(part) >= 4 and part in password and len(part) * 2 >= len(password))
        )
        for part in candidates
    )
