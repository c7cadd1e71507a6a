"""Score tags for notes: eight signals per (note, tag) pair, combined by the stored trees.

The signals, each computed without the note's own tags:

- ``ridge``: a kernel ridge regression from the note's vector to every tag
  (one solve for all tags; exact leave-one-out for the training notes);
- ``ridge_rank``: the tag's rank among the note's ridge scores;
- ``vote`` / ``voters``: the similarity-weighted share, and the number, of the
  ``NEIGHBOURS`` most similar tagged notes that carry the tag;
- ``prior``: how common the tag is in the collection;
- ``in_title`` / ``in_text``: the tag's name or an alias is written in the note;
- ``description``: how close the note is to the tag's name, aliases and
  description (and that closeness's rank).

Only candidates are scored: the ridge's top ``CANDIDATES``, any tag a
neighbour carries, named tags and the five closest descriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from taglint.checks.tagmodel.names import NameIndex
from taglint.checks.tagmodel.stored import Model
from taglint.checks.tagmodel.text import Doc
from taglint.checks.tagmodel.vectors import Rows, blocks, dot_rows, rows, vector

NEIGHBOURS = 10
CANDIDATES = 30
CHUNK = 256
FEATURES = ("ridge", "ridge_rank", "vote", "voters", "prior", "in_title", "in_text", "description", "description_rank", "together")
# Used when a collection has too few tagged notes to learn trees from (build.MIN_NOTES_FOR_TREES):
# a logistic regression on the seeds' pairs over the signals whose scale transfers between collections
# (`python scripts/eval_suggest.py --fallback-weights`).
FALLBACK_WEIGHTS = np.array([7.42, 0.0, 0.32, 0.0, 0.0, 1.52, 0.85, 4.91, 0.0, 0.0])
FALLBACK_BIAS = -3.91
TOGETHER_FROM = 5  # the ridge's top tags whose usual companions make the "together" signal


@dataclass(frozen=True, slots=True)
class Ranked:
    tag: int  # column in the model's tag list
    score: float  # estimated probability that the note carries the tag
    signals: tuple[float, ...]  # the FEATURES values, for the evidence


@dataclass(frozen=True)
class Signals:
    """The per-tag signals of a batch of notes (each q x T, ``voters`` integer)."""

    ridge: np.ndarray
    vote: np.ndarray
    voters: np.ndarray
    in_title: np.ndarray
    in_text: np.ndarray
    description: np.ndarray
    together: np.ndarray


def doc_vectors(idf: np.ndarray, docs: Sequence[Doc]) -> tuple[Rows, Rows]:
    """Each doc's full vector and its character-only vector (for the description match)."""
    full, chars = [], []
    for doc in docs:
        parts = blocks(doc)
        full.append(vector(parts, idf))
        chars.append(vector(parts, idf, only=("char",)))
    return rows(full), rows(chars)


def similarities(matrix: Rows, width: int, queries: Rows) -> np.ndarray:
    """``queries @ matrix.T`` (q x len(matrix)): scipy when installed, else numpy row by row."""
    try:
        from scipy import sparse
    except ImportError:
        return np.stack([dot_rows(matrix, *queries.row(i)) for i in range(len(queries))]) if len(queries) else np.zeros((0, len(matrix)))
    a = sparse.csr_matrix((queries.values, queries.indices, queries.indptr), shape=(len(queries), width))
    b = sparse.csr_matrix((matrix.values, matrix.indices, matrix.indptr), shape=(len(matrix), width))
    return np.asarray((a @ b.T).todense(), dtype=np.float64)


