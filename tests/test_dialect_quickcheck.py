"""The clean proof (and so the pre-commit fast path) reads every dialect as the full check does: clean only when it finds nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.lint.check import check_note
from taglint.lint.clean_proof import is_clean, plan_for
from taglint.lint.setup import load_setup, with_dialect
from taglint.parse.notes import parse_note
from taglint.project.config import Config
from taglint.project.setup import Setup

TAXONOMY = """\
version: 1
tags:
  NLP: {}
  LanguageModel: {parents: [NLP]}
  project: {}
  project/alpha: {parents: [project]}
  machine learning: {}
  Community Building: {}
"""
NAMES = [
    "NLP",
    "LanguageModel",
    "project",
    "project/alpha",
    "machine learning",
    "Community Building",
    "community-building",
    "nlp",
    "#NLP",
    "NLP,",
    "x y",
]
FIELDS = ("tags", "tag", "categories")


def setup_for(root: Path, dialect: str) -> Setup:
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    config = replace(Config(root=str(root)), dialect=dialect, tag_fields=FIELDS, front_matter_hash="without")
    return with_dialect(load_setup(config))


@pytest.fixture(scope="module", params=["generic", "jekyll", "hugo", "obsidian"])
def setup(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Setup:
    return setup_for(tmp_path_factory.mktemp(request.param), request.param)


@st.composite
def notes(draw: st.DrawFn) -> bytes:
    key = draw(st.sampled_from(["tags", "Tags", "tag", "categories"]))
    names = draw(st.lists(st.sampled_from(NAMES), max_size=4))
    form = draw(st.sampled_from(["yaml-list", "yaml-string", "toml", "json"]))
    if form == "yaml-list":
        return ("---\n" + f"{key}: [" + ", ".join(json.dumps(n) for n in names) + "]\n---\n").encode()
    if form == "yaml-string":
        return ("---\n" + f"{key}: " + json.dumps(" ".join(names)) + "\n---\n").encode()
    if form == "toml":
        return ("+++\n" + f"{key} = [" + ", ".join(json.dumps(n) for n in names) + "]\n+++\n").encode()
    return ("{" + json.dumps(key) + ": " + json.dumps(names) + "}\n").encode()


@given(data=notes())
def test_quick_clean_implies_no_finding_in_every_dialect(setup: Setup, data: bytes) -> None:
    plan = plan_for(setup)
    assert plan is not None
    if is_clean("n.md", data, plan):
        config = setup.config
        note = parse_note("n.md", data, config.tag_fields, False, config.dialect)
        assert check_note(note, setup) == []


def test_a_clean_toml_note_is_proven_clean_in_the_hugo_dialect(tmp_path: Path) -> None:
    plan = plan_for(setup_for(tmp_path, "hugo"))
    assert plan is not None and is_clean("n.md", b'+++\ntags = ["NLP", "Community Building"]\n+++\n', plan)


def test_a_nested_tag_proves_its_parent_present_in_the_obsidian_dialect(tmp_path: Path) -> None:
    plan = plan_for(setup_for(tmp_path, "obsidian"))
    assert plan is not None and is_clean("n.md", b"---\ntags: [project/alpha]\n---\n", plan)
