"""The progress bar of long runs: when it shows (terminal, not CI, not -q, long run), and what a terminal receives."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from taglint.cli.progress import AFTER_FILES, AFTER_SECONDS, Progress, long_run, watched


class Terminal:
    def isatty(self) -> bool:
        return True


class Pipe:
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("stream", "quiet", "environ", "expected"),
    [
        (Terminal(), False, {}, True),
        (Pipe(), False, {}, False),
        (Terminal(), True, {}, False),  # -q
        (Terminal(), False, {"CI": "true"}, False),
        (Terminal(), False, {"CI": "false"}, True),
        (Terminal(), False, {"CI": ""}, True),
        (Terminal(), False, {"GITHUB_ACTIONS": "true"}, False),
        (Terminal(), False, {"TF_BUILD": "True"}, False),  # Azure Pipelines sets no CI
        (Terminal(), False, {"JENKINS_URL": "http://ci.example"}, False),
        (Terminal(), False, {"TERM": "dumb"}, False),
        (object(), False, {}, False),  # no isatty at all
    ],
)
def test_shown_only_to_a_person_at_a_terminal(stream: object, quiet: bool, environ: dict[str, str], expected: bool) -> None:
    assert watched(stream, quiet, environ) is expected


@pytest.mark.parametrize(
    ("files", "seconds", "expected"),
    [(10, 0.1, False), (AFTER_FILES, AFTER_SECONDS, False), (AFTER_FILES + 1, 0.1, True), (10, AFTER_SECONDS + 0.1, True)],
)
def test_shown_only_once_the_run_is_long(files: int, seconds: float, expected: bool) -> None:
    assert long_run(files, seconds) is expected


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _read_all(fd: int) -> bytes:
    chunks = []
    while select.select([fd], [], [], 0.2)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed (Linux reports EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_real_render_through_a_pty() -> None:
    master, slave = pty.openpty()
    clock = Clock()
    with os.fdopen(slave, "w", encoding="utf-8") as terminal:
        progress = Progress("Checking notes", terminal, enabled=True, clock=clock)
        progress.advance(1000)  # short so far: nothing drawn
        early = _read_all(master)
        clock.now = AFTER_SECONDS + 1
        progress.advance(1000)
        progress.clear()  # before findings reach the terminal
        progress.advance(24)
        progress.close()
        drawn = _read_all(master)
    os.close(master)
    assert early == b""
    assert b"Checking notes" in drawn and b"2000" in drawn and b"2024" in drawn
    assert drawn.count(b"\r\x1b[2K") == 2  # cleared before the findings and at the end
    assert drawn.endswith(b"\r\x1b[2K\x1b[?25h")  # the line erased and the cursor back


def test_a_disabled_progress_draws_nothing() -> None:
    master, slave = pty.openpty()
    with os.fdopen(slave, "w", encoding="utf-8") as terminal:
        progress = Progress("Checking notes", terminal, enabled=False, clock=lambda: 100.0)
        progress.advance(AFTER_FILES * 2)
        progress.close()
        drawn = _read_all(master)
    os.close(master)
    assert drawn == b""


def _tree(root: Path, notes: int) -> None:
    (root / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP: {}\n", encoding="utf-8")
    (root / "notes").mkdir()
    for index in range(notes):
        (root / "notes" / f"n{index:05d}.md").write_text("---\ntags: [NLP]\n---\n", encoding="utf-8")
    (root / "notes" / "z.md").write_text("---\ntags: [Nope]\n---\n", encoding="utf-8")


def _run(root: Path, stderr_tty: bool, *args: str) -> tuple[int, str, bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "TERM", "NO_COLOR", "FORCE_COLOR")}
    env["TAGLINT_NO_FAST_PATH"] = "1"
    master, slave = pty.openpty() if stderr_tty else (None, None)
    done = subprocess.Popen(
        [sys.executable, "-m", "taglint", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=slave if slave is not None else subprocess.PIPE,
    )
    if slave is not None:
        os.close(slave)
    out, err = done.communicate(timeout=600)
    if master is not None:
        err = _read_all(master)
        os.close(master)
    return done.returncode, out.decode(), err


@pytest.mark.slow
def test_a_long_check_shows_the_bar_on_a_terminal_only(tmp_path: Path) -> None:
    _tree(tmp_path, AFTER_FILES + 1)
    code, out, err = _run(tmp_path, True, "check", "--no-cache", "notes")
    assert code == 1
    assert b"Checking notes" in err and b"\r\x1b[2K\x1b[?25h" in err
    assert out.splitlines()[-1].startswith(f"Checked {AFTER_FILES + 2} files: 1 error")  # the report is as without a bar
    code, _, err = _run(tmp_path, False, "check", "--no-cache", "notes")
    assert code == 1 and err == b""
    code, _, err = _run(tmp_path, True, "check", "--no-cache", "-q", "notes")
    assert code == 1 and b"Checking" not in err
