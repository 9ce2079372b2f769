"""Whether a span lies inside one of a fixed set of spans, answered without scanning them all."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class SpanCover:
    """A set of ``(start, end)`` spans, asked many times whether one of them holds a span."""

    def __init__(self, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> None:
        """Sort ``spans`` once; they may overlap and nest."""
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans starting at or before each one: some span starting
        # at or before ``start`` reaches ``end`` exactly when the furthest of them does.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s <= start`` and ``end <= e``."""
        index = bisect_right(self._starts, start)
        return index > 0 and self._reach[index - 1] >= end
