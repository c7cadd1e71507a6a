"""Loading taxonomy.yaml: the compiled model, and every validation error with its location."""

from __future__ import annotations

from pathlib import Path

import pytest

from taglint.cli.main import main
from taglint.project.located import DataFileErrors
from taglint.project.taxonomy import Taxonomy, load_taxonomy

TAXONOMY = """\
version: 1
case_sensitive: false
tags:
  NLP:
    description: Natural language processing
  LanguageModel:
    parents: [NLP]
  GPT:
    parents: [LanguageModel, Generative]
  Generative:
  MultiModal:
    aliases: [MulltiModal]
  Test-Time: {}
  Neural:
    deprecated: true
    replaced_by: NeuralNetwork
  NeuralNetwork: {}
  ACL: {}
  EMNLP: {}
exclusive:
  venue: [ACL, EMNLP]
"""


def load(text: str) -> Taxonomy:
    return load_taxonomy("taxonomy.yaml", text)


def errors(text: str) -> list[str]:
    with pytest.raises(DataFileErrors) as info:
        load(text)
    return [str(e) for e in info.value.errors]


# --- the compiled taxonomy ----------------------------------------------------------------


def test_loads_tags_and_groups() -> None:
    taxonomy = load(TAXONOMY)
    assert list(taxonomy.tags) == [
        "NLP",
        "LanguageModel",
        "GPT",
        "Generative",
        "MultiModal",
        "Test-Time",
        "Neural",
        "NeuralNetwork",
        "ACL",
        "EMNLP",
    ]
    assert taxonomy.tags["NLP"].description == "Natural language processing"
    assert taxonomy.tags["Neural"].deprecated and taxonomy.tags["Neural"].replaced_by == "NeuralNetwork"
    assert taxonomy.exclusive == {"venue": ("ACL", "EMNLP")}
    assert taxonomy.group_of["ACL"] == ("venue",)


def test_ancestors_follow_the_whole_dag() -> None:
    taxonomy = load(TAXONOMY)
    assert taxonomy.with_ancestors(["GPT"]) == {"GPT", "LanguageModel", "NLP", "Generative"}
    assert taxonomy.with_ancestors(["NLP"]) == {"NLP"}
    assert taxonomy.is_ancestor("NLP", of="GPT") and not taxonomy.is_ancestor("GPT", of="NLP")


def test_descendants_follow_the_whole_dag() -> None:
    taxonomy = load(TAXONOMY)
    assert taxonomy.with_descendants(["NLP"]) == {"NLP", "LanguageModel", "GPT"}


@pytest.mark.parametrize(
    ("written", "kind", "canonical"),
    [
        ("NLP", "canonical", "NLP"),
        ("nlp", "case", "NLP"),
        ("test-time", "case", "Test-Time"),
        ("MulltiModal", "alias", "MultiModal"),
        ("mullTImodal", "alias", "MultiModal"),
        ("Neural", "canonical", "Neural"),
    ],
)
def test_resolve(written: str, kind: str, canonical: str) -> None:
    resolution = load(TAXONOMY).resolve(written)
    assert resolution is not None
    assert (resolution.kind, resolution.canonical) == (kind, canonical)


def test_resolve_unknown_is_none() -> None:
    assert load(TAXONOMY).resolve("MultiModel") is None


def test_case_sensitive_taxonomy_does_not_fold() -> None:
    taxonomy = load("case_sensitive: true\ntags:\n  NLP: {}\n  nlp: {}\n")
    assert taxonomy.resolve("Nlp") is None
    assert taxonomy.resolve("nlp") is not None and taxonomy.resolve("nlp").canonical == "nlp"  # type: ignore[union-attr]


def test_case_variant_of_own_alias_is_harmless() -> None:
    taxonomy = load("tags:\n  MultiModal:\n    aliases: [multimodal, Multimodal]\n")
    assert taxonomy.resolve("MULTIMODAL") is not None


def test_graph_has_child_to_parent_edges() -> None:
    graph = load(TAXONOMY).graph()
    assert set(graph.successors("GPT")) == {"LanguageModel", "Generative"}


# --- every validation error, located ----------------------------------------------------------

