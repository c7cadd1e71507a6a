"""No config, taxonomy or rule file can make taglint import or run code, fetch anything, or hang on a regex."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import run_cli

from taglint.project import patterns

TAXONOMY = "version: 1\ntags:\n  NLP: {}\n"
NOTE = "---\ntags: [NLP]\ntitle: {title}\n---\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "rules").mkdir()
    (tmp_path / "a.md").write_text(NOTE.format(title="A title"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def evil(marker: Path) -> str:
    return f'!!python/object/apply:os.system ["touch {marker}"]'


def test_python_tag_in_taxonomy_is_not_run(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "taxonomy.yaml").write_text(f"version: 1\ntags:\n  NLP: {evil(tree / 'PWNED')}\n")
    code, out = run_cli(capsys, "check", ".")
    assert not (tree / "PWNED").exists()
    assert code == 2
    assert "taxonomy.yaml:3:8: tags.NLP must be a mapping or empty" in out


def test_python_tag_in_rule_set_is_not_run(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "rules" / "base.yaml").write_text(f"version: 1\nrequired-fields: {evil(tree / 'PWNED')}\n")
    _code, out = run_cli(capsys, "check", ".")
    assert not (tree / "PWNED").exists()
    assert 'TG007 missing-field Missing required field "touch ' in out  # the tag is ignored: a list of strings


def test_python_file_in_rules_directory_is_never_imported(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tree / "PWNED"
    (tree / "rules" / "plugin.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tree / "rules" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    code, _out = run_cli(capsys, "check", ".")
    assert code == 0
    assert not marker.exists()


def test_taxonomy_pointing_at_a_python_file_is_read_as_yaml(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tree / "PWNED"
    (tree / "evil.py").write_text(f"import os\nos.system('touch {marker}')\n")
    (tree / "taglint.toml").write_text('taxonomy = "evil.py"\n')
    code, out = run_cli(capsys, "check", ".")
    assert not marker.exists()
    assert code == 2 and "evil.py:" in out


def test_config_cannot_name_a_plugin(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "taglint.toml").write_text('plugins = ["os"]\n')
    code, out = run_cli(capsys, "check", ".")
    assert code == 2
    assert 'taglint.toml:1:1: unknown setting "plugins"' in out


def custom_rule(pattern: str) -> str:
    return (
        "version: 1\ncustom:\n  - id: titled\n    message: Titles must match\n"
        f"    when:\n      fields: {{title: {{matches: '{pattern}'}}}}\n    require-fields: [url]\n"
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(x)\\1", "cannot be used: invalid escape sequence: \\1 (backreferences and lookaround are not supported"),
        ("a(?=b)", "cannot be used: invalid perl operator: (?= (backreferences and lookaround are not supported"),
        ("[", "regular expression '[' cannot be used: missing ]: ["),
        ("a" * 1001, "regular expression is 1001 characters long, over the limit of 1000"),
    ],
)
def test_bad_custom_pattern_is_a_located_config_error(tree: Path, capsys: pytest.CaptureFixture[str], pattern: str, message: str) -> None:
    (tree / "rules" / "base.yaml").write_text(custom_rule(pattern))
    code, out = run_cli(capsys, "check", ".")
    assert code == 2
    assert out.startswith(("rules/base.yaml:6:33: ", str(tree / "rules" / "base.yaml") + ":6:33: ")), out
    assert message in out


@pytest.mark.parametrize(
    "pattern", ["^https?://", "^[A-Z][A-Za-z ]*$", "(foo|bar)+", "^\\d{4}-\\d{2}-\\d{2}$", "(ab|ac)+", "(a+)+$", "(a|ab)*c"]
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert patterns.pattern_problem(pattern) is None


def test_custom_pattern_fires_and_long_values_stay_fast(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "rules" / "base.yaml").write_text(custom_rule(".*a.*b.*c"))
    (tree / "hit.md").write_text(NOTE.format(title="a then b then c"))
    (tree / "long.md").write_text(NOTE.format(title="a" * 50_000))  # cubic backtracking if matched in full
    started = time.monotonic()
    code, out = run_cli(capsys, "check", ".")
    assert time.monotonic() - started < 10
    assert code == 1
    assert 'hit.md:1:1: titled Titles must match (field "url" is missing)' in out
    assert "long.md" not in out  # matched in full, in linear time: no "b" follows


@pytest.mark.parametrize(
    ("schema", "where", "message"),
    [
        (
            "{type: object, properties: {url: {$ref: 'http://example.com/s.json'}}}",
            "2:54",
            "note schema refers to 'http://example.com/s.json'; only references inside the schema",
        ),
        ("{type: object, properties: {url: {$ref: 'file:///etc/passwd'}}}", "2:54", "taglint never fetches"),
        (
            "{type: object, properties: {title: {type: string, pattern: '^(a)\\1$'}}}",
            "2:73",
            "note schema: regular expression '^(a)\\\\1$' cannot be used",
        ),
        ("{type: object, patternProperties: {'(?!x)': {}}}", "2:58", "note schema: regular expression '(?!x)' cannot be used"),
        (
            "{type: object, patternProperties: {'x': {}}, unevaluatedProperties: false}",
            "2:82",
            "unevaluatedProperties beside patternProperties is not supported",
        ),
    ],
)
def test_note_schema_cannot_fetch_or_backtrack(
    tree: Path, capsys: pytest.CaptureFixture[str], schema: str, where: str, message: str
) -> None:
    (tree / "rules" / "base.yaml").write_text(f"version: 1\nnote-schema: {schema}\n")
    (tree / "a.md").write_text(NOTE.format(title="a" * 40 + "!"))
    started = time.monotonic()
    code, out = run_cli(capsys, "check", ".")
    assert time.monotonic() - started < 10
    assert code == 2
    assert f"base.yaml:{where}: " in out, out
    assert message in out


def test_note_schema_with_local_ref_still_works(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = "{type: object, $defs: {t: {type: string, maxLength: 5}}, properties: {title: {$ref: '#/$defs/t'}}}"
    (tree / "rules" / "base.yaml").write_text(f"version: 1\nnote-schema: {schema}\n")
    code, out = run_cli(capsys, "check", ".")
    assert code == 1
    assert "a.md:" in out and "TG008 invalid-field" in out
