"""Documents as hashed TF-IDF vectors: character 1-3-grams, words and word pairs, facts.

Character n-grams read any script (the seeds are Japanese, most collections
English) without a tokenizer; words and word pairs add the phrases of
languages written with spaces; the facts (``has:url``, ``year:2024``) carry
what a collection's layout says. Every feature is hashed into ``BUCKETS``
buckets by arithmetic on code points (numpy, no vocabulary to store), so the
stored model holds only the IDF of the buckets seen, and reading one note
needs numpy alone.

Why not scikit-learn's ``TfidfVectorizer``: it keeps a vocabulary that would
have to be stored and loaded (hundreds of thousands of n-grams), it takes
several times longer on the same text here, and importing it took 2.5 s on
this machine, more than the whole 300-note build may take.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from taglint.checks.tagmodel.text import Doc

BITS = 20
BUCKETS = 1 << BITS
_MASK = np.uint64(BUCKETS - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio): spreads the products
_STEP = (np.uint64(0x100000001B3), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_SALT = {"char": 0x1F3D5B79, "title": 0x2E4C6A88, "word": 0x3A5C7E91, "meta": 0x4B6D8FA2}
# Block weights: the title counts half as much again as the whole text; facts weigh little, as
# they make notes look alike that share only a year (tuned on the seeds: see scripts/eval_suggest.py).
WEIGHTS = {"char": 1.0, "title": 1.5, "word": 1.0, "meta": 0.3}
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
MAX_WORD = 20  # longer runs of \w are unsplit CJK sentences, not words
# Features kept per vector (the heaviest): long notes have thousands of n-grams, most of them common and
# light, which made every sparse product nearly dense. 800 kept the seeds' figures (10 folds: P@3 0.702
# against 0.699 with all) and cut the 10,000-note build's products several times.
KEEP: int | None = 800


@dataclass(frozen=True)
class Rows:
    """Sparse rows (CSR arrays): row i holds ``indices[indptr[i]:indptr[i+1]]`` with their ``values``."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.indices[a:b], self.values[a:b]


def _mix(h: np.ndarray, salt: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = (h ^ np.uint64(salt)) * _MIX
        return (h >> np.uint64(64 - BITS)) & _MASK


def char_grams(text: str, salt: int) -> np.ndarray:
    """Hashed 1-, 2- and 3-grams of characters of ``text`` (lower-cased, blanks collapsed)."""
    text = _SPACE.sub(" ", text.lower()).strip()
    if not text:
        return np.zeros(0, np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    parts = []
    with np.errstate(over="ignore"):
        acc = codes.copy()
        for n in range(1, 4):
            if n > 1:
                acc = acc[:-1] * _STEP[n - 1] + codes[n - 1 :]
            if len(acc) == 0:
                break
            parts.append(_mix(acc + np.uint64(n), salt))
    return np.concatenate(parts)


def word_grams(text: str, salt: int) -> np.ndarray:
    """Hashed words and pairs of neighbouring words."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) <= MAX_WORD]
    if not words:
        return np.zeros(0, np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words), np.uint64, len(words))
    with np.errstate(over="ignore"):
        pairs = ids[:-1] * _STEP[0] + ids[1:] + np.uint64(1 << 40)
    return _mix(np.concatenate([ids, pairs]), salt)


def token_ids(tokens: Sequence[str], salt: int) -> np.ndarray:
    ids = np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in tokens), np.uint64, len(tokens))
    return _mix(ids, salt)


def blocks(doc: Doc) -> dict[str, np.ndarray]:
    """Every feature occurrence of ``doc``, per block, as bucket numbers."""
    return {
        "char": char_grams(doc.text, _SALT["char"]),
        "title": char_grams(doc.title, _SALT["title"]),
        "word": word_grams(doc.text, _SALT["word"]),
        "meta": token_ids(doc.meta, _SALT["meta"]),
    }


def counted(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    buckets, counts = np.unique(features, return_counts=True)
    return buckets.astype(np.int64), counts.astype(np.float64)


def document_frequencies(docs: Sequence[dict[str, np.ndarray]]) -> np.ndarray:
    """Per bucket, how many documents hold it (any block)."""
    seen = [np.unique(np.concatenate(list(b.values()))) for b in docs]
    if not seen:
        return np.zeros(BUCKETS, np.int64)
    return np.bincount(np.concatenate(seen).astype(np.int64), minlength=BUCKETS)


def idf_from(df: np.ndarray, count: int) -> np.ndarray:
    """Smoothed IDF, as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1."""
    return (np.log((1.0 + count) / (1.0 + df)) + 1.0).astype(np.float32)


def vector(doc_blocks: dict[str, np.ndarray], idf: np.ndarray, only: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One L2-normalised vector: each block's sublinear TF-IDF, normalised, weighted, summed."""
    all_buckets: list[np.ndarray] = []
    all_values: list[np.ndarray] = []
    for name, features in doc_blocks.items():
        if (only is not None and name not in only) or len(features) == 0:
            continue
        buckets, counts = counted(features)
        values = (1.0 + np.log(counts)) * idf[buckets]
        norm = float(np.sqrt(np.dot(values, values)))
        if norm > 0:
            all_buckets.append(buckets)
            all_values.append(values * (WEIGHTS[name] / norm))
    if not all_buckets:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    buckets, inverse = np.unique(np.concatenate(all_buckets), return_inverse=True)
    values = np.bincount(inverse, weights=np.concatenate(all_values))
    if KEEP is not None and len(values) > KEEP:
        # The heaviest features only: common n-grams weigh little and made every product dense.
        top = np.sort(np.argpartition(-values, KEEP - 1)[:KEEP])
        buckets, values = buckets[top], values[top]
    norm = float(np.sqrt(np.dot(values, values)))
    return buckets, (values / norm).astype(np.float32) if norm > 0 else values.astype(np.float32)


def rows(vectors: Sequence[tuple[np.ndarray, np.ndarray]]) -> Rows:
    lengths = np.fromiter((len(b) for b, _ in vectors), np.int64, len(vectors))
    indptr = np.zeros(len(vectors) + 1, np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if len(vectors) == 0:
        return Rows(indptr, np.zeros(0, np.int32), np.zeros(0, np.float32))
    indices = np.concatenate([b for b, _ in vectors]).astype(np.int32)
    values = np.concatenate([v for _, v in vectors]).astype(np.float32)
    return Rows(indptr, indices, values)


def dot_rows(matrix: Rows, buckets: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``matrix @ v`` for one sparse vector ``v``, with numpy only (the linter's path)."""
    dense = np.zeros(BUCKETS, np.float32)
    dense[buckets] = values
    products = matrix.values * dense[matrix.indices]
    if len(products) == 0:
        return np.zeros(len(matrix))
    # reduceat sums each row's run; an empty row would get its neighbour's first value, so zero those.
    starts = np.minimum(matrix.indptr[:-1], len(products) - 1)
    sums = np.add.reduceat(products, starts).astype(np.float64)
    sums[matrix.indptr[1:] == matrix.indptr[:-1]] = 0.0
    return sums
