"""Tightening a person's own text: sentences tidied, repeats dropped, strongest bullets first.

Only the person's words are kept. The changes are whitespace, a capital first letter, closing
punctuation, a leading list mark ("- ", "• ") removed, a repeated sentence removed, and the
order of bullets; no word is added, so nothing new can be claimed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from resumecore.generation.bullet_forms import bullet_form
from resumecore.generation.phrasing import normal_form, sentence
from resumecore.tailoring.facts import NUMBER

# A full stop, question or exclamation mark followed by a space ends a sentence, except after
# an abbreviation or an initial ("e.g. the", "Acme Inc. in", "J. Smith"). Line breaks always do.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[A-Za-z]|e\.g|i\.e|etc|vs|approx|incl|Inc|Ltd|Co|Corp|Dr|Mr|Mrs|Ms|St|No)\.$"
)
_LIST_MARK = re.compile(r"^(?:[-*•·\u2013\u2014]+|\d{1,2}[.)])\s+")


def sentences(text: str | None) -> list[str]:
    """The sentences of ``text``, each tidied (``phrasing.sentence``), empty ones dropped."""
    parts: list[str] = []
    for line in (text or "").splitlines():
        pieces: list[str] = []
        for piece in _SENTENCE_END.split(_LIST_MARK.sub("", line.strip())):
            if pieces and _ABBREVIATION.search(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        parts += pieces
    found = []
    for part in parts:
        tidied = sentence(part)
        if tidied and any(ch.isalnum() for ch in tidied):
            found.append(tidied)
    return found


def has_figure(text: str) -> bool:
    """True when ``text`` states a number (a count, a percentage, money, a year)."""
    return NUMBER.search(text) is not None


def strongest_first(bullets: Sequence[str]) -> list[str]:
    """Bullets with a figure first, then those opening with a verb, else in the given order."""

    def strength(position: int) -> tuple[int, int, int]:
        text = bullets[position]
        return (not has_figure(text), bullet_form(text) == "other", position)

    return [bullets[i] for i in sorted(range(len(bullets)), key=strength)]


def distinct(texts: Iterable[str]) -> list[str]:
    """``texts`` without a later one saying the same words as an earlier one."""
    seen: set[str] = set()
    kept = []
    for text in texts:
        key = normal_form(text)
        if key and key not in seen:
            seen.add(key)
            kept.append(text)
    return kept


def paragraph(
    pieces: Iterable[str], accept: Callable[[str], bool], limit: int
) -> tuple[str | None, int]:
    """The accepted pieces joined by spaces within ``limit`` characters, and the refusals.

    Pieces that would pass the limit are neither used nor counted as refused.
    """
    kept: list[str] = []
    refused = 0
    size = -1
    for piece in pieces:
        if size + 1 + len(piece) > limit:
            continue
        if not accept(piece):
            refused += 1
            continue
        kept.append(piece)
        size += 1 + len(piece)
    return (" ".join(kept) or None), refused