def neighbour_vote(sims: np.ndarray, labels: np.ndarray, k: int = NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
    """Similarity-weighted share and count of the ``k`` nearest notes carrying each tag."""
    k = min(k, sims.shape[1])
    if k == 0:
        empty = np.zeros((len(sims), labels.shape[1]))
        return empty, empty
    nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    weights = np.maximum(np.take_along_axis(sims, nearest, 1), 0.0)
    vote = np.zeros((len(sims), labels.shape[1]))
    voters = np.zeros((len(sims), labels.shape[1]))
    for j in range(k):  # one neighbour rank at a time: no notes x k x tags array
        carried = labels[nearest[:, j]]
        vote += weights[:, j : j + 1] * carried
        voters += carried
    return vote / np.maximum(weights.sum(1, keepdims=True), 1e-9), voters


def pair_features(signals: Signals, counts: np.ndarray, notes: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per note: the candidate tag columns and their FEATURES rows."""
    prior = np.log((counts + 0.5) / (notes + 1.0))
    out = []
    for q in range(len(signals.ridge)):
        ridge, description = signals.ridge[q], signals.description[q]
        ridge_rank = np.empty(len(ridge))
        ridge_rank[np.argsort(-ridge, kind="stable")] = np.arange(len(ridge))
        description_rank = np.empty(len(description))
        description_rank[np.argsort(-description, kind="stable")] = np.arange(len(description))
        chosen = (ridge_rank < CANDIDATES) | (signals.voters[q] > 0) | signals.in_title[q] | signals.in_text[q] | (description_rank < 5)
        columns = np.flatnonzero(chosen)
        table = np.column_stack(
            [
                ridge[columns],
                np.log1p(ridge_rank[columns]),
                signals.vote[q, columns],
                signals.voters[q, columns],
                prior[columns],
                signals.in_title[q, columns],
                signals.in_text[q, columns],
                description[columns],
                np.log1p(description_rank[columns]),
                signals.together[q, columns],
            ]
        )
        out.append((columns, table.astype(np.float64)))
    return out


def named(index: NameIndex, docs: Sequence[Doc], tags: int) -> tuple[np.ndarray, np.ndarray]:
    in_title = np.zeros((len(docs), tags), bool)
    in_text = np.zeros((len(docs), tags), bool)
    for q, doc in enumerate(docs):
        in_title[q, list(index.named(doc.title))] = True
        in_text[q, list(index.named(doc.text))] = True
    return in_title, in_text


def signals_for(
    model: Model,
    docs: Sequence[Doc],
    own: Sequence[int | None],
    labels: np.ndarray | None = None,
    vectors: tuple[Rows, Rows] | None = None,
    pairs: np.ndarray | None = None,
) -> Signals:
    """The signals of ``docs``; ``own[i]`` is doc i's row among the training notes (left out), or None.

    ``vectors`` are the docs' ``doc_vectors``, ``labels`` and ``pairs`` the model's
    ``dense_labels`` and ``label_pairs``, when the caller has them already.
    """
    from taglint.checks.tagmodel.vectors import BUCKETS

    full, chars = vectors if vectors is not None else doc_vectors(model.idf, docs)
    to_landmarks = similarities(model.landmarks, BUCKETS, full)
    embedded = to_landmarks @ model.projection
    ridge = to_landmarks @ model.ridge
    sims = embedded @ model.embedding.T
    labels = model.label_matrix() if labels is None else labels
    for q, index in enumerate(own):
        if index is not None:  # the note is a training note: leave it out exactly
            leverage = float(model.leverage[index])
            ridge[q] = (ridge[q] - leverage * labels[index]) / max(1.0 - leverage, 1e-6)
            sims[q, index] = -np.inf
    vote, voters = neighbour_vote(sims, labels)
    in_title, in_text = named(NameIndex(model.header["phrases"]), docs, len(model.tags))
    description = similarities(model.tag_vectors, BUCKETS, chars)
    pairs = model.label_pairs if pairs is None else pairs
    return Signals(ridge, vote, voters, in_title, in_text, description, together(ridge, labels, pairs, own))


def together(ridge: np.ndarray, labels: np.ndarray, pairs: np.ndarray, own: Sequence[int | None]) -> np.ndarray:
    """How often each tag goes with the note's likeliest tags: sum over the ridge's top tags k of
    ridge_k * P(tag | k) in the training notes (a training note's own tags left out of the counts)."""
    counts = np.diag(pairs)
    out = np.zeros_like(ridge)
    top = np.argsort(-ridge, axis=1, kind="stable")[:, :TOGETHER_FROM]
    for q in range(len(ridge)):
        k = top[q]
        rows_k, counts_k = pairs[k], counts[k]
        if own[q] is not None:
            mine = labels[own[q]]
            rows_k = rows_k - np.outer(mine[k], mine)
            counts_k = counts_k - mine[k]
        conditional = rows_k / np.maximum(counts_k, 1.0)[:, None]
        conditional[np.arange(len(k)), k] = 0.0
        out[q] = np.maximum(ridge[q, k], 0.0) @ conditional
    return out


def rank(model: Model, docs: Sequence[Doc], own: Sequence[int | None] | None = None) -> list[list[Ranked]]:
    """Per doc, the candidate tags best first."""
    own = list(own) if own is not None else [None] * len(docs)
    result: list[list[Ranked]] = []
    labels = model.label_matrix()
    pairs = model.label_pairs
    for start in range(0, len(docs), CHUNK):  # bounded memory: the neighbour vote is notes x k x tags
        result.extend(_rank_chunk(model, docs[start : start + CHUNK], own[start : start + CHUNK], labels, pairs))
    return result


def _rank_chunk(model: Model, docs: Sequence[Doc], own: Sequence[int | None], labels: np.ndarray, pairs: np.ndarray) -> list[list[Ranked]]:
    signals = signals_for(model, docs, own, labels, pairs=pairs)
    per_doc = pair_features(signals, model.counts, int(model.header["notes"]))
    # One prediction for the whole chunk: the trees cost per call, not per row.
    table = np.concatenate([t for _, t in per_doc]) if per_doc else np.zeros((0, len(FEATURES)))
    if model.trees is not None:
        scores = model.trees.probability(table) if len(table) else np.zeros(0)
    else:
        scores = 1.0 / (1.0 + np.exp(-(table @ FALLBACK_WEIGHTS + FALLBACK_BIAS)))
    result: list[list[Ranked]] = []
    start = 0
    for columns, rows_ in per_doc:
        mine = scores[start : start + len(rows_)]
        order = np.argsort(-mine, kind="stable")
        values, tags = rows_.tolist(), columns.tolist()
        result.append([Ranked(tags[i], float(mine[i]), tuple(values[i])) for i in order])
        start += len(rows_)
    return result


def evidence(signals: Sequence[float]) -> tuple[str, ...]:
    """Why a tag was suggested, in words, from its FEATURES values."""
    ridge, ridge_rank, _vote, voters, _prior, in_title, in_text, description, description_rank, _together = signals
    said: list[str] = []
    if voters >= 1:
        said.append(f"{int(voters)} of the {NEIGHBOURS} most similar notes carry it")
    if in_title:
        said.append("its name is in the title")
    elif in_text:
        said.append("its name appears in the note")
    if description_rank <= np.log1p(2) and description > 0.05:
        said.append("its name and description match the note" + (" best" if description_rank == 0 else ""))
    if ridge_rank <= np.log1p(2) and ridge > 0:
        said.append("the note's words point to it" + (" first" if ridge_rank == 0 else ""))
    return tuple(said) or ("often used in the collection",)
