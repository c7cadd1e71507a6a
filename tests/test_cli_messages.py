"""What every command says in the cases a new user meets first: a path that is not there, counts of one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_in

TAXONOMY = "version: 1\ntags:\n  NLP: {}\n  Old: {}\n  A: {parents: [NLP]}\n  B: {parents: [A, NLP]}\n"

COMMANDS = [
    ["check"],
    ["check", "--fix"],
    ["fix"],
    ["fix", "--diff"],
    ["tags"],
    ["tree"],
    ["graph"],
    ["init", "-o", "out.yaml"],
    ["rename", "Old", "New"],
    ["remove", "Old"],
    ["split", "Old", "X", "Y", "--in"],
    ["taxonomy", "check"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").write_text("---\ntags: [Old]\n---\n")
    code, out, err = run_in(tmp_path, *command, "nope/x.md", capsys=capsys)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "Error: path 'nope/x.md' does not exist"
    assert (tmp_path / "a.md").read_text() == "---\ntags: [Old]\n---\n"


def test_a_dangling_symlink_is_a_finding_about_that_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").symlink_to(tmp_path / "gone.md")
    code, out, _ = run_in(tmp_path, "check", "a.md", capsys=capsys)
    assert code == 1
    assert out.startswith("a.md:1:1: TG009 parse-error cannot read file")


DESCRIBED = "version: 1\ntags:\n  NLP: {description: n}\n  Old: {description: o, aliases: [old1]}\n  A: {description: a, parents: [NLP]}\n"
ONE_OF_EACH = [
    # (command, the note's tags, the line it prints)
    (
        ["init", "-o", "new.yaml"],
        "Old",
        "Wrote new.yaml: 1 note, 1 spelling, 1 canonical tag, 0 with aliases, 0 uncertain candidates (commented out).",
    ),
    (["fix"], "old1", "Fixed 1 issue in 1 file."),
    (["check"], "old1", "Checked 1 file: 1 error, 0 warnings. 1 fixable with `taglint fix` (marked [*])."),
    (["rename", "Old", "Older", "--dry-run"], "Old", "a.md: 1 change"),
    (["rename", "Old", "Older"], "Old", "Changed 1 tag occurrence in 1 note and the taxonomy."),
    (["check", "--add-ignore"], "Zzz", "a.md: added 1 suppression"),
    (["check", "--add-ignore"], "Zzz", "Added 1 suppression to 1 file."),
]


@pytest.mark.parametrize(("command", "tags", "line"), ONE_OF_EACH, ids=[" ".join(c[0]) for c in ONE_OF_EACH])
def test_counts_of_one_are_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], tags: str, line: str) -> None:
    (tmp_path / "taxonomy.yaml").write_text(DESCRIBED)
    (tmp_path / "a.md").write_text(f"---\ntags: [{tags}]\n---\n")
    _, out, err = run_in(tmp_path, *command, capsys=capsys)
    assert line in (out + err).splitlines()
    assert not re.search(r"\b1 [a-z]+s\b(?! with)", out + err)


def test_taxonomy_check_counts_one_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(DESCRIBED + "  B: {description: b, parents: [A, NLP]}\n")  # NLP is already an ancestor
    (tmp_path / "a.md").write_text("---\ntags: [NLP, Old, A, B, old1]\n---\n")
    _, _, err = run_in(tmp_path, "taxonomy", "check", capsys=capsys)
    assert err == "1 taxonomy warning in taxonomy.yaml.\n"


def test_init_writes_singular_counts_into_the_taxonomy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ntags: [NLP]\n---\n")
    run_in(tmp_path, "init", capsys=capsys)
    head = (tmp_path / "taxonomy.yaml").read_text().split("version: 1")[0]
    assert ": 1 note,\n# 1 spelling, 1 canonical tag, 0 with aliases,\n# 0 uncertain candidates" in head
