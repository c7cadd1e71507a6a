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

The plan is valid while every input of the setup (config, taxonomy, rule
files, the rules directory's listing, files the rule sets name) has the same
size and CRC-32 as when it was stored, and the taglint version is the same.
It lives next to the compiled setup in the user's cache directory.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: it alone costs this path ~10%

from taglint import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from taglint.lint.check import Setup
    from taglint.lint.clean_proof import Plan

FORMAT = 1
# Options that change nothing a clean run prints; any other option means the full CLI.
_HARMLESS = frozenset(("--force-exclude", "--no-cache"))
_QUIET = frozenset(("-q", "--quiet"))


def main(argv: Sequence[str] | None = None) -> int:
    """The ``taglint`` command: the fast path when it applies, else the full CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("TAGLINT_NO_FAST_PATH") != "1":
        code = run(args)
        if code is not None:
            return code
    from taglint.cli.main import main as full

    return full(args)


def run(args: Sequence[str]) -> int | None:
    """Exit code of a run the fast path finished, or None: the full CLI must run (nothing printed)."""
    try:
        return _run(args)
    except Exception:  # noqa: BLE001 - any surprise here is the full path's to report
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
    stored = _read_plan(_identity(source, root))
    if stored is None:
        return None
    from taglint.lint.clean_proof import is_clean
    from taglint.files.read import read_note, tree_roots

    plan = stored["plan"]
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


def _identity(source: str | None, root: str) -> str:
    return f"file:{source}" if source is not None else f"dir:{root}"


def _plan_path(identity: str) -> str:
    from taglint.project.locations import user_cache_dir

    return os.path.join(user_cache_dir(), f"quick-{zlib.crc32(identity.encode('utf-8', 'surrogateescape')):08x}.json")


def _fingerprint(path: str) -> list[Any]:
    """``[path, size, crc32]`` of a file, ``[path, None, None]`` when it does not exist."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return [path, None, None]
    return [path, len(data), zlib.crc32(data)]


def _listing(path: str) -> list[Any]:
    try:
        return [path, sorted(os.listdir(path))]
    except NotADirectoryError:
        return [path, "file"]
    except FileNotFoundError:
        return [path, None]


def _current(stored: dict[str, Any]) -> bool:
    return (
        stored.get("format") == FORMAT
        and stored.get("version") == __version__
        and all(_fingerprint(path) == [path, size, crc] for path, size, crc in stored["inputs"])
        and all(_listing(path) == [path, names] for path, names in stored["listings"])
    )


def _read_plan(identity: str) -> dict[str, Any] | None:
    try:
        with open(_plan_path(identity), encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        return None
    try:
        if not isinstance(stored, dict) or stored.get("identity") != identity or not _current(stored):
            return None
        stored["plan"] = _plan(stored)
    except (KeyError, TypeError, ValueError):
        return None  # not a plan this version can read: the next full run stores a new one
    return stored


def _plan(stored: dict[str, Any]) -> Plan:
    from taglint.lint.clean_proof import Plan

    constrained = {name: (frozenset(parents), tuple(groups)) for name, (parents, groups) in stored["constrained"].items()}
    custom = tuple((None, tuple(frozenset(tags) for tags in guard)) for guard in stored["custom_guards"])
    return Plan(tuple(stored["tag_fields"]), frozenset(stored["canonical"]), constrained, tuple(stored["required"]), stored["schema"], custom, None)


def remember(setup: Setup) -> None:
    """Store the plan for ``setup`` (loaded from the config found for its paths, no overrides).

    Called by the full path; costs a read of each input when the stored plan is
    current, and nothing is stored when the fast path could not be exact: a custom
    rule without a tag condition, inline tags, or taxonomy warnings that every
    check reports.
    """
    config = setup.config
    identity = _identity(config.source, config.root)
    if _read_plan(identity) is not None:
        return
    plan = setup.quick_plan
    if plan is None or any(guard is None for _, guard in plan.custom):
        return  # a custom rule without a tag condition needs the note model to test
    from taglint.project.config import DEFAULT_EXCLUDE
    from taglint.project.ruleset import rule_files
    from taglint.checks.taxonomy import check_result

    if check_result(setup) is not None:
        return
    inputs = [config.source] if config.source else []
    inputs.append(config.taxonomy_path)
    listings: list[str] = []
    if config.rules is not None:
        rules = config.resolve(config.rules)
        listings.append(rules)
        inputs.extend(rule_files(rules))
    inputs.extend(setup.ruleset.sources)
    stored = {
        "format": FORMAT,
        "version": __version__,
        "identity": identity,
        "inputs": [_fingerprint(path) for path in dict.fromkeys(inputs)],
        "listings": [_listing(path) for path in listings],
        "force_exclude": config.force_exclude,
        "exclude": list(config.exclude),
        "excluded_dirs": [pattern.rstrip("/") for pattern in DEFAULT_EXCLUDE],
        "tag_fields": list(plan.tag_fields),
        "canonical": sorted(plan.canonical),
        "constrained": {name: [sorted(parents), list(groups)] for name, (parents, groups) in sorted(plan.constrained.items())},
        "required": list(plan.required),
        "schema": plan.schema,
        "custom_guards": [[sorted(tags) for tags in guard or ()] for _, guard in plan.custom],
    }
    from taglint.cache.setup import store_json

    store_json(_plan_path(identity), stored)
