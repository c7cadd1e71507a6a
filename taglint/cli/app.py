"""The ``taglint`` click group and what its commands share: exit codes, options as objects, errors, reports.

Exit codes: 0 no error-severity finding; 1 at least one (for ``fix``: files
changed or unfixable errors remain); 2 usage, config or taxonomy error.

The shared options reach a command as two objects: ``options``, the
``taglint.api.Options`` of the run, and ``report``, a ``ReportOptions`` saying
how to print it. The library (``taglint.api``) is imported by the commands
that run, so that ``taglint --version`` or ``taglint rules`` start quickly.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from taglint._version import __version__
from taglint.report.formats import FORMATS

if TYPE_CHECKING:
    from taglint.project.setup import Setup
    from taglint.report.formats import Reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CONFIG = 0, 1, 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class ConfigProblem(click.ClickException):
    exit_code = EXIT_CONFIG

    def show(self, file: object = None) -> None:
        from taglint.report.escape import visible_line

        # Located errors quote names and values from files a pull request may have written.
        click.echo("\n".join(visible_line(line) for line in self.message.split("\n")), err=True)


@contextmanager
def project_errors() -> Iterator[None]:
    """The library's loading errors as the CLI reports them: a located config problem, or a usage error."""
    from taglint.api import OptionsError, ProjectError

    try:
        yield
    except ProjectError as exc:
        raise ConfigProblem(str(exc)) from None
    except OptionsError as exc:
        raise click.UsageError(str(exc)) from None


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@dataclass(frozen=True)
class ReportOptions:
    """How a run is printed: the report format and file, what fails it, how much is said."""

    format: str | None = None  # None: github inside GitHub Actions, else text
    output_file: str | None = None
    fail_on: str = "error"
    quiet: bool = False
    statistics: bool = False  # a count per rule instead of each finding (check)
    exit_zero: bool = False

    def open(self, project: Setup) -> Reporter:
        from taglint.report import formats

        fmt = self.format or formats.default_format(os.environ)
        return formats.Reporter.open(fmt, self.output_file, project, self.fail_on, _use_color(sys.stdout))

    def exit_code(self, failed: bool) -> int:
        return EXIT_FINDINGS if failed and not self.exit_zero else EXIT_CLEAN


common_options = [
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest taglint.toml or pyproject.toml with [tool.taglint])."),
    click.option("--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config)."),
    click.option("--rules", type=click.Path(), help="Rule-set file or directory (default: rules/ beside the config)."),
    click.option("--select", multiple=True, help="Only these rules (names or codes, comma-separated; repeatable)."),
    click.option("--ignore", multiple=True, help="Skip these rules (names or codes, comma-separated; repeatable)."),
    click.option("--output-format", type=click.Choice(list(FORMATS)), default=None, help="Report format [default: github when GITHUB_ACTIONS=true, else text]."),
    click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout."),
    click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True, help="Lowest severity that makes the exit code 1."),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
    click.option("--force-exclude", is_flag=True, help="Apply exclude patterns to files named on the command line too (for pre-commit)."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes for runs of 512+ files [default: one per CPU]."),
]


def with_common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the shared options to a command, which receives them as ``options`` and ``report``.

    A command's own ``--no-cache``/``--cache-dir`` and ``--statistics``/``--exit-zero``,
    when it has them, go into the same two objects.
    """

    @functools.wraps(func)
    def command(*args: Any, config_path: str | None, taxonomy: str | None, rules: str | None, select: Sequence[str], ignore: Sequence[str], output_format: str | None, output_file: str | None, fail_on: str, quiet: bool, force_exclude: bool, jobs: int | None, **own: Any) -> Any:
        from taglint.api import Options

        options = Options(
            config=config_path, taxonomy=taxonomy, rules=rules, select=_split(select), ignore=_split(ignore),
            force_exclude=force_exclude, jobs=jobs, cache=not own.pop("no_cache", False), cache_dir=own.pop("cache_dir", None),
        )
        report = ReportOptions(output_format, output_file, fail_on, quiet, statistics=own.pop("statistics", False), exit_zero=own.pop("exit_zero", False))
        return func(*args, options=options, report=report, **own)

    for option in reversed(common_options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taglint")
def cli() -> None:
    """taglint: lint and fix the tags in Markdown notes against a taxonomy.

    \b
    Examples:
      taglint check                      # check every note under .
      taglint check notes/ --output-format json
      taglint rule unknown-tag           # what a rule checks and why
    """
