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
