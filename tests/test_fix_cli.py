"""`taglint fix` on disk: the golden table again, exit codes, --diff, unfixable files, symlinks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fixhelpers import FIX_DATA, golden_cases
from helpers import run_in, write_file
from hypothesis import given
from hypothesis import strategies as st

from taglint.rewrite import pipeline

CLEAN = "---\ntags: [NLP]\n---\n"
ALIAS = "---\ntags: [MulltiModal]\n---\n"
UNKNOWN = "---\ntags: [Zzyzx]\n---\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project dir with the golden taxonomy, a config turning inline tags on, and notes/."""
    shutil.copy(FIX_DATA / "taxonomy.yaml", tmp_path / "taxonomy.yaml")
    (tmp_path / "taglint.toml").write_text("inline-tags = true\n")
    (tmp_path / "notes").mkdir()
    return tmp_path


@pytest.mark.parametrize("case", golden_cases())
def test_golden_on_disk(project: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / f"{case}.md", (FIX_DATA / f"{case}.md").read_bytes())
    expected = (FIX_DATA / f"{case}.fixed.md").read_bytes()
    flags = ["--unsafe-fixes"] if case.startswith("unsafe-") else []
    code, _, _ = run_in(project, "fix", *flags, "notes", capsys=capsys)
    assert note.read_bytes() == expected
    changed = expected != (FIX_DATA / f"{case}.md").read_bytes()
    assert code == 1 if changed else code in (0, 1)
    # The second run changes nothing.
    run_in(project, "fix", *flags, "notes", capsys=capsys)
    assert note.read_bytes() == expected


@pytest.mark.parametrize(
    ("notes", "expected_rc", "summary"),
    [
        ({"a.md": CLEAN}, 0, "Fixed 0 issues in 0 files."),
        ({"a.md": ALIAS, "b.md": CLEAN}, 1, "Fixed 1 issue in 1 file."),
        ({"a.md": "---\ntags: [MultiModal, MulltiModal]\n---\n", "b.md": ALIAS}, 1, "Fixed 3 issues in 2 files."),
        ({"a.md": UNKNOWN}, 1, "Fixed 0 issues in 0 files."),  # unfixable error remains
    ],
)
def test_exit_code_and_summary(
    project: Path, notes: dict[str, str], expected_rc: int, summary: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in notes.items():
        write_file(project / "notes" / name, text)
    code, out, _ = run_in(project, "fix", "notes", capsys=capsys)
    assert code == expected_rc
    assert summary in out


def test_clean_after_fix_exits_zero_on_the_second_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", ALIAS)
    assert run_in(project, "fix", "notes", capsys=capsys)[0] == 1
    assert run_in(project, "fix", "notes", capsys=capsys)[0] == 0


def test_unchanged_files_are_not_rewritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean, dirty = write_file(project / "notes" / "clean.md", CLEAN), write_file(project / "notes" / "dirty.md", ALIAS)
    inodes = (clean.stat().st_ino, dirty.stat().st_ino)
    run_in(project, "fix", "notes", capsys=capsys)
    assert clean.stat().st_ino == inodes[0]
    assert dirty.stat().st_ino != inodes[1]


def test_remaining_findings_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal, Zzyzx]\n---\n")
    _, out, _ = run_in(project, "fix", "notes", capsys=capsys)
    assert "unknown-tag" in out
    assert "alias-tag" not in out


def test_diff_writes_nothing_and_exits_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / "a.md", ALIAS)
    code, out, err = run_in(project, "fix", "--diff", "notes", capsys=capsys)
    assert code == 1
    assert note.read_text() == ALIAS
    assert "-tags: [MulltiModal]\n+tags: [MultiModal]\n" in out
    assert "a/notes/a.md" in out
    assert "Would fix 1 issue in 1 file." in err


def test_diff_exits_zero_when_nothing_would_change(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", UNKNOWN)
    code, out, _ = run_in(project, "fix", "--diff", "notes", capsys=capsys)
    assert code == 0
    assert out == ""


def test_select_limits_what_is_fixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal, Neural]\n---\n")
    run_in(project, "fix", "--select", "deprecated-tag", "notes", capsys=capsys)
    assert note.read_text() == "---\ntags: [MulltiModal, NeuralNetwork]\n---\n"


