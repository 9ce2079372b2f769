"""A ``CpuWorkRunner`` on a thread pool of its own (never the event loop's default executor)."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from resumecore.ports.work import CpuWorkRunner

P = ParamSpec("P")
R = TypeVar("R")


class ThreadPoolRunner(CpuWorkRunner):
    """Runs calls on at most ``max_workers`` threads named ``<name>_N``; extra calls queue.

    Separate runners never wait for each other: a flood of scoring fills the scoring pool's
    queue while password hashing keeps its own threads.
    """

    def __init__(self, name: str, max_workers: int) -> None:
        self.name = name
        self.max_workers = max_workers
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name)

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)`` on the pool, with the caller's context variables."""
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    async def aclose(self) -> None:
        """Drop queued calls, let running ones finish, stop the threads."""
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
