"""`taglint check`, `taglint rule`, `taglint rules` through ``taglint.cli.main.main``: output lines and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import notes_project, research_taxonomy, write_file

from taglint import checks
from taglint.cli.main import cli, main

TAXONOMY = research_taxonomy("  Test-Time: {description: At test time}\n")

BAD = "---\ntitle: A\ntags: [NLP, MultiModel]\n---\n"
WARN = "---\ntitle: W\ntags: [Neural]\n---\n"
CLEAN = "---\ntitle: C\ntags: [NLP, MultiModal]\n---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return notes_project(tmp_path, monkeypatch, TAXONOMY)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_text_line_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", BAD)
    code, out, _ = run(capsys, "check", "notes/a.md")
    assert code == 1
    assert out[0] == 'notes/a.md:3:13: TG001 unknown-tag Unknown tag "MultiModel"; did you mean "MultiModal"?'


def test_issue_example_line_and_column(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", "---\ntitle: A\ntags: [MultiModel]\n---\n")
    _, out, _ = run(capsys, "check", "notes/a.md")
    assert out[0] == 'notes/a.md:3:8: TG001 unknown-tag Unknown tag "MultiModel"; did you mean "MultiModal"?'


def test_safe_fixes_are_marked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", "---\ntags: [MulltiModal]\n---\n")
    _, out, _ = run(capsys, "check", "notes/a.md")
    assert out[0] == 'notes/a.md:2:8: TG002 alias-tag [*] "MulltiModal" is an alias of "MultiModal"; use the canonical tag'


def test_directory_walk_order_and_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/b.md", BAD)
    write_file(project / "notes/a.md", WARN)
    write_file(project / "notes/sub/c.md", CLEAN)
    write_file(project / "notes/ignored.txt", BAD)
    code, out, err = run(capsys, "check")
    assert code == 1
    assert out == [
        'notes/a.md:3:8: TG003 deprecated-tag [*] "Neural" is deprecated; use "NeuralNetwork"',
        'notes/b.md:3:13: TG001 unknown-tag Unknown tag "MultiModel"; did you mean "MultiModal"?',
        "Checked 3 files: 1 error, 1 warning. 1 fixable with `taglint fix` (marked [*]); 1 more with `--unsafe-fixes`.",
    ]
    assert err == ""


def test_clean_run_exit_0_and_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/c.md", CLEAN)
    assert run(capsys, "check", "notes") == (0, ["All checks passed (checked 1 file)."], "")


def test_warnings_only_exit_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/w.md", WARN)
    code, out, _ = run(capsys, "check", "notes")
    assert code == 0
    assert out[-1] == "Checked 1 file: 0 errors, 1 warning. 1 fixable with `taglint fix` (marked [*])."


def test_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", BAD)
    code, out, _ = run(capsys, "check", "--exit-zero", "notes")
    assert code == 0
    assert out[0].startswith("notes/a.md:3:13: TG001")


def test_quiet_prints_findings_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", BAD)
    code, out, err = run(capsys, "check", "-q", "notes")
    assert code == 1
    assert len(out) == 1 and out[0].startswith("notes/a.md:3:13:")
    assert err == ""


def test_quiet_clean_run_prints_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/c.md", CLEAN)
    assert run(capsys, "check", "--quiet", "notes") == (0, [], "")


def test_parse_error_does_not_stop_the_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", "---\ntitle: a: b\n---\n")
    write_file(project / "notes/b.md", BAD)
    code, out, _ = run(capsys, "check", "-q", "notes")
    assert code == 1
    assert out == [
        "notes/a.md:2:9: TG009 parse-error front matter is not valid YAML: mapping values are not allowed here",
        'notes/b.md:3:13: TG001 unknown-tag Unknown tag "MultiModel"; did you mean "MultiModal"?',
    ]


def test_crlf_and_bom_positions_in_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "notes" / "a.md").write_bytes("\ufeff---\r\ntitle: ü\r\ntags: [NLP, MultiModel]\r\n---\r\n".encode())
    _, out, _ = run(capsys, "check", "-q", "notes")
    assert out == ['notes/a.md:3:13: TG001 unknown-tag Unknown tag "MultiModel"; did you mean "MultiModal"?']


def test_missing_path_is_a_usage_error_not_a_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "-q", "notes/nope.md")
    assert (code, out) == (2, [])
    assert err.splitlines()[-1] == "Error: path 'notes/nope.md' does not exist"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "expected_codes"),
    [
        (["--select", "TG001"], ["TG001"]),
        (["--select", "unknown-tag,deprecated-tag"], ["TG001", "TG003"]),
        (["--select", "TG00"], ["TG001", "TG003"]),
        (["--ignore", "unknown-tag"], ["TG003"]),
        (["--ignore", "TG001", "--ignore", "TG003"], []),
        (["--select", "ALL"], ["TG001", "TG003"]),
    ],
)
def test_select_and_ignore(project: Path, capsys: pytest.CaptureFixture[str], option: list[str], expected_codes: list[str]) -> None:
    write_file(project / "notes/a.md", "---\ntags: [MultiModel, Neural]\n---\n")
    _, out, _ = run(capsys, "check", "-q", *option, "notes")
    assert [line.split()[1] for line in out] == expected_codes


def test_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes/a.md", "---\ntags: [MultiModel, Neural, Neural]\n---\n")
    code, out, _ = run(capsys, "check", "--statistics", "-q", "notes")
    assert code == 1
    assert out == [
        "     2  TG003 deprecated-tag  (2 fixable)",
        "     1  TG001 unknown-tag  (1 with --unsafe-fixes)",
        "     1  TG004 duplicate-tag  (1 fixable)",
    ]


# --- exit code 2 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--select", "no-such-rule"],
        ["check", "--ignore", "TG999"],
        ["check", "--bogus-option"],
        ["check", "--output-format", "xml"],
        ["rule", "no-such-rule"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    write_file(project / "notes/c.md", CLEAN)
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.strip() != ""
    assert "Traceback" not in err


def test_unknown_rule_message_names_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "check", "--select", "no-such-rule")
    assert "unknown rule 'no-such-rule'" in err


def test_config_error_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'taxonomy = "taxonomy.yaml"\nbogus = 1\n')
    code, out, err = run(capsys, "check")
    assert (code, out) == (2, [])
    assert err.splitlines() == ['taglint.toml:2:1: unknown setting "bogus"']


def test_ruleset_error_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "rules/core.yaml", "version: 1\nrules:\n  no-such-rule: off\n")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith('rules/core.yaml:3:3: unknown rule "no-such-rule"')


# --- rule documentation commands -------------------------------------------------------------


@pytest.mark.parametrize("name", ["unknown-tag", "TG001", "tg001"])
def test_rule_command_prints_docs(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "rule", name)
    assert code == 0
    assert out[0] == "TG001 unknown-tag (default severity: error; fix: unsafe)"
    text = "\n".join(out)
    for section in ("What it does", "Why", "Example", "Fix safety"):
        assert section in text


def test_rules_command_lists_every_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    # The note rules first, in registry order; the taxonomy quality rules (TG1xx) follow.
    notes = len(checks.RULES)
    assert [line.split()[:3] for line in out[:notes]] == [[m.RULE.code, m.RULE.name, m.RULE.severity.value] for m in checks.RULES.values()]
    assert all(line.startswith("TG1") for line in out[notes:])


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--help"], "lint and fix the tags"),
        (["check", "--help"], "Check notes for tag problems"),
        (["check", "--help"], "--exit-zero"),
        (["fix", "--help"], "--unsafe-fixes"),
        (["rule", "--help"], "documentation of a rule"),
        (["rules", "--help"], "List every built-in rule"),
        (["-h"], "Commands:"),
    ],
)
def test_help_texts(argv: list[str], fragment: str) -> None:
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0
    assert fragment in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("taglint, version")


def test_cli_runner_exit_codes_match_main(project: Path) -> None:
    write_file(project / "notes/a.md", BAD)
    result = CliRunner().invoke(cli, ["check", "notes"])
    assert result.exit_code == 1
    assert "notes/a.md:3:13: TG001 unknown-tag" in result.output


def test_rules_lists_the_taxonomy_quality_rules_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "TG001  unknown-tag" in out
    assert "TG101  redundant-parent" in out and "TG103  unused-tag" in out


def test_the_taxonomy_is_reported_but_not_counted_as_a_checked_note(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = project / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text().replace("  Neural:\n", "  Old/Name:\n    description: x\n  old-name:\n    description: y\n  Neural:\n")
    )
    write_file(project / "notes/c.md", CLEAN)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert out[0].startswith("taxonomy.yaml:") and "TG106 slug-collision" in out[0]
    assert out[-1] == "Checked 1 file: 0 errors, 1 warning."


def test_a_custom_rule_whose_code_is_its_id_is_named_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "rules").mkdir()
    (project / "rules" / "venues.yaml").write_text(
        "version: 1\ncustom:\n  - id: venue-needs-url\n    message: A venue note needs a url\n    when:\n      tags: {any: ['@venue']}\n    require-fields: [url]\n"
        "  - id: acl-note\n    code: X001\n    message: An ACL note\n    severity: warning\n    when:\n      tags: {any: [ACL]}\n    require-fields: [url]\n"
    )
    write_file(project / "notes/a.md", "---\ntags: [ACL]\n---\n")
    _, out, _ = run(capsys, "check", "-q", "notes")
    assert sorted(out) == [
        'notes/a.md:1:1: X001 acl-note An ACL note (field "url" is missing)',
        'notes/a.md:1:1: venue-needs-url A venue note needs a url (field "url" is missing)',
    ]
    _, stats, _ = run(capsys, "check", "-q", "--statistics", "notes")
    assert stats == ["     1  X001 acl-note", "     1  venue-needs-url"]


def test_statistics_separates_safe_and_unsafe_fixes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # MultiModel: did-you-mean (unsafe); LanguageModel without NLP: missing-parent (unsafe); MulltiModal: alias (safe).
    write_file(project / "notes/a.md", "---\ntags: [MultiModel, MulltiModal]\n---\n")
    write_file(project / "notes/b.md", "---\ntags: [LanguageModel, MulltiModal]\n---\n")
    _, out, _ = run(capsys, "check", "--statistics", "-q", "notes")
    assert out == [
        "     2  TG002 alias-tag  (2 fixable)",
        "     1  TG001 unknown-tag  (1 with --unsafe-fixes)",
        "     1  TG006 missing-parent  (1 with --unsafe-fixes)",
    ]
