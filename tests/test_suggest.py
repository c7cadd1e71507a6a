"""Did-you-mean suggestions for unknown tags."""

from __future__ import annotations

import pytest

from taglint.checks.didyoumean import FIX, SHOW, normalize, suggest
from taglint.project.taxonomy import Taxonomy, load_taxonomy

TAXONOMY = """\
tags:
  NLP: {}
  LanguageModel: {}
  MultiModal:
    aliases: [MulltiModal]
  Test-Time: {}
  OldNet:
    deprecated: true
    replaced_by: NeuralNetwork
  NeuralNetwork: {}
  Transformer: {}
  Retired: {deprecated: true}
  Survey: {}
  Study: {}
  Reinforcement-Learning: {}
"""


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy("taxonomy.yaml", TAXONOMY)


@pytest.mark.parametrize(
    ("written", "expected", "reason"),
    [
        # case
        ("multimodal", "MultiModal", "same letters"),
        ("LANGUAGEMODEL", "LanguageModel", "same letters"),
        # separators
        ("Multi-Modal", "MultiModal", "same letters"),
        ("multi_modal", "MultiModal", "same letters"),
        ("Multi Modal", "MultiModal", "same letters"),
        ("test time", "Test-Time", "same letters"),
        ("Test.Time", "Test-Time", "same letters"),
        ("Language/Model", "LanguageModel", "same letters"),
        # through an alias's spelling, to the canonical tag
        ("Mullti-modal", "MultiModal", "same letters"),
        # plural and singular
        ("Transformers", "Transformer", "plural"),
        ("LanguageModels", "LanguageModel", "plural"),
        ("Studies", "Study", "plural"),
        # edit distance
        ("MultiModel", "MultiModal", "similar"),
        ("Transfomer", "Transformer", "similar"),
        ("Servey", "Survey", "similar"),
        # truncation
        ("Neural", "NeuralNetwork", "truncated"),
        ("Reinforcement", "Reinforcement-Learning", "truncated"),
        ("Language", "LanguageModel", "truncated"),
        # a deprecated tag's spelling leads to its replacement
        ("oldnet", "NeuralNetwork", "same letters"),
    ],
)
def test_suggestions(taxonomy: Taxonomy, written: str, expected: str, reason: str) -> None:
    found = suggest(written, taxonomy)
    assert found is not None
    assert found.name == expected
    assert reason in found.reason
    assert SHOW <= found.score <= 100


@pytest.mark.parametrize("written", ["Zebra", "Cooking", "XYZ", "ab", "NL", "Model", "Retired2", "", "---", "#"])
def test_nothing_for_far_off_names(taxonomy: Taxonomy, written: str) -> None:
    assert suggest(written, taxonomy) is None


def test_deprecated_tag_without_replacement_is_never_suggested(taxonomy: Taxonomy) -> None:
    assert suggest("retired", taxonomy) is None


@pytest.mark.parametrize(("written", "fixable"), [("multimodal", True), ("Transformers", True), ("MultiModel", True), ("Language", False)])
def test_fix_threshold(taxonomy: Taxonomy, written: str, fixable: bool) -> None:
    found = suggest(written, taxonomy)
    assert found is not None
    assert (found.score >= FIX) is fixable


def test_exact_spelling_beats_a_close_one(taxonomy: Taxonomy) -> None:
    found = suggest("survey", taxonomy)
    assert found is not None and found.name == "Survey" and found.score == 100


def test_empty_taxonomy_suggests_nothing() -> None:
    assert suggest("NLP", load_taxonomy("t.yaml", "tags: {}\n")) is None


@pytest.mark.parametrize(
    ("name", "key"), [("Multi-Modal", "multimodal"), ("test_time x", "testtimex"), ("A/B.C", "abc"), ("Straße", "strasse")]
)
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key
