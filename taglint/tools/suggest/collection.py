"""``taglint suggest`` as a library: read the collection, get a model, suggest for the notes that need it.

The model is built from the tagged notes of the collection and stored in the
result cache directory (``<cache-dir>/suggest/<key>.npz``), keyed by the
SHA-256 of what it is built from: taglint's version and the model format,
the taxonomy file, the tag fields, and every training note's path and bytes.
While none of them changes, later runs load it instead of building it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass

from taglint._version import __version__
from taglint.checks.base import relative_to_root
from taglint.checks.tagmodel import pointer, score, stored
from taglint.checks.tagmodel.choose import Candidate, Suggestion, choose
from taglint.checks.tagmodel.stored import Model
from taglint.checks.tagmodel.text import Doc, doc_of
from taglint.parse.notes import Note, parse_note
from taglint.project.setup import Setup
from taglint.project.taxonomy import Taxonomy
from taglint.tools.suggest.build import Example, TagInfo, build


@dataclass(frozen=True)
class NoteSuggestions:
    path: str
    present: tuple[str, ...]  # the canonical tags the note already has
    why: str  # "untagged", "under-tagged (1 tag; usually 3)", "named"
    suggestions: tuple[Suggestion, ...]


def canonical_tags(note: Note, taxonomy: Taxonomy) -> list[str]:
    """The note's tags as canonical names (deprecated ones as their replacement), in order, once each."""
    found: list[str] = []
    for occurrence in note.tags:
        resolution = taxonomy.resolve(occurrence.name)
        if resolution is None:
            continue
        name = resolution.tag.replaced_by or resolution.canonical
        if name in taxonomy.tags and not taxonomy.tags[name].deprecated and name not in found:
            found.append(name)
    return found


class Collection:
    """The bytes of every note discovery selects, each parsed at most once, when first needed.

    A stored model is found by hashing bytes alone, so ``taglint suggest NOTE``
    with a current model parses only the note it suggests for.
    """

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.data: dict[str, bytes] = {}
        self._parsed: dict[str, Note | None] = {}

    def read(self, paths: Sequence[str]) -> list[str]:
        """Read the notes under ``paths`` (once each); their paths, in discovery order."""
        from taglint.files.select import FileSelector

        found = []
        for path in FileSelector(self.setup.config).walk(paths):
            if path not in self.data:
                try:
                    with open(path, "rb") as handle:
                        self.data[path] = handle.read()
                except OSError:
                    continue
            found.append(path)
        return found

    def note(self, path: str) -> Note | None:
        """The parsed note, or None when its front matter does not parse (``check`` reports it)."""
        if path not in self._parsed:
            config = self.setup.config
            note = parse_note(path, self.data[path], config.tag_fields, config.inline_tags, config.dialect)
            self._parsed[path] = note if note.parsed else None
        return self._parsed[path]

    def notes(self, paths: Sequence[str]) -> list[tuple[Note, bytes]]:
        return [(note, self.data[p]) for p in paths if (note := self.note(p)) is not None]


def read_notes(paths: Sequence[str], setup: Setup) -> list[tuple[Note, bytes]]:
    """Every parsed note under ``paths`` with its bytes."""
    collection = Collection(setup)
    return collection.notes(collection.read(paths))


def tag_infos(taxonomy: Taxonomy) -> list[TagInfo]:
    return [TagInfo(t.name, t.aliases, t.description) for t in taxonomy.tags.values() if not t.deprecated]


