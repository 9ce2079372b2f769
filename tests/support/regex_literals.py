"""Read from a pattern's parse tree which strings every one of its matches contains.

The stdlib's own regex parser gives the tree; a way through it that passes a run of literal
characters holding one of the strings cannot match without the text holding it.
"""

from __future__ import annotations

import re
from typing import Any

from resumecore.postings.literal_guard import GuardedPattern

_parser: Any = getattr(re, "_parser")  # noqa: B009 - the stdlib's own regex parser
_constants: Any = getattr(re, "_constants")  # noqa: B009


def every_match_contains(guard: GuardedPattern) -> bool:
    """Whether each match of ``guard.pattern`` holds one of its words (any case) or exact parts."""
    pattern = guard.pattern
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return _covered(parsed, guard, bool(pattern.flags & re.I))


def _covered(items: Any, guard: GuardedPattern, ignore_case: bool) -> bool:
    """Whether every match of the parsed ``items`` contains one of ``guard``'s strings."""
    run: list[str] = []

    def run_holds_one() -> bool:
        written = "".join(run)
        lowered = written.lower()
        exact = not ignore_case and any(part in written for part in guard.exact)
        return exact or any(word in lowered for word in guard.words)

    for op, av in items:
        char = _single_char(op, av)
        if char is not None:
            run.append(char)
            continue
        if op is _constants.AT:
            continue  # zero-width: the literals either side are next to each other in the text
        repeated = _repeated_char(op, av)
        if repeated is not None:
            char, low, high = repeated
            run.append(char * low)  # "\n{3,}": at least three in a row
            if low == high:
                continue
            # More may follow, so what comes after is not next to these.
            if run_holds_one():
                return True
            run = []
            continue
        if run_holds_one():
            return True
        run = []
        if _item_covered(op, av, guard, ignore_case):
            return True
    return run_holds_one()


def _item_covered(op: Any, av: Any, guard: GuardedPattern, ignore_case: bool) -> bool:
    if op is _constants.BRANCH:
        return all(_covered(branch, guard, ignore_case) for branch in av[1])
    if op is _constants.SUBPATTERN:
        _, add, remove, inner = av
        local = (ignore_case or bool(add & re.I)) and not remove & re.I
        # A group that switches case-sensitivity starts its own runs.
        return _covered(inner, guard, local)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        low, _, inner = av
        return low >= 1 and _covered(inner, guard, ignore_case)
    if op is _constants.ASSERT:
        return _covered(av[1], guard, ignore_case)  # what a look-around sees is in the text
    if op is _constants.ATOMIC_GROUP:
        return _covered(av, guard, ignore_case)
    return False


def _repeated_char(op: Any, av: Any) -> tuple[str, int, int] | None:
    if op not in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        return None
    low, high, inner = av
    if low < 1 or len(inner) != 1:
        return None
    char = _single_char(*inner[0])
    return None if char is None else (char, low, high)


def _single_char(op: Any, av: Any) -> str | None:
    if op is _constants.LITERAL:
        return chr(av)
    if op is _constants.IN and len(av) == 1 and av[0][0] is _constants.LITERAL:
        return chr(av[0][1])
    return None
