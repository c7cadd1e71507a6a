"""``taglint rename``, ``remove`` and ``split``: the taxonomy edit, the notes, then the taxonomy written.

The order is the safety: the taxonomy edit is computed (and validated) before
any note changes, so an edit that makes no sense stops the run with nothing
written; the notes go through the rewrite pipeline (``rewrite.retag``); the
taxonomy is written last, compare-before-replace like every note.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from taglint.files.read import read_note
from taglint.files.write import WriteRefused, write_if_unchanged
from taglint.parse import dialects
from taglint.project.config import Config
from taglint.project.taxonomy import Taxonomy
from taglint.rewrite.outcome import Outcome, unified_diff
from taglint.rewrite.retag import Matcher, retag_paths
from taglint.tools import taxonomy_edit


class TaxonomyProblem(Exception):
    """The taxonomy cannot be edited, read or written; the message starts with its path."""


@dataclass(frozen=True)
class TaxonomyChange:
    """The taxonomy file before and after the edit."""

    path: str
    data: bytes  # as read: written over only while it still holds these bytes
    before: str
    after: str
    changes: tuple[str, ...] = ()  # what changed beyond the edit asked for (``taxonomy_edit.Edited.changes``)

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self, label: str | None = None) -> str:
        """``diff -u`` of the taxonomy, its headers naming ``label`` (default: its path)."""
        return unified_diff(label or self.path, self.before, self.after)


class Retagging:
    """One rename or remove: iterate ``notes()`` (each note rewritten as it comes), then ``finish()``.

    ``changed``, ``failed`` and ``occurrences`` count the notes as they go by.
    """

    def __init__(self, paths: Sequence[str], config: Config, match: Matcher, taxonomy: TaxonomyChange, write: bool) -> None:
        self.paths = list(paths) or ["."]
        self.config = config
        self.match = match
        self.taxonomy = taxonomy
        self.write = write
        self.changed = self.failed = self.occurrences = 0

    def notes(self) -> Iterator[Outcome]:
        """Every note changed (or that would be), refused or unreadable, in walk order."""
        for item in retag_paths(self.paths, self.config, self.match, self.write):
            if item.error:
                self.failed += 1
            else:
                self.changed += 1
                self.occurrences += item.changes
            yield item

    def finish(self) -> None:
        """Write the edited taxonomy (when writing and it changed); raise TaxonomyProblem if it cannot be."""
        tax = self.taxonomy
        if not (self.write and tax.changed):
            return
        try:
            write_if_unchanged(tax.path, tax.data, tax.after.encode("utf-8"), [os.path.dirname(os.path.realpath(tax.path))])
        except (WriteRefused, OSError) as exc:
            raise TaxonomyProblem(f"{tax.path}: not written: {exc}") from None


def _start(
    paths: Sequence[str], config: Config, taxonomy: Taxonomy, match: Matcher, edit: Callable[[str], taxonomy_edit.Edited], write: bool
) -> Retagging:
    path = config.taxonomy_path
    try:
        data = read_note(path)
        before = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyProblem(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        edited = edit(before)
    except taxonomy_edit.EditError as exc:
        raise TaxonomyProblem(f"{path}: {exc}") from None
    return Retagging(paths, config, match, TaxonomyChange(path, data, before, edited.text, edited.changes), write)


def rename_tag(
    paths: Sequence[str],
    config: Config,
    taxonomy: Taxonomy,
    old: str,
    new: str,
    keep_alias: bool = True,
    write: bool = True,
    nested: bool | None = None,
) -> Retagging:
    """Rename ``old`` to ``new`` in the notes and the taxonomy (merging into ``new`` when it exists).

    With nested tags (default: the obsidian dialect's), ``old/x`` becomes ``new/x`` too, in the notes and
    in the taxonomy, as Obsidian users expect (Tag Wrangler's rename does the same).
    """
    nested = dialects.nested(config.dialect) if nested is None else nested
    match = Matcher(old, (new,), taxonomy.case_sensitive, taxonomy, nested=nested)
    children = [name for name in taxonomy.tags if match.child_rest(name) is not None] if nested else []

    def edit(text: str) -> taxonomy_edit.Edited:
        done = taxonomy_edit.rename(text, old, new, keep_alias=keep_alias)
        changes = list(done.changes)
        for child in children:  # each nested tag of the taxonomy moves with its parent
            moved = taxonomy_edit.rename(done.text, child, match.targets(child)[0], keep_alias=keep_alias)
            done = moved
            changes.extend(moved.changes)
        return taxonomy_edit.Edited(done.text, tuple(changes))

    return _start(paths, config, taxonomy, match, edit, write)


def remove_tag(
    paths: Sequence[str], config: Config, taxonomy: Taxonomy, tag: str, replace_with: str | None = None, write: bool = True
) -> Retagging:
    """Delete ``tag`` from the notes and the taxonomy, or re-point it to ``replace_with``."""
    match = Matcher(tag, (replace_with,) if replace_with is not None else (), taxonomy.case_sensitive, taxonomy)
    return _start(paths, config, taxonomy, match, lambda text: taxonomy_edit.remove(text, tag, replace_with), write)


def split_tag(paths: Sequence[str], config: Config, taxonomy: Taxonomy, old: str, new: Sequence[str], write: bool = True) -> Retagging:
    """Replace ``old`` by every tag of ``new`` in the notes (its aliases too, which go with it) and in the taxonomy."""
    known = taxonomy.tags.get(old)
    match = Matcher(old, tuple(new), taxonomy.case_sensitive, taxonomy, known.aliases if known is not None else ())
    return _start(paths, config, taxonomy, match, lambda text: taxonomy_edit.split(text, old, new), write)
