"""A lower-cased copy of a text, to rule out a case-insensitive regex before running it.

A pattern compiled with ``re.IGNORECASE`` that can only match around a fixed word ("resume/cv",
" in ", "interview") cannot match where the lower-cased text lacks that word, as long as every
character the regex equates with an ASCII letter lower-cases to that letter. Four characters do
not: under ``re.IGNORECASE`` the dotless i (U+0131) and the dotted capital I (U+0130) match 'i',
the long s (U+017F) matches 's' and the Kelvin sign (U+212A) matches 'k', and U+0130 also
lower-cases to two characters (which would shift positions). A text holding any of them gets
no copy, and every check then answers "may match": the regex runs as before.
"""

from __future__ import annotations

# The characters ``re.IGNORECASE`` matches to an ASCII letter they do not lower-case to
# (tests/unit/test_posting_skill_shortcuts.py checks every code point).
ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")
_LONGEST_WORD = 20


def may_end_with(text: str, words: tuple[str, ...]) -> bool:
    r"""Whether ``text``, less its closing whitespace, may end with one of ``words`` in any case.

    For a ``re.IGNORECASE`` pattern that ends with one of ``words`` and ``\s*$``: ``False``
    only when it cannot match (``\s`` is what ``str.rstrip`` strips). ``words`` are lower-case
    ASCII, at most 20 characters long.
    """
    tail = text.rstrip()[-_LONGEST_WORD:]
    return any(odd in tail for odd in ODD_FOLDS) or tail.lower().endswith(words)


class LoweredText:
    """``text.lower()`` for ruling out case-insensitive matches of lower-case ASCII words."""

    def __init__(self, text: str) -> None:
        """Lower-case ``text`` once; keep no copy when a character folds oddly (see above)."""
        lowered = text.lower()
        plain = len(lowered) == len(text) and not any(odd in text for odd in ODD_FOLDS)
        self._lowered = lowered if plain else None
        # The words of each list that occur anywhere in the text: a list is checked once per skill
        # found, and most of its words occur nowhere.
        self._in_text: dict[tuple[str, ...], tuple[str, ...]] = {}

    def contains_any(self, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
        """Whether one of ``words`` may occur, in any case, wholly inside ``text[start:end]``.

        ``False`` only when none does; always ``True`` for a text with no copy.
        """
        lowered = self._lowered
        if lowered is None:
            return True
        in_text = self._in_text.get(words)
        if in_text is None:
            in_text = self._in_text[words] = tuple(word for word in words if word in lowered)
        stop = len(lowered) if end is None else end
        return bool(in_text) and any(lowered.find(word, start, stop) >= 0 for word in in_text)

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
