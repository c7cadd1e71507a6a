"""The bundled example's full JSON report is reviewed and committed: any change shows up in review.

Regenerate after an intended change, then read the diff before committing:
    taglint check examples/paper-notes --output-format json --no-cache -q > tests/data/golden/paper-notes.json
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taglint.cli.main import main

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "golden" / "paper-notes.json"


def test_example_report_matches_the_reviewed_golden_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code = main(["check", "examples/paper-notes", "--output-format", "json", "--no-cache", "-q"])
    report = json.loads(capsys.readouterr().out)
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert code == 1
    missing = [d for d in expected if d not in report]
    extra = [d for d in report if d not in expected]
    assert not missing and not extra, f"{len(missing)} findings gone, {len(extra)} new; first new: {extra[:1]}, first gone: {missing[:1]}"
    assert report == expected  # same order too


def test_golden_file_holds_the_defects_the_seeds_really_have() -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = {(d["rule"], d["message"]) for d in expected}
    # One of each kind of defect the collection is known to have (see README "Example").
    assert ("alias-tag", '"MulltiModal" is an alias of "MultiModal"; use the canonical tag') in found
    assert ("alias-tag", '"Efficiency/SpeedUp" is an alias of "EfficiencyImprovement"; use the canonical tag') in found
    assert ("deprecated-tag", '"Neural" is deprecated; use "NeuralNetwork"') in found
    assert ("duplicate-tag", '"Article" is already tagged (line 5); remove the repeat') in found
    assert ("missing-field", 'Missing required field "tags"') in found
    assert not any(d["rule"] in ("unknown-tag", "parse-error", "invalid-field") for d in expected)
