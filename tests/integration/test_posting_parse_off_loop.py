"""A pasted posting is parsed on the app's scoring pool, not on the event loop.

The parser is linear, but a 50,000-character paste can still take several tenths of a second of
CPU; on the event loop that time stalls every other request of the process.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from resumecore.services.jobs.posting_parses import ParsedPostings
from tests.support.app import make_application

# A skill on each of 12,475 lines: the slowest 50,000-character paste known, ~0.4 s to parse.
ONE_SKILL_A_LINE = ("SQL\n" * 12_500)[:49_900]


async def test_a_slow_paste_leaves_the_event_loop_free(tmp_path: Path, sqlite_url: str) -> None:
    application = make_application(tmp_path, sqlite_url)
    try:
        parses = application.resolve(ParsedPostings)
        gaps: list[float] = []
        parsing = asyncio.ensure_future(parses(ONE_SKILL_A_LINE))
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
