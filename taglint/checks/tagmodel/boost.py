"""A stored ensemble of small regression trees, and its prediction (numpy only).

The trees are plain arrays (``feature``, ``threshold``, ``left``, ``right``,
``value`` per node, all trees concatenated; ``roots`` gives each tree's first
node), so the model file is data: no pickle, nothing that can run code.
``taglint.tools.suggest.boosting`` fits them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LEAF = -1


@dataclass(frozen=True)
class Trees:
    base: float  # the raw score before any tree (log-odds of the positive rate)
    roots: np.ndarray  # int32, first node of each tree
    feature: np.ndarray  # int16, LEAF for a leaf
    threshold: np.ndarray  # float64: x <= threshold goes left
    left: np.ndarray  # int32
    right: np.ndarray  # int32
    value: np.ndarray  # float32, a leaf's contribution (learning rate applied)
    depth: int

    def raw(self, features: np.ndarray) -> np.ndarray:
        """The raw score (log-odds) of each row of ``features``."""
        rows = np.arange(len(features))
        total = np.full(len(features), self.base)
        for root in self.roots:
            node = np.full(len(features), root, np.int64)
            for _ in range(self.depth):
                feat = self.feature[node]
                inner = feat != LEAF
                if not inner.any():
                    break
                goes_left = features[rows, np.where(inner, feat, 0)] <= self.threshold[node]
                node = np.where(inner, np.where(goes_left, self.left[node], self.right[node]), node)
            total += self.value[node]
        return total

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(features)))

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "tree_base": np.array([self.base]),
            "tree_depth": np.array([self.depth]),
            "tree_roots": self.roots,
            "tree_feature": self.feature,
            "tree_threshold": self.threshold,
            "tree_left": self.left,
            "tree_right": self.right,
            "tree_value": self.value,
        }

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray]) -> Trees:
        trees = cls(
            base=float(data["tree_base"][0]),
            roots=data["tree_roots"].astype(np.int64),
            feature=data["tree_feature"].astype(np.int64),
            threshold=data["tree_threshold"].astype(np.float64),
            left=data["tree_left"].astype(np.int64),
            right=data["tree_right"].astype(np.int64),
            value=data["tree_value"].astype(np.float64),
            depth=int(data["tree_depth"][0]),
        )
        size = len(trees.feature)
        for name in ("threshold", "left", "right", "value"):
            if len(getattr(trees, name)) != size:
                raise ValueError(f"tree arrays differ in length ({name})")
        inner = trees.feature != LEAF
        if len(trees.roots) and (trees.roots.min() < 0 or trees.roots.max() >= size):
            raise ValueError("tree root out of range")
        for side in (trees.left, trees.right):
            if inner.any() and (side[inner].min() < 0 or side[inner].max() >= size):
                raise ValueError("tree node out of range")
        return trees
