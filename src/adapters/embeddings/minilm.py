"""The ``Embedder`` port on all-MiniLM-L6-v2 (numpy), with vectors cached per text."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from adapters.embeddings.minilm_numpy import Array, MiniLMEncoder

DEFAULT_CACHE_SIZE = 20_000  # 384 float32 each: about 30 MB when full


class MiniLMEmbedder:
    """Cosine similarities from MiniLM vectors; encoding runs in a worker thread.

    Profile items and job lines repeat across requests, so vectors are kept in an LRU cache
    keyed by the text's SHA-256 (the text itself is not kept). One encode runs at a time: on a
    small machine two concurrent forward passes only slow each other down.
    """

    name = "minilm-l6-v2"

    def __init__(
        self, encoder: MiniLMEncoder | None = None, cache_size: int = DEFAULT_CACHE_SIZE
    ) -> None:
        """Load the model now (about 0.3 s) so the first request doesn't pay for it."""
        self._encoder = encoder or MiniLMEncoder()
        self._cache: OrderedDict[bytes, Array] = OrderedDict()
        self._cache_size = cache_size
        self._lock = asyncio.Lock()

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        """Cosine of every document (rows) to every query (columns)."""
        if not queries or not documents:
            return [[] for _ in documents]
        vectors = await self._vectors([*queries, *documents])
        q = np.stack(vectors[: len(queries)])
        d = np.stack(vectors[len(queries) :])
        return [[float(value) for value in row] for row in np.clip(d @ q.T, -1.0, 1.0)]

    async def _vectors(self, texts: list[str]) -> list[Array]:
        keys = [hashlib.sha256(text.encode()).digest() for text in texts]
        # Snapshot hits before awaiting: another call may evict them meanwhile.
        known = {key: self._cache[key] for key in keys if key in self._cache}
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
        if missing:
            async with self._lock:
                encoded = await asyncio.to_thread(self._encoder.encode, list(missing.values()))
            known.update(zip(missing, encoded, strict=True))
        for key in keys:
            self._cache[key] = known[key]
            self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return [known[key] for key in keys]
