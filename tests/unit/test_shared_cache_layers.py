"""What sits on the shared cache: the breaker, reply layering, posting parses, catalog keys,
and the embedder's shared vectors (two embedders stand for two processes)."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np
import pytest

from resumecore.postings import ParsedPosting, parse_posting
from resumecore.services.jobs import posting_parses
from resumecore.services.jobs.catalog_pages import page_key
from resumecore.services.jobs.posting_parses import ParsedPostings, parse_key
from resumecore_server.adapters.cache.breaker import CircuitBreaker
from resumecore_server.adapters.cache.memory_cache import MemorySharedCache
from resumecore_server.adapters.cache.reply_cache import SharedReplyCache
from resumecore_server.adapters.embeddings.minilm import MiniLMEmbedder
from resumecore_server.adapters.embeddings.minilm_numpy import Array
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache

POSTING = "Backend Engineer\nAcme Corp\nRequirements:\n- 3+ years of Python\n- PostgreSQL"


def test_the_breaker_skips_the_backend_after_a_failure_then_lets_one_probe_through() -> None:
    now = [0.0]
    breaker = CircuitBreaker(5.0, now=lambda: now[0])
    assert breaker.allows()
    breaker.failed()
    assert breaker.is_open
    now[0] = 4.9
    assert not breaker.allows()
    now[0] = 5.0
    assert breaker.allows()  # the probe
    assert not breaker.allows()  # everyone else waits for it
    breaker.succeeded()
    assert not breaker.is_open
    assert breaker.allows()


async def test_replies_are_read_through_and_written_through() -> None:
    shared, durable = MemorySharedCache(60), MemoryReplyCache()
    await durable.put("k1", b"from sql")
    replies = SharedReplyCache(shared, durable)
    assert await replies.get("k1") == b"from sql"
    assert await shared.get("llm-reply:k1") == b"from sql"  # filled on the way
    await replies.put("k2", b"new")
    assert await durable.get("k2") == b"new"
    assert await shared.get("llm-reply:k2") == b"new"
    assert await replies.get("unknown") is None


class CountingParser:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, raw_text: str) -> ParsedPosting:
        self.calls += 1
        return parse_posting(raw_text)


async def test_a_posting_is_parsed_once_by_every_process_sharing_the_cache() -> None:
    shared, parser = MemorySharedCache(60), CountingParser()
    first, second = ParsedPostings(shared, parser), ParsedPostings(shared, parser)
    assert await first(POSTING) == await second(POSTING) == parse_posting(POSTING)
    assert parser.calls == 1
    await first(POSTING + " ")
    assert parser.calls == 2


async def test_an_unreadable_cached_parse_is_parsed_again_and_replaced() -> None:
    shared, parser = MemorySharedCache(60), CountingParser()
    await shared.set(parse_key(POSTING), b"{not json")
    assert await ParsedPostings(shared, parser)(POSTING) == parse_posting(POSTING)
    assert parser.calls == 1
    cached = await shared.get(parse_key(POSTING))
    assert cached is not None
    assert msgspec.json.decode(cached, type=ParsedPosting) == parse_posting(POSTING)


def test_the_parse_key_names_the_parser_so_a_new_parser_never_reads_old_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = parse_key(POSTING)
    assert before.startswith("posting:")
    monkeypatch.setattr(posting_parses, "parser_fingerprint", lambda: "2-changed")
    assert parse_key(POSTING) != before
    assert parse_key(POSTING).startswith("posting:2-changed:")


def test_catalog_page_keys_normalise_what_the_search_ignores() -> None:
    def key(version: str = "v1", q: str | None = None, **changes: object) -> str:
        params: dict[str, object] = {"limit": 20, "offset": 0, "location": None}
        params["remote_only"] = False
        params.update(changes)
        return page_key(version, q, **params)  # type: ignore[arg-type]

    assert key(q="Python") == key(q="PYTHON") == key(q="python")
    assert key(q="") == key(q=None)
    assert key(location="Berlin") == key(location="berlin")
    assert key(location="") == key()
    assert len({key(), key("v2"), key(q="go"), key(offset=20), key(limit=10)}) == 5
    assert key(remote_only=True) != key()


class CountingEncoder:
    """Stands in for MiniLM: a vector from the text's length, counting the texts encoded."""

    dimensions = 384

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> Array:
        self.encoded.extend(texts)
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            rows[row, len(text) % self.dimensions] = 1.0
        return rows


async def test_vectors_computed_by_one_embedder_are_reused_by_another() -> None:
    shared = MemorySharedCache(60)
    encoders = [CountingEncoder(), CountingEncoder()]
    embedders = [MiniLMEmbedder(e, shared=shared) for e in encoders]  # type: ignore[arg-type]
    queries: Sequence[str] = ["python services", "postgres"]
    documents: Sequence[str] = ["built python services", "ran postgres", "baked bread"]
    try:
        first = await embedders[0].similarities(queries, documents)
        second = await embedders[1].similarities(queries, documents)
        assert first == second
        assert len(encoders[0].encoded) == 5
        assert encoders[1].encoded == []
        await embedders[1].similarities(["python services"], ["a new line"])
        assert encoders[1].encoded == ["a new line"]
        state = shared.state()
        assert state.kinds["embedding"].hits == 5
    finally:
        for embedder in embedders:
            embedder.close()