def test_ignore_keeps_a_rule_unfixed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal, Neural]\n---\n")
    run_in(project, "fix", "--ignore", "TG003", "notes", capsys=capsys)
    assert note.read_text() == "---\ntags: [MultiModal, Neural]\n---\n"


def test_check_fix_is_an_alias(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / "a.md", ALIAS)
    code, out, _ = run_in(project, "check", "--fix", "notes", capsys=capsys)
    assert code == 1
    assert note.read_text() == "---\ntags: [MultiModal]\n---\n"
    assert "Fixed 1 issue in 1 file." in out


def test_read_only_file_is_reported_and_the_rest_go_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked, other = write_file(project / "notes" / "a.md", ALIAS), write_file(project / "notes" / "b.md", ALIAS)
    locked.chmod(0o444)
    code, out, err = run_in(project, "fix", "notes", capsys=capsys)
    assert code == 1
    assert "notes/a.md: not fixed: is read-only" in err
    assert locked.read_text() == ALIAS
    assert other.read_text() == "---\ntags: [MultiModal]\n---\n"
    assert "Fixed 1 issue in 1 file." in out


def test_parse_error_is_reported_and_the_rest_go_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal\n---\n")
    other = write_file(project / "notes" / "b.md", ALIAS)
    code, out, _ = run_in(project, "fix", "notes", capsys=capsys)
    assert code == 1
    assert "parse-error" in out
    assert broken.read_text() == "---\ntags: [MulltiModal\n---\n"
    assert other.read_text() == "---\ntags: [MultiModal]\n---\n"


def test_unreadable_path_is_reported_and_the_rest_go_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = write_file(project / "notes" / "b.md", ALIAS)
    (project / "notes" / "missing.md").symlink_to(project / "nowhere.md")  # there, but cannot be read
    code, out, _ = run_in(project, "fix", "notes/missing.md", "notes/b.md", capsys=capsys)
    assert code == 1
    assert "cannot read file" in out
    assert other.read_text() == "---\ntags: [MultiModal]\n---\n"


def test_symlink_into_the_tree_is_fixed_through(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "notes" / "sub").mkdir()
    target = project / "notes" / "sub" / "real.txt"  # not *.md: reached only through the link
    target.write_text(ALIAS)
    link = project / "notes" / "link.md"
    link.symlink_to(target)
    run_in(project, "fix", "notes", capsys=capsys)
    assert link.is_symlink()
    assert target.read_text() == "---\ntags: [MultiModal]\n---\n"


