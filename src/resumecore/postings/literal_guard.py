"""Skip a regex search when the text holds none of the words every match must contain.

A pattern compiled with ``re.IGNORECASE`` whose matches open with a cased letter gets no fast
prefix scan in CPython's ``re``: each search tries the pattern at every position of the text.
Most postings hold none of a given pattern's words ("internship", "befristet"), and finding that
out with ``in`` on a lower-cased copy of the text is many times cheaper than the scan. The guard
only ever skips a search that could not match, so results are those of the plain search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Characters that re.IGNORECASE matches with an ASCII letter but str.lower() does not turn into
# it: dotless i (U+0131) and dotted capital I (U+0130) match 'i', long s (U+017F) matches 's'. A
# text holding one is searched without the guard.
_ODD_FOLDS = ("\u0131", "\u0130", "\u017f")


def lowered_for_guards(text: str) -> str | None:
    """``text`` lower-cased once for the guards, or ``None`` if no guard may be trusted on it.

    Args:
        text: The text the guarded patterns will search.

    Returns:
        ``text.lower()``, or ``None`` when it holds a character (such as the dotless i) that a
        case-insensitive pattern matches with a letter its lower-cased form does not show.
    """
    if not text.isascii() and any(odd in text for odd in _ODD_FOLDS):
        return None
    return text.lower()


@dataclass(frozen=True, slots=True)
class GuardedPattern:
    """A compiled pattern and the words one of which each of its matches contains.

    ``words`` are lower-case and looked for in the lower-cased text; ``exact`` are looked for as
    written, for parts of a pattern that are case-sensitive ("PT", "FT"). A match of ``pattern``
    must contain at least one of all these strings (tests derive this from the pattern itself).
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]
    exact: tuple[str, ...] = ()

    def may_match(self, text: str, lowered: str | None) -> bool:
        """Whether ``pattern`` can match ``text``; ``lowered`` is ``lowered_for_guards(text)``."""
        if lowered is None:
            return True
        # Plain loops: a generator in any() costs more than the substring tests themselves.
        for word in self.words:
            if word in lowered:
                return True
        return bool(self.exact) and any(part in text for part in self.exact)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when no match is possible."""
        return self.pattern.search(text) if self.may_match(text, lowered) else None

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, skipped when no match is possible."""
        return self.pattern.finditer(text) if self.may_match(text, lowered) else iter(())


def guarded(
    source: str, flags: int = 0, *, words: tuple[str, ...], exact: tuple[str, ...] = ()
) -> GuardedPattern:
    """Compile ``source`` with ``flags``, guarded by ``words`` (lower-case) and ``exact``."""
    return GuardedPattern(re.compile(source, flags), words, exact)
