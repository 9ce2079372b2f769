"""Costly work: where CPU-bound calls run, and how many one user may have running at once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class CpuWorkRunner(Protocol):
    """Runs a blocking, CPU-bound call off the event loop, on workers of its own.

    Each runner has a bounded set of workers that nothing else uses, so a queue of one kind
    of work (scoring) never delays another (password hashing).
    """

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)`` on one of the runner's workers; its result or its exception."""
        ...


class _InPlace:
    """Runs the call where it is asked for (scripts, tools and the library: no worker pool)."""

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        return fn(*args, **kwargs)


IN_PLACE: CpuWorkRunner = _InPlace()


class CostlyWorkLimiter(Protocol):
    """How many costly requests (match reports, rankings, later generation) a user may run."""

    def slot(self, user_id: str) -> AbstractAsyncContextManager[None]:
        """Hold one of ``user_id``'s slots for the ``async with`` block.

        Raises:
            TooBusy: on entering, when every slot of that user is already held.
        """
        ...