ERRORS = [
    (
        "unknown-top-key",
        "version: 1\ntags: {}\nextra: 1\n",
        ['taxonomy.yaml:3:1: unknown key "extra" (allowed here: case_sensitive, exclusive, tags, version)'],
    ),
    (
        "unknown-tag-key",
        "tags:\n  NLP:\n    parent: [X]\n",
        ['taxonomy.yaml:3:5: unknown key "tags.NLP.parent" (allowed here: aliases, deprecated, description, parents, replaced_by)'],
    ),
    ("missing-tags", "version: 1\n", ['taxonomy.yaml:1:1: (top level): missing required key "tags"']),
    ("wrong-type-list", "tags:\n  NLP:\n    parents: NLP2\n", ["taxonomy.yaml:3:14: tags.NLP.parents must be a list, not a string"]),
    ("wrong-type-bool", "case_sensitive: 'no'\ntags: {}\n", ["taxonomy.yaml:1:17: case_sensitive must be true or false, not a string"]),
    ("wrong-type-tags", "tags: [NLP, LanguageModel]\n", ["taxonomy.yaml:1:7: tags must be a mapping, not a list"]),
    ("wrong-type-tag", "tags:\n  NLP: yes please\n", ["taxonomy.yaml:2:8: tags.NLP must be a mapping or empty, not a string"]),
    ("wrong-version", "version: 2\ntags: {}\n", ["taxonomy.yaml:1:10: version must be one of 1"]),
    # A group of one excludes nothing yet, but names a set for rule sets ("@venue"), e.g. after a merge: accepted.
    ("empty-group", "tags:\n  A: {}\nexclusive:\n  venue: []\n", ["taxonomy.yaml:4:10: exclusive.venue must not be empty"]),
    (
        "parent-not-canonical",
        "tags:\n  NLP: {}\n  LanguageModel:\n    parents: [NLPP]\n",
        ['taxonomy.yaml:4:15: parent "NLPP" of "LanguageModel" is not a canonical tag'],
    ),
    (
        "parent-is-alias",
        "tags:\n  NLP:\n    aliases: [NaturalLanguage]\n  LanguageModel:\n    parents: [NaturalLanguage]\n",
        ['taxonomy.yaml:5:15: parent "NaturalLanguage" of "LanguageModel" is not a canonical tag (did you mean "NLP"?)'],
    ),
    (
        "parent-case",
        "tags:\n  NLP: {}\n  LanguageModel:\n    parents: [Nlp]\n",
        ['taxonomy.yaml:4:15: parent "Nlp" of "LanguageModel" is not a canonical tag (did you mean "NLP"?)'],
    ),
    ("self-parent", "tags:\n  D:\n    parents: [D]\n", ['taxonomy.yaml:3:15: "D" lists itself as a parent']),
    (
        "cycle",
        "tags:\n  A:\n    parents: [B]\n  B:\n    parents: [C]\n  C:\n    parents: [A]\n  Z:\n    parents: [A]\n",
        ['taxonomy.yaml:3:14: parent cycle: "A" -> "B" -> "C" -> "A"'],
    ),
    (
        "alias-is-canonical",
        "tags:\n  NLP: {}\n  MultiModal:\n    aliases: [MM, NLP]\n",
        ['taxonomy.yaml:4:19: alias "NLP" of "MultiModal" is itself a canonical tag'],
    ),
    (
        "alias-is-canonical-ignoring-case",
        "tags:\n  NLP: {}\n  MM:\n    aliases: [nlp]\n",
        ['taxonomy.yaml:4:15: alias "nlp" of "MM" is the same as canonical tag "NLP" ignoring case; it is a canonical tag'],
    ),
    (
        "alias-claimed-twice",
        "tags:\n  A:\n    aliases: [X]\n  B:\n    aliases: [X]\n",
        ['taxonomy.yaml:5:15: alias "X" of "B" is already an alias of "A"'],
    ),
    (
        "alias-claimed-twice-case",
        "tags:\n  A:\n    aliases: [X]\n  B:\n    aliases: [x]\n",
        ['taxonomy.yaml:5:15: alias "x" of "B" is already an alias of "A"'],
    ),
    (
        "replaced-by-not-canonical",
        "tags:\n  Neural:\n    deprecated: true\n    replaced_by: NN\n",
        ['taxonomy.yaml:4:18: replaced_by "NN" of "Neural" is not a canonical tag'],
    ),
    (
        "replaced-by-deprecated",
        "tags:\n  A:\n    deprecated: true\n    replaced_by: B\n  B:\n    deprecated: true\n",
        ['taxonomy.yaml:4:18: replaced_by "B" of "A" is itself deprecated; point at its replacement'],
    ),
    (
        "replaced-by-not-deprecated",
        "tags:\n  A:\n    replaced_by: B\n  B: {}\n",
        ['taxonomy.yaml:3:18: "A" has replaced_by but is not marked deprecated: true'],
    ),
    (
        "exclusive-not-canonical",
        "tags:\n  ACL: {}\nexclusive:\n  venue: [ACL, EMNLPP]\n",
        ['taxonomy.yaml:4:16: exclusive group "venue" member "EMNLPP" is not a canonical tag'],
    ),
    (
        "case-collision",
        "tags:\n  NLP: {}\n  nlp: {}\n",
        ['taxonomy.yaml:3:3: tag "nlp" differs from tag "NLP" only in case; with case_sensitive: false they are the same tag'],
    ),
    ("duplicate-key", "tags:\n  A: {}\n  A: {}\n", ['taxonomy.yaml:3:3: duplicate key "A" (first on line 2)']),
    ("invalid-yaml", "tags: [a\n", ["taxonomy.yaml:2:1: not valid YAML: expected ',' or ']', but found the end of the text"]),
    ("empty", "", ['taxonomy.yaml:1:1: taxonomy is empty; it needs at least a "tags:" mapping']),
    ("only-comments", "# nothing yet\n", ['taxonomy.yaml:1:1: taxonomy is empty; it needs at least a "tags:" mapping']),
]


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_validation_error(text: str, expected: list[str]) -> None:
    assert errors(text) == expected


