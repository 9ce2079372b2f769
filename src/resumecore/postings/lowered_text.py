"""A lower-cased copy of a text, to rule out a case-insensitive regex near a place in it.

A pattern compiled with ``re.IGNORECASE`` that can only match around a fixed word ("resume/cv",
" in ", "not required") cannot match where the lower-cased text lacks that word (see
``literal_guard``, whose copy this is: a text holding a character that folds oddly gets none, and
every check then answers "may match"). Unlike a whole-text guard, the checks here look at a
stretch of the text: the copy has the text's positions, as the only character that lower-cases
to two (the dotted capital I) is one of those odd folds.
"""

from __future__ import annotations

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
