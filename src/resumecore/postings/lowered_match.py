r"""A case-insensitive pattern run as a case-sensitive one over lower-cased text: same answers.

CPython's ``re`` skips a branch of an alternation after one comparison when the branch opens
with a plain literal, but enters every branch that opens with a case-insensitive one: a
pattern of 200 role nouns under ``re.IGNORECASE`` costs ~20 us per header line, its
case-sensitive twin over the lower-cased line ~6 us.

Why the answers are the same: under ``re.IGNORECASE`` a letter matches a text character whose
simple lower-case form is that letter, or one of a few extra characters the engine treats as the
same letter (dotless i for "i", long s for "s", Greek and Cyrillic variants; ``_FOLD_TRAPS``).
``str.lower`` gives the simple form except for "İ", which becomes two characters. So when the
lower-cased text is as long as the text and holds none of the extra characters, each character
of it is what the engine compares; ``\w``, ``\d`` and ``\s`` say the same of a character and of
its lower-case form. Otherwise the plain pattern runs. A pattern may be twinned only when its
letters are lower-case and none is such an extra character (the constructor checks).
tests/unit/test_lowered_match.py checks these claims over every Unicode character, for every
letter and every character class of every twin.
"""

from __future__ import annotations

import re

# Every non-ASCII character CPython's re (3.11-3.13, re._casefix) matches case-insensitively
# to a different lower-case letter: dotless i ~ "i", long s ~ "s", final sigma ~ sigma, ...
_FOLD_TRAPS = re.compile(
    "[\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1"
    "\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441"
    "\u0442\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06]"
)
# Escapes a twin may hold: a category, a boundary, or punctuation taken literally. A letter
# written as a code ("\\x41") would escape the lower-case check.
_ESCAPE = re.compile(r"\\[bBwWdDsSAZ]|\\[^\w]")
_OTHER_ESCAPE = re.compile(r"\\.")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def lowered(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` when case-sensitive matching on it may differ."""
    low = text.lower()
    if len(low) != len(text) or (not low.isascii() and _FOLD_TRAPS.search(low)):
        return None  # (no trap is ASCII: an ASCII text needs no search)
    return low


class LoweredPattern:
    """A case-insensitive pattern whose answers come from its case-sensitive twin."""

    __slots__ = ("_twin", "plain")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        _check_twinnable(pattern)
        self.plain = pattern
        self._twin = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def search(self, text: str) -> bool:
        """Whether ``plain.search(text)`` finds something."""
        low = lowered(text)
        if low is None:
            return self.plain.search(text) is not None
        return self._twin.search(low) is not None

    def span(
        self, text: str, low: str | None, pos: int = 0, endpos: int | None = None
    ) -> tuple[int, int] | None:
        """The span ``plain.search(text, pos, endpos)`` finds, or ``None``.

        ``low`` must be ``lowered(text)``: one lower-casing serves every search of a text.
        """
        end = len(text) if endpos is None else endpos
        found = (
            self.plain.search(text, pos, end) if low is None else self._twin.search(low, pos, end)
        )
        return found.span() if found else None

    def match_span(self, text: str, low: str | None, pos: int = 0) -> tuple[int, int] | None:
        """The span ``plain.match(text, pos)`` finds, or ``None``; ``low`` is ``lowered(text)``."""
        found = self.plain.match(text, pos) if low is None else self._twin.match(low, pos)
        return found.span() if found else None

    def fullmatch_span(self, text: str, group: str | int = 0) -> tuple[int, int] | None:
        """The span of ``group`` in ``plain.fullmatch(text)``, or ``None`` without a match."""
        return self.lowered_fullmatch_span(text, lowered(text), group)

    def lowered_fullmatch_span(
        self, text: str, low: str | None, group: str | int = 0
    ) -> tuple[int, int] | None:
        """``fullmatch_span(text, group)`` for a caller that holds ``low = lowered(text)``."""
        found = self.plain.fullmatch(text) if low is None else self._twin.fullmatch(low)
        return found.span(group) if found else None


def _check_twinnable(pattern: re.Pattern[str]) -> None:
    source = _GROUP_NAME.sub("(", pattern.pattern)
    bare = _ESCAPE.sub("", source)
    if pattern.flags & re.ASCII or not pattern.flags & re.IGNORECASE:
        raise ValueError("only a case-insensitive Unicode pattern has a twin")
    if _OTHER_ESCAPE.search(bare) or _INLINE_FLAGS.search(bare):
        raise ValueError("a twinned pattern may not hold coded characters or inline flags")
    if bare != bare.lower() or _FOLD_TRAPS.search(bare):
        raise ValueError("a twinned pattern's letters must be lower-case and plain")
