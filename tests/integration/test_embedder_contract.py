"""One contract for the ``Embedder`` port, on the hashing fake and on the real MiniLM adapter."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from resumecore.ports.embedder import Embedder
from resumecore_server.adapters.embeddings.minilm import MiniLMEmbedder
from resumecore_server.adapters.embeddings.minilm_numpy import Array, MiniLMEncoder
from resumecore_server.adapters.memory.hashing_embedder import HashingEmbedder

PLATFORM = "Ran Kubernetes clusters on Google Cloud for 60 services"
BAKERY = "Baked sourdough bread for a neighbourhood cafe"
QUERY = "Experience running Kubernetes clusters on Google Cloud"


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def fresh(kind: str, request: pytest.FixtureRequest) -> Embedder:
    """A new embedder of ``kind`` (no cached vectors); MiniLM shares the loaded weights."""
    if kind == "hashing":
        return HashingEmbedder()
    return MiniLMEmbedder(request.getfixturevalue("encoder"))


@pytest.fixture(params=["hashing", "minilm"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def embedder(kind: str, request: pytest.FixtureRequest) -> Embedder:
    return fresh(kind, request)


async def test_it_is_an_embedder_with_a_name(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)
    assert isinstance(embedder.name, str)
    assert embedder.name.strip()


async def test_one_row_per_document_and_one_column_per_query(embedder: Embedder) -> None:
    rows = await embedder.similarities([QUERY, "Python"], [PLATFORM, BAKERY, "x"])
    assert len(rows) == 3
    assert all(len(row) == 2 for row in rows)
    assert all(-1.0 <= value <= 1.0 for row in rows for value in row)
    assert await embedder.similarities([], [PLATFORM, BAKERY]) == [[], []]
    assert await embedder.similarities([QUERY], []) == []


async def test_a_text_is_most_similar_to_itself(embedder: Embedder) -> None:
    rows = await embedder.similarities([PLATFORM], [PLATFORM, BAKERY])
    assert rows[0][0] == pytest.approx(1.0, abs=1e-5)
    assert rows[1][0] < rows[0][0]


async def test_related_text_scores_above_unrelated_text(embedder: Embedder) -> None:
    rows = await embedder.similarities([QUERY], [PLATFORM, BAKERY])
    assert rows[0][0] > rows[1][0] + 0.2


async def test_results_are_deterministic_and_independent_of_the_batch(
    kind: str, request: pytest.FixtureRequest
) -> None:
    # A fresh embedder per call, so no answer can come from a cache.
    alone = await fresh(kind, request).similarities([QUERY], [BAKERY])
    batch = await fresh(kind, request).similarities(
        [QUERY, "Go"], [PLATFORM, BAKERY, "a" * 900, "Short"]
    )
    again = await fresh(kind, request).similarities([QUERY], [BAKERY])
    assert batch[1][0] == pytest.approx(alone[0][0], abs=1e-5)
    assert again[0] == pytest.approx(alone[0], abs=1e-6)


async def test_text_the_model_cannot_read_is_similar_to_nothing(embedder: Embedder) -> None:
    unreadable = ["", "   ", "\N{SLIGHTLY SMILING FACE}" * 50]
    rows = await embedder.similarities([QUERY, *unreadable], [PLATFORM, *unreadable])
    for row in rows[1:]:
        assert row == [0.0] * len(row)
    assert all(value == 0.0 for value in rows[0][1:])


# --- MiniLM only -----------------------------------------------------------------------------


def test_minilm_vectors_match_the_published_sentence_transformers_output(
    encoder: MiniLMEncoder,
) -> None:
    # The first dimensions sentence-transformers prints for all-MiniLM-L6-v2 on these texts.
    vectors = encoder.encode(["This is an example sentence", "Hello world"])
    assert vectors.shape == (2, 384)
    assert list(vectors[0][:5]) == pytest.approx(
        [0.0676569, 0.0634959, 0.0487131, 0.0793050, 0.0374480], abs=1e-5
    )
    assert list(vectors[1][:5]) == pytest.approx(
        [-0.0344773, 0.0310232, 0.0067350, 0.0261090, -0.0393620], abs=1e-5
    )


async def test_minilm_finds_paraphrases_that_share_no_words(encoder: MiniLMEncoder) -> None:
    rows = await MiniLMEmbedder(encoder).similarities(
        ["The physician examined the patient"],
        ["A doctor checked the sick person", "Quarterly revenue grew five percent"],
    )
    assert rows[0][0] > 0.5 > rows[1][0]


async def test_minilm_truncates_long_texts_instead_of_failing(encoder: MiniLMEncoder) -> None:
    rows = await MiniLMEmbedder(encoder).similarities([QUERY], [" ".join([PLATFORM] * 500)])
    assert 0.3 < rows[0][0] <= 1.0


class CountingEncoder:
    """Wraps the real encoder and records which texts it was asked to encode."""

    def __init__(self, real: MiniLMEncoder) -> None:
        self.real = real
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> Array:
        self.calls.append(list(texts))
        return self.real.encode(list(texts))


async def test_minilm_encodes_each_text_once_while_it_is_cached(encoder: MiniLMEncoder) -> None:
    counting = CountingEncoder(encoder)
    sut = MiniLMEmbedder(counting, cache_size=3)  # type: ignore[arg-type]
    first = await sut.similarities([QUERY], [PLATFORM, BAKERY])
    assert counting.calls == [[QUERY, PLATFORM, BAKERY]]
    assert await sut.similarities([QUERY], [PLATFORM, BAKERY]) == first
    assert len(counting.calls) == 1
    await sut.similarities(["a", "b"], ["c"])  # evicts the three older vectors
    await sut.similarities([QUERY], [BAKERY])
    assert counting.calls[-1] == [QUERY, BAKERY]


def test_minilm_gives_unknown_scripts_no_vector_instead_of_a_shared_one(
    encoder: MiniLMEncoder,
) -> None:
    # Georgian and Amharic are outside the model's vocabulary: all [UNK] tokens.
    vectors = encoder.encode(["პურის გამოცხობა", "ሶፍትዌር መሐንዲስ", "We need a Go engineer"])
    assert not vectors[0].any()
    assert not vectors[1].any()
    assert float(vectors[2] @ vectors[2]) == pytest.approx(1.0, abs=1e-5)


async def test_minilm_encodes_once_for_concurrent_identical_requests(
    encoder: MiniLMEncoder,
) -> None:
    counting = CountingEncoder(encoder)
    sut = MiniLMEmbedder(counting)  # type: ignore[arg-type]
    results = await asyncio.gather(
        *(sut.similarities([QUERY], [PLATFORM, BAKERY]) for _ in range(5))
    )
    assert all(result == results[0] for result in results)
    assert counting.calls == [[QUERY, PLATFORM, BAKERY]]
    sut.close()


async def test_minilm_keeps_working_for_a_caller_that_gave_up(encoder: MiniLMEncoder) -> None:
    counting = CountingEncoder(encoder)
    sut = MiniLMEmbedder(counting)  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(sut.similarities([QUERY], [PLATFORM] * 1 + [BAKERY * 20]), 0.001)
    await sut.similarities([QUERY], [PLATFORM, BAKERY * 20])  # served from the finished work
    assert len(counting.calls) == 1
