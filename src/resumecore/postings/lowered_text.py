"""A lower-cased copy of a text, to rule out a case-insensitive regex near a place in it.

A pattern compiled with ``re.IGNORECASE`` that can only match around a fixed word ("resume/cv",
" in ", "not required") cannot match where the lower-cased text lacks that word (see
``literal_guard``, whose copy this is: a text holding a character that folds oddly gets none, and
every check then answers "may match"). Unlike a whole-text guard, the checks here look at a
stretch of the text: the copy has the text's positions, as the only character that lower-cases
to two (the dotted capital I) is one of those odd folds.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from resumecore.postings.literal_guard import lowered_for_guards

_LONGEST_WORD = 20


def may_end_with(text: str, words: tuple[str, ...]) -> bool:
    r"""Whether ``text``, less its closing whitespace, may end with one of ``words`` in any case.

    For a ``re.IGNORECASE`` pattern that ends with one of ``words`` and ``\s*$``: ``False``
    only when it cannot match (``\s`` is what ``str.rstrip`` strips). ``words`` are lower-case
    ASCII, at most 20 characters long.
    """
    lowered = lowered_for_guards(text.rstrip()[-_LONGEST_WORD:])
    return lowered is None or lowered.endswith(words)


class LoweredText:
    """``text.lower()`` for ruling out case-insensitive matches of lower-case ASCII words."""

    def __init__(self, text: str) -> None:
        """Lower-case ``text`` once; keep no copy when a character folds oddly (see above)."""
        self._lowered = lowered_for_guards(text)
        # The words of each list that occur anywhere in the text: a list is checked once per skill
        # found, and most of its words occur nowhere.
        self._in_text: dict[tuple[str, ...], tuple[str, ...]] = {}
        # Where the words of a list occur, for the lists asked about a stretch of the text.
        self._places: dict[tuple[str, ...], _Places] = {}

    def contains_any(self, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
        """Whether one of ``words`` may occur, in any case, wholly inside ``text[start:end]``.

        ``False`` only when none does; always ``True`` for a text with no copy. ``start`` and
        ``end`` are positions in the text (not counted from its end).
        """
        lowered = self._lowered
        if lowered is None:
            return True
        in_text = self._in_text.get(words)
        if in_text is None:
            in_text = self._in_text[words] = tuple(word for word in words if word in lowered)
        if not in_text:
            return False
        if start <= 0 and (end is None or end >= len(lowered)):
            return True
        places = self._places.get(words)
        if places is None:
            places = self._places[words] = _Places(lowered, in_text)
        return places.any_within(start, len(lowered) if end is None else end)

    def occurrences(self, word: str) -> list[tuple[int, int]] | None:
        """Spans of ``word`` in the text, in any case, as ``re.finditer`` of it with ``re.I`` gives.

        ``None`` when the text has no copy or ``word`` is not ASCII (a non-ASCII letter may fold
        to others under ``re.IGNORECASE`` that it does not lower-case to).
        """
        if self._lowered is None or not word.isascii():
            return None
        key = word.lower()
        spans: list[tuple[int, int]] = []
        start = self._lowered.find(key)
        while start >= 0:
            spans.append((start, start + len(key)))
            start = self._lowered.find(key, start + len(key))
        return spans


class _Places:
    """Every occurrence of some words in a text, asked whether one lies inside a stretch."""

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        spans = sorted(
            (start, start + len(word)) for word in words for start in _starts(text, word)
        )
        self._starts = [start for start, _ in spans]
        # The nearest end among the occurrences starting at or after each one.
        self._first_end = list(accumulate((end for _, end in reversed(spans)), min))[::-1]

    def any_within(self, start: int, end: int) -> bool:
        """Whether an occurrence ``(s, e)`` has ``start <= s`` and ``e <= end``."""
        index = bisect_left(self._starts, start)
        return index < len(self._starts) and self._first_end[index] <= end


def _starts(text: str, word: str) -> list[int]:
    # Overlapping occurrences too: a stretch may hold the second of two and not the first.
    found: list[int] = []
    start = text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found
