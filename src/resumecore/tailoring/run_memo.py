"""What one generation works out once and reads in several stages.

A generation reads the same profile against the same job five times: the match report (to
analyse the job, then again in the letter writer), the relevance scores, and the grounding facts
(the writer's guard, then the verify stage). Each read scans every profile item for skills;
for a 2,500-item profile that was ~70 % of the run's CPU. Within ``one_run()`` those results
are computed once and shared. Outside it (the library, single requests) nothing is kept.

The memo lives in a context variable: the stages run on the CPU workers, which receive the
caller's context (``CpuWorkRunner``), so every stage of a run sees the run's memo and no other.
Results are shared, not copied: callers treat them as read-only, as they do the frozen
structs these are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

R = TypeVar("R")

# key -> (the arguments, kept alive so their ids stay theirs, and the result)
_MEMO: ContextVar[dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] | None] = ContextVar(
    "run_memo", default=None
)


@contextmanager
def one_run() -> Iterator[None]:
    """Within the block, ``remembered`` computes each result once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def remembered(compute: Callable[..., R], *objects: Any, values: tuple[Any, ...] = ()) -> R:
    """``compute(*objects, *values)``, once per run for the same objects and equal values.

    ``objects`` are compared by identity (a profile, a job, the vocabulary: large, and the same
    objects throughout a run); ``values`` by equality (small and hashable: an item's texts).
    """
    memo = _MEMO.get()
    if memo is None:
        return compute(*objects, *values)
    key = (compute, *map(id, objects), *values)
    kept = memo.get(key)
    if kept is None:
        kept = memo[key] = (objects, compute(*objects, *values))
    result: R = kept[1]
    return result
