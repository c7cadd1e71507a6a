"""The bundled example's evaluation figures (README, "Suggesting tags") must not regress.

Same code as ``scripts/eval_suggest.py --only example --folds 10``: titles only,
ten interleaved folds, each note ranked by a model built without it. The
figures are deterministic; the floors leave 0.01 for floating-point ties.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from taglint.project.taxonomy import load_taxonomy
from taglint.tools.suggest.evaluate import evaluate

REPO = Path(__file__).resolve().parent.parent
# P@3, R@3, P@5, R@5 of `python scripts/eval_suggest.py --only example --folds 10`
FIGURES = {"P@3": 0.808, "R@3": 0.464, "P@5": 0.663, "R@5": 0.613}


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_suggest", REPO / "scripts" / "eval_suggest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_example_figures_hold_and_beat_both_baselines() -> None:
    script = _script()
    taxonomy = load_taxonomy(str(REPO / "taxonomy.yaml"))
    examples, _ = script.note_examples(str(REPO / "examples" / "paper-notes"), taxonomy, ("tags", "tag"), titles_only=True)
    assert len(examples) == 281
    frequent, neighbours, model = (r.row() for r in evaluate(examples, script.tag_infos(taxonomy), taxonomy, folds=10))
    for metric, floor in FIGURES.items():
        assert model[metric] >= floor - 0.01, (metric, model[metric])
        assert model[metric] > max(frequent[metric], neighbours[metric]), metric
