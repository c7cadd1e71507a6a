"""Build the tag model from a collection's tagged notes (numpy and scipy: the ``suggest`` extra).

1. Every tagged note becomes a hashed TF-IDF vector (``checks.tagmodel.vectors``).
2. Kernel ridge regression on the cosine kernel, all tags in one solve. Up to
   ``MAX_LANDMARKS`` notes it is exact; beyond, the kernel is approximated
   from that many landmark notes (Nystroem), so the cost grows linearly with
   the collection instead of with its cube. The hat matrix's diagonal gives
   every training note's exact leave-one-out ridge score for free.
3. The eight signals of ``checks.tagmodel.score`` for (training note, tag)
   pairs, each computed without the note's own tags, train boosted trees
   (``boosting``) that turn signals into a probability.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from taglint._version import __version__
from taglint.checks.tagmodel import score
from taglint.checks.tagmodel.names import phrases
from taglint.checks.tagmodel.stored import FORMAT, Model, unseen_idf
from taglint.checks.tagmodel.text import Doc, make_doc
from taglint.checks.tagmodel.vectors import BUCKETS, Rows, blocks, document_frequencies, idf_from, rows, vector
from taglint.tools.suggest import boosting

MAX_LANDMARKS = 1000
MAX_RANK = 600  # embedding dimensions kept (largest eigenvalues)
RIDGE = 0.03  # ridge penalty: small, the kernel is normalised and the labels sparse
MAX_TRAINING_NOTES = 2000  # notes whose pairs train the trees
MIN_NOTES_FOR_TREES = 100  # below, fixed weights (score.FALLBACK_WEIGHTS): trees would learn the noise
PAIRS_PER_ROUND = 100
MIN_ROUNDS = 30


@dataclass(frozen=True)
class Example:
    """A tagged note as the build sees it."""

    path: str
    doc: Doc
    tags: tuple[str, ...]  # canonical names


@dataclass(frozen=True)
class TagInfo:
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""


def usual_count(counts: Sequence[int]) -> int:
    """The number of tags three of four tagged notes reach: fewer makes a note under-tagged."""
    if not counts:
        return 1
    return max(1, int(np.floor(np.percentile(np.asarray(counts), 25))))


def build(
    examples: Sequence[Example],
    tags: Sequence[TagInfo],
    key: str = "",
    settings: boosting.Settings = boosting.DEFAULTS,
    tag_fields: Sequence[str] = ("tags", "tag"),
    pairs_out: list[tuple[np.ndarray, np.ndarray]] | None = None,
) -> Model:
    """The model of ``examples``; ``pairs_out``, when given, receives the trees' training pairs."""
    names = [t.name for t in tags]
    column = {name: i for i, name in enumerate(names)}
    examples = [e for e in examples if any(t in column for t in e.tags)]
    n = len(examples)
    parts = [blocks(e.doc) for e in examples]
    idf = idf_from(document_frequencies(parts), n)
    vectors = rows([vector(p, idf) for p in parts])
    chars = rows([vector(p, idf, only=("char",)) for p in parts])
    labels = np.zeros((n, len(names)))
    for i, example in enumerate(examples):
        labels[i, [column[t] for t in example.tags if t in column]] = 1.0
    landmarks = _landmarks(n)
    land_rows = _subset(vectors, landmarks)
    to_landmarks = score.similarities(land_rows, BUCKETS, vectors)  # n x m
    projection = _projection(to_landmarks[landmarks])
    embedding = to_landmarks @ projection
    gram = embedding.T @ embedding + RIDGE * np.eye(embedding.shape[1])
    inverse = np.linalg.inv(gram)
    weights = inverse @ (embedding.T @ labels)
    leverage = np.einsum("ij,jk,ik->i", embedding, inverse, embedding) if n else np.zeros(0)
    tag_texts = [make_doc({"title": t.name}, " ".join([t.name, *t.aliases, t.description])) for t in tags]
    tag_vectors = rows([vector(blocks(d), idf, only=("char",)) for d in tag_texts])
    counts = labels.sum(0)
    header = {
        "format": FORMAT,
        "taglint": __version__,
        "key": key,
        "tags": names,
        "counts": [int(c) for c in counts],
        "notes": n,
        "usual": usual_count([len(set(e.tags) & set(column)) for e in examples]),
        "phrases": [phrases(t.name, t.aliases) for t in tags],
        "idf_unseen": unseen_idf(n),
        "features": len(score.FEATURES),
        "paths": [e.path for e in examples],
        "tag_fields": list(tag_fields),
    }
    model = Model(
        header,
        idf,
        land_rows,
        projection,
        embedding,
        projection @ weights,
        leverage,
        rows([(np.flatnonzero(r), r[r > 0]) for r in labels]),
        tag_vectors,
        None,
    )
    if n < MIN_NOTES_FOR_TREES:
        return model
    table, answers = training_pairs(model, [e.doc for e in examples], labels, vectors, chars)
    if pairs_out is not None:
        pairs_out.append((table, answers))
    if answers.sum() < 5 or answers.sum() == len(answers):
        return model
    # Fewer pairs, fewer rounds: 100 rounds of 8-leaf trees memorise a few hundred pairs.
    rounds = int(np.clip(len(answers) / PAIRS_PER_ROUND, MIN_ROUNDS, settings.rounds))
    trees = boosting.fit(table, answers, dataclasses.replace(settings, rounds=rounds))
    return Model(header, idf, land_rows, projection, embedding, model.ridge, leverage, model.labels, tag_vectors, trees)


def _landmarks(n: int) -> np.ndarray:
    if n <= MAX_LANDMARKS:
        return np.arange(n)
    return np.sort(np.random.default_rng(0).choice(n, MAX_LANDMARKS, replace=False))


def _projection(kernel: np.ndarray) -> np.ndarray:
    """``U_r / sqrt(s_r)`` for the top eigenpairs of the landmark kernel (m x r)."""
    if len(kernel) == 0:
        return np.zeros((0, 0))
    values, vectors = np.linalg.eigh(kernel)
    keep = values > max(values[-1], 1e-12) * 1e-9
    order = np.flatnonzero(keep)[::-1][:MAX_RANK]
    return vectors[:, order] / np.sqrt(values[order])


def training_pairs(model: Model, docs: Sequence[Doc], labels: np.ndarray, vectors: Rows, chars: Rows) -> tuple[np.ndarray, np.ndarray]:
    """Signals of a sample of training notes, each left out of its own signals, and their answers."""
    n = len(docs)
    sample = np.arange(n) if n <= MAX_TRAINING_NOTES else np.sort(np.random.default_rng(1).choice(n, MAX_TRAINING_NOTES, replace=False))
    tables, answers = [], []
    pairs = model.label_pairs
    for start in range(0, len(sample), score.CHUNK):
        chunk = sample[start : start + score.CHUNK]
        subset = (_subset(vectors, chunk), _subset(chars, chunk))
        signals = score.signals_for(model, [docs[i] for i in chunk], [int(i) for i in chunk], labels, subset, pairs)
        for i, (columns, table) in zip(chunk, score.pair_features(signals, model.counts, n), strict=False):
            tables.append(table)
            answers.append(labels[i, columns])
    return np.concatenate(tables), np.concatenate(answers)


def _subset(matrix: Rows, chosen: np.ndarray) -> Rows:
    return rows([matrix.row(int(i)) for i in chosen])
