"""Okapi BM25, hand-rolled: the items of one profile are the documents."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

K1 = 1.2
B = 0.75


class BM25:
    """BM25 scores of a fixed set of tokenised documents against any query."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        """Index ``documents`` (each a list of normalised tokens)."""
        self._counts = [Counter(doc) for doc in documents]
        self._lengths = [len(doc) for doc in documents]
        total = sum(self._lengths)
        self._avgdl = total / len(documents) if documents and total else 1.0
        df: Counter[str] = Counter()
        for counts in self._counts:
            df.update(counts.keys())
        n = len(documents)
        # The Lucene form of IDF is never negative, so a common term can only add.
        self._idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}

    def scores(self, query: Sequence[str]) -> list[float]:
        """One score per document, in document order; each query term counts once.

        Args:
            query: normalised query tokens.

        Returns:
            Non-negative scores, 0.0 for a document sharing no term with the query.
        """
        terms = sorted(set(query))
        out: list[float] = []
        for counts, length in zip(self._counts, self._lengths, strict=True):
            norm = K1 * (1 - B + B * length / self._avgdl)
            total = 0.0
            for term in terms:
                tf = counts.get(term, 0)
                if tf:
                    total += self._idf[term] * tf * (K1 + 1) / (tf + norm)
            out.append(total)
        return out
