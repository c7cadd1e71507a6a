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

from taglint.cli.app import EXIT_CLEAN, EXIT_CONFIG, EXIT_FINDINGS, _load, cli

INSTALL_HINT = "taglint suggest needs the suggest extra (numpy, scipy): pip install 'taglint[suggest]'"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--from", "learn_from", multiple=True, type=click.Path(exists=True), help="Learn from the notes here (repeatable) [default: the directories among PATHS, else the project root].")
@click.option("-k", "k", type=click.IntRange(min=1), default=5, show_default=True, help="Suggestions per note (parents they need come on top).")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True, help="Only suggestions scored at least this (0-1, an estimated probability).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--apply", "apply_", is_flag=True, help="Add the suggestions to the notes (tag fields only; byte-exact elsewhere).")
@click.option("--no-cache", is_flag=True, help="Build the model in memory; do not read or store it.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest taglint.toml or pyproject.toml).")
@click.option("--taxonomy", type=click.Path(dir_okay=False), help="Taxonomy file (default: taxonomy.yaml beside the config).")
@click.pass_context
def suggest(ctx: click.Context, paths: tuple[str, ...], learn_from: tuple[str, ...], k: int, min_score: float, fmt: str, apply_: bool, no_cache: bool, config_path: str | None, taxonomy: str | None) -> None:
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
    from taglint.tools.suggest import collection

    targets = list(paths) or ["."]
    setup: Any = _load(targets, config_path, taxonomy, None, (), ())
    sources = list(learn_from) or [p for p in targets if os.path.isdir(p)] or [setup.config.root]
    started = time.perf_counter()
    notes = collection.Collection(setup)
    model, built = collection.model_for(setup, notes, notes.read(sources), use_cache=not no_cache)
    seconds = time.perf_counter() - started
    read = notes.notes(notes.read(targets))
    targets_read = [note for note, _ in read]
    named = {os.path.normpath(p) for p in targets if os.path.isfile(p)}
    results = collection.suggest(model, setup, targets_read, {n.path for n in targets_read if os.path.normpath(n.path) in named}, k, min_score)
    if fmt == "json":
        click.echo(json.dumps([_as_json(r) for r in results], ensure_ascii=False, indent=2))
    else:
        _print_text(results)
    how = "built" if built else "loaded"
    trained = int(model.header["notes"])
    click.echo(f"Suggested tags for {sum(1 for r in results if r.suggestions)} of {len(targets_read)} notes; model {how} from {trained} tagged notes in {seconds:.2f} s.", err=True)
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
        "suggestions": [{"tag": s.tag, "score": round(s.score, 3), "evidence": list(s.evidence), "parent_of": s.parent_of} for s in result.suggestions],
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
    from taglint.checks.tagmodel.edits import CannotAdd
    from taglint.files.write import WriteRefused, write_if_unchanged
    from taglint.tools.suggest.apply import add_tags
    from taglint.tools.suggest.collection import AppliedRecord

    roots = [os.path.realpath(setup.config.root)]
    record = AppliedRecord(setup)
    written = failed = added = 0
    for result in results:
        names = [s.tag for s in result.suggestions]
        note, data = notes[result.path]
        if not names or (remember and record.completed(result.path, data)):
            continue
        roots_here = roots + [os.path.realpath(os.path.dirname(result.path) or ".")]
        try:
            after = add_tags(note, names, setup.config.tag_fields, setup.config.inline_tags)
            write_if_unchanged(result.path, data, after.source.encode(), roots_here)
        except (CannotAdd, WriteRefused, OSError) as exc:
            failed += 1
            click.echo(f"{result.path}: not changed: {exc}", err=True)
            continue
        written += 1
        added += len(names)
        record.add(result.path, after.source.encode())
    if remember:
        record.save()
    click.echo(f"Added {added} tags to {written} notes." + (f" {failed} notes could not be changed." if failed else ""), err=True)
    return EXIT_FINDINGS if failed else EXIT_CLEAN
