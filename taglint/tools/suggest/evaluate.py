"""Measure suggestions by leaving notes out: no note is ever scored by a model that saw its tags.

For each fold (one note per fold by default: leave-one-out) the whole model
is rebuilt from the other notes (IDF, ridge, trees), then the left-out notes
are ranked as if untagged and their first k suggestions (parents in place,
one member per exclusive group) are compared with their real tags:
P@k = hits / k, R@k = hits / (real tags), averaged over notes.

The two baselines of issue 22 run in the same loop on the same notes: the k
most frequent tags of the training notes, and a similarity-weighted vote of
the 10 nearest training notes on TF-IDF character 2-4-grams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from taglint.checks.tagmodel import score
from taglint.checks.tagmodel.choose import Candidate, choose
from taglint.checks.tagmodel.vectors import BUCKETS, _mix, idf_from, rows
from taglint.project.taxonomy import Taxonomy
from taglint.tools.suggest.build import Example, TagInfo, build

KS = (3, 5)


@dataclass(frozen=True)
class Scores:
    method: str
    precision: dict[int, float]
    recall: dict[int, float]
    notes: int

    def row(self) -> dict[str, object]:
        out: dict[str, object] = {"method": self.method, "notes": self.notes}
        for k in KS:
            out[f"P@{k}"] = round(self.precision[k], 3)
            out[f"R@{k}"] = round(self.recall[k], 3)
        return out


def _score(method: str, predictions: Sequence[Sequence[str]], golds: Sequence[set[str]]) -> Scores:
    precision, recall = {}, {}
    for k in KS:
        hits = [len(set(p[:k]) & g) for p, g in zip(predictions, golds, strict=False)]
        precision[k] = float(np.mean([h / k for h in hits])) if hits else 0.0
        recall[k] = float(np.mean([h / len(g) for h, g in zip(hits, golds, strict=False)])) if hits else 0.0
    return Scores(method, precision, recall, len(golds))


def folds_of(count: int, folds: int | None) -> list[np.ndarray]:
    """Leave-one-out when ``folds`` is None, else that many interleaved folds (deterministic)."""
    if folds is None or folds >= count:
        return [np.array([i]) for i in range(count)]
    return [np.arange(f, count, folds) for f in range(folds)]


def evaluate(
    examples: Sequence[Example],
    tags: Sequence[TagInfo],
    taxonomy: Taxonomy,
    folds: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Scores]:
    """The model and both baselines on ``examples`` (notes with at least one tag)."""
    known = {t.name for t in tags}
    examples = [e for e in examples if set(e.tags) & known]
    golds = [set(e.tags) & known for e in examples]
    k = max(KS)
    predicted: dict[str, list[list[str]]] = {"frequent": [], "neighbours": [], "taglint suggest": []}
    order: list[int] = []
    parts = folds_of(len(examples), folds)
    for number, held in enumerate(parts):
        held_set = {int(i) for i in held}
        training = [e for i, e in enumerate(examples) if i not in held_set]
        model = build(training, tags)
        for ranked in score.rank(model, [examples[i].doc for i in held]):
            candidates = [Candidate(model.tags[r.tag], r.score, ()) for r in ranked]
            predicted["taglint suggest"].append([s.tag for s in choose(candidates, taxonomy, set(), k)])
        frequent = [t for t, _ in sorted(Counter(t for e in training for t in set(e.tags) & known).items(), key=lambda kv: (-kv[1], kv[0]))]
        predicted["frequent"].extend([frequent[:k]] * len(held))
        predicted["neighbours"].extend(neighbour_baseline(training, [examples[i] for i in held], known, k))
        order.extend(int(i) for i in held)
        if progress is not None:
            progress(number + 1, len(parts))
    ordered_golds = [golds[i] for i in order]
    return [_score(method, preds, ordered_golds) for method, preds in predicted.items()]


def _char_grams_2_4(text: str) -> np.ndarray:
    codes = np.frombuffer(" ".join(text.lower().split()).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    parts = []
    with np.errstate(over="ignore"):
        for n in (2, 3, 4):
            if len(codes) < n:
                break
            acc = codes[: len(codes) - n + 1].copy()
            for j in range(1, n):
                acc = acc * np.uint64(0x100000001B3) + codes[j : len(codes) - n + 1 + j]
            parts.append(_mix(acc + np.uint64(n), 0x5EED))
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)


def neighbour_baseline(
    training: Sequence[Example], queries: Sequence[Example], known: set[str], k: int, neighbours: int = 10
) -> list[list[str]]:
    """Issue 22's second baseline: TF-IDF char 2-4-grams (sublinear TF), 10 nearest, similarity-weighted vote."""
    grams = [_char_grams_2_4(e.doc.text) for e in [*training, *queries]]
    df = np.bincount(
        np.concatenate([np.unique(g) for g in grams[: len(training)]] or [np.zeros(0, np.uint64)]).astype(np.int64), minlength=BUCKETS
    )
    idf = idf_from(df, len(training))
    vectors = []
    for g in grams:
        buckets, counts = np.unique(g, return_counts=True)
        values = (1 + np.log(counts)) * idf[buckets.astype(np.int64)]
        norm = np.sqrt(np.dot(values, values)) or 1.0
        vectors.append((buckets.astype(np.int64), (values / norm).astype(np.float32)))
    train_rows, query_rows = rows(vectors[: len(training)]), rows(vectors[len(training) :])
    sims = score.similarities(train_rows, BUCKETS, query_rows)
    out = []
    for q in range(len(queries)):
        votes: dict[str, float] = {}
        for j in np.argsort(-sims[q], kind="stable")[:neighbours]:
            for tag in set(training[j].tags) & known:
                votes[tag] = votes.get(tag, 0.0) + float(sims[q, j])
        out.append([t for t, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:k]])
    return out
