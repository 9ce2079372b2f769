"""Parses of pasted postings, shared between processes by text hash and parser version."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import msgspec

from resumecore.ports.shared_cache import SharedCache
from resumecore.ports.work import IN_PLACE, CpuWorkRunner
from resumecore.postings.model import ParsedPosting
from resumecore.postings.parser import parse_posting
from resumecore.postings.version import parser_fingerprint

KIND = "posting"
# Up to this length a paste is parsed where it is asked for. Handing a parse to another thread
# makes it fight the busy event loop for the interpreter lock: under load that costs more CPU a
# request than parsing a typical posting (bench.run "from text": 3.0 against 3.8 ms CPU a
# request, 30 % more requests a second). A paste this short parses in under ~30 ms even in the
# slowest shapes known (tests/unit/test_posting_parse_bounds.py), and 98 % of stored postings
# are this short; longer ones still go to the worker, off the event loop.
INLINE_PARSE_LIMIT = 4_000
_decoder = msgspec.json.Decoder(ParsedPosting)


def parse_key(raw_text: str) -> str:
    """The cache key of ``raw_text``'s parse: kind, parser fingerprint, SHA-256 of the text."""
    digest = hashlib.sha256(raw_text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{KIND}:{parser_fingerprint()}:{digest}"


class ParsedPostings:
    """The deterministic parse of a posting, shared by every request and process.

    A request that pastes a text already parsed (by the same parser) reads the parse from the
    shared cache instead of parsing again. A parse depends only on the text, so it is safe to
    share between users. ``parse`` is the parser (tests count its calls). Raises what
    ``parse_posting`` raises (text too long).
    """

    def __init__(
        self,
        cache: SharedCache,
        parse: Callable[[str], ParsedPosting] = parse_posting,
        cpu: CpuWorkRunner = IN_PLACE,
    ) -> None:
        self._cache = cache
        self._parse = parse
        # The app injects its parsing pool for long pastes: a 50,000-character paste may take a
        # tenth of a second or more of CPU, which must not stall the event loop for every other
        # request.
        self._cpu = cpu

    async def __call__(self, raw_text: str) -> ParsedPosting:
        """The parse of ``raw_text``."""
        key = parse_key(raw_text)
        cached = await self._cache.get(key)
        if cached is not None:
            try:
                return _decoder.decode(cached)
            except msgspec.DecodeError:
                pass  # a corrupt or foreign entry: parse again and overwrite it
        if len(raw_text) <= INLINE_PARSE_LIMIT:
            parsed = self._parse(raw_text)
        else:
            parsed = await self._cpu.run(self._parse, raw_text)
        await self._cache.set(key, msgspec.json.encode(parsed))
        return parsed
