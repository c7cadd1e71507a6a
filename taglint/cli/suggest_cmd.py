"""``taglint suggest``: tags for untagged and under-tagged notes, learned from the collection.

Registered on the ``cli`` group by importing this module (``cli/main.py``).
Parses options, calls ``taglint.tools.suggest``, prints; numpy and the model
code are imported only inside the command.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import click

from taglint.cli.app import EXIT_CLEAN, EXIT_CONFIG, EXIT_FINDINGS, cli, paths_argument, project_errors

INSTALL_HINT = "taglint suggest needs the suggest extra (numpy, scipy): pip install 'taglint[suggest]'"


@cli.command(short_help="Suggest canonical tags for untagged and under-tagged notes.")
@paths_argument
@click.option(
    "--from",
    "learn_from",
    multiple=True,
    type=click.Path(exists=True),
    help="Learn from the notes here (repeatable) [default: the directories among PATHS, else the project root].",
)
@click.option(
    "-k", "k", type=click.IntRange(min=1), default=5, show_default=True, help="Suggestions per note (parents they need come on top)."
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only suggestions scored at least this (0-1, an estimated probability).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--apply", "apply_", is_flag=True, help="Add the suggestions to the notes (tag fields only; byte-exact elsewhere).")
@click.option("--no-cache", is_flag=True, help="Build the model in memory; do not read or store it.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest taglint.toml or pyproject.toml)."
)
@click.option("--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config).")
@click.pass_context
def suggest(
    ctx: click.Context,
    paths: tuple[str, ...],
    learn_from: tuple[str, ...],
    k: int,
    min_score: float,
    fmt: str,
    apply_: bool,
    no_cache: bool,
    config_path: str | None,
    taxonomy: str | None,
) -> None:
    """Suggest tags for notes, learned offline from the collection's tagged notes.

    Suggests canonical tags of the taxonomy only (never aliases, deprecated or
    new tags), adds the parents a tag needs and at most one tag of each
    exclusive group. In a directory, only notes with no tags or fewer than
    the collection usually gives a note are considered; a note named on the
    command line always is. The model is built from the title, other fields
    and text of every tagged note, the taxonomy's names, aliases and
    descriptions, and stored in the cache directory until a note or the
    taxonomy changes.

    \b
    Examples:
      taglint suggest examples/paper-notes
      taglint suggest notes/new-idea.md --from notes/ -k 3 --format json
      taglint suggest notes/ --min-score 0.5 --apply
    """
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
    except ImportError:
        click.echo(INSTALL_HINT, err=True)
        ctx.exit(EXIT_CONFIG)
    from taglint import api
    from taglint.tools.suggest import collection

    targets = list(paths) or ["."]
    with project_errors():
        setup: Any = api.load_project(targets, api.Options(config=config_path, taxonomy=taxonomy))
    if getattr(setup, "without_taxonomy", False):
        click.echo("taglint suggest suggests the taxonomy's tags: write a taxonomy.yaml first (taglint init)", err=True)
        ctx.exit(EXIT_CONFIG)
    sources = list(learn_from) or [p for p in targets if os.path.isdir(p)] or [setup.config.root]
    started = time.perf_counter()
    notes = collection.Collection(setup)
    model, built = collection.model_for(setup, notes, notes.read(sources), use_cache=not no_cache)
    seconds = time.perf_counter() - started
    read = notes.notes(notes.read(targets))
    targets_read = [note for note, _ in read]
    named = {os.path.normpath(p) for p in targets if os.path.isfile(p)}
    results = collection.suggest(
        model, setup, targets_read, {n.path for n in targets_read if os.path.normpath(n.path) in named}, k, min_score
    )
    if fmt == "json":
        click.echo(json.dumps([_as_json(r) for r in results], ensure_ascii=False, indent=2))
    else:
        _print_text(results)
    how = "built" if built else "loaded"
    trained = int(model.header["notes"])
    click.echo(
        f"Suggested tags for {sum(1 for r in results if r.suggestions)} of {len(targets_read)} notes; model {how} from {trained} tagged notes in {seconds:.2f} s.",
        err=True,
    )
    if trained == 0:
        click.echo("No tagged note to learn from: suggestions come from the taxonomy's names and descriptions only.", err=True)
    if apply_:
        ctx.exit(_apply(results, {note.path: (note, data) for note, data in read}, setup, remember=not no_cache))
    ctx.exit(EXIT_CLEAN)


def _as_json(result: Any) -> dict[str, Any]:
    return {
        "path": result.path,
        "tags": list(result.present),
        "why": result.why,
        "suggestions": [
            {"tag": s.tag, "score": round(s.score, 3), "evidence": list(s.evidence), "parent_of": s.parent_of} for s in result.suggestions
        ],
    }


def _print_text(results: Any) -> None:
    for result in results:
        click.echo(f"{result.path} ({result.why})")
        if not result.suggestions:
            click.echo("  no suggestion")
        width = max((len(s.tag) for s in result.suggestions), default=0)
        for s in result.suggestions:
            click.echo(f"  {s.tag:<{width}}  {s.score:.2f}  {'; '.join(s.evidence)}")


def _apply(results: Any, notes: dict[str, Any], setup: Any, remember: bool) -> int:
    from taglint.rewrite.pipeline import rewrite_paths
    from taglint.tools.suggest.apply import rewriter
    from taglint.tools.suggest.collection import AppliedRecord

    record = AppliedRecord(setup)
    names_by_path = {
        r.path: [s.tag for s in r.suggestions]
        for r in results
        if r.suggestions and not (remember and record.completed(r.path, notes[r.path][1]))
    }
    written = failed = added = 0
    for outcome in rewrite_paths(list(names_by_path), rewriter(setup.config, names_by_path), write=True):
        if outcome.error is not None:
            failed += 1
            click.echo(f"{outcome.path}: not changed: {outcome.error}", err=True)
            continue
        if outcome.written:
            written += 1
            added += outcome.changes
            with open(outcome.path, "rb") as handle:
                record.add(outcome.path, handle.read())
    if remember:
        record.save()
    click.echo(f"Added {added} tags to {written} notes." + (f" {failed} notes could not be changed." if failed else ""), err=True)
    return EXIT_FINDINGS if failed else EXIT_CLEAN
