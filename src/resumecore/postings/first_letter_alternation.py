"""Match a line against a long case-insensitive alternation by the line's first character.

CPython's ``re`` skips an alternative at once when its first character is a case-sensitive
literal that does not match, but enters every case-insensitive one: a line tested against a
hundred and seventy board-furniture phrases pays for all of them. Grouping the alternatives by the
first characters they can match (a letter, any digit, a bracket) leaves the same answer (a full
match exists if one alternative gives one) for a fraction of the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_QUANTIFIERS = frozenset("?*+{")
# Quantifiers that let an item match nothing ("+" still needs one).
_OPTIONAL = frozenset("?*{")
# An alternative's first item when it matches one character: a category, an escaped symbol or a
# plain character.
_FIRST_ITEM = re.compile(r"\\[dws]|\\[^\w]|[^\\()\[\]{}?*+|.^$]")
_ASCII = tuple(map(chr, range(128)))
_NOTHING = re.compile("(?!)")


def top_level_alternatives(source: str) -> list[str]:
    """``source`` split at each ``|`` outside groups and character classes."""
    return _alternatives_until_close(source, 0)[0]


def _alternatives_until_close(source: str, start: int) -> tuple[list[str], int]:
    # The alternatives from ``start`` to the ")" that closes the group ``start`` is in (or to the
    # end), and the index of that ")".
    parts: list[str] = []
    depth = 0
    index = part_start = start
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            if source[index : index + 1] == "^":
                index += 1
            if source[index : index + 1] == "]":
                index += 1  # a "]" first in a class is one of its characters
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[part_start:index])
            part_start = index + 1
        index += 1
    parts.append(source[part_start:index])
    return parts, index


def _distributed(alternative: str) -> list[str]:
    # "(?:hi|hello) there" matches what "hi there" and "hello there" match; split so, each
    # alternative opens with a letter of its own instead of a group.
    if not alternative.startswith("(?:"):
        return [alternative]
    inner, close = _alternatives_until_close(alternative, 3)
    rest = alternative[close + 1 :]
    if close >= len(alternative) or rest[:1] in _QUANTIFIERS:
        return [alternative]
    return [whole for part in inner for whole in _distributed(part + rest)]


def _first_chars(alternative: str) -> frozenset[str] | None:
    # The ASCII characters a match of the alternative can start with, when it opens with an item
    # of one character that no quantifier makes optional; ``None`` when it is not known.
    item = _FIRST_ITEM.match(alternative)
    if item is None or alternative[item.end() : item.end() + 1] in _OPTIONAL:
        return None
    first = re.compile(item.group(0), re.IGNORECASE)
    return frozenset(char for char in _ASCII if first.fullmatch(char))


class FirstLetterAlternation:
    """``re.compile("(?:A|B|...)" + suffix, re.IGNORECASE)``, tried by a line's first character."""

    __slots__ = ("_by_first_char", "_everything")

    def __init__(self, sources: Iterable[str], suffix: str = "") -> None:
        alternatives = [
            whole
            for source in sources
            for part in top_level_alternatives(source)
            for whole in _distributed(part)
        ]
        starts = [_first_chars(alternative) for alternative in alternatives]
        self._everything = self._compile(alternatives, suffix)
        # For each ASCII character a line may start with (and for an empty line), the
        # alternatives that can open with it, in their order: found with one look-up. A line that
        # starts with any other character is not in it.
        compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._by_first_char: dict[str, re.Pattern[str]] = {}
        for char in ("", *_ASCII):
            chosen = tuple(
                alt
                for alt, chars in zip(alternatives, starts, strict=True)
                if chars is None or char in chars
            )
            if chosen not in compiled:
                compiled[chosen] = self._compile(list(chosen), suffix)
            self._by_first_char[char] = compiled[chosen]

    @staticmethod
    def _compile(alternatives: list[str], suffix: str) -> re.Pattern[str]:
        if not alternatives:
            return _NOTHING  # not the suffix alone
        return re.compile("(?:" + "|".join(alternatives) + ")" + suffix, re.IGNORECASE)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole alternation, as one pattern."""
        return self._everything

    def fullmatch(self, line: str) -> bool:
        """Whether the whole alternation matches all of ``line``."""
        # A non-ASCII first character may fold to a letter ("\u212a" is a "k"): such a line is
        # tried against every alternative.
        pattern = self._by_first_char.get(line[:1], self._everything)
        return pattern.fullmatch(line) is not None
