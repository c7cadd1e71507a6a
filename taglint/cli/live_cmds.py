"""Commands that keep running: ``taglint server``, and ``check --watch`` / ``fix --watch``.

Each needs an optional extra, so the core install stays small: the language
server ``taglint[lsp]`` (pygls, lsprotocol), watching ``taglint[watch]``
(watchfiles). Without it the command says what to install and exits 2.

Watching: the directories named are watched by watchfiles (inotify and its
kin, recursively); the files named and the project's own files outside them
(taxonomy, rule sets, config) are polled by their stat stamp each second,
since an editor's atomic save replaces a file and a watch on the old file
would see nothing after the first save. Each change starts a round: ``check``
checks the whole selection again, the result cache answering for every note
that did not change; ``fix`` fixes the changed notes, or everything when a
project file changed, and knows its own writes, so fixing a note does not
start another round.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from taglint.cli.app import EXIT_CONFIG, ReportOptions, cli, project_errors
from taglint.report.escape import visible_line

if TYPE_CHECKING:
    from taglint.api import Options
    from taglint.files.select import FileSelector
    from taglint.project.config import Config

NEEDS_LSP = "`taglint server` needs the lsp extra: pip install 'taglint[lsp]'"
NEEDS_WATCH = "--watch needs the watch extra: pip install 'taglint[watch]'"
Stamp = tuple[int, int, int] | None


def _missing(*modules: str) -> bool:
    return any(importlib.util.find_spec(module) is None for module in modules)


@cli.command(short_help="Run the language server (LSP) on stdin/stdout, for editors.")
def server() -> None:
    """Run the language server on stdin/stdout, for editors (README: "In your editor").

    Diagnostics, fixes as code actions, tag completion, hover and rename,
    from the same engine and config as `taglint check`.
    """
    if _missing("pygls", "lsprotocol"):
        click.echo(f"Error: {NEEDS_LSP}", err=True)
        click.get_current_context().exit(EXIT_CONFIG)
    from taglint.server.app import run

    run()


def _stamp(path: str) -> Stamp:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Watched:
    """What a watch covers: the notes under ``paths`` and the project's own files."""

    def __init__(self, paths: Sequence[str], config: Config) -> None:
        self.dirs = [os.path.abspath(p) for p in paths or ["."] if os.path.isdir(p)]
        self.files = {os.path.abspath(p) for p in paths if not os.path.isdir(p)}
        self.data = {os.path.abspath(config.taxonomy_path)} | ({os.path.abspath(config.source)} if config.source else set())
        rules = config.rules_path
        self.rules = os.path.abspath(rules) if rules else None
        self.cache = os.path.abspath(config.resolve(config.cache_dir))
        self.suffixes = tuple(p[1:] for p in config.include if p.startswith("*.")) or (".md",)
        self.config = config
        self.selector: FileSelector | None = None  # made on the first fix round that needs it

    def walked(self, path: str) -> bool:
        """Whether a changed note belongs to the run: named on the command line, or one a walk of its directory finds.

        A fix round names the changed notes (``--force-exclude`` drops the excluded
        ones); git's ignore rules, which never drop a named file, are applied here.
        """
        path = os.path.abspath(path)
        if path in self.files:
            return True
        top = next((directory for directory in self.dirs if path.startswith(os.path.join(directory, ""))), None)
        if top is None:
            return True
        if self.selector is None:
            from taglint.files.select import FileSelector

            self.selector = FileSelector(self.config)
        return not self.selector.git_ignored(path, top)

    def is_data(self, path: str) -> bool:
        return path in self.data or (self.rules is not None and (path == self.rules or path.startswith(self.rules + os.sep)))

    def wanted(self, path: str) -> bool:
        """A change that can change a finding: a note, or a project file; never the cache or taglint's temp files."""
        if path.startswith(self.cache + os.sep) or os.path.basename(path).startswith(".taglint-"):
            return False
        return self.is_data(path) or path.endswith(self.suffixes) or path in self.files

    def polled(self) -> dict[str, Stamp]:
        """Stamps of the files no watched directory holds."""
        inside = tuple(os.path.join(d, "") for d in self.dirs)
        paths = set(self.files) | self.data
        if self.rules is not None:
            paths.add(self.rules)
            if os.path.isdir(self.rules):
                paths.update(os.path.join(self.rules, name) for name in os.listdir(self.rules))
        return {path: _stamp(path) for path in paths if not path.startswith(inside)}

    def changes(self) -> Iterator[list[str]]:
        """Each batch of changed files, until Ctrl-C."""
        import watchfiles

        before = self.polled()

        def keep(_change: object, path: str) -> bool:
            return self.wanted(path)

        # A round a second at least: the polled files are compared each time, changed or not.
        stream = (
            watchfiles.watch(*self.dirs, watch_filter=keep, yield_on_timeout=True, rust_timeout=1000, raise_interrupt=False)
            if self.dirs
            else None
        )
        while True:
            if stream is not None:
                found = next(stream, None)
                if found is None:
                    return  # interrupted
                changed = {path for _, path in found}
            else:
                try:
                    time.sleep(1.0)
                except KeyboardInterrupt:
                    return
                changed = set()
            now = self.polled()
            changed.update(path for path in now.keys() | before.keys() if now.get(path) != before.get(path))
            before = now
            if changed:
                yield sorted(changed)


