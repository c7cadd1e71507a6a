"""The model file: numpy arrays plus a JSON header in one ``.npz``, never pickle.

Where models live and which one the linter uses: ``pointer``.

The file is read with ``allow_pickle=False`` and every array is checked for
shape before use, so a model planted in a repository can make taglint suggest
odd tags of the taxonomy, never run code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from taglint.checks.tagmodel.boost import Trees
from taglint.checks.tagmodel.vectors import BUCKETS, Rows, idf_from

FORMAT = 1


class ModelError(Exception):
    """A model file that cannot be used (damaged, another format, inconsistent arrays)."""


@dataclass(frozen=True)
class Model:
    header: dict[str, Any]  # format, key, tags, counts, notes, usual, paths, settings
    idf: np.ndarray  # float32 per bucket
    landmarks: Rows  # the landmark notes' vectors (all training notes when there are few)
    projection: np.ndarray  # landmark similarities -> embedding (m x r)
    embedding: np.ndarray  # training notes' embeddings (n x r); dot products approximate cosines
    ridge: np.ndarray  # landmark similarities -> per-tag ridge score (m x T)
    leverage: np.ndarray  # the ridge's hat-matrix diagonal per training note (exact leave-one-out)
    labels: Rows  # training notes' tag indices (values unused)
    tag_vectors: Rows  # each tag's name, aliases and description as a vector
    trees: Trees | None  # the ranker; None when the collection was too small to learn one

    @property
    def tags(self) -> list[str]:
        return list(self.header["tags"])

    @cached_property
    def training_rows(self) -> dict[str, int]:
        """Training notes' rows by path relative to the project root (forward slashes)."""
        return {path: i for i, path in enumerate(self.header["paths"])}

    @property
    def counts(self) -> np.ndarray:
        return np.asarray(self.header["counts"], np.float64)

    @cached_property
    def dense_labels(self) -> np.ndarray:
        """Dense 0/1 matrix of training labels (n x T), built once per loaded model (the linter ranks note by note)."""
        matrix = np.zeros((len(self.labels), len(self.tags)))
        rows = np.repeat(np.arange(len(self.labels)), np.diff(self.labels.indptr))
        matrix[rows, self.labels.indices] = 1.0
        return matrix

    @cached_property
    def label_pairs(self) -> np.ndarray:
        """How many training notes carry each pair of tags (T x T; the diagonal is each tag's count)."""
        return self.dense_labels.T @ self.dense_labels  # one BLAS product: a loop over notes cost 0.1 s at 10,000

    def label_matrix(self) -> np.ndarray:
        return self.dense_labels


def _rows_arrays(prefix: str, rows: Rows) -> dict[str, np.ndarray]:
    return {f"{prefix}_indptr": rows.indptr, f"{prefix}_indices": rows.indices, f"{prefix}_values": rows.values}


def _rows(data: Any, prefix: str, width: int) -> Rows:
    rows = Rows(
        data[f"{prefix}_indptr"].astype(np.int64), data[f"{prefix}_indices"].astype(np.int64), data[f"{prefix}_values"].astype(np.float32)
    )
    if rows.indptr.ndim != 1 or len(rows.indptr) == 0 or rows.indptr[0] != 0 or np.any(np.diff(rows.indptr) < 0):
        raise ModelError(f"{prefix}: bad row pointers")
    if rows.indptr[-1] != len(rows.indices) or len(rows.indices) != len(rows.values):
        raise ModelError(f"{prefix}: row arrays differ in length")
    if len(rows.indices) and (rows.indices.min() < 0 or rows.indices.max() >= width):
        raise ModelError(f"{prefix}: index out of range")
    return rows


