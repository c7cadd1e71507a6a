"""taglint init: grouping variants, the written taxonomy, and precision/recall on the example collection."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from taglint.cli.main import main
from taglint.project.config import find_config
from taglint.tools.infer import infer, render
from taglint.parse.notes import parse_note
from taglint.project.taxonomy import load_taxonomy
from taglint.tools.usage import scan, usage_from_notes


def _usage(*tag_lists: str):  # type: ignore[no-untyped-def]
    notes = [parse_note(f"n{i}.md", f"---\ntags: [{tags}]\n---\n".encode()) for i, tags in enumerate(tag_lists)]
    return usage_from_notes(notes)


def _aliases(*tag_lists: str) -> dict[str, set[str]]:
    return {g.canonical: {m.name for m in g.aliases} for g in infer(_usage(*tag_lists)).groups if g.aliases}


@pytest.mark.parametrize(
    "notes, expected",
    [
        (["In-ContextLearning", "In-ContextLearning", "InContextLearning", "In Context Learning"], {"In-ContextLearning": {"InContextLearning", "In Context Learning"}}),
        (["MultiModal", "MultiModal", "MulltiModal"], {"MultiModal": {"MulltiModal"}}),
        (["Embedding", "Embedding", "Embeddings"], {"Embedding": {"Embeddings"}}),
        (["NeuralNetwork", "NeuralNetwork", "NeuralNetwork", "Neural", "Neural"], {"NeuralNetwork": {"Neural"}}),
        (["Chain-of-Thought", "Chain-of-Thought", "CoT"], {"Chain-of-Thought": {"CoT"}}),
        (["nlp", "NLP", "NLP"], {"NLP": {"nlp"}}),
    ],
    ids=["separators", "misspelling", "plural", "truncation", "acronym", "case"],
)
def test_variants_group_under_most_used(notes: list[str], expected: dict[str, set[str]]) -> None:
    assert _aliases(*notes) == expected


def test_tags_used_together_are_not_merged() -> None:
    assert _aliases("Attention, AttentionSinks", "Attention", "Attention", "AttentionSinks, Attention", "AttentionSinks") == {}


def test_weak_truncation_is_only_a_comment() -> None:
    result = infer(_usage("SparseAutoEncoder", "SparseAutoEncoder", "Sparse"))
    group = next(g for g in result.groups if g.canonical == "SparseAutoEncoder")
    assert not group.aliases and [m.name for m in group.uncertain] == ["Sparse"]
    text = render(result, 3)
    assert "      # - Sparse  # uncertain: 1 use; truncation" in text


def test_rendered_taxonomy_loads_and_carries_evidence() -> None:
    result = infer(_usage("MultiModal", "MultiModal", "MulltiModal", "Selected Papers/Blogs", "yes"))
    text = render(result, 5)
    taxonomy = load_taxonomy("taxonomy.yaml", text)
    assert taxonomy.tags["MultiModal"].aliases == ("MulltiModal",)
    assert "- MulltiModal  # 1 use; similar spelling (similarity 95%)" in text
    assert set(taxonomy.tags) == {"MultiModal", "Selected Papers/Blogs", "yes"}


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ntags: [A, B]\n---\n")
    out = tmp_path / "taxonomy.yaml"
    out.write_text("keep")
    assert main(["init", str(tmp_path), "-o", str(out)]) == 2
    assert out.read_text() == "keep"
    assert main(["init", str(tmp_path), "-o", str(out), "--force"]) == 0
    assert "1 notes, 2 tags, 2 canonical tags, 0 groups of variants, 0 uncertain" in capsys.readouterr().out


def test_init_then_check_reports_variants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ntags: [MultiModal, NLP]\n---\n")
    (tmp_path / "b.md").write_text("---\ntags: [MultiModal]\n---\n")
    (tmp_path / "c.md").write_text("---\ntags: [MulltiModal]\n---\n")
    assert main(["init", str(tmp_path), "-o", str(tmp_path / "taxonomy.yaml")]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 1
    assert '"MulltiModal" is an alias of "MultiModal"' in capsys.readouterr().out


def _pairs(groups: dict[str, str]) -> set[frozenset[str]]:
    """Unordered pairs of spellings that one grouping puts together."""
    return {frozenset(p) for p in itertools.combinations(sorted(groups), 2) if groups[p[0]] == groups[p[1]]}


def measure(repo: Path) -> dict[str, float]:
    """Pairwise precision/recall of init's grouping against the bundled, hand-made taxonomy.

    Truth: two spellings seen in examples/paper-notes belong together when the
    bundled taxonomy resolves them to one tag (alias, case variant, or
    deprecated tag and its replacement).
    """
    notes = repo / "examples" / "paper-notes"
    usage = scan([str(notes)], find_config(str(notes)))
    taxonomy = load_taxonomy(str(repo / "taxonomy.yaml"))
    truth = {}
    for name in usage.tags:
        res = taxonomy.resolve(name)
        truth[name] = (res.tag.replaced_by or res.canonical) if res else name
    result = infer(usage)
    sure = {m.name: g.canonical for g in result.groups for m in g.aliases} | {g.canonical: g.canonical for g in result.groups}
    loose = dict(sure)
    for g in result.groups:
        for m in g.uncertain:
            for name, head in sure.items():
                if head == m.name:
                    loose[name] = g.canonical
    scores = {}
    expected = _pairs(truth)
    for label, found in (("sure", _pairs(sure)), ("with_uncertain", _pairs(loose))):
        hits = len(found & expected)
        scores[f"{label}_precision"] = hits / len(found) if found else 1.0
        scores[f"{label}_recall"] = hits / len(expected)
    scores["true_pairs"] = len(expected)
    return scores


def test_precision_recall_on_paper_notes(repo: Path) -> None:
    scores = measure(repo)
    print(scores)
    # The hand-made taxonomy groups 7 pairs of spellings seen in the notes; three
    # (AudioProcessing/SpeechProcessing, LLMAgent/AIAgents, Efficiency/SpeedUp/
    # EfficiencyImprovement) are renames no spelling evidence can find.
    assert scores["sure_recall"] >= 0.5
    assert scores["sure_precision"] >= 0.75
