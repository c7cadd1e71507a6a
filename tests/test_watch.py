"""`taglint check --watch` and `fix --watch`: a round per batch of changed files, each costing only the changed notes.

The in-process tests feed the rounds their changes (``Watched.changes``
replaced); one test changes a real file under a real `check --watch`.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import NLP_LLM

from taglint.cli import live_cmds
from taglint.cli.main import main
from taglint.lint import runner

CLEAN = "---\ntitle: N\ntags: [NLP]\n---\n"
ALIAS = "---\ntitle: N\ntags: [NLP, LLM]\n---\n"  # LLM: an alias of LanguageModel


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """Five clean notes, their stamps old enough for the result cache to keep (it waits two seconds for a fresh mtime)."""
    (tmp_path / "taxonomy.yaml").write_text(NLP_LLM, encoding="utf-8")
    old = time.time() - 60
    for n in range(5):
        note = tmp_path / f"n{n}.md"
        note.write_text(CLEAN, encoding="utf-8")
        os.utime(note, (old, old))
    return tmp_path


def feed(monkeypatch: pytest.MonkeyPatch, *rounds: tuple[Path, str]) -> None:
    """Each round: write ``text`` to the note, then report it changed (as the watcher would)."""

    def changes(self: live_cmds.Watched) -> Iterator[list[str]]:
        for path, text in rounds:
            path.write_text(text, encoding="utf-8")
            yield [str(path)]

    monkeypatch.setattr(live_cmds.Watched, "changes", changes)


def test_each_check_round_checks_only_the_changed_notes(
    notes: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    checked: list[str] = []
    real = runner.findings_of

    def counting(path: str, *args: object) -> object:
        checked.append(os.path.basename(path))
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "findings_of", counting)
    feed(monkeypatch, (notes / "n2.md", ALIAS))
    code = main(["check", "--watch", str(notes)])
    out = capsys.readouterr().out
    assert checked == ["n0.md", "n1.md", "n2.md", "n3.md", "n4.md", "n2.md"]  # the first round all, the second only n2.md
    assert out.count("Checked 5 files") == 1 and "n2.md:3:13: TG002" in out
    assert code == 1  # the last round found an error


def test_fix_rounds_fix_the_changed_note_and_skip_their_own_writes(
    notes: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note = notes / "n3.md"

    def changes(self: live_cmds.Watched) -> Iterator[list[str]]:
        note.write_text(ALIAS, encoding="utf-8")
        yield [str(note)]
        yield [str(note)]  # the watcher sees the fix's own write of n3.md: no round for it

    monkeypatch.setattr(live_cmds.Watched, "changes", changes)
    code = main(["fix", "--watch", str(notes)])
    captured = capsys.readouterr()
    assert note.read_text(encoding="utf-8") == "---\ntitle: N\ntags: [NLP, LanguageModel]\n---\n"
    assert [line for line in captured.out.splitlines() if line.startswith("Fixed")] == [
        "Fixed 0 issues in 0 files.",
        "Fixed 1 issue in 1 file.",
    ]
    assert code == 1  # the last round changed a file


def test_a_broken_taxonomy_is_reported_and_the_watch_goes_on(
    notes: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taxonomy = notes / "taxonomy.yaml"
    feed(monkeypatch, (taxonomy, NLP_LLM + "  Orphan: {parents: [Nowhere]}\n"), (taxonomy, NLP_LLM))
    code = main(["check", "--watch", str(notes)])
    captured = capsys.readouterr()
    assert 'parent "Nowhere" of "Orphan" is not a canonical tag' in captured.err
    assert captured.out.count("All checks passed") == 2 and code == 0


@pytest.mark.parametrize(
    ("args", "module", "hint"), [(["server"], "pygls", "taglint[lsp]"), (["check", "--watch", "."], "watchfiles", "taglint[watch]")]
)
def test_without_the_extra_it_says_what_to_install(
    args: list[str], module: str, hint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], notes: Path
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == module else real(name, *rest))
    monkeypatch.chdir(notes)
    assert main(args) == 2
    assert hint in capsys.readouterr().err


def test_a_real_file_change_starts_a_round(notes: Path) -> None:
    env = {**os.environ, "TAGLINT_NO_FAST_PATH": "1"}
    watching = subprocess.Popen(
        [sys.executable, "-m", "taglint", "check", "--watch", str(notes)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert watching.stderr is not None and watching.stdout is not None
        deadline = time.monotonic() + 30
        while "Watching for changes" not in watching.stderr.readline():
            assert time.monotonic() < deadline and watching.poll() is None
        time.sleep(0.3)  # the watcher is set up right after it says so
        (notes / "n1.md").write_text(ALIAS, encoding="utf-8")
        while "TG002" not in (line := watching.stdout.readline()):
            assert line and time.monotonic() < deadline
        assert "n1.md:3:13: TG002 alias-tag" in line
    finally:
        watching.send_signal(signal.SIGINT)
        watching.wait(10)
    assert watching.returncode in (0, 1)