def save(model: Model, path: str) -> None:
    """Write ``model`` to ``path`` atomically (temp file in the same directory, then rename)."""
    seen = np.flatnonzero(model.idf != model.header["idf_unseen"]).astype(np.int32)
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(model.header, sort_keys=True).encode(), np.uint8),
        "idf_buckets": seen,
        "idf_values": model.idf[seen],
        "projection": model.projection.astype(np.float32),
        "embedding": model.embedding.astype(np.float32),
        "ridge": model.ridge.astype(np.float32),
        "leverage": model.leverage.astype(np.float32),
        "label_pairs": model.label_pairs.astype(np.float32),
        **_rows_arrays("landmarks", model.landmarks),
        **_rows_arrays("labels", model.labels),
        **_rows_arrays("tag_vectors", model.tag_vectors),
    }
    if model.trees is not None:
        arrays.update(model.trees.arrays())
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temp = f"{path}.{os.getpid()}.tmp"
    with open(temp, "wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]  # numpy's stub types the keywords as allow_pickle
    os.replace(temp, path)


def load(path: str) -> Model:
    """Read a model file; raise ModelError when it is damaged or of another format."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return _decode(data)
    except (OSError, ValueError, KeyError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: {exc}") from None


def _decode(data: Any) -> Model:
    header = json.loads(data["header"].tobytes().decode())
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelError("another model format")
    _check_header(header)
    tags, notes = header["tags"], int(header["notes"])
    idf = np.full(BUCKETS, header["idf_unseen"], np.float32)
    buckets = data["idf_buckets"].astype(np.int64)
    if len(buckets) and (buckets.min() < 0 or buckets.max() >= BUCKETS):
        raise ModelError("idf bucket out of range")
    idf[buckets] = data["idf_values"]
    landmarks = _rows(data, "landmarks", BUCKETS)
    projection, embedding, ridge = data["projection"], data["embedding"], data["ridge"]
    leverage = data["leverage"]
    labels = _rows(data, "labels", len(tags))
    tag_vectors = _rows(data, "tag_vectors", BUCKETS)
    m, r = projection.shape if projection.ndim == 2 else (-1, -1)
    if m != len(landmarks) or embedding.shape != (notes, r) or ridge.shape != (m, len(tags)):
        raise ModelError("array shapes do not fit together")
    if len(labels) != notes or len(leverage) != notes or len(tag_vectors) != len(tags) or len(header["counts"]) != len(tags):
        raise ModelError("per-note or per-tag arrays have the wrong length")
    trees = Trees.from_arrays({k: data[k] for k in data.files if k.startswith("tree_")}) if "tree_roots" in data.files else None
    if trees is not None and len(trees.feature) and int(trees.feature.max()) >= int(header["features"]):
        raise ModelError("tree feature out of range")
    model = Model(header, idf, landmarks, projection, embedding, ridge, leverage, labels, tag_vectors, trees)
    pairs = data["label_pairs"]
    if pairs.shape != (len(tags), len(tags)):
        raise ModelError("label_pairs has the wrong shape")
    # Stored, not recomputed: the linter loads a model to rank a few notes. (Where cached_property keeps it.)
    model.__dict__["label_pairs"] = pairs.astype(np.float64)
    return model


def unseen_idf(notes: int) -> float:
    return float(idf_from(np.zeros(1), notes)[0])


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_header(header: dict[str, Any]) -> None:
    """Every header value the readers use, of the type they expect (a planted file may hold anything)."""
    numbers = ("notes", "usual", "features")
    if not all(isinstance(header.get(key), int) and not isinstance(header.get(key), bool) for key in numbers):
        raise ModelError("header counts are not integers")
    if not isinstance(header.get("idf_unseen"), (int, float)):
        raise ModelError("header idf is not a number")
    if not (_strings(header.get("tags")) and _strings(header.get("paths")) and _strings(header.get("tag_fields"))):
        raise ModelError("header names are not lists of strings")
    if not isinstance(header.get("counts"), list) or not all(isinstance(c, int) for c in header["counts"]):
        raise ModelError("header tag counts are not integers")
    phrases = header.get("phrases")
    if not isinstance(phrases, list) or len(phrases) != len(header["tags"]) or not all(_strings(p) for p in phrases):
        raise ModelError("header phrases do not match the tags")
