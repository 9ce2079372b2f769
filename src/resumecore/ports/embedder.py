"""Sentence embeddings, for the optional semantic term of the relevance model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Embedder(Protocol):
    """Cosine similarity between texts, from a sentence-embedding model.

    Optional: with no embedder configured the relevance model leaves the semantic term out.
    Implementations must be deterministic (the same texts give the same numbers), and a
    pair's similarity must not depend on which other texts share the call.
    """

    @property
    def name(self) -> str:
        """The model's name and version; it becomes part of the score version."""
        ...

    async def similarities(
        self, queries: Sequence[str], documents: Sequence[str]
    ) -> list[list[float]]:
        """Cosine similarity (-1..1) of every document (rows) to every query (columns)."""
        ...
