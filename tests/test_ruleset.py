"""Rule sets: loading and merging, located errors, and custom rules end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TERSE_HEAD, write_file

from taglint import checks
from taglint.cli.main import main
from taglint.files.text import LineIndex
from taglint.lint.check import check_note
from taglint.lint.setup import load_setup
from taglint.parse.notes import parse_note
from taglint.project.config import Config
from taglint.project.located import DataFileErrors
from taglint.project.ruleset import FieldCondition, load_ruleset
from taglint.project.setup import Setup

BUILTIN = frozenset(checks.RULES)

TAXONOMY = (
    TERSE_HEAD
    + """\
  Survey: {description: s}
  Draft: {description: d}
  ACL: {description: a}
  EMNLP: {description: e}
exclusive:
  venue: [ACL, EMNLP]
"""
)


def ruleset_errors(tmp_path: Path, *files: str) -> list[str]:
    for index, text in enumerate(files):
        write_file(tmp_path / "rules" / f"{index:02d}.yaml", text)
    with pytest.raises(DataFileErrors) as info:
        load_ruleset(str(tmp_path / "rules"), BUILTIN)
    prefix = str(tmp_path) + "/"
    return [f"{e.path.removeprefix(prefix)}:{e.line}:{e.column}: {e.message}" for e in info.value.errors]


# --- loading and merging ----------------------------------------------------------------


def test_loads_every_section(tmp_path: Path) -> None:
    write_file(
        tmp_path / "rules" / "core.yaml",
        """\
version: 1
required-fields: [title, date]
rules:
  missing-parent: error
  deprecated-tag: off
note-schema: {type: object}
custom:
  - id: venue-needs-url
    code: V001
    message: A venue needs a url
    severity: warning
    when:
      tags: {any: ["@venue"], none: [Draft]}
      fields: {url: missing, doi: {matches: "^10\\\\."}}
      path: "papers/**"
    require-fields: [url]
