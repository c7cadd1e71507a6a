"""Result entries: each note's findings, kept per directory in shard files under ``results-<key>/``.

The folder's key (``results_key``) is the store's one rule: taglint's
version, the settings that shape a result, and the digest of every input of
the setup. Within it a note's entry is reused while the note's stat stamp
(mtime, size, inode, ctime: ``fingerprint.stamp``) is the one stored, and an
entry is stored only once the stamp is settled (the racy rule). Like ruff's
cache, the notes themselves are not read on a warm run.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from taglint.cache.fingerprint import digest, fingerprints, settled, stamp
from taglint.cache.setup import setup_inputs
from taglint.cache.store import Store
from taglint.cache.store import key as entry_key
from taglint.model import Applicability, Diagnostic, Edit, FileResult, Fix, Severity, Span
from taglint.project.locations import TAG_MODEL_POINTER, tag_model_directory
from taglint.project.setup import Setup

if TYPE_CHECKING:
    from taglint.cache.listings import Listings

KIND = "results"


def results_key(setup: Setup, extra: object = ()) -> str:
    """The key of this run's results: the settings that shape a result, and the digest of every input of the setup."""
    config = setup.config
    severities = sorted((name, level.value if level else None) for name, level in setup.severities.items())
    # The dialect reads the notes (``extra`` holds what the run counted from them: lint.conventions).
    settings = [config.root, config.tag_fields, config.inline_tags, config.dialect, config.per_file_ignores, severities, extra]
    # The stored tag model's pointer too: missing-field and under-tagged name its suggestions.
    model_pointer = os.path.join(tag_model_directory(config.resolve(config.cache_dir)), TAG_MODEL_POINTER)
    inputs = [found for _, found in setup_inputs(setup)] + [found for _, found in fingerprints([model_pointer])]
    return entry_key(KIND, [settings, inputs])


def stat_key(path: str) -> str | None:
    """The stat stamp of ``path`` (``fingerprint.stamp``), None when it cannot be stat'ed."""
    try:
        return stamp(os.stat(path))
    except OSError:
        return None


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
KEEP = 4  # result folders kept side by side (e.g. runs with and without --select, two taxonomies)


class ResultCache:
    """The entries under one results key, in shard files per directory, loaded on first use.

    Shards follow directories because runs walk one directory at a time: once a
    directory is done its shards are written back and dropped (``release``), so
    memory stays bounded by the largest directory, not the whole collection.
    """

    def __init__(self, directory: str, key: str) -> None:
        self.directory = directory
        self.store = Store(directory)
        self.folder = f"{KIND}-{key}"  # within the store
        self.shards: dict[tuple[str, int], dict[str, Any]] = {}
        self.dirty: set[tuple[str, int]] = set()
        self.cwd = os.getcwd()
        self._absolute: dict[str, str] = {}  # directory as written -> absolute

    def listings(self, selection: str) -> Listings:
        """Stored directory listings beside these results (``taglint.cache.listings``)."""
        from taglint.cache.listings import Listings

        return Listings(self.store, self.folder, selection)

    def _locate(self, path: str) -> tuple[tuple[str, int], str]:
        """(shard id, entry key) of ``path``; string operations only, this runs per file."""
        head, _, name = path.rpartition(os.sep)
        directory = self._absolute.get(head)
        if directory is None:
            # Not normalized: a differently written path ("./a" vs "a") only misses, never hits wrongly.
            directory = self._absolute[head] = head if os.path.isabs(head) else os.path.join(self.cwd, head)
        return (directory, zlib.crc32(name.encode("utf-8", "surrogateescape")) % SHARDS_PER_DIRECTORY), name

    def _file(self, shard_id: tuple[str, int]) -> str:
        """The shard's name in the store; the shard index only spreads names, so CRC-32 picks it (``_locate``)."""
        name = digest(shard_id[0].encode("utf-8", "surrogateescape"))[:20]
        return os.path.join(self.folder, f"{name}-{shard_id[1]:x}.json")

    def _shard(self, shard_id: tuple[str, int]) -> dict[str, Any]:
        shard = self.shards.get(shard_id)
        if shard is None:
            loaded = self.store.read(self._file(shard_id))
            shard = self.shards[shard_id] = loaded if isinstance(loaded, dict) else {}
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
            key = f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}:{info.st_ctime_ns}"  # fingerprint.stamp, inline
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
        # A stamp younger than the racy window could survive the next write: not stored yet.
        if key is None or not settled(key) or any(d.rule == "parse-error" and "internal error" in d.message for d in result.diagnostics):
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
        try:
            self._prune()
        except OSError:
            pass

    def _write(self, shard_ids: list[tuple[str, int]]) -> None:
        for shard_id in shard_ids:
            self.store.write(self._file(shard_id), self.shards[shard_id])
            self.dirty.discard(shard_id)

    def _prune(self) -> None:
        """Drop the oldest result folders beyond KEEP (old taxonomies, old versions, other settings)."""
        folders = [os.path.join(self.directory, n) for n in os.listdir(self.directory) if n.startswith(f"{KIND}-")]
        if len(folders) <= KEEP:
            return
        folders.sort(key=lambda f: os.stat(f).st_mtime, reverse=True)
        for old in folders[KEEP:]:
            if old != self.store.path(self.folder):
                import shutil  # only here: most runs prune nothing

                shutil.rmtree(old, ignore_errors=True)


def open_cache(setup: Setup, directory: str | None, extra: object = ()) -> ResultCache:
    """The results for this run's key (``extra``: options that shape results beyond the setup), in ``directory`` or the config's cache-dir."""
    where = directory if directory is not None else setup.config.resolve(setup.config.cache_dir)
    return ResultCache(where, results_key(setup, extra))