def _watch(paths: Sequence[str], options: Options, run_round: Callable[[list[str] | None], int | None]) -> int:
    """A round now, then one per batch of changes; the last round's exit code once interrupted."""
    if _missing("watchfiles"):
        click.echo(f"Error: {NEEDS_WATCH}", err=True)
        return EXIT_CONFIG
    from taglint.api import load_config

    with project_errors():
        watched = Watched(paths, load_config(paths, options))
    first = _round(run_round, None)
    code = first if first is not None else 0
    click.echo("Watching for changes (Ctrl-C to stop).", err=True)
    try:
        for changed in watched.changes():
            shown = ", ".join(os.path.relpath(p) for p in changed[:3]) + (" ..." if len(changed) > 3 else "")
            click.echo(visible_line(f"\n[watch] changed: {shown}"), err=True)
            result = _round(run_round, [p for p in changed if watched.wanted(p)])
            code = code if result is None else result
    except KeyboardInterrupt:
        pass  # Ctrl-C ends the watch, not as an error: the exit code is the last round's
    return code


def _round(run_round: Callable[[list[str] | None], int | None], changed: list[str] | None) -> int | None:
    """One round; a project that no longer loads is reported and the watch goes on."""
    try:
        return run_round(changed)
    except click.ClickException as exc:
        exc.show()
        return EXIT_CONFIG


def watch_check(paths: Sequence[str], options: Options, check: Callable[[], int]) -> int:
    """``check --watch``: the whole check each round (the result cache answers for the notes that did not change)."""
    return _watch(paths, options, lambda _changed: check())


def watch_fix(paths: Sequence[str], options: Options, report: ReportOptions, unsafe: bool, run_fix: Callable[..., int]) -> int:
    """``fix --watch``: everything first; then the notes that changed, or everything when a project file changed."""
    ours: dict[str, Stamp] = {}  # stamps of the files the last round wrote
    watched: list[Watched] = []

    def one(changed: list[str] | None) -> int | None:
        if changed is not None:
            changed = [path for path in changed if path not in ours or _stamp(path) != ours[path]]
            if not changed:
                return None  # only the last round's own writes
        if not watched:
            from taglint.api import load_config

            watched.append(Watched(paths, load_config(paths, options)))
        everything = changed is None or any(watched[0].is_data(path) for path in changed)
        targets = list(paths) if everything else [path for path in changed if os.path.isfile(path) and watched[0].walked(path)]  # type: ignore[union-attr]
        if not targets and not everything:
            return None  # only deletions
        written: list[str] = []
        with project_errors():
            code = run_fix(targets, options if everything else replace(options, force_exclude=True), report, False, unsafe, written)
        ours.clear()
        ours.update((os.path.abspath(path), _stamp(path)) for path in written)
        return code

    return _watch(paths, options, one)
