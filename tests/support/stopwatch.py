"""Timing a block of code for a bound on its cost, without the test session's own pauses."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Lap:
    seconds: float = 0.0


@contextmanager
def stopwatch(clock: Callable[[], float] = time.perf_counter) -> Iterator[Lap]:
    """Times the block with the garbage collector paused.

    Late in a full test run the heap holds hundreds of apps' worth of objects, and one full
    collection of it (a few hundred ms) can land in any block: that is the session's cost, not
    the measured code's. The bounds these timings check are for work that grows with the input.
    """
    gc.collect()
    gc.disable()
    lap = Lap()
    started = clock()
    try:
        yield lap
    finally:
        lap.seconds = clock() - started
        gc.enable()
