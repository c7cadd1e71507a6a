"""The commands that write or check the taxonomy itself: ``init`` and ``taxonomy check``.

Registered on the ``cli`` group of ``taglint.cli.app`` by importing this module
(``tool_cmds``: tags, tree, graph; ``retag_cmds``: rename, remove, split).
Like the other command modules this only parses options, calls the library, prints and
returns an exit code; heavy imports stay inside the commands.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from taglint.cli.app import (
    EXIT_CLEAN,
    ConfigProblem,
    cli,
    config_option,
    dialect_line,
    exit_with,
    load_config_for,
    load_taxonomy_of,
    paths_argument,
    taxonomy_option,
    use_color,
)
from taglint.report.escape import visible_line
from taglint.report.words import counted


@cli.command(short_help="Write a starting taxonomy.yaml from the tags in use.")
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to write the taxonomy [default: the project's taxonomy path: beside its config, or in the directory given].",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@config_option
def init(paths: tuple[str, ...], output: str | None, force: bool, config_path: str | None) -> None:
    """Write a starting taxonomy.yaml from the tags an existing collection uses.

    Spellings of one tag (case, separators, plurals, well-known short forms,
    misspellings; truncations, acronyms and renames only when the notes agree)
    become aliases of one canonical tag, with the evidence in a comment;
    weaker candidates are written as comments to accept by hand. The file goes
    to the collection's project root (beside its taglint.toml, or into the
    directory given) and its path is printed.

    \b
    Example:
      taglint init notes/ && taglint check notes/
    """
    from taglint.tools.infer import infer, render
    from taglint.tools.infer.render import init_target
    from taglint.tools.usage import scan

    targets = list(paths) or ["."]
    config = load_config_for(targets, config_path, None)
    where = output or init_target(config, targets[0])
    shown = _display(where)
    if os.path.exists(where) and not force:
        raise click.UsageError(f"{shown} exists; use --force to overwrite it or -o to write elsewhere")
    usage = scan(targets, config)
    result = infer(usage)
    directory = os.path.dirname(os.path.abspath(where))
    try:
        os.makedirs(directory, exist_ok=True)
        with open(where, "w", encoding="utf-8") as handle:
            handle.write(render(result, usage.notes, " ".join(targets), dialect_line(config)))
    except OSError as exc:
        raise ConfigProblem(f"{shown}: not written: {exc.strerror}") from None
    click.echo(
        f"Wrote {shown}: {counted(usage.notes, 'note')}, {counted(result.tags, 'spelling')}, {counted(len(result.groups), 'canonical tag')}, "
        f"{result.merged} with aliases, {counted(result.uncertain, 'uncertain candidate')} (commented out)."
    )


def _display(path: str) -> str:
    """``path`` relative to the current directory when it is below it, else absolute."""
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith(os.pardir) else os.path.abspath(path)


@cli.group(name="taxonomy")
def taxonomy_group() -> None:
    """Work on the taxonomy itself."""


@taxonomy_group.command(name="check")
@paths_argument
@config_option
@taxonomy_option
def taxonomy_check(paths: tuple[str, ...], config_path: str | None, taxonomy: str | None) -> None:
    """Quality checks of taxonomy.yaml (warnings), including usage in the notes.

    redundant-parent, missing-description, exclusive-hierarchy and
    slug-collision need only the taxonomy (`taglint check` runs them too);
    unused-tag and unused-alias scan the notes under PATHS.

    \b
    Example:
      taglint taxonomy check examples/paper-notes
    """
    from taglint.checks.taxonomy import lint_static, lint_usage
    from taglint.report import output
    from taglint.tools.usage import scan

    targets = list(paths) or ["."]
    config = load_config_for(targets, config_path, taxonomy)
    tax = load_taxonomy_of(config)
    with open(config.taxonomy_path, encoding="utf-8") as handle:
        text = handle.read()
    found = lint_static(tax, text) + lint_usage(tax, text, set(scan(targets, config).tags))
    result = _file_result(config.taxonomy_path, text, found)
    color = use_color(sys.stdout)
    for d in result.diagnostics:
        click.echo(output.text_line(result, d, color), color=color)
    click.echo(visible_line(f"{counted(len(found), 'taxonomy warning')} in {result.path}."), err=True)
    exit_with(EXIT_CLEAN)


def _file_result(path: str, text: str, found: list[Any]) -> Any:
    from taglint.files.text import LineIndex
    from taglint.model import FileResult

    found = sorted(found, key=lambda d: (d.span.start, d.code))
    return FileResult(os.path.relpath(path), tuple(found), tuple(LineIndex(text).starts))