""",
    )
    ruleset = load_ruleset(str(tmp_path / "rules"), BUILTIN)
    assert ruleset.required_fields == ("title", "date")
    assert ruleset.severity_overrides() == {"missing-parent": "error", "deprecated-tag": "off"}
    assert ruleset.note_schema == {"type": "object"}
    (rule,) = ruleset.custom
    assert (rule.id, rule.code, rule.severity, rule.message) == ("venue-needs-url", "V001", "warning", "A venue needs a url")
    assert (rule.any_tags, rule.none_tags, rule.path, rule.require_fields) == (("@venue",), ("Draft",), "papers/**", ("url",))
    assert rule.fields == (FieldCondition("url", "missing"), FieldCondition("doi", "matches", "^10\\."))
    assert rule.origin.endswith("rules/core.yaml:8:5")


def test_files_merge_in_name_order(tmp_path: Path) -> None:
    write_file(tmp_path / "rules" / "b.yaml", "version: 1\nrequired-fields: [date, url]\nrules: {missing-parent: off}\n")
    write_file(tmp_path / "rules" / "a.yaml", "version: 1\nrequired-fields: [title, date]\nrules: {missing-parent: error}\n")
    write_file(tmp_path / "rules" / "notes.txt", "not a rule set")
    ruleset = load_ruleset(str(tmp_path / "rules"), BUILTIN)
    assert ruleset.required_fields == ("title", "date", "url")
    assert ruleset.severity_overrides() == {"missing-parent": "off"}
    assert [Path(s).name for s in ruleset.sources] == ["a.yaml", "b.yaml"]


def test_empty_rule_set_file_is_fine(tmp_path: Path) -> None:
    write_file(tmp_path / "rules" / "a.yaml", "# nothing yet\n")
    assert load_ruleset(str(tmp_path / "rules"), BUILTIN).custom == ()


def test_note_schema_from_a_file_relative_to_the_rule_set(tmp_path: Path) -> None:
    write_file(tmp_path / "rules" / "note.schema.json", '{"type": "object", "required": ["title"]}')
    write_file(tmp_path / "rules" / "a.yaml", "version: 1\nnote-schema: note.schema.json\n")
    assert load_ruleset(str(tmp_path / "rules"), BUILTIN).note_schema == {"type": "object", "required": ["title"]}


RULESET_ERRORS = [
    (
        "unknown-key",
        ["version: 1\nbogus: 1\n"],
        ['rules/00.yaml:2:1: unknown key "bogus" (allowed here: custom, note-schema, required-fields, rules, version)'],
    ),
    (
        "bad-severity",
        ["version: 1\nrules:\n  missing-parent: loud\n"],
        ['rules/00.yaml:3:19: rules.missing-parent must be one of "error", "warning", "off"'],
    ),
    (
        "unknown-rule",
        ["version: 1\nrules:\n  no-such: off\n"],
        ['rules/00.yaml:3:3: unknown rule "no-such" (built-in rules: ' + ", ".join(sorted(BUILTIN)) + ")"],
    ),
    ("wrong-type", ["version: 1\nrequired-fields: title\n"], ["rules/00.yaml:2:18: required-fields must be a list, not a string"]),
    (
        "bad-id",
        ["custom:\n  - id: Bad_Id\n    message: m\n    require-fields: [url]\n"],
        ['rules/00.yaml:2:9: custom[0].id is "Bad_Id", which does not match the pattern ^[a-z0-9]+(-[a-z0-9]+)*$'],
    ),
    (
        "no-action",
        ["custom:\n  - id: ok\n    message: m\n"],
        ['rules/00.yaml:2:5: custom[0] needs one of "require-fields", "require-tags", "forbid-tags"'],
    ),
    ("no-message", ["custom:\n  - id: ok\n    require-tags: [NLP]\n"], ['rules/00.yaml:2:5: custom[0]: missing required key "message"']),
    (
        "bad-field-state",
        ["custom:\n  - id: x\n    message: m\n    when:\n      fields: {url: maybe}\n    require-fields: [url]\n"],
        ["rules/00.yaml:5:21: custom[0].when.fields.url is a string that matches none of the allowed forms"],
    ),
    (
        "bad-regex",
        ["custom:\n  - id: x\n    message: m\n    when:\n      fields: {url: {matches: '('}}\n    require-fields: [url]\n"],
        ["rules/00.yaml:5:31: regular expression '(' cannot be used: missing ): ("],
    ),
    (
        "builtin-id",
        ["custom:\n  - id: unknown-tag\n    message: m\n    require-fields: [url]\n"],
        ['rules/00.yaml:2:9: custom rule id "unknown-tag" is already used by a built-in rule'],
    ),
    (
        "duplicate-id-across-files",
        [
            "custom:\n  - id: x\n    message: m\n    require-fields: [url]\n",
            "\ncustom:\n  - id: x\n    message: m\n    require-fields: [url]\n",
        ],
        ['rules/01.yaml:3:9: custom rule id "x" is already used in {root}/rules/00.yaml:2:5'],
    ),
    (
        "missing-schema-file",
        ["note-schema: missing.json\n"],
        ["rules/00.yaml:1:14: cannot read note schema 'missing.json': No such file or directory"],
    ),
    (
        "invalid-schema",
        ["note-schema: {type: 12}\n"],
        ["rules/00.yaml:1:14: note schema is not a valid JSON Schema (at type: fails the meta-schema's 'anyOf' rule)"],
    ),
    (
        "second-schema",
        ["note-schema: {type: object}\n", "note-schema: {type: object}\n"],
        ["rules/01.yaml:1:1: a note schema is already set in {root}/rules/00.yaml"],
    ),
    ("invalid-yaml", ["custom: [\n"], ["rules/00.yaml:2:1: not valid YAML: expected the node content, but found the end of the text"]),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in RULESET_ERRORS], ids=[c[0] for c in RULESET_ERRORS])
def test_ruleset_errors_are_located(tmp_path: Path, files: list[str], expected: list[str]) -> None:
    assert ruleset_errors(tmp_path, *files) == [e.replace("{root}", str(tmp_path)) for e in expected]


def test_schema_file_json_error_is_located_in_the_schema(tmp_path: Path) -> None:
    write_file(tmp_path / "rules" / "s.json", '{\n  "type": "object",\n}\n')
    assert ruleset_errors(tmp_path, "note-schema: s.json\n") == [
        "rules/s.json:3:1: note schema is not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_custom_rule_unknown_tag_reference_is_a_setup_error(tmp_path: Path) -> None:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(
        tmp_path / "rules" / "a.yaml",
        "custom:\n  - id: x\n    message: m\n    when:\n      tags: {any: [Nope, '@nogroup']}\n    require-tags: [NLP]\n",
    )
    with pytest.raises(DataFileErrors) as info:
        load_setup(Config(root=str(tmp_path)))
    assert [e.message for e in info.value.errors] == [
        'custom rule "x": unknown tag "Nope"',
        'custom rule "x": unknown exclusive group "nogroup"',
    ]
    assert (info.value.errors[0].line, info.value.errors[0].column) == (2, 5)


def test_cli_ruleset_error_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(tmp_path / "rules" / "a.yaml", "version: 1\nrules:\n  missing-parent: loud\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ['rules/a.yaml:3:19: rules.missing-parent must be one of "error", "warning", "off"']


# --- severities from rule sets ----------------------------------------------------------------


def setup_with(tmp_path: Path, ruleset: str) -> Setup:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(tmp_path / "rules" / "a.yaml", ruleset)
    return load_setup(Config(root=str(tmp_path)))


def findings(setup: Setup, text: str, path: str = "n.md") -> list[tuple[str, str, int, int, str]]:
    note = parse_note(path, text.encode())
    lines = LineIndex(note.text)
    return [(d.rule, d.severity.value, *lines.position(d.span.start), d.message) for d in check_note(note, setup)]


def test_rule_set_changes_severity_and_switches_rules_off(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, "rules:\n  missing-parent: error\n  unknown-tag: off\n")
    assert findings(setup, "---\ntags: [LanguageModel, Zebra]\n---\n") == [
        ("missing-parent", "error", 2, 8, '"LanguageModel" needs its parent tag "NLP"')
    ]


# --- custom rules ---------------------------------------------------------------------------

RULE = "custom:\n  - id: r\n    message: Rule fired\n{body}"

CUSTOM = [
    # (id, rule body, note front matter, path, fires)
    ("any-direct", "    when: {tags: {any: [NLP]}}\n    require-fields: [x]\n", "tags: [NLP]", "n.md", True),
    ("any-absent", "    when: {tags: {any: [NLP]}}\n    require-fields: [x]\n", "tags: [Survey]", "n.md", False),
    ("any-through-alias-in-note", "    when: {tags: {any: [MultiModal]}}\n    require-fields: [x]\n", "tags: [MulltiModal]", "n.md", True),
    ("any-through-alias-in-rule", "    when: {tags: {any: [MulltiModal]}}\n    require-fields: [x]\n", "tags: [MultiModal]", "n.md", True),
    ("any-through-case", "    when: {tags: {any: [NLP]}}\n    require-fields: [x]\n", "tags: [nlp]", "n.md", True),
    ("any-through-parent", "    when: {tags: {any: [NLP]}}\n    require-fields: [x]\n", "tags: [LanguageModel]", "n.md", True),
    (
        "child-does-not-imply-parent-reverse",
        "    when: {tags: {any: [LanguageModel]}}\n    require-fields: [x]\n",
        "tags: [NLP]",
        "n.md",
        False,
    ),
    ("all-met", "    when: {tags: {all: [NLP, Survey]}}\n    require-fields: [x]\n", "tags: [LanguageModel, Survey]", "n.md", True),
    ("all-unmet", "    when: {tags: {all: [NLP, Survey]}}\n    require-fields: [x]\n", "tags: [NLP]", "n.md", False),
    ("none-met", "    when: {tags: {none: [Draft]}}\n    require-fields: [x]\n", "tags: [NLP]", "n.md", True),
    ("none-unmet", "    when: {tags: {none: [Draft]}}\n    require-fields: [x]\n", "tags: [NLP, Draft]", "n.md", False),
    ("group", "    when: {tags: {any: ['@venue']}}\n    require-fields: [x]\n", "tags: [EMNLP]", "n.md", True),
    ("group-absent", "    when: {tags: {any: ['@venue']}}\n    require-fields: [x]\n", "tags: [NLP]", "n.md", False),
    ("field-present", "    when: {fields: {url: present}}\n    require-fields: [x]\n", "url: https://a\ntags: []", "n.md", True),
    ("field-present-but-empty", "    when: {fields: {url: present}}\n    require-fields: [x]\n", "url: ''\ntags: []", "n.md", False),
    ("field-missing", "    when: {fields: {url: missing}}\n    require-fields: [x]\n", "tags: []", "n.md", True),
    ("field-missing-but-there", "    when: {fields: {url: missing}}\n    require-fields: [x]\n", "url: https://a", "n.md", False),
    (
        "field-matches",
        "    when: {fields: {url: {matches: 'arxiv\\.org'}}}\n    require-fields: [x]\n",
        "url: https://arxiv.org/abs/1",
        "n.md",
        True,
    ),
    (
        "field-no-match",
        "    when: {fields: {url: {matches: 'arxiv\\.org'}}}\n    require-fields: [x]\n",
        "url: https://acl.org",
        "n.md",
        False,
    ),
    ("field-matches-absent", "    when: {fields: {url: {matches: '.*'}}}\n    require-fields: [x]\n", "tags: []", "n.md", False),
    ("path-glob", "    when: {path: 'papers/**'}\n    require-fields: [x]\n", "tags: []", "papers/2023/n.md", True),
    ("path-glob-other", "    when: {path: 'papers/**'}\n    require-fields: [x]\n", "tags: []", "blog/n.md", False),
    ("path-basename-glob", "    when: {path: '*.draft.md'}\n    require-fields: [x]\n", "tags: []", "deep/dir/a.draft.md", True),
    (
        "conditions-are-anded",
        "    when: {tags: {any: [NLP]}, fields: {url: missing}}\n    require-fields: [x]\n",
        "url: u\ntags: [NLP]",
        "n.md",
        False,
    ),
    ("no-when-always", "    require-fields: [x]\n", "tags: []", "n.md", True),
]


@pytest.mark.parametrize(("body", "front", "path", "fires"), [c[1:] for c in CUSTOM], ids=[c[0] for c in CUSTOM])
def test_custom_rule_conditions(tmp_path: Path, body: str, front: str, path: str, fires: bool) -> None:
    setup = setup_with(tmp_path, RULE.format(body=body))
    note = f"---\n{front}\n---\n"
    got = [f for f in findings(setup, note, str(tmp_path / path)) if f[0] == "r"]
    assert bool(got) == fires, got


def test_require_fields_action(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, RULE.format(body="    require-fields: [url, doi]\n"))
    got = [f for f in findings(setup, "---\ntags: [NLP]\ndoi: ''\n---\n") if f[0] == "r"]
    assert got == [
        ("r", "error", 1, 1, 'Rule fired (field "url" is missing)'),
        ("r", "error", 3, 1, 'Rule fired (field "doi" is missing)'),
    ]


def test_require_fields_in_a_note_without_front_matter(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, RULE.format(body="    require-fields: [url]\n"))
    assert [f for f in findings(setup, "body only\n") if f[0] == "r"] == [("r", "error", 1, 1, 'Rule fired (field "url" is missing)')]


def test_require_tags_action_accepts_children_and_aliases(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, RULE.format(body="    when: {tags: {any: ['@venue']}}\n    require-tags: [NLP, MultiModal]\n"))
    assert [f[4] for f in findings(setup, "---\ntags: [ACL]\n---\n") if f[0] == "r"] == [
        'Rule fired (tag "NLP" is missing)',
        'Rule fired (tag "MultiModal" is missing)',
    ]
    assert [f for f in findings(setup, "---\ntags: [ACL, LanguageModel, NLP, MulltiModal]\n---\n") if f[0] == "r"] == []


def test_forbid_tags_action_points_at_each_offending_tag(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, RULE.format(body="    when: {tags: {any: [Survey]}}\n    forbid-tags: [NLP, '@venue']\n"))
    got = [f for f in findings(setup, "---\ntags: [Survey, LanguageModel, ACL, Draft]\n---\n") if f[0] == "r"]
    assert got == [
        ("r", "error", 2, 16, 'Rule fired (tag "LanguageModel" is not allowed here)'),
        ("r", "error", 2, 31, 'Rule fired (tag "ACL" is not allowed here)'),
    ]


def test_custom_rule_code_severity_and_cli_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(
        tmp_path / "rules" / "a.yaml",
        "custom:\n  - id: venue-needs-url\n    code: V001\n    severity: warning\n    message: A venue needs a url\n"
        "    when: {tags: {any: ['@venue']}, path: 'papers/**'}\n    require-fields: [url]\n",
    )
    write_file(tmp_path / "papers" / "p.md", "---\ntags: [ACL]\n---\n")
    monkeypatch.chdir(tmp_path / "papers")  # the path glob is relative to the project root, not the cwd
    assert main(["check", "-q", "p.md"]) == 0
    assert capsys.readouterr().out.splitlines() == ['p.md:1:1: V001 venue-needs-url A venue needs a url (field "url" is missing)']


def test_custom_rule_can_be_ignored_by_id_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(tmp_path / "rules" / "a.yaml", "custom:\n  - id: needs-url\n    code: V001\n    message: m\n    require-fields: [url]\n")
    write_file(tmp_path / "n.md", "---\ntags: [NLP]\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "n.md"]) == 1
    capsys.readouterr()
    assert main(["check", "-q", "--ignore", "needs-url", "n.md"]) == 0
    assert main(["check", "-q", "--ignore", "V001", "n.md"]) == 0


def test_custom_rules_skip_unparsable_notes(tmp_path: Path) -> None:
    setup = setup_with(tmp_path, RULE.format(body="    require-fields: [url]\n"))
    assert [f[0] for f in findings(setup, "---\ntitle: a: b\n---\n")] == ["parse-error"]