@pytest.mark.parametrize("arg", ["notes", "notes/link.md"])
def test_symlink_out_of_the_tree_is_not_followed(
    project: Path, tmp_path_factory: pytest.TempPathFactory, arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "real.md"
    outside.write_text(ALIAS)
    (project / "notes" / "link.md").symlink_to(outside)
    code, out, err = run_in(project, "fix", arg, capsys=capsys)
    assert code == 1
    assert "outside the checked tree" in out + err
    assert outside.read_text() == ALIAS


def test_symlink_elsewhere_in_the_project_is_fixed_through(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The checked tree is the project (config root) plus the directories named.
    (project / "other").mkdir()
    target = project / "other" / "real.md"
    target.write_text(ALIAS)
    (project / "notes" / "link.md").symlink_to(target)
    run_in(project, "fix", "notes", capsys=capsys)
    assert target.read_text() == "---\ntags: [MultiModal]\n---\n"


def test_json_output_reports_what_remains(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal, Zzyzx]\n---\n")
    code, out, err = run_in(project, "fix", "--output-format", "json", "notes", capsys=capsys)
    assert code == 1
    rules = [d["rule"] for d in _diagnostics(json.loads(out))]
    assert rules == ["unknown-tag"]
    assert "Fixed 1 issue in 1 file." in err


def _diagnostics(report: object) -> list[dict[str, object]]:
    # Accept both a flat list of findings and {"files": [{"diagnostics": [...]}]}-like shapes.
    if isinstance(report, list):
        return [d for item in report for d in (item.get("diagnostics", [item]) if isinstance(item, dict) else [])]
    if isinstance(report, dict):
        for key in ("diagnostics", "findings"):
            if key in report:
                return list(report[key])
        return [d for f in report.get("files", []) for d in f.get("diagnostics", [])]
    return []


@given(st.lists(st.text(alphabet="ab/.", max_size=6), min_size=1, max_size=6))
def test_the_directories_of_a_chunk_are_its_files_dirnames(chunk: list[str]) -> None:
    # fix removes stale temp files once per directory it meets; the set must be exact.
    assert pipeline._directories(chunk) == {os.path.dirname(path) for path in chunk}


# --- --no-cache, --show-fixes, the taxonomy's findings, patches git applies ---


def test_fix_takes_check_cache_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", ALIAS)
    code, out, err = run_in(project, "fix", "--no-cache", "--cache-dir", "cache", "notes", capsys=capsys)
    assert (code, err) == (1, "")
    assert "Fixed 1 issue in 1 file." in out


def test_show_fixes_lists_each_file_and_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [MulltiModal, MultiModal, Neural]\n---\n")
    write_file(project / "notes" / "b.md", ALIAS)
    write_file(project / "notes" / "c.md", CLEAN)
    code, out, _ = run_in(project, "fix", "--show-fixes", "notes", capsys=capsys)
    assert code == 1
    listing = out.split("Fixed 4 issues in 2 files.")[0]
    assert listing == (
        "Fixed 4 issues:\n"
        "- notes/a.md:\n"
        "    1 \u00d7 TG002 (alias-tag)\n"
        "    1 \u00d7 TG003 (deprecated-tag)\n"
        "    1 \u00d7 TG004 (duplicate-tag)\n"
        "- notes/b.md:\n"
        "    1 \u00d7 TG002 (alias-tag)\n"
    )


@pytest.mark.parametrize("command", [["fix", "--diff", "--show-fixes"], ["check", "--fix", "--show-fixes"]])
def test_show_fixes_with_diff_and_check_fix(project: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    write_file(project / "notes" / "a.md", ALIAS)
    _, out, err = run_in(project, *command, "notes", capsys=capsys)
    verb = "Would fix" if "--diff" in command else "Fixed"
    assert f"{verb} 1 issue:\n- notes/a.md:\n    1 \u00d7 TG002 (alias-tag)\n" in out + err


def test_show_fixes_when_nothing_changes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", CLEAN)
    _, out, _ = run_in(project, "fix", "--show-fixes", "notes", capsys=capsys)
    assert out.startswith("No fixes applied.\n")


def test_check_and_fix_report_the_same_taxonomy_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = project / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text() + "  Rare: {parents: [NLP, LanguageModel]}\n")  # NLP is already an ancestor
    write_file(project / "notes" / "a.md", CLEAN)
    _, checked, _ = run_in(project, "check", "notes", capsys=capsys)
    _, fixed, _ = run_in(project, "fix", "notes", capsys=capsys)
    warning = [line for line in checked.splitlines() if "TG101" in line]
    assert len(warning) == 1 and warning[0].startswith("taxonomy.yaml:")
    assert [line for line in fixed.splitlines() if "TG1" in line] == warning
    assert checked.splitlines()[-1] == "Checked 1 file: 0 errors, 1 warning."
    assert fixed.splitlines()[-1] == "Remaining in 1 file: 0 errors, 1 warning."


def _git(root: Path, *args: str) -> int:
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(root))
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, timeout=60).returncode


def test_diff_of_a_note_with_a_bom_is_a_patch_git_applies(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = write_file(project / "notes" / "a.md", b"\xef\xbb\xbf---\r\ntitle: x\r\ntags: [MulltiModal]\r\n---\r\nbody\r\n")
    write_file(project / "notes" / "b.md", b"\xef\xbb\xbf---\ntags: [NLP, MulltiModal]\n---")  # no newline at the end either
    assert _git(project, "init", "-q") == 0
    code, patch, _ = run_in(project, "fix", "--diff", "notes", capsys=capsys)
    assert code == 1
    assert patch.startswith("--- a/notes/a.md\n+++ b/notes/a.md\n")
    (project / "fix.diff").write_text(patch, encoding="utf-8", newline="")
    assert _git(project, "apply", "--check", "fix.diff") == 0
    assert _git(project, "apply", "fix.diff") == 0
    assert note.read_bytes() == b"\xef\xbb\xbf---\r\ntitle: x\r\ntags: [MultiModal]\r\n---\r\nbody\r\n"
    assert (project / "notes" / "b.md").read_bytes() == b"\xef\xbb\xbf---\ntags: [NLP, MultiModal]\n---"
