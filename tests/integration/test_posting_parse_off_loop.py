"""A pasted posting is parsed on the app's scoring pool, not on the event loop.

The parser is linear, but a 50,000-character paste of dense figures still takes a second or
more of CPU; on the event loop that second stalls every other request of the process.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from resumecore.services.jobs.posting_parses import ParsedPostings
from tests.support.app import make_application

# Thousands of salary figures on one line: the slowest paste known, about 1.5 s to parse.
DENSE_FIGURES = ("$1-$2k " * 8000)[:49_900]


async def test_a_slow_paste_leaves_the_event_loop_free(tmp_path: Path, sqlite_url: str) -> None:
    application = make_application(tmp_path, sqlite_url)
    try:
        parses = application.resolve(ParsedPostings)
        gaps: list[float] = []
        parsing = asyncio.ensure_future(parses(DENSE_FIGURES))
        last = time.perf_counter()
        while not parsing.done():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
        await parsing
    finally:
        await application.aclose()
    assert len(gaps) > 10  # the parse took a while, and the loop ticked all along
    assert max(gaps) < 0.5
