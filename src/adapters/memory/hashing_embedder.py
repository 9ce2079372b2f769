"""A fake ``Embedder`` for unit tests: hashed bags of words, no model to load."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Sequence

DIMENSIONS = 256
_WORD = re.compile(r"[^\W_]+")


def _vector(text: str) -> list[float]:
    vector = [0.0] * DIMENSIONS
    for word in _WORD.findall(text.casefold()):
        digest = zlib.crc32(word.encode())
        vector[digest % DIMENSIONS] += 1.0 if digest & 0x100 else -1.0
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm else vector


class HashingEmbedder:
    """Texts sharing words are similar, texts sharing none are near 0: enough for the term."""

    name = "hashing-test"

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        """Cosine of every document (rows) to every query (columns)."""
        q = [_vector(text) for text in queries]
        return [
            [max(-1.0, min(1.0, sum(a * b for a, b in zip(d, v, strict=True)))) for v in q]
            for d in (_vector(text) for text in documents)
        ]
