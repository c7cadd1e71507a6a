"""The code's own checks, run with the tests so CI fails on them: the layer contract, ruff and mypy.

pyproject.toml configures all three: import-linter's layers (imports only point
down, no cycle between sibling modules), ruff's rule set and format, mypy's
strictness for ``taglint/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_imports_keep_the_layer_contracts() -> None:
    done = _run("-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_ruff_finds_nothing() -> None:
    done = _run("-m", "ruff", "check", "taglint", "tests", "scripts", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_formatted() -> None:
    done = _run("-m", "ruff", "format", "--check", "taglint", "tests", "scripts", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # ~20 s cold; `.ci/run` runs the slow tests too
def test_mypy_finds_nothing() -> None:
    done = _run("-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr
