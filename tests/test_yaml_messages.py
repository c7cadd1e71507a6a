"""YAML errors read as sentences, never as parser internals, in the taxonomy, a rule set and a note's front matter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import notes_project, run_cli

from taglint.parse.yaml_words import plain_message

TAXONOMY = "version: 1\ntags:\n  NLP: {}\n"

# (broken YAML, the message taglint prints for it)
CASES = [
    ("'a' b\n", "more text after a complete value: a quoted value, a [list] or a {mapping} must be the last thing on its line"),
    ("[a] b\n", "more text after a complete value: a quoted value, a [list] or a {mapping} must be the last thing on its line"),
    ("x: 'a'b'\n", "this line does not fit here: check its indentation, and that a quoted value is the last thing on its line"),
    ("a: b\n- c\n", "this line does not fit here: check its indentation, and that a quoted value is the last thing on its line"),
    ("x: [a\n", "expected ',' or ']', but found the end of the text"),
    ('x: "a\n', "a quoted value is never closed"),
    ("x:\n\t- a\n", "a tab character where YAML allows only spaces for indentation"),
    ("x: @a\n", "found character '@' that cannot start a value (quote the value)"),
    ("a: b\n  c: d\n", "mapping values are not allowed here"),
    ("x: *nope\n", "found undefined alias 'nope'"),
]
INTERNALS = re.compile(r"<[a-z ]+>|\('|',\)|\btoken\b|\bstream\b|\bscalar\b")


@pytest.mark.parametrize(("text", "message"), CASES, ids=[c[1][:40] for c in CASES])
def test_taxonomy_yaml_error_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    notes_project(tmp_path, monkeypatch, text)
    code, out = run_cli(capsys, "check", "notes")
    assert code == 2
    assert re.search(r"^taxonomy\.yaml:\d+:\d+: not valid YAML: (.*)$", out, re.M).group(1) == message  # type: ignore[union-attr]


def test_rule_set_yaml_error_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    notes_project(tmp_path, monkeypatch, TAXONOMY)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [title] tags\n")
    code, out = run_cli(capsys, "check", "notes")
    assert code == 2
    assert "rules/base.yaml:2:" in out
    assert "this line does not fit here" in out and not INTERNALS.search(out)


# Where ruamel.yaml and libyaml (the note reader's parser, once it moves there) are worded alike.
BOTH_READERS = [case for case in CASES if not case[1].startswith(("expected ',' or", "a tab", "found character", "found undefined"))]


@pytest.mark.parametrize(("text", "message"), BOTH_READERS, ids=[c[1][:40] for c in BOTH_READERS])
def test_note_front_matter_yaml_error_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    notes_project(tmp_path, monkeypatch, TAXONOMY)
    (tmp_path / "notes" / "a.md").write_text(f"---\n{text}---\nbody\n")
    code, out = run_cli(capsys, "check", "-q", "notes")
    assert code == 1
    assert out.split("TG009 parse-error front matter is not valid YAML: ", 1)[1].rstrip("\n") == message


@pytest.mark.parametrize(
    ("problem", "context"),
    [
        ("expected '<document start>', but found ('<scalar>',)", None),  # ruamel.yaml 0.18+
        ("did not find expected <document start>", None),  # libyaml
        ("expected <block end>, but found '<block mapping start>'", "while parsing a block mapping"),
        ("expected <block end>, but found ('}',)", "while parsing a block mapping"),
        ("but found another document", "expected a single document in the stream"),
        ("expected ',' or ']', but got '<stream end>'", "while parsing a flow sequence"),
        ("expected the node content, but found '<block end>'", "while parsing a flow node"),
        ("found unexpected end of stream", "while scanning a plain scalar"),
        (None, "while scanning an anchor"),
        # libyaml (PyYAML's C parser)
        ("did not find expected key", "while parsing a block mapping"),
        ("did not find expected '-' indicator", "while parsing a block collection"),
        ("found character that cannot start any token", "while scanning for the next token"),
        ("did not find expected node content", "while parsing a flow node"),
    ],
)
def test_no_parser_internals_in_any_message(problem: str | None, context: str | None) -> None:
    assert not INTERNALS.search(plain_message(problem, context))


@pytest.mark.parametrize("text", [case[0] for case in CASES] + ["%YAML 1.1\nfoo\n", "x: 1\n...\nfoo\n", "a: !<x y\n", "{a: 1}}\n"])
def test_libyaml_messages_carry_no_internals_either(text: str) -> None:
    yaml = pytest.importorskip("yaml")
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert not INTERNALS.search(plain_message(raised.value.problem, raised.value.context))
