"""Shared test setup: the small taxonomies several test files start from, and CLI runners.

A test file that needs more tags appends them (``NLP_LLM_DESCRIBED + "  Old: ..."``), so
every file still shows, next to its tests, which tags it adds and why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from taglint.cli.main import main

# NLP and LanguageModel (a child of NLP, alias LLM): an alias fix and a missing parent, nothing more.
NLP_LLM = """\
version: 1
tags:
  NLP: {}
  LanguageModel:
    parents: [NLP]
    aliases: [LLM]
"""

# The same two tags with descriptions, for runs where missing-description must stay quiet.
NLP_LLM_DESCRIBED = """\
version: 1
tags:
  NLP:
    description: Natural language processing
  LanguageModel:
    description: Language models
    parents: [NLP]
    aliases: [LLM]
"""

# NLP, LanguageModel (aliases LLM, Language-Model) and Vision (alias CV): several aliases in one note.
NLP_LLM_CV = """\
version: 1
tags:
  NLP: {}
  LanguageModel:
    parents: [NLP]
    aliases: [LLM, Language-Model]
  Vision:
    aliases: [CV]
"""

# NLP, LanguageModel (child of NLP) and MultiModal (alias MulltiModal) with one-letter descriptions.
TERSE_HEAD = """\
version: 1
tags:
  NLP: {description: n}
  LanguageModel:
    description: l
    parents: [NLP]
  MultiModal:
    description: m
    aliases: [MulltiModal]
"""


_RESEARCH_HEAD = """\
version: 1
tags:
  NLP: {description: Natural language processing}
  LanguageModel:
    description: Language models
    parents: [NLP]
  MultiModal:
    description: Several modalities
    aliases: [MulltiModal]
"""
_RESEARCH_TAIL = """\
  Neural:
    description: Old name
    deprecated: true
    replaced_by: NeuralNetwork
  NeuralNetwork: {description: Neural networks}
  ACL: {description: ACL venue}
  EMNLP: {description: EMNLP venue}
exclusive:
  venue: [ACL, EMNLP]
"""


def research_taxonomy(extra_tags: str = "") -> str:
    """The CLI output tests' taxonomy: an alias, a deprecated tag, an exclusive venue pair.

    ``extra_tags`` (indented ``  Name: ...`` lines) go after MultiModal, before Neural.
    """
    return _RESEARCH_HEAD + extra_tags + _RESEARCH_TAIL


def notes_project(root: Path, monkeypatch: pytest.MonkeyPatch, taxonomy: str) -> Path:
    """``root`` with ``taxonomy.yaml`` and an empty ``notes/``, made the working directory."""
    (root / "taxonomy.yaml").write_text(taxonomy)
    (root / "notes").mkdir()
    monkeypatch.chdir(root)
    return root


def write_file(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8, line endings as given) to ``path``, making its directories; the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``taglint args`` in the current directory: exit code and stdout + stderr, which must hold no traceback."""
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def run_in(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``taglint args`` with ``root`` as the working directory (restored after): exit code, stdout, stderr."""
    old = os.getcwd()
    os.chdir(root)
    try:
        code = main(list(args))
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


def quote_yaml(name: str, style: str) -> str:
    """``name`` as a YAML scalar: ``single``- or ``double``-quoted, or as is for any other style."""
    if style == "single":
        return "'" + name.replace("'", "''") + "'"
    if style == "double":
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name