def model_key(setup: Setup, files: Sequence[tuple[str, bytes]]) -> str:
    """SHA-256 of what a model is built from: settings, taxonomy, and every note's path and bytes."""
    from taglint.tools.suggest import build as build_module

    digest = hashlib.sha256()
    settings = [stored.FORMAT, __version__, build_module.MAX_LANDMARKS, build_module.RIDGE, list(setup.config.tag_fields)]
    digest.update(json.dumps(settings).encode())
    digest.update((pointer.sha256_of(setup.config.taxonomy_path) or "").encode())
    for path, data in sorted(files, key=lambda pair: relative_to_root(pair[0], setup.config.root)):
        digest.update(relative_to_root(path, setup.config.root).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def model_for(setup: Setup, collection: Collection, paths: Sequence[str], use_cache: bool = True) -> tuple[Model, bool]:
    """The model of the tagged notes among ``paths`` (read into ``collection``), from the cache when
    stored; (model, built now). Finding a stored model hashes the notes' bytes without parsing them."""
    taxonomy, tag_fields = setup.taxonomy, setup.config.tag_fields
    key = model_key(setup, [(p, collection.data[p]) for p in paths])
    folder = pointer.directory(setup.config.resolve(setup.config.cache_dir))
    path = os.path.join(folder, key[:32] + ".npz")
    if use_cache and os.path.isfile(path):
        try:
            model = stored.load(path)
            if model.header.get("key") == key:
                return model, False
        except stored.ModelError:
            pass  # rebuilt and stored afresh below
    root = setup.config.root
    training = [(note, tags) for note, _ in collection.notes(paths) if (tags := canonical_tags(note, taxonomy))]
    examples = [Example(relative_to_root(note.path, root), doc_of(note, tag_fields), tuple(tags)) for note, tags in training]
    model = build(examples, tag_infos(taxonomy), key, tag_fields=tag_fields)
    if use_cache:
        _store(model, folder, path, setup.config.taxonomy_path)
    return model, True


def _store(model: Model, folder: str, path: str, taxonomy_path: str) -> None:
    try:
        stored.save(model, path)
        latest = {"model": os.path.basename(path), "taxonomy": pointer.sha256_of(taxonomy_path)}
        temp = os.path.join(folder, f"{pointer.POINTER}.{os.getpid()}.tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(latest, handle)
        os.replace(temp, os.path.join(folder, pointer.POINTER))
        for name in os.listdir(folder):  # one model per collection is enough: drop the stale ones
            if name.endswith(".npz") and name != os.path.basename(path):
                os.unlink(os.path.join(folder, name))
    except OSError:
        pass  # a read-only cache directory: the model is simply built again next time


def needs_suggestions(present: int, usual: int) -> str | None:
    """Why a note in a scanned directory gets suggestions, or None when it has enough tags."""
    if present == 0:
        return "untagged"
    if present < usual:
        return f"under-tagged ({present} tag{'s' if present != 1 else ''}; usually {usual} or more)"
    return None


def suggest(
    model: Model, setup: Setup, notes: Sequence[Note], named: set[str], k: int = 5, min_score: float = 0.0
) -> list[NoteSuggestions]:
    """Suggestions for the notes that need them (untagged, under-tagged, or named on the command line)."""
    taxonomy = setup.taxonomy
    usual = int(model.header["usual"])
    own = model.training_rows
    chosen: list[tuple[Note, list[str], str, Doc]] = []
    for note in notes:
        present = canonical_tags(note, taxonomy)
        why = needs_suggestions(len(present), usual) or ("named" if note.path in named else None)
        if why is not None:
            chosen.append((note, present, why, doc_of(note, setup.config.tag_fields)))
    ranked = score.rank(
        model, [doc for *_, doc in chosen], [own.get(relative_to_root(note.path, setup.config.root)) for note, *_ in chosen]
    )
    results = []
    for (note, present, why, _), tags in zip(chosen, ranked, strict=False):
        candidates = [Candidate(model.tags[r.tag], r.score, score.evidence(r.signals)) for r in tags]
        picked = choose(candidates, taxonomy, set(present), k, min_score)
        results.append(NoteSuggestions(note.path, tuple(present), why, tuple(picked)))
    return results


APPLIED = "applied.json"


class AppliedRecord:
    """The notes ``--apply`` has completed, by path and the SHA-256 of the bytes it wrote.

    A later ``--apply`` leaves such a note alone while it still holds those
    bytes, so running the command twice changes nothing the second time, even
    though the model learns from the tags the first run added (and so scores a
    little differently). Deleting the cache forgets the record.
    """

    def __init__(self, setup: Setup) -> None:
        self.root = setup.config.root
        self.path = os.path.join(pointer.directory(setup.config.resolve(setup.config.cache_dir)), APPLIED)
        try:
            with open(self.path, encoding="utf-8") as handle:
                loaded = json.load(handle)
        except (OSError, ValueError):
            loaded = {}
        self.done: dict[str, str] = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}

    def _key(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def completed(self, path: str, data: bytes) -> bool:
        return self.done.get(self._key(path)) == hashlib.sha256(data).hexdigest()

    def add(self, path: str, data: bytes) -> None:
        self.done[self._key(path)] = hashlib.sha256(data).hexdigest()

    def save(self) -> None:
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            temp = f"{self.path}.{os.getpid()}.tmp"
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(self.done, handle, sort_keys=True)
            os.replace(temp, self.path)
        except OSError:
            pass
