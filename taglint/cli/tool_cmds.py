"""The commands that show how a collection uses its taxonomy: ``tags`` (alias ``stats``), ``tree``, ``graph``.

Each takes the collection's PATHS (default: the current directory), reads the
notes the way ``check`` does, and prints; heavy imports stay inside the commands.
"""

from __future__ import annotations

import os
import sys

import click

from taglint.cli.app import (
    cli,
    config_option,
    existing_paths,
    load_config_for,
    load_taxonomy_of,
    paths_argument,
    taxonomy_option,
    use_color,
)
from taglint.report.escape import visible_line
from taglint.report.words import counted

_GRAPH_FORMATS = ("dot", "mermaid", "json")


@cli.command(name="tags", short_help="Every tag in use: count, status, first and last date.")
@paths_argument
@click.option("--unused", is_flag=True, help="List the canonical tags no note uses instead.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@config_option
@taxonomy_option
def tags_cmd(paths: tuple[str, ...], unused: bool, fmt: str, config_path: str | None, taxonomy: str | None) -> None:
    """Every tag in use: count, status against the taxonomy, first and last note date.

    Status is canonical, alias, deprecated or unknown; an unknown tag used once
    is flagged as a likely typo. Also available as `taglint stats`.

    \b
    Examples:
      taglint tags examples/paper-notes
      taglint tags --unused --format csv
    """
    from taglint.parse.dialects import nested
    from taglint.tools import stats as tagstats
    from taglint.tools.usage import scan

    targets = list(paths) or ["."]
    config = load_config_for(targets, config_path, taxonomy)
    tax = load_taxonomy_of(config)
    usage = scan(targets, config, nested=nested(config.dialect))
    rows = tagstats.unused_rows(usage, tax) if unused else tagstats.rows(usage, tax)
    if not rows and fmt == "text":
        # An empty table would print nothing at all: say what was looked at instead.
        where = visible_line(" ".join(targets))
        if unused:
            click.echo(f"Every canonical tag is used ({counted(usage.notes, 'note')} under {where}).")
        else:
            click.echo(f"No tags in use: {counted(usage.notes, 'note')} under {where}, none with a tag.")
        return
    click.echo(tagstats.format_rows(rows, fmt), nl=False)


cli.add_command(tags_cmd, name="stats")


@cli.command()
@paths_argument
@click.option("--root", help="Show only this tag and its descendants.")
@config_option
@taxonomy_option
def tree(paths: tuple[str, ...], root: str | None, config_path: str | None, taxonomy: str | None) -> None:
    """The taxonomy hierarchy as an indented tree with usage counts.

    A count is the number of notes tagged with the tag or any descendant;
    aliases are shown dimmed.

    \b
    Example:
      taglint tree examples/paper-notes --root Article
    """
    from taglint.parse.dialects import nested
    from taglint.tools.graph import UnknownRoot, tree_lines, with_nested_parents
    from taglint.tools.usage import canonical_counts, scan

    targets = list(paths) or ["."]
    config = load_config_for(targets, config_path, taxonomy)
    tax = load_taxonomy_of(config)
    if nested(config.dialect):
        tax = with_nested_parents(tax)
    _direct, rolled = canonical_counts(scan(targets, config, nested=nested(config.dialect)), tax)
    color = use_color(sys.stdout)
    dim = (lambda s: click.style(s, dim=True)) if color else str
    try:
        lines = tree_lines(tax, rolled, root, dim)
    except UnknownRoot as exc:
        raise click.UsageError(str(exc)) from None
    for line in lines:
        click.echo(line, color=color)


def _graph_paths(ctx: click.Context, param: click.Parameter, paths: tuple[str, ...]) -> tuple[str, ...]:
    for path in paths:
        if path in _GRAPH_FORMATS and not os.path.lexists(path):
            # `taglint graph mermaid` once meant the format: say where the format goes.
            raise click.UsageError(f"path {path!r} does not exist (for the output format, use --format {path})", ctx)
    return existing_paths(ctx, param, paths)


@cli.command(short_help="The taxonomy as a graph (DOT, Mermaid, JSON) with counts.")
@click.argument("paths", nargs=-1, type=click.Path(), callback=_graph_paths)
@click.option("--format", "fmt", type=click.Choice(_GRAPH_FORMATS), default="dot", show_default=True)
@click.option("--root", help="Only this tag and its descendants.")
@click.option("--notes", "notes", multiple=True, type=click.Path(), hidden=True, deprecated="Pass the notes as PATHS instead.")
@config_option
@taxonomy_option
def graph(
    paths: tuple[str, ...], fmt: str, root: str | None, notes: tuple[str, ...], config_path: str | None, taxonomy: str | None
) -> None:
    """The taxonomy as a graph (DOT, Mermaid or JSON), labels with usage counts.

    Parents are edges; a count is the number of notes under PATHS (default:
    the current directory) tagged with the tag or any descendant.

    \b
    Example:
      taglint graph examples/paper-notes --format mermaid --root Article
    """
    from taglint.parse.dialects import nested
    from taglint.tools.graph import FORMATS, UnknownRoot, with_nested_parents
    from taglint.tools.usage import canonical_counts, scan

    targets = [*paths, *notes] or ["."]
    config = load_config_for(targets, config_path, taxonomy)
    tax = load_taxonomy_of(config)
    if nested(config.dialect):
        tax = with_nested_parents(tax)
    counts = canonical_counts(scan(targets, config, nested=nested(config.dialect)), tax)[1]
    try:
        click.echo(FORMATS[fmt](tax, counts, root), nl=False)
    except UnknownRoot as exc:
        raise click.UsageError(str(exc)) from None
