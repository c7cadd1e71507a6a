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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from taglint._version import __version__
from taglint.cli.exits import EXIT_CLEAN, EXIT_CONFIG, EXIT_FINDINGS
from taglint.report.formats import FORMATS

if TYPE_CHECKING:
    from taglint.project.config import Config
    from taglint.project.setup import Setup
    from taglint.project.taxonomy import Taxonomy
    from taglint.report.formats import Reporter


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


def use_color(stream: object, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour what goes to ``stream``: CPython's own order (``_colorize.can_colorize``, 3.13).

    ``NO_COLOR`` (https://no-color.org) wins, then ``FORCE_COLOR`` (https://force-color.org),
    then ``TERM=dumb`` (a terminal without escape sequences), then whether ``stream`` is a terminal.
    Each counts only when set to a non-empty value.
    """
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@dataclass(frozen=True)
class ReportOptions:
    """How a run is printed: the report format and file, what fails it, how much is said."""

    format: str | None = None  # None: github inside GitHub Actions, else text
    output_file: str | None = None
    fail_on: str = "error"
    quiet: bool = False
    verbose: bool = False  # say how the notes are read (the dialect and why) before the report
    statistics: bool = False  # a count per rule instead of each finding (check)
    exit_zero: bool = False

    def open(self, project: Setup) -> Reporter:
        from taglint.report import formats

        fmt = self.format or formats.default_format(os.environ)
        return formats.Reporter.open(fmt, self.output_file, project, self.fail_on, use_color(sys.stdout))

    def exit_code(self, failed: bool) -> int:
        return EXIT_FINDINGS if failed and not self.exit_zero else EXIT_CLEAN


def existing_paths(ctx: click.Context, param: click.Parameter, paths: tuple[str, ...]) -> tuple[str, ...]:
    """The PATHS argument's check: a path that is not there is a usage error, not a finding about it."""
    for path in paths:
        if not os.path.lexists(path):  # a dangling symlink exists: reading it is a finding about that note
            raise click.UsageError(f"path {path!r} does not exist", ctx)
    return paths


# The collection's files and directories, as every command that reads notes takes them.
paths_argument = click.argument("paths", nargs=-1, type=click.Path(), callback=existing_paths)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: nearest taglint.toml or pyproject.toml with [tool.taglint]).",
)
taxonomy_option = click.option(
    "--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config)."
)
# check and fix: fix keeps no result cache, but takes the options so one set of flags serves both.
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Do not read or write the result cache (fix keeps none: accepted for scripts that pass check's flags)."
)
cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache directory [default: .taglint_cache beside the config]."
)


def load_config_for(paths: Sequence[str], config_path: str | None, taxonomy: str | None) -> Config:
    """The config for ``paths`` (the taxonomy tools' ``--config``/``--taxonomy``), errors as the CLI reports them."""
    from taglint.api import Options, load_config

    with project_errors():
        return load_config(paths, Options(config=config_path, taxonomy=taxonomy))


def load_taxonomy_of(config: Config) -> Taxonomy:
    from taglint.api import load_taxonomy

    with project_errors():
        return load_taxonomy(config)


def dialect_line(config: Config) -> str:
    """How the notes are read, in one line: the dialect, why it was chosen, the tag fields (``--verbose``, ``init``)."""
    fields = ", ".join(config.tag_fields)
    return f"Dialect: {config.dialect} ({config.dialect_reason}); tag fields: {fields}"


def exit_with(code: int) -> None:
    click.get_current_context().exit(code)


def patch_of(path: str, before: str, after: str) -> str:
    """A diff of one file that ``git apply`` takes: ``a/``/``b/`` headers relative to the repository root, BOM kept.

    The root is the nearest directory holding ``.git`` above the working
    directory (else the working directory), as the SARIF and GitLab reports
    name files, so the patch applies from there like ``git diff`` output does.
    Notes are decoded without their UTF-8 BOM; a patch for a note that has
    one must carry it on the first line, or the line would not match. Only
    ``--diff`` prints patches, and it writes nothing, so the file still starts
    with the bytes that were read.
    """
    from taglint.files.text import UTF8_BOM
    from taglint.report.gitlab import repository_path
    from taglint.report.sarif import repository_root
    from taglint.rewrite.outcome import unified_diff

    try:
        with open(path, "rb") as handle:
            bom = handle.read(len(UTF8_BOM)) == UTF8_BOM
    except OSError:
        bom = False
    if bom and not before.startswith("\ufeff"):
        before, after = "\ufeff" + before, "\ufeff" + after
    return unified_diff(repository_path(path, repository_root()), before, after)


