"""``taglint rename`` and ``taglint remove``: the taxonomy edit, the notes, then the taxonomy written.

The order is the safety: the taxonomy edit is computed (and validated) before
any note changes, so an edit that makes no sense stops the run with nothing
written; the notes go through the rewrite pipeline (``fix.retag``); the
taxonomy is written last, compare-before-replace like every note.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from taglint.files.read import read_note
from taglint.files.write import WriteRefused, write_if_unchanged
from taglint.rewrite.outcome import Outcome
from taglint.rewrite.retag import Matcher, retag_paths
from taglint.project.config import Config
from taglint.project.taxonomy import Taxonomy
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

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        lines = difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True), f"a/{self.path}", f"b/{self.path}")
        return "".join(lines)


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


def _start(paths: Sequence[str], config: Config, taxonomy: Taxonomy, old: str, new: str | None, edit: Callable[[str], str], write: bool) -> Retagging:
    path = config.taxonomy_path
    try:
        data = read_note(path)
        before = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyProblem(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        after = edit(before)
    except taxonomy_edit.EditError as exc:
        raise TaxonomyProblem(f"{path}: {exc}") from None
    match = Matcher(old, new, taxonomy.case_sensitive, taxonomy)
    return Retagging(paths, config, match, TaxonomyChange(path, data, before, after), write)


def rename_tag(paths: Sequence[str], config: Config, taxonomy: Taxonomy, old: str, new: str, keep_alias: bool = True, write: bool = True) -> Retagging:
    """Rename ``old`` to ``new`` in the notes and the taxonomy (merging into ``new`` when it exists)."""
    return _start(paths, config, taxonomy, old, new, lambda text: taxonomy_edit.rename(text, old, new, keep_alias=keep_alias), write)


def remove_tag(paths: Sequence[str], config: Config, taxonomy: Taxonomy, tag: str, replace_with: str | None = None, write: bool = True) -> Retagging:
    """Delete ``tag`` from the notes and the taxonomy, or re-point it to ``replace_with``."""
    return _start(paths, config, taxonomy, tag, replace_with, lambda text: taxonomy_edit.remove(text, tag, replace_with), write)
