"""Fitting what the posting parser read into a job's limits, and saying what was left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

MAX_ITEMS = 100
MAX_ITEM_LENGTH = 2000


def capped_lists(lists: Mapping[str, Sequence[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Each list cut to its first ``MAX_ITEMS`` items of at most ``MAX_ITEM_LENGTH`` characters.

    A long posting must not be refused for a field the user never typed, so the parser's
    output is trimmed (the full text stays in ``description``) and each cut is one warning.
    """
    capped: dict[str, list[str]] = {}
    warnings: list[str] = []
    for field, items in lists.items():
        kept = list(items[:MAX_ITEMS])
        if len(items) > MAX_ITEMS:
            warnings.append(
                f"{field}: kept the first {MAX_ITEMS} of {len(items)} items; "
                "the full posting is in description."
            )
        if any(len(item) > MAX_ITEM_LENGTH for item in kept):
            kept = [item[:MAX_ITEM_LENGTH] for item in kept]
            warnings.append(f"{field}: items longer than {MAX_ITEM_LENGTH} characters were cut.")
        capped[field] = kept
    return capped, warnings


def capped_lines(
    lines: Mapping[str, str | None], limits: Mapping[str, int]
) -> tuple[dict[str, str | None], list[str]]:
    """Each one-line field cut to its limit in ``limits``, at a word break where one fits.

    The parser can read a header line longer than a job holds (a location listing thirty
    cities, a company line that runs on); the posting must still be added, so the line is
    shortened (the full text stays in ``description``) and each cut is one warning.
    """
    capped: dict[str, str | None] = {}
    warnings: list[str] = []
    for field, text in lines.items():
        limit = limits[field]
        if text is None or len(text) <= limit:
            capped[field] = text
            continue
        capped[field] = _cut_at_word_break(text, limit)
        warnings.append(f"{field}: cut to {limit} characters; the full posting is in description.")
    return capped, warnings


def _cut_at_word_break(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, without a trailing separator.

    The cut falls before the last space or comma that fits when that keeps over half the limit,
    else mid-word.
    """
    head = text[: limit + 1]
    cut = max(head.rfind(" "), head.rfind(","))
    kept = head[:cut] if cut > limit // 2 else text[:limit]
    return kept.rstrip(" ,;:-")
