"""Fit gradient-boosted trees (logistic loss) on a few dense features, with numpy histograms.

The suggester ranks (note, tag) pairs from eight scores; how much each score
counts depends on the others (a neighbour vote means more for a rare tag than
for one on half the notes), which a linear combination cannot express: on
the seeds, boosted trees reached P@3 0.75 where logistic regression on the
same scores stayed at 0.71.

Why not scikit-learn's gradient boosting: on this machine importing
``sklearn.ensemble`` alone took 2.9 s and fitting 100 trees on 12,000 pairs
2.5 s (``HistGradientBoostingClassifier`` 3.4 s), while the whole build for
300 notes has 2 s; and its fitted trees are objects that only pickle would
store. Here the features are binned once (at most ``BINS`` thresholds each),
every node's best split comes from one ``bincount`` per statistic, and the
result is ``checks.tagmodel.boost.Trees``: arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from taglint.checks.tagmodel.boost import LEAF, Trees

BINS = 255


@dataclass(frozen=True)
class Settings:
    rounds: int = 100
    depth: int = 3
    learning_rate: float = 0.1
    min_leaf: int = 40  # pairs in a leaf: rarer patterns are noise at this scale
    l2: float = 1.0
    subsample: float = 0.8
    seed: int = 0


DEFAULTS = Settings()  # frozen: one shared instance is safe as a default


def fit(features: np.ndarray, labels: np.ndarray, settings: Settings = DEFAULTS) -> Trees:
    """Trees whose summed leaves approximate the log-odds of ``labels`` given ``features``."""
    n, width = features.shape
    edges = [_edges(features[:, f]) for f in range(width)]
    binned = np.stack([np.searchsorted(edges[f], features[:, f], side="left") for f in range(width)], axis=1).astype(np.int64)
    rate = float(np.clip(labels.mean() if n else 0.5, 1e-6, 1 - 1e-6))
    base = float(np.log(rate / (1 - rate)))
    raw = np.full(n, base)
    random = np.random.default_rng(settings.seed)
    nodes = _Nodes()
    roots: list[int] = []
    offsets = np.arange(width, dtype=np.int64) * (BINS + 1)
    for _ in range(settings.rounds):
        probability = 1.0 / (1.0 + np.exp(-raw))
        gradient = probability - labels
        hessian = np.maximum(probability * (1.0 - probability), 1e-12)
        chosen = np.flatnonzero(random.random(n) < settings.subsample) if settings.subsample < 1 else np.arange(n)
        root = _grow(nodes, chosen, binned, offsets, gradient, hessian, edges, settings, 0)
        roots.append(root)
        raw += _predict_one(nodes, root, features)
    return Trees(
        base=base,
        roots=np.array(roots, np.int32),
        feature=np.array(nodes.feature, np.int16),
        threshold=np.array(nodes.threshold, np.float64),
        left=np.array(nodes.left, np.int32),
        right=np.array(nodes.right, np.int32),
        value=np.array(nodes.value, np.float32),
        depth=settings.depth,
    )


class _Nodes:
    """The growing node table (lists while fitting, arrays once done)."""

    def __init__(self) -> None:
        self.feature: list[int] = []
        self.threshold: list[float] = []
        self.left: list[int] = []
        self.right: list[int] = []
        self.value: list[float] = []

    def add(self, feature: int, threshold: float, value: float) -> int:
        self.feature.append(feature)
        self.threshold.append(threshold)
        self.left.append(0)
        self.right.append(0)
        self.value.append(value)
        return len(self.feature) - 1


def _edges(column: np.ndarray) -> np.ndarray:
    """Candidate thresholds: up to BINS distinct quantiles of the column."""
    unique = np.unique(column)
    if len(unique) <= BINS:
        return unique[:-1] if len(unique) > 1 else unique[:0]
    return np.unique(np.quantile(column, np.linspace(0, 1, BINS + 2)[1:-1]))


def _grow(
    nodes: _Nodes,
    rows: np.ndarray,
    binned: np.ndarray,
    offsets: np.ndarray,
    gradient: np.ndarray,
    hessian: np.ndarray,
    edges: list[np.ndarray],
    settings: Settings,
    depth: int,
) -> int:
    g, h = gradient[rows], hessian[rows]
    total_g, total_h = float(g.sum()), float(h.sum())
    leaf_value = -total_g / (total_h + settings.l2) * settings.learning_rate
    split = _best_split(rows, binned, offsets, g, h, total_g, total_h, settings) if depth < settings.depth else None
    if split is None:
        return nodes.add(LEAF, 0.0, leaf_value)
    feature, bin_index = split
    threshold = float(edges[feature][bin_index])
    node = nodes.add(feature, threshold, 0.0)
    goes_left = binned[rows, feature] <= bin_index
    nodes.left[node] = _grow(nodes, rows[goes_left], binned, offsets, gradient, hessian, edges, settings, depth + 1)
    nodes.right[node] = _grow(nodes, rows[~goes_left], binned, offsets, gradient, hessian, edges, settings, depth + 1)
    return node


def _best_split(
    rows: np.ndarray,
    binned: np.ndarray,
    offsets: np.ndarray,
    g: np.ndarray,
    h: np.ndarray,
    total_g: float,
    total_h: float,
    settings: Settings,
) -> tuple[int, int] | None:
    if len(rows) < 2 * settings.min_leaf:
        return None
    width = binned.shape[1]
    cells = (binned[rows] + offsets).ravel()  # one histogram cell per (feature, bin)
    size = width * (BINS + 1)
    hist_g = np.bincount(cells, np.repeat(g, width), size).reshape(width, BINS + 1)
    hist_h = np.bincount(cells, np.repeat(h, width), size).reshape(width, BINS + 1)
    hist_n = np.bincount(cells, None, size).reshape(width, BINS + 1)
    left_g, left_h, left_n = hist_g.cumsum(1)[:, :-1], hist_h.cumsum(1)[:, :-1], hist_n.cumsum(1)[:, :-1]
    right_g, right_h, right_n = total_g - left_g, total_h - left_h, len(rows) - left_n
    l2 = settings.l2
    gain = left_g**2 / (left_h + l2) + right_g**2 / (right_h + l2) - total_g**2 / (total_h + l2)
    gain[(left_n < settings.min_leaf) | (right_n < settings.min_leaf)] = -np.inf
    best = int(np.argmax(gain))
    feature, bin_index = divmod(best, BINS)
    if not np.isfinite(gain[feature, bin_index]) or gain[feature, bin_index] <= 1e-9:
        return None
    return feature, bin_index


def _predict_one(nodes: _Nodes, root: int, features: np.ndarray) -> np.ndarray:
    feature = np.array(nodes.feature[root:], np.int64)
    threshold = np.array(nodes.threshold[root:])
    left = np.array(nodes.left[root:], np.int64) - root
    right = np.array(nodes.right[root:], np.int64) - root
    value = np.array(nodes.value[root:])
    node = np.zeros(len(features), np.int64)
    rows = np.arange(len(features))
    for _ in range(64):
        feat = feature[node]
        inner = feat != LEAF
        if not inner.any():
            break
        goes_left = features[rows, np.where(inner, feat, 0)] <= threshold[node]
        node = np.where(inner, np.where(goes_left, left[node], right[node]), node)
    return value[node]
