"""The commands that change a tag everywhere: ``rename`` (and merge), ``remove``, ``split``.

Each edits the taxonomy (validated before any note changes), rewrites the
notes through the rewrite pipeline, writes the taxonomy last, and says what
changed in the taxonomy beyond the edit asked for (an exclusive group that
lost a member, aliases that moved).
"""

from __future__ import annotations

import functools
from typing import Any

import click

from taglint.cli.app import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    ConfigProblem,
    cli,
    config_option,
    existing_paths,
    exit_with,
    load_config_for,
    load_taxonomy_of,
    patch_of,
    paths_argument,
    taxonomy_option,
)
from taglint.report.escape import visible_line
from taglint.report.words import counted

_dry = click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
_diff = click.option(
    "--diff", is_flag=True, help="Print a unified diff of notes and taxonomy (for `git apply` at the repository root); write nothing."
)


def _retag(start: Any, paths: tuple[str, ...], dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None) -> None:
    """Start a rename, remove or split (``start(paths, config, taxonomy, write=...)``), print it, exit."""
    from taglint.tools.rename_tag import TaxonomyProblem

    targets = list(paths) or ["."]
    config = load_config_for(targets, config_path, taxonomy)
    write = not (dry_run or diff)
    try:
        run = start(targets, config, load_taxonomy_of(config), write=write)
    except TaxonomyProblem as exc:
        raise ConfigProblem(str(exc)) from None
    for item in run.notes():
        if item.error:
            click.echo(visible_line(f"{item.path}: not changed: {item.error}"), err=True)
        elif diff:
            click.echo(patch_of(item.path, item.before, item.after), nl=False)
        elif dry_run:
            click.echo(visible_line(f"{item.path}: {counted(item.changes, 'change')}"))
    tax = run.taxonomy
    if diff and tax.changed:
        click.echo(patch_of(tax.path, tax.before, tax.after), nl=False)
    try:
        run.finish()
    except TaxonomyProblem as exc:
        raise ConfigProblem(str(exc)) from None
    from taglint.project.located import display_path

    for change in tax.changes:
        click.echo(visible_line(f"{display_path(tax.path)}: {change}"), err=True)
    verb = "Would change" if not write else "Changed"
    taxonomy_note = " and the taxonomy" if tax.changed else ""
    click.echo(f"{verb} {counted(run.occurrences, 'tag occurrence')} in {counted(run.changed, 'note')}{taxonomy_note}.", err=True)
    exit_with(EXIT_FINDINGS if run.failed else EXIT_CLEAN)


@cli.command()
@click.argument("old")
@click.argument("new")
@paths_argument
@click.option("--drop-alias", is_flag=True, help="Do not keep OLD as an alias of NEW in the taxonomy.")
@click.option(
    "--nested/--no-nested",
    default=None,
    help="Also rename OLD/x to NEW/x (nested tags) [default: on in the obsidian dialect, off elsewhere].",
)
@_dry
@_diff
@config_option
@taxonomy_option
def rename(
    old: str,
    new: str,
    paths: tuple[str, ...],
    drop_alias: bool,
    nested: bool | None,
    dry_run: bool,
    diff: bool,
    config_path: str | None,
    taxonomy: str | None,
) -> None:
    """Rename tag OLD to NEW in every note and in the taxonomy.

    If NEW already exists, OLD is merged into it: its aliases and parents move
    over and notes carrying both keep one. OLD stays as an alias of NEW unless
    --drop-alias (or unless only the case changes in a case-insensitive
    taxonomy). Only the tag bytes of each note change.

    \b
    Examples:
      taglint rename Neural NeuralNetwork notes/ --diff
      taglint rename ICML ICLR notes/ --drop-alias
      taglint rename project work vault/   # Obsidian: project/alpha becomes work/alpha too
    """
    from taglint.tools.rename_tag import rename_tag

    _retag(
        functools.partial(rename_tag, old=old, new=new, keep_alias=not drop_alias, nested=nested),
        paths,
        dry_run,
        diff,
        config_path,
        taxonomy,
    )


@cli.command()
@click.argument("tag")
@paths_argument
@click.option("--replace-with", help="Re-point notes and taxonomy references to this canonical tag instead.")
@_dry
@_diff
@config_option
@taxonomy_option
def remove(
    tag: str, paths: tuple[str, ...], replace_with: str | None, dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None
) -> None:
    """Delete TAG from every note and from the taxonomy.

    \b
    Examples:
      taglint remove Pocket notes/ --dry-run
      taglint remove Embed notes/ --replace-with Embeddings
    """
    from taglint.tools.rename_tag import remove_tag

    _retag(functools.partial(remove_tag, tag=tag, replace_with=replace_with), paths, dry_run, diff, config_path, taxonomy)


@cli.command(short_help="Replace tag OLD by several tags, in notes and taxonomy.")
@click.argument("old")
@click.argument("new", nargs=-1, required=True)
@click.option(
    "--in",
    "paths",
    multiple=True,
    type=click.Path(),
    callback=existing_paths,
    help="Notes to change: a file or directory (repeatable) [default: the current directory].",
)
@_dry
@_diff
@config_option
@taxonomy_option
def split(
    old: str, new: tuple[str, ...], paths: tuple[str, ...], dry_run: bool, diff: bool, config_path: str | None, taxonomy: str | None
) -> None:
    """Replace tag OLD by the tags NEW... in every note and in the taxonomy.

    The counterpart of a merge. Each note tagged OLD (or one of its aliases)
    gets every NEW tag it lacks, in OLD's place and list style. In the
    taxonomy, a NEW tag not yet there is added with OLD's parents, OLD's
    children get the NEW tags as parents, and OLD goes with its aliases.

    \b
    Examples:
      taglint split Vision-Language ComputerVision NLP --in notes/ --diff
      taglint split ML MachineLearning Statistics
    """
    from taglint.tools.rename_tag import split_tag

    if len(new) < 2:
        raise click.UsageError("split needs two or more new tags; to replace a tag by one, use `taglint rename`")
    _retag(functools.partial(split_tag, old=old, new=new), paths, dry_run, diff, config_path, taxonomy)
