"""A pasted posting is parsed on the app's scoring pool, not on the event loop.

The parser is linear, but a 50,000-character paste can still take several tenths of a second of
CPU; on the event loop that time stalls every other request of the process.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

from resumecore.postings.model import ParsedPosting
from resumecore.services.jobs.posting_parses import ParsedPostings
from tests.support.app import make_application

# A skill on each of 12,475 lines: the slowest 50,000-character paste known, ~0.4 s to parse.
ONE_SKILL_A_LINE = ("SQL\n" * 12_500)[:49_900]


async def test_a_slow_paste_leaves_the_event_loop_free(tmp_path: Path, sqlite_url: str) -> None:
    application = make_application(tmp_path, sqlite_url)
    parsed_on: list[int] = []
    try:
        parses = application.resolve(ParsedPostings)
        parse: Callable[[str], ParsedPosting] = (
            parses._parse
        )  # the app's parser, watched for the thread it runs on

        def watched(text: str) -> ParsedPosting:
            parsed_on.append(threading.get_ident())
            return parse(text)

        parses._parse = watched
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
    assert parsed_on
    assert threading.get_ident() not in parsed_on  # parsed on a thread of the pool
    # The parse took a while and the loop ticked all along (on the loop: one tick, after it).
    # Not a bound on the longest tick: in a long test session another thread may hold the
    # interpreter for a moment (one full run saw 0.68 s), whatever this parse does.
    assert len(gaps) > 10
