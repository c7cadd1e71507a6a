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
import time
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from taglint import __version__
from taglint.model import FileResult
from taglint.project.locations import TAG_MODEL_POINTER, tag_model_directory
from taglint.project.setup import Setup
from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity, Span

if TYPE_CHECKING:
    from taglint.cache.listings import Listings

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
    # The stored tag model's pointer: missing-field and under-tagged name its suggestions.
    model_pointer = os.path.join(tag_model_directory(config.resolve(config.cache_dir)), TAG_MODEL_POINTER)
    files = [config.taxonomy_path, *setup.ruleset.sources, model_pointer]
    for path in files:
        digest.update(path.encode())
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(b"<unreadable>")
    digest.update(json.dumps(setup.ruleset.note_schema, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def stat_key(path: str) -> str | None:
    """``mtime_ns:size:inode`` of ``path``; a string, so a clean entry is one cheap JSON string."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"


def encode_result(result: FileResult) -> Any:
    """A result as JSON-ready lists and strings (None when clean): the cache's entries, and what workers send back."""
    if not result.diagnostics:
        return None
    return {"lines": list(result.line_starts), "d": [_encode_diagnostic(d) for d in result.diagnostics]}


def _encode_diagnostic(d: Diagnostic) -> list[Any]:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability.value, d.fix.message, [[e.span.start, e.span.end, e.content] for e in d.fix.edits]]
    return [d.code, d.rule, d.severity.value, d.message, d.span.start, d.span.end, fix]


def decode_result(path: str, data: Any) -> FileResult:
    """The result ``encode_result`` gave ``data`` for, for the file at ``path``."""
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


def decode_stored(path: str, stored: Any) -> FileResult | None:
    """The result ``scan`` found stored for ``path``, or None when the entry is damaged (check the file again)."""
    try:
        return decode_result(path, stored)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


SHARDS_PER_DIRECTORY = 16  # a one-note run loads one sixteenth of its directory's entries
KEEP = 4  # fingerprints kept side by side (e.g. runs with and without --select)


class ResultCache:
    """Entries for one fingerprint, in shard files per directory, loaded on first use.

    Shards follow directories because runs walk one directory at a time: once a
    directory is done its shards are written back and dropped (``release``), so
    memory stays bounded by the largest directory, not the whole collection.
    """

    def __init__(self, directory: str, key: str) -> None:
        self.directory = directory
        self.folder = os.path.join(directory, f"results-{key}")
        self.shards: dict[tuple[str, int], dict[str, Any]] = {}
        self.dirty: set[tuple[str, int]] = set()
        self.cwd = os.getcwd()
        self._absolute: dict[str, str] = {}  # directory as written -> absolute

    def listings(self, selection: str) -> Listings:
        """Stored directory listings beside these results (see walkcache)."""
        from taglint.cache.listings import Listings

        return Listings(self.folder, selection)

    def _locate(self, path: str) -> tuple[tuple[str, int], str]:
        """(shard id, entry key) of ``path``; string operations only, this runs per file."""
        head, _, name = path.rpartition(os.sep)
        directory = self._absolute.get(head)
        if directory is None:
            # Not normalized: a differently written path ("./a" vs "a") only misses, never hits wrongly.
            directory = self._absolute[head] = head if os.path.isabs(head) else os.path.join(self.cwd, head)
        return (directory, zlib.crc32(name.encode("utf-8", "surrogateescape")) % SHARDS_PER_DIRECTORY), name

    def _file(self, shard_id: tuple[str, int]) -> str:
        digest = hashlib.sha256(shard_id[0].encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return os.path.join(self.folder, f"{digest}-{shard_id[1]:x}.json")

    def _shard(self, shard_id: tuple[str, int]) -> dict[str, Any]:
        shard = self.shards.get(shard_id)
        if shard is None:
            try:
                with open(self._file(shard_id), encoding="utf-8") as handle:
                    loaded = json.load(handle)
                shard = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                shard = {}
            self.shards[shard_id] = shard
        return shard

    def scan(self, paths: Sequence[str]) -> tuple[list[tuple[int, Any]], list[tuple[int, str | None]]]:
        """What the cache knows of many files: ``(found, misses)``.

        ``found`` holds ``(index, stored)`` for each unchanged file with findings, its
        entry still encoded (``decode_stored`` turns it into a result where it is
        reported); ``misses`` holds ``(index, stat key)`` for each file to check.
        Unchanged clean files appear in neither: a warm run does nothing else per
        file, so nothing is built for them. Walks list a directory's files together,
        so for a large batch the entries of all a directory's shards are merged once
        and each file costs one stat and one dict look-up.
        """
        found: list[tuple[int, Any]] = []
        misses: list[tuple[int, str | None]] = []
        few = len(paths) < 4 * SHARDS_PER_DIRECTORY  # a few files: load only their own shards
        stat, sep = os.stat, os.sep
        last_head: str | None = None
        entries: dict[str, Any] = {}
        for index, path in enumerate(paths):
            try:
                info = stat(path)
            except OSError:
                misses.append((index, None))
                continue
            key = f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"
            if few:
                shard_id, name = self._locate(path)
                entry = self._shard(shard_id).get(name)
            else:
                head, _, name = path.rpartition(sep)
                if head != last_head:
                    last_head = head
                    directory = self._locate(path)[0][0]
                    entries = {}
                    for number in range(SHARDS_PER_DIRECTORY):
                        entries.update(self._shard((directory, number)))
                entry = entries.get(name)
            if entry == key:
                continue  # unchanged and clean: the common case, without a call
            if type(entry) is list and len(entry) == 2 and entry[0] == key:
                if entry[1] is not None:
                    found.append((index, entry[1]))
            else:
                misses.append((index, key))
        return found, misses

    def put(self, path: str, key: str | None, result: FileResult) -> None:
        # A file modified within the last two seconds could change again within the
        # same mtime tick without changing size (git's "racy" case): do not trust it yet.
        if key is None or time.time_ns() - int(key.split(":", 1)[0]) < RACY_NS or any(d.rule == "parse-error" and "internal error" in d.message for d in result.diagnostics):
            return
        shard_id, name = self._locate(path)
        self._shard(shard_id)[name] = [key, encode_result(result)] if result.diagnostics else key
        self.dirty.add(shard_id)

    def directory_of(self, path: str) -> str:
        """The directory of ``path`` as written (cheap; compare, then hand back to ``release``)."""
        return path.rpartition(os.sep)[0]

    def trim(self, written: str) -> None:
        """Forget the unchanged shards of every directory but ``written`` (as written); they reload on need."""
        keep = self._absolute.get(written)
        for shard_id in [shard_id for shard_id in self.shards if shard_id[0] != keep and shard_id not in self.dirty]:
            del self.shards[shard_id]

    def release(self, written: str) -> None:
        """Write back and forget the shards of a directory (as written): the run is done with it."""
        directory = self._absolute.get(written)
        done = [shard_id for shard_id in self.shards if shard_id[0] == directory]
        self._write([shard_id for shard_id in done if shard_id in self.dirty])
        for shard_id in done:
            del self.shards[shard_id]

    def save(self) -> None:
        self._write(sorted(self.dirty))
        if os.path.isdir(self.folder):
            try:
                self._prune()
            except OSError:
                pass

    def _write(self, shard_ids: list[tuple[str, int]]) -> None:
        if not shard_ids:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by taglint: the cache is never worth committing.\n*\n")
            import tempfile  # only here: most runs write no shard, and a small one imports it for nothing else (~2 ms)

            for shard_id in shard_ids:
                fd, temp = tempfile.mkstemp(prefix=".shard-", suffix=".tmp", dir=self.folder)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(self.shards[shard_id], handle, separators=(",", ":"))
                os.replace(temp, self._file(shard_id))
                self.dirty.discard(shard_id)
        except OSError:
            pass  # a cache that cannot be written only costs speed next time

    def _prune(self) -> None:
        """Drop the oldest result folders beyond KEEP (old taxonomies, old versions)."""
        folders = [os.path.join(self.directory, n) for n in os.listdir(self.directory) if n.startswith("results-")]
        folders.sort(key=lambda f: os.stat(f).st_mtime, reverse=True)
        for old in folders[KEEP:]:
            if old != self.folder:
                import shutil  # only here, as tempfile in _write

                shutil.rmtree(old, ignore_errors=True)


def open_cache(setup: Setup, directory: str | None, extra: Iterable[object] = ()) -> ResultCache:
    """The cache for this run's fingerprint, in ``directory`` or the config's cache-dir."""
    where = directory if directory is not None else setup.config.resolve(setup.config.cache_dir)
    return ResultCache(where, fingerprint(setup, [json.dumps(list(extra), default=str)]))
