"""The shared command-line options reach a command as one ``Options`` and one ``ReportOptions``."""

from __future__ import annotations

from typing import Any

import click
import pytest
from click.testing import CliRunner

from taglint.api import Options
from taglint.cli.app import ReportOptions, with_common


def received(*args: str, own_options: bool = True) -> dict[str, Any]:
    """What a command built with ``with_common`` is called with, for ``args``."""
    seen: dict[str, Any] = {}

    @click.command()
    @click.argument("paths", nargs=-1)
    @with_common
    def probe(**kwargs: Any) -> None:
        seen.update(kwargs)

    if own_options:
        probe = click.option("--exit-zero", is_flag=True)(click.option("--statistics", is_flag=True)(probe))  # type: ignore[assignment]
        probe = click.option("--no-cache", is_flag=True)(click.option("--cache-dir")(probe))  # type: ignore[assignment]
    outcome = CliRunner().invoke(probe, list(args))  # type: ignore[arg-type]
    assert outcome.exit_code == 0, outcome.output
    return seen


def test_defaults_are_the_api_defaults() -> None:
    assert received() == {"paths": (), "options": Options(), "report": ReportOptions()}


def test_shared_options_become_the_options_object() -> None:
    got = received(
        "notes",
        "--config",
        "c.toml",
        "--taxonomy",
        "t.yaml",
        "--rules",
        "r",
        "--select",
        "TG001,alias-tag",
        "--select",
        "TG003",
        "--ignore",
        " TG004 ,",
        "--force-exclude",
        "-j",
        "3",
    )
    assert got["paths"] == ("notes",)
    assert got["options"] == Options(
        config="c.toml", taxonomy="t.yaml", rules="r", select=("TG001", "alias-tag", "TG003"), ignore=("TG004",), force_exclude=True, jobs=3
    )


def test_report_options_and_a_commands_own_options() -> None:
    got = received(
        "--output-format",
        "json",
        "-o",
        "out.json",
        "--fail-on",
        "warning",
        "-q",
        "--statistics",
        "--exit-zero",
        "--no-cache",
        "--cache-dir",
        "cache",
    )
    assert got["report"] == ReportOptions("json", "out.json", "warning", quiet=True, statistics=True, exit_zero=True)
    assert (got["options"].cache, got["options"].cache_dir) == (False, "cache")


def test_a_command_without_cache_options_caches() -> None:
    got = received(own_options=False)
    assert (got["options"].cache, got["report"].statistics) == (True, False)


@pytest.mark.parametrize(("failed", "exit_zero", "code"), [(False, False, 0), (True, False, 1), (True, True, 0)])
def test_exit_code(failed: bool, exit_zero: bool, code: int) -> None:
    assert ReportOptions(exit_zero=exit_zero).exit_code(failed) == code
