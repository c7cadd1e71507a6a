"""Rule documentation: docstring sections, the README table, and the docstring examples run as tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import TERSE_HEAD

from taglint import checks
from taglint.cli.main import main

SECTIONS = ("**What it does.**", "**Why", "**Example.**", "**Fix safety.**")
MODULES = list(checks.RULES.values())
IDS = [m.RULE.name for m in MODULES]


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_docstring_has_every_section_in_order(module: object) -> None:
    doc = getattr(module, "__doc__", None) or ""
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{module} lacks one of {SECTIONS}"
    assert positions == sorted(positions)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_docstring_first_line_names_the_rule(module: object) -> None:
    rule = module.RULE  # type: ignore[attr-defined]
    first = (module.__doc__ or "").strip().splitlines()[0]  # type: ignore[attr-defined]
    assert first.startswith(f"{rule.name} ({rule.code}): ")
    assert rule.doc == module.__doc__  # type: ignore[attr-defined]


def test_registry_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [m.RULE.code for m in MODULES]
    names = [m.RULE.name for m in MODULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert all(re.fullmatch(r"TG\d{3}", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)
    assert codes == sorted(codes)
    assert list(checks.RULES) == names


def test_first_codes_are_stable() -> None:
    # Codes are stable forever: these may never be renumbered.
    assert {m.RULE.code: m.RULE.name for m in MODULES[:9]} == {
        "TG001": "unknown-tag",
        "TG002": "alias-tag",
        "TG003": "deprecated-tag",
        "TG004": "duplicate-tag",
        "TG005": "conflicting-tags",
        "TG006": "missing-parent",
        "TG007": "missing-field",
        "TG008": "invalid-field",
        "TG009": "parse-error",
    }


def readme_rule_table(repo: Path) -> list[list[str]]:
    text = (repo / "README.md").read_text(encoding="utf-8")
    header = text.index("| code | rule | default | fix |")
    rows = []
    for line in text[header:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_readme_table_matches_the_registry(repo: Path) -> None:
    rows = readme_rule_table(repo)
    assert [(code, name.strip("`"), default) for code, name, default, _ in rows] == [
        (m.RULE.code, m.RULE.name, m.RULE.severity.value) for m in MODULES
    ]


def test_readme_fix_column_matches_the_registry(repo: Path) -> None:
    for (code, _, _, fix), module in zip(readme_rule_table(repo), MODULES, strict=False):
        fixable = module.RULE.fixable
        assert fix.split()[0] == (fixable.value if fixable else "none"), code


def test_rule_lookup_by_name_and_code() -> None:
    for module in MODULES:
        assert checks.rule_named(module.RULE.name) is module.RULE
        assert checks.rule_named(module.RULE.code.lower()) is module.RULE
    assert checks.rule_named("no-such-rule") is None


# --- the docstring examples, executed ---------------------------------------------------------

TAXONOMY = (
    TERSE_HEAD
    + """\
  Test-Time: {description: t}
  Transformer: {description: t}
  Neural:
    description: old
    deprecated: true
    replaced_by: NeuralNetwork
  NeuralNetwork: {description: n}
  ACL: {description: a}
  EMNLP: {description: e}
exclusive:
  venue: [ACL, EMNLP]
"""
)

RULESET = """\
version: 1
required-fields: [title, date, tags]
note-schema:
  type: object
  properties:
    date: {type: string, format: date}
"""


def doc_block(doc: str, heading: str) -> str:
    """The indented code block under ``heading`` in a rule docstring, dedented."""
    start = doc.index(heading) + len(heading)
    block = []
    for line in doc[start:].splitlines()[1:]:
        if line.strip() and not line.startswith("    "):
            break
        block.append(line[4:])
    return "\n".join(block).strip("\n") + "\n"


def as_note(block: str, rule: str) -> str:
    if block.startswith("---"):
        return block
    fields = block if rule in ("missing-field", "invalid-field") else f"title: t\ndate: 2020-01-01\n{block}"
    if "tags:" not in fields:
        fields += "tags: [NLP]\n"
    return f"---\n{fields}---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "core.yaml").write_text(RULESET)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_found(project: Path, capsys: pytest.CaptureFixture[str], text: str) -> set[str]:
    (project / "note.md").write_text(text)
    main(["check", "--output-format", "json", "-q", "note.md"])
    return {item["rule"] for item in json.loads(capsys.readouterr().out) if item["path"] == "note.md"}


# variant-tag speaks only when there is no taxonomy and needs several notes: tests/test_variant_tag.py runs its example.
# under-tagged needs a stored tag model of a collection: tests/test_suggest_cmd.py runs its example.
DIALECT_RULES = {"trailing-comma-tag": "jekyll", "front-matter-hash": "obsidian"}
WITH_TAXONOMY = [m for m in MODULES if m.RULE.name not in ("variant-tag", "under-tagged")]


@pytest.mark.parametrize("module", WITH_TAXONOMY, ids=[m.RULE.name for m in WITH_TAXONOMY])
def test_docstring_example_triggers_the_rule_and_use_instead_does_not(
    project: Path, capsys: pytest.CaptureFixture[str], module: object
) -> None:
    rule = module.RULE  # type: ignore[attr-defined]
    if rule.name in DIALECT_RULES:  # a rule of one platform's reading speaks only in its dialect
        (project / "taglint.toml").write_text(f'dialect = "{DIALECT_RULES[rule.name]}"\n')
    example = as_note(doc_block(rule.doc, "**Example.**"), rule.name)
    fixed = as_note(doc_block(rule.doc, "**Use instead.**"), rule.name)
    assert rule.name in rules_found(project, capsys, example), example
    assert rule.name not in rules_found(project, capsys, fixed), fixed
