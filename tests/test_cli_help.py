"""The command line as a whole: help text, bare `taglint`, shell completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from taglint.cli.main import main

TAGLINT = [sys.executable, "-c", "import sys; from taglint.cli.fast import main; sys.exit(main())"]


def _commands(help_text: str) -> dict[str, str]:
    """The command list of ``taglint --help``: name -> short help."""
    section = help_text.split("\nCommands:\n", 1)[1]
    return dict(re.findall(r"^  (\S+)\s+(.*)$", section, re.M))


def test_help_lists_every_command_with_a_whole_sentence(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # click shortens help to fit the terminal: the usual 80 columns
    assert main(["--help"]) == 0
    commands = _commands(capsys.readouterr().out)
    assert {"check", "fix", "rule", "rules", "split", "graph"} <= set(commands)
    cut = {name: text for name, text in commands.items() if text.endswith(("...", "e.g.")) or not text.endswith(".")}
    assert cut == {}


def test_bare_taglint_prints_help_on_stderr_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Usage: taglint [OPTIONS] COMMAND [ARGS]...") and "\nCommands:\n" in captured.err


def test_a_bare_command_group_does_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy"]) == 2
    assert "Usage: taglint taxonomy" in capsys.readouterr().err


def test_help_option_exits_0_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-h"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Usage: taglint") and captured.err == ""


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _taglint_completion taglint"),
        ("zsh", "#compdef taglint"),
        ("fish", "complete --no-files --command taglint"),
    ],
)
def test_shell_completion_script(shell: str, marker: str) -> None:
    env = {**os.environ, "_TAGLINT_COMPLETE": f"{shell}_source"}
    done = subprocess.run(TAGLINT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout


def test_completion_offers_the_commands() -> None:
    env = {**os.environ, "_TAGLINT_COMPLETE": "bash_complete", "COMP_WORDS": "taglint sp", "COMP_CWORD": "1"}
    done = subprocess.run(TAGLINT, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["plain,split"]
