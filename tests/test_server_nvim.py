"""`taglint server` under a real editor: headless Neovim (scripts/nvim_lsp_check.lua), when nvim is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTE = REPO / "examples" / "paper-notes" / "1111-tsuzumi-ntt-23.md"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("nvim") is None, reason="needs Neovim (Debian: apt-get install neovim)")
def test_neovim_gets_the_diagnostics_check_reports() -> None:
    env = {**os.environ, "TAGLINT_SERVER": f"{sys.executable} -m taglint server"}
    done = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", "luafile scripts/nvim_lsp_check.lua", str(NOTE)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    check = subprocess.run(
        [sys.executable, "-m", "taglint", "check", "--no-cache", "--output-format", "json", "-q", str(NOTE)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    expected = [f"diagnostic {NOTE.name}:{d['line']}:{d['column']}: {d['message']}" for d in json.loads(check.stdout)]
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("diagnostic ")] == expected
    assert 'code action: taglint: Replace with "EfficiencyImprovement"' in lines
    assert lines.count("code action: taglint: fix all safe fixes in this note") == 1
    assert any(line.startswith("completion: ") and int(line.split()[1]) > 100 for line in lines)
    assert any(line.startswith("hover: `Efficiency/SpeedUp` is an alias of `EfficiencyImprovement`") for line in lines)


WAIT_AND_PRINT = (
    "lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50); "
    "for _, d in ipairs(vim.diagnostic.get(0)) do io.stdout:write(string.format('%d:%d: %s\\n', d.lnum + 1, d.col + 1, d.message)) end; "
    "vim.cmd('qall!')"
)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("nvim") is None, reason="needs Neovim (Debian: apt-get install neovim)")
def test_the_readmes_neovim_configuration_starts_the_server(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Neovim** (0.7 or newer)") :]
    init = tmp_path / "init.lua"
    init.write_text(section.split("```lua\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # where `taglint` is installed
    done = subprocess.run(
        ["nvim", "--headless", "-u", str(init), str(NOTE), "-c", WAIT_AND_PRINT],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    check = subprocess.run(
        [sys.executable, "-m", "taglint", "check", "--no-cache", "--output-format", "json", "-q", str(NOTE)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.stdout.splitlines() == [f"{d['line']}:{d['column']}: {d['message']}" for d in json.loads(check.stdout)], done.stderr
