"""The pre-commit path: ``taglint check FILE...`` on clean notes, without loading the linter.

pre-commit runs taglint on a handful of changed notes per commit, so start-up
is the whole cost: click, the rule modules, ruamel.yaml and jsonschema take
several times longer to import than checking a note does. This module is the
console entry point. For a plain ``check`` of named files it reads a *plan*
that the last full run stored (the canonical tags, their parents and groups,
the required fields, the note schema: what ``quickcheck.is_clean`` needs),
proves each note clean with the quick reader, and prints the summary the full
path would print. Anything else (an option it does not know, a stale or
missing plan, a note that is not certainly clean, an unreadable file) hands
the whole run to the full CLI, which alone reports findings. So the fast path
can only ever say "all checks passed", and only when the full check would
say the same (tests/test_fastpath.py runs both and compares).

The plan is stored by ``taglint.lint.precommit`` and read through
``taglint.cache.plan``: it is valid while every file the setup was built
from has the BLAKE2b digest recorded in it (``taglint.cache.fingerprint``).
"""

from __future__ import annotations

import os
import sys

from taglint.cli.exits import EXIT_INTERRUPTED

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: it alone costs this path ~10%

if TYPE_CHECKING:
    from collections.abc import Sequence

# Options that change nothing a clean run prints; any other option means the full CLI.
# Git's ignore rules decide what a directory walk finds, never whether a named file is
# checked (ruff's rule, --force-exclude or not), and this path checks named files only.
_HARMLESS = frozenset(("--force-exclude", "--no-cache", "--respect-gitignore", "--no-respect-gitignore"))
_QUIET = frozenset(("-q", "--quiet"))


def entry() -> int:
    """The ``taglint`` program (console script and ``python -m taglint``): ``main``, then Ctrl-C ignored.

    Python restores SIGINT's default action while it shuts down, so a Ctrl-C that
    lands after the run has finished (its notes written, its report printed)
    would end the process killed by SIGINT, with the report's exit code lost.
    And after a Ctrl-C that reached an import, CPython 3.11 kills itself with
    SIGINT at exit even though the interrupt was handled (seen with strace: it
    resets SIGINT and signals itself), so an interrupted run leaves with
    ``os._exit(130)``: its workers are reaped and its writes ended by then.
    Not in ``main``: tests call it in their own process.
    """
    import signal

    try:
        code = main()
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code == EXIT_INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe: nothing left to say
        os._exit(code)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """The ``taglint`` command: the fast path when it applies, else the full CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if os.environ.get("TAGLINT_NO_FAST_PATH") != "1":
            code = run(args)
            if code is not None:
                return code
        from taglint.cli.main import main as full

        return full(args)
    except KeyboardInterrupt:  # Ctrl-C before the full CLI handles it (the fast path, imports): no traceback
        sys.stderr.write("\nAborted.\n")
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # as cli.main does: exit 130, not killed by a second Ctrl-C
        return EXIT_INTERRUPTED


def run(args: Sequence[str]) -> int | None:
    """Exit code of a run the fast path finished, or None: the full CLI must run (nothing printed)."""
    try:
        return _run(args)
    except Exception:
        return None


def _run(args: Sequence[str]) -> int | None:
    if not args or args[0] != "check" or os.environ.get("GITHUB_ACTIONS") == "true":
        return None  # in GitHub Actions the default report format is not text
    force_exclude = quiet = False
    paths: list[str] = []
    for arg in args[1:]:
        if arg in _QUIET:
            quiet = True
        elif arg in _HARMLESS:
            force_exclude = force_exclude or arg == "--force-exclude"
        elif arg.startswith("-"):
            return None
        else:
            paths.append(arg)
    if not paths:
        return None  # a directory walk (no paths means ".") is the full path's work
    from taglint.project.locations import locate_config

    source, root = locate_config(paths[0])
    from taglint.cache.plan import identity, read_plan
    from taglint.lint.clean_proof import is_clean, plan_from_stored

    found = read_plan(identity(source, root), plan_from_stored)
    if found is None:
        return None
    from taglint.files.read import read_note, tree_roots

    plan, stored = found
    roots = tree_roots(paths, root)
    excluded_dirs = frozenset(stored["excluded_dirs"])
    force = force_exclude or stored["force_exclude"]
    if force and stored["exclude"]:
        return None  # gitignore-style patterns need pathspec, whose import costs more than this whole path
    checked: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            return None
        if force and _excluded(path, root, excluded_dirs):
            continue
        if path in checked:
            continue
        checked.add(path)
        try:
            data = read_note(path, roots)
        except OSError:
            return None
        if not is_clean(path, data, plan):
            return None
    if not quiet:
        noun = "file" if len(checked) == 1 else "files"
        sys.stdout.write(f"All checks passed (checked {len(checked)} {noun}).\n")
        sys.stdout.flush()
    return 0


def _excluded(path: str, root: str, excluded_dirs: frozenset[str]) -> bool:
    """Whether ``--force-exclude`` drops ``path`` under the default excludes (discovery's rule)."""
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    if rel.startswith("../"):
        return False  # outside the project: patterns do not apply
    # The default excludes are all "name/": a file is excluded when one of its directories has that name.
    return any(part in excluded_dirs for part in rel.split("/")[:-1])