common_options = [
    config_option,
    taxonomy_option,
    click.option("--rules", type=click.Path(), help="Rule-set file or directory (default: rules/ beside the config)."),
    click.option("--select", multiple=True, help="Only these rules (names or codes, comma-separated; repeatable)."),
    click.option("--ignore", multiple=True, help="Skip these rules (names or codes, comma-separated; repeatable)."),
    click.option(
        "--output-format",
        type=click.Choice(list(FORMATS)),
        default=None,
        help="Report format [default: github when GITHUB_ACTIONS=true, else text].",
    ),
    click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout."),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning"]),
        default="error",
        show_default=True,
        help="Lowest severity that makes the exit code 1.",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
    click.option("-v", "--verbose", is_flag=True, help="Also say how the notes are read: the dialect, why it was chosen, the tag fields."),
    click.option(
        "--dialect",
        type=click.Choice(["auto", "obsidian", "jekyll", "hugo", "generic"]),
        default=None,
        help="How notes are read [default: the config's `dialect`, else auto: detected from .obsidian/, _config.yml, hugo.toml].",
    ),
    click.option("--force-exclude", is_flag=True, help="Apply exclude patterns to files named on the command line too (for pre-commit)."),
    click.option(
        "--respect-gitignore/--no-respect-gitignore",
        default=None,
        help="Skip files git ignores (.gitignore, .git/info/exclude, the global excludes file) in directories [default: the config's respect-gitignore, true].",
    ),
    click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes for runs of 512+ files [default: one per CPU]."
    ),
]


def with_common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the shared options to a command, which receives them as ``options`` and ``report``.

    A command's own ``--no-cache``/``--cache-dir`` and ``--statistics``/``--exit-zero``,
    when it has them, go into the same two objects.
    """

    @functools.wraps(func)
    def command(
        *args: Any,
        config_path: str | None,
        taxonomy: str | None,
        rules: str | None,
        select: Sequence[str],
        ignore: Sequence[str],
        output_format: str | None,
        output_file: str | None,
        fail_on: str,
        quiet: bool,
        verbose: bool,
        dialect: str | None,
        force_exclude: bool,
        respect_gitignore: bool | None,
        jobs: int | None,
        **own: Any,
    ) -> Any:
        from taglint.api import Options

        options = Options(
            config=config_path,
            taxonomy=taxonomy,
            rules=rules,
            select=_split(select),
            ignore=_split(ignore),
            force_exclude=force_exclude,
            respect_gitignore=respect_gitignore,
            jobs=jobs,
            cache=not own.pop("no_cache", False),
            cache_dir=own.pop("cache_dir", None),
            dialect=dialect,
        )
        report = ReportOptions(
            output_format,
            output_file,
            fail_on,
            quiet,
            verbose=verbose,
            statistics=own.pop("statistics", False),
            exit_zero=own.pop("exit_zero", False),
        )
        return func(*args, options=options, report=report, **own)

    for option in reversed(common_options):
        command = option(command)
    return command


# `taglint` alone prints this help on stderr and exits 2, a usage error, as click (8.2+) does for a group
# without a command; `taglint --help` prints it on stdout and exits 0.
@click.group(context_settings={"help_option_names": ["-h", "--help"]}, no_args_is_help=True)
@click.version_option(__version__, prog_name="taglint")
def cli() -> None:
    """taglint: lint and fix the tags in Markdown notes against a taxonomy.

    \b
    Examples:
      taglint check                      # check every note under .
      taglint check notes/ --output-format json
      taglint rule unknown-tag           # what a rule checks and why
    """
