"""The result cache: per-file results keyed on the file's stat and on everything that shapes a result.

Like ruff's cache, an entry is reused only when the file's size, mtime and
inode are unchanged and the run's fingerprint matches: taglint's version, the
taxonomy, rule-set and schema files' bytes, and the effective settings. The
cache is JSON, never pickle: a cache file committed to a repository by a
stranger must not be able to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from typing import Any

from taglint import __version__
from taglint.engine import FileResult, Setup
from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity, Span

CACHE_FORMAT = 1
RACY_NS = 2_000_000_000


def fingerprint(setup: Setup, extra: Iterable[str] = ()) -> str:
    """A hash of everything besides the note itself that can change a note's result."""
    digest = hashlib.sha256()
    config = setup.config
    parts: list[object] = [CACHE_FORMAT, __version__, config.root, config.tag_fields, config.inline_tags, config.per_file_ignores]
    parts.append(sorted((name, level.value if level else None) for name, level in setup.severities.items()))
    parts.extend(extra)
    digest.update(json.dumps(parts, default=str).encode())
    files = [config.taxonomy_path, *setup.ruleset.sources]
    for path in files:
        digest.update(path.encode())
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(b"<unreadable>")
    digest.update(json.dumps(setup.ruleset.note_schema, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def stat_key(path: str) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size, info.st_ino]


def _encode(result: FileResult) -> Any:
    if not result.diagnostics:
        return None
    return {"lines": list(result.line_starts), "d": [_encode_diagnostic(d) for d in result.diagnostics]}


def _encode_diagnostic(d: Diagnostic) -> list[Any]:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability.value, d.fix.message, [[e.span.start, e.span.end, e.content] for e in d.fix.edits]]
    return [d.code, d.rule, d.severity.value, d.message, d.span.start, d.span.end, fix]


def _decode(path: str, data: Any) -> FileResult:
    if data is None:
        return FileResult(path, ())
    diagnostics = []
    for code, rule, severity, message, start, end, fix in data["d"]:
        decoded_fix = None
        if fix is not None:
            edits = tuple(Edit(Span(a, b), content) for a, b, content in fix[2])
            decoded_fix = Fix(edits, Applicability(fix[0]), fix[1])
        diagnostics.append(Diagnostic(code, rule, Severity(severity), message, Span(start, end), decoded_fix))
    return FileResult(path, tuple(diagnostics), tuple(data["lines"]))


class ResultCache:
    """Entries for one fingerprint, loaded at start and written back once at the end."""

    def __init__(self, directory: str, key: str) -> None:
        self.directory = directory
        self.file = os.path.join(directory, f"results-{key}.json")
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        try:
            with open(self.file, encoding="utf-8") as handle:
                loaded = json.load(handle)
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            self.entries = {}

    def get(self, path: str, key: list[int] | None) -> FileResult | None:
        if key is None:
            return None
        entry = self.entries.get(os.path.abspath(path))
        if entry is None or entry[0] != key:
            return None
        try:
            return _decode(path, entry[1])
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry is simply recomputed

    def put(self, path: str, key: list[int] | None, result: FileResult) -> None:
        # A file modified within the last two seconds could change again within the
        # same mtime tick without changing size (git's "racy" case): do not trust it yet.
        if key is None or time.time_ns() - key[0] < RACY_NS or any(d.rule == "parse-error" and "internal error" in d.message for d in result.diagnostics):
            return
        self.entries[os.path.abspath(path)] = [key, _encode(result)]
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by taglint: the cache is never worth committing.\n*\n")
            fd, temp = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.entries, handle, separators=(",", ":"))
            os.replace(temp, self.file)
        except OSError:
            pass  # a cache that cannot be written only costs speed next time


def open_cache(setup: Setup, directory: str | None, extra: Iterable[object] = ()) -> ResultCache:
    """The cache for this run's fingerprint, in ``directory`` or the config's cache-dir."""
    where = directory if directory is not None else setup.config.resolve(setup.config.cache_dir)
    return ResultCache(where, fingerprint(setup, [json.dumps(list(extra), default=str)]))
