"""Two `taglint fix` runs on one tree at once, and a user editing a note while taglint fixes it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_crash_safety import make_collection, run_fix, snapshot, temp_files

from taglint.cli.main import main
from taglint.rewrite import files as fixfiles


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    original = tmp_path_factory.mktemp("original")
    old = make_collection(original, 200, seed=11)
    reference = tmp_path_factory.mktemp("reference") / "tree"
    shutil.copytree(original, reference)
    run_fix(reference)
    return original, old, snapshot(reference, old)


def race(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], work: Path, rounds: int) -> None:
    original, old, fixed = collection
    for round_ in range(rounds):
        tree = work / f"round{round_}"
        shutil.copytree(original, tree)
        command = [sys.executable, "-m", "taglint", "fix", "-q", "."]
        # Same tree, two orders of arrival: the second starts on a file list the first is rewriting.
        runs = [subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=300) for run in runs]
        for out, err in outputs:
            assert "Traceback" not in out + err
        assert all(run.returncode in (0, 1) for run in runs)
        now = snapshot(tree, old)
        # Whoever lost a race on a file refused to overwrite it; the winner wrote the fixed bytes.
        broken = [name for name in old if now[name] != fixed[name]]
        assert broken == [], f"round {round_}: not exactly fixed: {broken[:5]}"
        assert temp_files(tree) == []


def test_two_fix_runs_at_once(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    race(collection, tmp_path, rounds=2)


@pytest.mark.slow
def test_two_fix_runs_at_once_repeatedly(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    race(collection, tmp_path, rounds=15)


def test_note_edited_while_fixing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP:\n    aliases: [nlp-ish]\n")
    note = tmp_path / "note.md"
    note.write_bytes(b"---\ntags: [nlp-ish]\n---\nold body\n")
    edited = b"---\ntags: [nlp-ish]\n---\nthe user typed this while taglint ran\n"
    real_fix_note = fixfiles.fix_note

    def fix_while_user_saves(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        outcome = real_fix_note(*args, **kwargs)  # type: ignore[arg-type]
        note.write_bytes(edited)  # the editor saves between taglint's read and its write
        return outcome

    monkeypatch.setattr(fixfiles, "fix_note", fix_while_user_saves)
    monkeypatch.chdir(tmp_path)
    code = main(["fix", "."])
    captured = capsys.readouterr()
    assert note.read_bytes() == edited
    assert "note.md: not fixed: changed on disk while taglint was fixing it; not overwritten" in captured.err
    assert code == 1
    assert temp_files(tmp_path) == []