def test_cycle_names_every_member() -> None:
    (message,) = errors("tags:\n  P:\n    parents: [Q]\n  Q:\n    parents: [R]\n  R:\n    parents: [S]\n  S:\n    parents: [P]\n")
    assert message.count("->") == 4
    assert all(f'"{name}"' in message for name in "PQRS")


def test_case_collision_is_fine_when_case_sensitive() -> None:
    load("case_sensitive: true\ntags:\n  NLP: {}\n  nlp: {}\n")


def test_every_problem_is_reported_in_file_order() -> None:
    text = "tags:\n  A:\n    parents: [Missing]\n  B:\n    aliases: [A]\n  C:\n    replaced_by: Nowhere\n"
    assert [e.split(": ", 1)[0] for e in errors(text)] == [
        "taxonomy.yaml:3:15",
        "taxonomy.yaml:5:15",
        "taxonomy.yaml:7:18",
        "taxonomy.yaml:7:18",
    ]


def test_missing_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileErrors) as info:
        load_taxonomy(str(tmp_path / "taxonomy.yaml"))
    (error,) = info.value.errors
    assert (error.line, error.column) == (1, 1)
    assert error.message == "no taxonomy here; write a starting one from your notes with `taglint init`"


def test_non_utf8_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_bytes(b"tags:\n  caf\xe9: {}\n")
    with pytest.raises(DataFileErrors) as info:
        load_taxonomy(str(path))
    assert info.value.errors[0].message == "taxonomy is not valid UTF-8"


# --- through the CLI: exit 2, located lines, never a traceback ----------------------------------


def project(tmp_path: Path, taxonomy: str) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(taxonomy)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("---\ntags: [NLP]\n---\n")
    return tmp_path


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_cli_exit_2_with_located_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]
) -> None:
    monkeypatch.chdir(project(tmp_path, text))
    assert main(["check", "notes"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == expected
    assert "Traceback" not in captured.err


def test_cli_reports_all_taxonomy_problems_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project(tmp_path, "tags:\n  A:\n    parents: [B]\n  B:\n    parents: [A]\n  C:\n    aliases: [A]\n"))
    assert main(["check"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        'taxonomy.yaml:3:14: parent cycle: "A" -> "B" -> "A"',
        'taxonomy.yaml:7:15: alias "A" of "C" is itself a canonical tag',
    ]


def test_cli_taxonomy_option_points_at_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, TAXONOMY)
    (tmp_path / "other.yaml").write_text("tags:\n  NLP:\n    bogus: 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--taxonomy", "other.yaml", "notes"]) == 2
    assert capsys.readouterr().err.startswith("other.yaml:3:5: unknown key")


def test_cli_missing_taxonomy_is_exit_2_when_the_config_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # With no taxonomy named anywhere, `check` checks the spellings instead (tests/test_variant_tag.py).
    (tmp_path / "taglint.toml").write_text('taxonomy = "taxonomy.yaml"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("taxonomy.yaml:1:1: no taxonomy here; write a starting one from your notes with `taglint init`")
    assert "Traceback" not in err
