"""Logistic regression by Newton's method (IRLS) with an L2 penalty: for the fallback weights.

A collection with too few tagged notes to learn trees from ranks with fixed
weights (``checks.tagmodel.score.FALLBACK_WEIGHTS``); ``scripts/eval_suggest.py
--fallback-weights`` fits them with this on the seeds' (note, tag) pairs, so
the numbers in the code can be reproduced. Eight features and a few thousand
pairs: a handful of Newton steps, no library needed.
"""

from __future__ import annotations

import numpy as np


def fit(features: np.ndarray, labels: np.ndarray, l2: float = 1.0, steps: int = 25) -> tuple[np.ndarray, float]:
    """Weights and bias maximising the penalised log-likelihood (the bias is not penalised)."""
    design = np.column_stack([features, np.ones(len(features))])
    weights = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        probability = 1.0 / (1.0 + np.exp(-(design @ weights)))
        gradient = design.T @ (probability - labels) + penalty * weights
        curvature = (design * (probability * (1 - probability))[:, None]).T @ design + np.diag(penalty) + 1e-9 * np.eye(len(weights))
        step = np.linalg.solve(curvature, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights[:-1], float(weights[-1])
