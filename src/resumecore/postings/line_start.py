"""Find the matches of a pattern anchored at line starts without trying every position.

A ``re.MULTILINE`` pattern that opens with ``^`` can only match where a line starts, yet a search
tries it at every position of the text: on a 15,000-character posting that is most of its cost.
The same pattern opening with the line break before a line instead lets the search skip from one
break to the next. Only a line start where no break was just passed is tried as written.
"""

from __future__ import annotations

import re

from resumecore.postings.first_letter_alternation import top_level_alternatives


class LineStartPattern:
    """A ``re.MULTILINE`` pattern whose every alternative opens with ``^``, searched by line."""

    __slots__ = ("_after_break", "plain")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        """Keep ``pattern`` and build its twin that opens with the line break before a line."""
        source = pattern.pattern
        if not pattern.flags & re.MULTILINE or not source.startswith("^"):
            raise ValueError("only a multi-line pattern that opens with '^' is anchored at lines")
        if pattern.flags & re.VERBOSE:
            raise ValueError("a verbose pattern would read the line break as layout")
        if len(top_level_alternatives(source)) != 1:
            raise ValueError("an alternative after a top-level '|' is not anchored")
        self.plain = pattern
        self._after_break = re.compile("\n(?:" + source[1:] + ")", pattern.flags)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The spans ``plain.finditer(text)`` finds, in order."""
        spans: list[tuple[int, int]] = []
        position = 0
        while True:
            if position == 0 or text[position - 1] == "\n":  # a line start: tried as written
                found = self.plain.match(text, position)
                if found is not None:
                    if found.end() == found.start():
                        break  # an empty match: finditer's own rules for it apply
                    spans.append(found.span())
                    position = found.end()
                    continue
            after = self._after_break.search(text, position)
            if after is None:
                return spans
            if after.end() == after.start() + 1:
                break  # the line's part of it is empty
            spans.append((after.start() + 1, after.end()))
            position = after.end()
        return [found.span() for found in self.plain.finditer(text)]
