"""Output formats (github, sarif, gitlab, junit, json-lines), -o/--output-file, --fail-on, --exit-zero, --statistics."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import NLP_LLM_DESCRIBED
from jsonschema import Draft4Validator, Draft7Validator

from taglint.cli.main import main
from taglint.report import escape

SCHEMA_PATH = Path(__file__).parent / "data" / "schemas" / "sarif-schema-2.1.0.json"
GITLAB_SCHEMA_PATH = Path(__file__).parent / "data" / "schemas" / "gitlab-codequality-codeclimate.json"
REPO = Path(__file__).resolve().parent.parent

TAXONOMY = (
    NLP_LLM_DESCRIBED
    + """\
  Old:
    description: An old name
    deprecated: true
    replaced_by: NLP
"""
)


def sarif_errors(document: Any) -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small collection: an alias (safe fix), an unknown tag, a missing parent (insertion fix), a clean note."""
    (tmp_path / ".git").mkdir()  # marks the repository root for repo-relative URIs
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    sub = tmp_path / "my notes"
    sub.mkdir()
    (sub / "alias.md").write_text("---\ntags: [LLM, NLP]\n---\nBody\n", encoding="utf-8")
    (sub / "ünknown.md").write_text("---\r\ntags: [Nope]\r\n---\r\n", encoding="utf-8")
    (sub / "parent.md").write_text("---\ntags: [LanguageModel]\n---\n", encoding="utf-8")
    (sub / "old.md").write_text("---\ntags: [Old]\n---\n", encoding="utf-8")
    (sub / "clean.md").write_text("---\ntags: [NLP]\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# --- SARIF -----------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["fix", "--diff"], ["fix"]])
def test_sarif_validates_against_the_official_schema(notes: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    _code, _out, _ = run([*command, "--output-format", "sarif", "-o", "out.sarif"], capsys)
    document = json.loads((notes / "out.sarif").read_text(encoding="utf-8"))
    assert sarif_errors(document) == []
    assert document["version"] == "2.1.0"


def test_sarif_of_the_example_collection_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "examples.sarif"
    run(["check", str(REPO / "examples" / "paper-notes"), "--output-format", "sarif", "-o", str(target)], capsys)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert sarif_errors(document) == []
    results = document["runs"][0]["results"]
    assert len(results) > 300
    assert {r["ruleId"] for r in results} >= {"TG002", "TG003", "TG004", "TG006", "TG007"}


def test_sarif_of_a_clean_run_validates(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "my notes/clean.md", "--output-format", "sarif"], capsys)
    document = json.loads(out)
    assert code == 0
    assert sarif_errors(document) == []
    assert document["runs"][0]["results"] == []


def sarif_results(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    _, out, _ = run(["check", "--output-format", "sarif"], capsys)
    run_ = json.loads(out)["runs"][0]
    return run_, run_["results"]


def test_sarif_results_carry_rule_level_message_region(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_, results = sarif_results(capsys)
    (alias,) = [r for r in results if r["ruleId"] == "TG002"]
    assert alias["level"] == "error"
    assert alias["message"]["text"].startswith('"LLM" is an alias of "LanguageModel"')
    location = alias["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "my%20notes/alias.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 11}
    assert run_["rules"] if "rules" in run_ else run_["tool"]["driver"]["rules"][alias["ruleIndex"]]["id"] == "TG002"


def test_sarif_uris_are_repo_relative_and_percent_encoded(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_, results = sarif_results(capsys)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "my%20notes/%C3%BCnknown.md" in uris
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == notes.as_uri() + "/"


def test_sarif_rules_have_help_text(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_, _ = sarif_results(capsys)
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["TG001"]["name"] == "unknown-tag"
    assert "**Why.**" in rules["TG001"]["help"]["text"]
    assert rules["TG003"]["defaultConfiguration"]["level"] == "warning"


def test_sarif_fixes_only_for_fixable_results(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, results = sarif_results(capsys)
    by_rule = {r["ruleId"]: r for r in results}
    replacement = by_rule["TG002"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {
        "deletedRegion": {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 11},
        "insertedContent": {"text": "LanguageModel"},
    }
    insertion = by_rule["TG006"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert insertion["deletedRegion"]["startColumn"] == insertion["deletedRegion"]["endColumn"]
    assert "fixes" not in by_rule["TG001"]  # "Nope" has no close suggestion


def test_sarif_fingerprints_are_unique_and_ignore_line_moves(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, before = sarif_results(capsys)
    prints = [r["partialFingerprints"]["taglint/v1"] for r in before]
    assert len(prints) == len(set(prints))
    (notes / "my notes" / "alias.md").write_text("---\ntitle: moved down\ntags: [LLM, NLP]\n---\nBody\n", encoding="utf-8")
    _, after = sarif_results(capsys)
    moved = next(r for r in after if r["ruleId"] == "TG002")
    original = next(r for r in before if r["ruleId"] == "TG002")
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert moved["partialFingerprints"] == original["partialFingerprints"]


# --- GitHub workflow commands -----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb\r", "a%0Ab%0D", "a%0Ab%0D"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape.workflow_data(raw) == data
    assert escape.workflow_property(raw) == prop


def test_github_annotation_line(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "my notes/alias.md", "--output-format", "github"], capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        "::error file=my notes/alias.md,line=2,col=8,endLine=2,endColumn=11,title=taglint (TG002)"
        '::alias-tag: "LLM" is an alias of "LanguageModel"; use the canonical tag'
    )
    # The full text report follows, since GitHub caps annotations per step.
    assert lines[1].startswith("my notes/alias.md:2:8: TG002 alias-tag [*]")
    assert lines[-1].startswith("Checked 1 file: 1 error")


def test_github_warning_level(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "my notes/old.md", "--output-format", "github"], capsys)
    assert out.startswith("::warning file=my notes/old.md,line=2,")


@pytest.mark.parametrize(("env", "expected"), [({"GITHUB_ACTIONS": "true"}, True), ({}, False)])
def test_github_format_is_chosen_in_github_actions(
    notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, out, _ = run(["check", "my notes/alias.md"], capsys)
    assert out.startswith("::error ") is expected


def test_explicit_format_beats_github_actions(notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(["check", "my notes/alias.md", "--output-format", "text"], capsys)
    assert "::error" not in out


# --- JUnit ------------------------------------------------------------------


def junit(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, ET.Element]:
    code, out, _ = run(["check", "--output-format", "junit", *args], capsys)
    return code, ET.fromstring(out)


def test_junit_structure_one_testcase_per_file(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, root = junit([], capsys)
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert sorted(c.get("name") for c in cases) == sorted(
        f"my notes/{n}" for n in ("alias.md", "clean.md", "old.md", "parent.md", "ünknown.md")
    )
    assert all(c.get("classname") == "taglint" for c in cases)
    failed = [c for c in cases if c.find("failure") is not None]
    assert suite.get("tests") == root.get("tests") == "5"
    assert suite.get("failures") == root.get("failures") == str(len(failed)) == "2"
    for case in cases:
        assert {child.tag for child in case} <= {"failure", "system-out"}


def test_junit_warnings_fail_only_when_asked(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, root = junit(["my notes/old.md"], capsys)
    case = root.find("testsuite/testcase")
    assert code == 0 and case is not None and case.find("failure") is None
    assert "TG003" in (case.findtext("system-out") or "")
    code, root = junit(["my notes/old.md", "--fail-on", "warning"], capsys)
    failure = root.find("testsuite/testcase/failure")
    assert code == 1 and failure is not None and failure.get("type") == "TG003"


# --- exit codes, -o, statistics, colour ------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["my notes/clean.md"], 0),
        (["my notes/old.md"], 0),  # warnings only
        (["my notes/old.md", "--fail-on", "warning"], 1),
        (["my notes/old.md", "--fail-on", "error"], 0),
        (["my notes/alias.md"], 1),
        (["my notes/alias.md", "--exit-zero"], 0),
        (["my notes/old.md", "--fail-on", "warning", "--exit-zero"], 0),
        (["my notes/clean.md", "--fail-on", "info"], 2),
    ],
)
def test_check_exit_codes(notes: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: int) -> None:
    assert run(["check", *args], capsys)[0] == expected


def test_fix_fail_on_warning(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No fix for this warning in --diff mode would change nothing... deprecated-tag is fixable, so use --select.
    (notes / "my notes" / "w.md").write_text("---\ntags: [LanguageModel, NLP]\n---\n#x\n", encoding="utf-8")
    assert run(["fix", "my notes/old.md", "--select", "deprecated-tag", "--fail-on", "warning"], capsys)[0] == 1


def test_output_file_gets_the_report_and_summary_goes_to_stderr(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, err = run(["check", "my notes/alias.md", "-o", "report.txt"], capsys)
    assert out == ""
    assert err.startswith("Checked 1 file")
    assert (notes / "report.txt").read_text(encoding="utf-8").startswith("my notes/alias.md:2:8: TG002")


def test_statistics_counts_per_rule_with_fixable(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "--statistics"], capsys)
    assert "     1  TG002 alias-tag  (1 fixable)" in out.splitlines()
    assert "     1  TG001 unknown-tag" in out.splitlines()
    assert "my notes/alias.md:" not in out


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # an empty value does not count
        (True, {"TERM": "dumb"}, False),
        (True, {"TERM": "xterm-256color"}, True),
        (False, {"FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
        (True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins, as in CPython's can_colorize
    ],
)
def test_colour_follows_the_terminal_and_the_colour_variables(tty: bool, environ: dict[str, str], expected: bool) -> None:
    from taglint.cli.app import use_color

    class Stream:
        def isatty(self) -> bool:
            return tty

    assert use_color(Stream(), environ) is expected


@pytest.mark.parametrize(
    ("environ", "coloured"), [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({}, False)]
)
def test_force_color_colours_a_piped_report(
    notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], coloured: bool
) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(["check", "my notes/alias.md"], capsys)
    assert ("\x1b[" in out) is coloured


# --- GitLab Code Quality ----------------------------------------------------

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab_errors(document: Any) -> list[str]:
    """Each entry against GitLab's own schema, plus what its documentation asks of the whole report."""
    schema = json.loads(GITLAB_SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema)
    if not isinstance(document, list):
        return ["the report is not a JSON list"]
    errors = [f"{i}: {e.message}" for i, item in enumerate(document) for e in validator.iter_errors(item)]
    for i, item in enumerate(document):
        if not isinstance(item.get("check_name"), str):
            errors.append(f"{i}: no check_name")
        if item.get("severity") not in GITLAB_SEVERITIES:
            errors.append(f"{i}: severity {item.get('severity')!r}")
        location = item.get("location", {})
        if not isinstance(location.get("path"), str) or location["path"].startswith("/"):
            errors.append(f"{i}: path {location.get('path')!r} is not relative")
        if not isinstance(location.get("lines", {}).get("begin", location.get("positions", {}).get("begin", {}).get("line")), int):
            errors.append(f"{i}: no line")
    return errors


def test_gitlab_report_validates_against_gitlabs_schema(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--output-format", "gitlab"], capsys)
    document = json.loads(out)
    assert code == 1
    assert gitlab_errors(document) == []
    assert len(document) == 4
    assert err.startswith("Checked 5 files")  # the summary stays out of the report


def test_gitlab_entries_carry_rule_severity_path_and_line(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "--output-format", "gitlab"], capsys)
    by_rule = {item["check_name"]: item for item in json.loads(out)}
    alias = by_rule["TG002"]
    assert alias["description"].startswith('alias-tag: "LLM" is an alias of "LanguageModel"')
    assert alias["severity"] == "major"
    assert by_rule["TG003"]["severity"] == "minor"  # a warning
    assert alias["location"] == {
        "path": "my notes/alias.md",
        "positions": {"begin": {"line": 2, "column": 8}, "end": {"line": 2, "column": 11}},
    }


def test_gitlab_fingerprints_are_unique_and_ignore_line_moves(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (notes / "my notes" / "twice.md").write_text("---\ntags: [Nope, Nope]\n---\n", encoding="utf-8")
    _, out, _ = run(["check", "--output-format", "gitlab"], capsys)
    before = json.loads(out)
    assert len({item["fingerprint"] for item in before}) == len(before)
    (notes / "my notes" / "alias.md").write_text("---\ntitle: moved down\ntags: [LLM, NLP]\n---\n", encoding="utf-8")
    _, out, _ = run(["check", "--output-format", "gitlab"], capsys)
    after = json.loads(out)
    assert {item["fingerprint"] for item in after} == {item["fingerprint"] for item in before}


def test_gitlab_report_of_a_clean_run_is_an_empty_list(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "my notes/clean.md", "--output-format", "gitlab"], capsys)
    assert (code, json.loads(out)) == (0, [])


# --- JSON Lines ---------------------------------------------------------------


def test_json_lines_holds_the_json_findings_one_per_line(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, listed, _ = run(["check", "--output-format", "json"], capsys)
    code, out, err = run(["check", "--output-format", "json-lines"], capsys)
    lines = out.splitlines()
    assert code == 1
    assert [json.loads(line) for line in lines] == json.loads(listed)
    assert len(lines) == 4
    assert err.startswith("Checked 5 files")


def test_json_lines_of_a_clean_run_is_empty(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "my notes/clean.md", "--output-format", "json-lines"], capsys)
    assert (code, out) == (0, "")


# --- one registry -----------------------------------------------------------


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    from taglint.cli.app import cli
    from taglint.report.formats import FORMATS

    check = cli.commands["check"]
    (option,) = [p for p in check.params if p.name == "output_format"]
    assert list(option.type.choices) == list(FORMATS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["text", "json", "json-lines", "github", "sarif", "gitlab", "junit"])
def test_every_registered_format_reports_a_run(notes: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(["check", "my notes/alias.md", "--output-format", name], capsys)
    assert code == 1
    assert "TG002" in out


# --- taxonomy findings ------------------------------------------------------

UNDESCRIBED = NLP_LLM_DESCRIBED + "  Bare: {}\n"


@pytest.fixture
def bare_tag(notes: Path) -> Path:
    """The collection, with a taxonomy tag lacking a description (TG102 missing-description)."""
    (notes / "taxonomy.yaml").write_text(UNDESCRIBED, encoding="utf-8")
    return notes


@pytest.mark.parametrize(
    ("fmt", "needle"),
    [
        ("text", "\ntaxonomy.yaml:9:3: TG102 missing-description"),
        ("json", '"path": "taxonomy.yaml"'),
        ("json-lines", '"path": "taxonomy.yaml"'),
        ("junit", 'name="taxonomy.yaml"'),
        ("github", "\ntaxonomy.yaml:9:3: TG102"),
    ],
)
def test_taxonomy_findings_use_the_notes_relative_path_style(
    bare_tag: Path, capsys: pytest.CaptureFixture[str], fmt: str, needle: str
) -> None:
    _, out, _ = run(["check", "--select", "ALL", "--output-format", fmt], capsys)
    assert needle in out
    assert str(bare_tag) not in out
    assert "my notes/alias.md" in out  # a note's path, for comparison


def test_sarif_lists_the_taxonomy_rules(bare_tag: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", "--select", "ALL", "--output-format", "sarif"], capsys)
    document = json.loads(out)
    driver = document["runs"][0]["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert {f"TG10{i}" for i in range(1, 7)} <= set(rules)
    assert rules["TG102"]["name"] == "missing-description"
    assert rules["TG102"]["defaultConfiguration"] == {"level": "warning", "enabled": False}  # check runs it only when selected
    assert rules["TG101"]["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert rules["TG103"]["defaultConfiguration"]["enabled"] is False  # unused-tag needs `taxonomy check`
    (result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "TG102"]
    assert driver["rules"][result["ruleIndex"]]["id"] == "TG102"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "taxonomy.yaml"
    assert sarif_errors(document) == []


# --- the -o file --------------------------------------------------------------


def test_output_file_replaces_a_symlink_instead_of_writing_through_it(
    notes: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path_factory.mktemp("outside") / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    (notes / "taglint.sarif").symlink_to(victim)
    code, _, _ = run(["check", "--output-format", "sarif", "-o", "taglint.sarif", "--exit-zero"], capsys)
    assert code == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (notes / "taglint.sarif").is_symlink()
    assert sarif_errors(json.loads((notes / "taglint.sarif").read_text(encoding="utf-8"))) == []


def temp_files(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(".taglint-")]


def test_a_report_that_fails_midway_leaves_the_old_file_and_no_temp_file(
    notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from taglint.report import sarif

    (notes / "out.sarif").write_text("the previous report\n", encoding="utf-8")

    def disk_full(self: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sarif.SarifWriter, "finish", disk_full)
    code, _, err = run(["check", "--output-format", "sarif", "-o", "out.sarif", "--exit-zero"], capsys)
    assert code == 2
    assert err == "Error: out.sarif: report not written: No space left on device\n"
    assert (notes / "out.sarif").read_text(encoding="utf-8") == "the previous report\n"
    assert temp_files(notes) == []


def test_an_interrupted_run_leaves_no_report_and_no_temp_file(
    notes: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from taglint.report import output

    def interrupted(self: object, results: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.JsonWriter, "add_all", interrupted)
    _, _, err = run(["check", "--output-format", "json", "-o", "out.json"], capsys)  # Ctrl-C's exit code is not this test's business
    assert "Aborted" in err
    assert not (notes / "out.json").exists()
    assert temp_files(notes) == []


def test_an_output_file_in_a_missing_directory_is_an_error_not_a_traceback(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--output-format", "json", "-o", "no/such/dir/out.json"], capsys)
    assert code == 2
    assert err.startswith("Error: no/such/dir/out.json: report not written: No such file or directory")


def test_a_new_report_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        run(["check", "-o", "new.txt"], capsys)
        (notes / "kept.txt").write_text("old\n", encoding="utf-8")
        (notes / "kept.txt").chmod(0o640)
        run(["check", "-o", "kept.txt"], capsys)
    finally:
        os.umask(old)
    assert stat.S_IMODE((notes / "new.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((notes / "kept.txt").stat().st_mode) == 0o640
    assert (notes / "kept.txt").read_text(encoding="utf-8").startswith("my notes/")


def test_an_output_file_that_is_a_device_is_written_into_not_replaced(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    code, _, _ = run(["check", "-o", os.devnull], capsys)
    assert code == 1
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
