"""Taxonomy workflow commands: init, tags/stats, tree, rename, remove, graph, taxonomy check.

Registered on the ``cli`` group of ``taglint.cli.app`` by importing this module.
Like the other command modules this only parses options, calls the library, prints and
returns an exit code; heavy imports stay inside the commands.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from taglint.cli.app import EXIT_CLEAN, EXIT_FINDINGS, ConfigProblem, _use_color, cli, project_errors
from taglint.report.escape import visible_line

if TYPE_CHECKING:
    from taglint.project.config import Config
    from taglint.project.taxonomy import Taxonomy

_config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest taglint.toml or pyproject.toml).")
_taxonomy_option = click.option("--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config).")


def _config(paths: Sequence[str], config_path: str | None, taxonomy: str | None) -> Config:
    from taglint.api import Options, load_config

    with project_errors():
        return load_config(paths, Options(config=config_path, taxonomy=taxonomy))


def _taxonomy(config: Config) -> Taxonomy:
    from taglint.api import load_taxonomy

    with project_errors():
        return load_taxonomy(config)


def _exit(code: int) -> None:
    click.get_current_context().exit(code)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Where to write the taxonomy [default: the project's taxonomy path: beside its config, or in the directory given].")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_config_option
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
    config = _config(targets, config_path, None)
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
            handle.write(render(result, usage.notes, " ".join(targets)))
    except OSError as exc:
        raise ConfigProblem(f"{shown}: not written: {exc.strerror}") from None
    click.echo(
        f"Wrote {shown}: {usage.notes} notes, {result.tags} spellings, {len(result.groups)} canonical tags, "
        f"{result.merged} with aliases, {result.uncertain} uncertain candidates (commented out)."
    )


def _display(path: str) -> str:
    """``path`` relative to the current directory when it is below it, else absolute."""
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith(os.pardir) else os.path.abspath(path)


@cli.command(name="tags")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--unused", is_flag=True, help="List the canonical tags no note uses instead.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@_config_option
@_taxonomy_option
def tags_cmd(paths: tuple[str, ...], unused: bool, fmt: str, config_path: str | None, taxonomy: str | None) -> None:
    """Every tag in use: count, status against the taxonomy, first and last note date.

    Status is canonical, alias, deprecated or unknown; an unknown tag used once
    is flagged as a likely typo. Also available as `taglint stats`.

    \b
    Examples:
      taglint tags examples/paper-notes
      taglint tags --unused --format csv
    """
    from taglint.tools import stats as tagstats
    from taglint.tools.usage import scan

    targets = list(paths) or ["."]
    config = _config(targets, config_path, taxonomy)
    tax = _taxonomy(config)
    usage = scan(targets, config)
    rows = tagstats.unused_rows(usage, tax) if unused else tagstats.rows(usage, tax)
    click.echo(tagstats.format_rows(rows, fmt), nl=False)


cli.add_command(tags_cmd, name="stats")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--root", help="Show only this tag and its descendants.")
@_config_option
@_taxonomy_option
def tree(paths: tuple[str, ...], root: str | None, config_path: str | None, taxonomy: str | None) -> None:
    """The taxonomy hierarchy as an indented tree with usage counts.

    A count is the number of notes tagged with the tag or any descendant;
    aliases are shown dimmed.

    \b
    Example:
      taglint tree examples/paper-notes --root Article
    """
    from taglint.tools.graph import UnknownRoot, tree_lines
    from taglint.tools.usage import canonical_counts, scan

    targets = list(paths) or ["."]
    config = _config(targets, config_path, taxonomy)
    tax = _taxonomy(config)
    _direct, rolled = canonical_counts(scan(targets, config), tax)
    dim = (lambda s: click.style(s, dim=True)) if _use_color(sys.stdout) else str
    try:
        lines = tree_lines(tax, rolled, root, dim)
    except UnknownRoot as exc:
        raise click.UsageError(str(exc)) from None
    for line in lines:
        click.echo(line)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "json"]), default="dot", show_default=True)
@click.option("--root", help="Only this tag and its descendants.")
@click.option("--notes", "paths", multiple=True, type=click.Path(), help="Count usage in these notes (repeatable; default: none, counts are 0).")
@_config_option
@_taxonomy_option
def graph(fmt: str, root: str | None, paths: tuple[str, ...], config_path: str | None, taxonomy: str | None) -> None:
    """The taxonomy as a graph, parents as edges, labels with usage counts.

    \b
    Example:
      taglint graph --format mermaid --root Article --notes examples/paper-notes
    """
    from taglint.tools.graph import FORMATS, UnknownRoot
    from taglint.tools.usage import canonical_counts, scan

    config = _config(list(paths) or ["."], config_path, taxonomy)
    tax = _taxonomy(config)
    counts = canonical_counts(scan(list(paths), config), tax)[1] if paths else {}
    try:
        click.echo(FORMATS[fmt](tax, counts, root), nl=False)
    except UnknownRoot as exc:
        raise click.UsageError(str(exc)) from None


def _retag(start: Any, paths: tuple[str, ...], dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None) -> None:
    """Start a rename or remove (``tools.rename_tag``: ``start(paths, config, taxonomy, write=...)``), print it, exit."""
    from taglint.tools.rename_tag import TaxonomyProblem

    targets = list(paths) or ["."]
    config = _config(targets, config_path, taxonomy)
    write = not (dry_run or diff)
    try:
        run = start(targets, config, _taxonomy(config), write=write)
    except TaxonomyProblem as exc:
        raise ConfigProblem(str(exc)) from None
    for item in run.notes():
        if item.error:
            click.echo(visible_line(f"{item.path}: not changed: {item.error}"), err=True)
        elif diff:
            click.echo(item.diff(), nl=False)
        elif dry_run:
            click.echo(visible_line(f"{item.path}: {item.changes} change{'s' if item.changes != 1 else ''}"))
    if diff and run.taxonomy.changed:
        click.echo(run.taxonomy.diff(), nl=False)
    try:
        run.finish()
    except TaxonomyProblem as exc:
        raise ConfigProblem(str(exc)) from None
    verb = "Would change" if not write else "Changed"
    taxonomy_note = " and the taxonomy" if run.taxonomy.changed else ""
    occurrences, changed = run.occurrences, run.changed
    click.echo(f"{verb} {occurrences} tag occurrence{'s' if occurrences != 1 else ''} in {changed} note{'s' if changed != 1 else ''}{taxonomy_note}.", err=True)
    _exit(EXIT_FINDINGS if run.failed else EXIT_CLEAN)


_dry = click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
_diff = click.option("--diff", is_flag=True, help="Print a unified diff of notes and taxonomy; write nothing.")


@cli.command()
@click.argument("old")
@click.argument("new")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--drop-alias", is_flag=True, help="Do not keep OLD as an alias of NEW in the taxonomy.")
@_dry
@_diff
@_config_option
@_taxonomy_option
def rename(old: str, new: str, paths: tuple[str, ...], drop_alias: bool, dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None) -> None:
    """Rename tag OLD to NEW in every note and in the taxonomy.

    If NEW already exists, OLD is merged into it: its aliases and parents move
    over and notes carrying both keep one. OLD stays as an alias of NEW unless
    --drop-alias. Only the tag bytes of each note change.

    \b
    Examples:
      taglint rename Neural NeuralNetwork notes/ --diff
      taglint rename ICML ICLR notes/ --drop-alias
    """
    from taglint.tools.rename_tag import rename_tag

    _retag(functools.partial(rename_tag, old=old, new=new, keep_alias=not drop_alias), paths, dry_run, diff, config_path, taxonomy)


@cli.command()
@click.argument("tag")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--replace-with", help="Re-point notes and taxonomy references to this canonical tag instead.")
@_dry
@_diff
@_config_option
@_taxonomy_option
def remove(tag: str, paths: tuple[str, ...], replace_with: str | None, dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None) -> None:
    """Delete TAG from every note and from the taxonomy.

    \b
    Examples:
      taglint remove Pocket notes/ --dry-run
      taglint remove Embed notes/ --replace-with Embeddings
    """
    from taglint.tools.rename_tag import remove_tag

    _retag(functools.partial(remove_tag, tag=tag, replace_with=replace_with), paths, dry_run, diff, config_path, taxonomy)


@cli.group(name="taxonomy")
def taxonomy_group() -> None:
    """Work on the taxonomy itself."""


@taxonomy_group.command(name="check")
@click.argument("paths", nargs=-1, type=click.Path())
@_config_option
@_taxonomy_option
def taxonomy_check(paths: tuple[str, ...], config_path: str | None, taxonomy: str | None) -> None:
    """Quality checks of taxonomy.yaml (warnings), including usage in the notes.

    redundant-parent, missing-description, exclusive-hierarchy and
    slug-collision need only the taxonomy (`taglint check` runs them too);
    unused-tag and unused-alias scan the notes under PATHS.

    \b
    Example:
      taglint taxonomy check examples/paper-notes
    """
    from taglint.report import output
    from taglint.checks.taxonomy import lint_static, lint_usage
    from taglint.tools.usage import scan

    targets = list(paths) or ["."]
    config = _config(targets, config_path, taxonomy)
    tax = _taxonomy(config)
    with open(config.taxonomy_path, encoding="utf-8") as handle:
        text = handle.read()
    found = lint_static(tax, text) + lint_usage(tax, text, set(scan(targets, config).tags))
    result = _file_result(config.taxonomy_path, text, found)
    color = _use_color(sys.stdout)
    for d in result.diagnostics:
        click.echo(output.text_line(result, d, color))
    click.echo(visible_line(f"{len(found)} taxonomy warning{'s' if len(found) != 1 else ''} in {config.taxonomy_path}."), err=True)
    _exit(EXIT_CLEAN)


def _file_result(path: str, text: str, found: list[Any]) -> Any:
    from taglint.model import FileResult
    from taglint.files.text import LineIndex

    found = sorted(found, key=lambda d: (d.span.start, d.code))
    return FileResult(os.path.relpath(path), tuple(found), tuple(LineIndex(text).starts))

