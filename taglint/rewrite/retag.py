"""Rename or remove a tag in notes, touching only the bytes of the tag occurrences.

Edits are built from each ``TagOccurrence``: its ``span`` re-rendered with
``tag_syntax.render_tag`` (keeping quote style) for a rename, its ``removal``
span for a removal.  When the new name is already on the note, the old one is
removed instead, so no note is left with the tag twice.  Overlapping removals
(two neighbours in one list) are finished in a further pass.  Every result is
re-parsed and verified like ``taglint fix``; ``fix.pipeline`` reads, verifies
once more and writes the notes, as for every rewriting command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.files.text import SourceText
from taglint.rewrite.edits import apply_edits, select_edits
from taglint.rewrite.outcome import Outcome
from taglint.rewrite.pipeline import Change, Rewriter, rewrite_paths
from taglint.rewrite.verify import verify
from taglint.model import Edit
from taglint.parse import tag_syntax
from taglint.parse.notes import Note, parse_text
from taglint.project.config import Config
from taglint.project.taxonomy import Taxonomy, name_key

MAX_PASSES = 10


class RetagError(Exception):
    pass


@dataclass(frozen=True)
class Matcher:
    """Which written names are the old tag, and which already stand for the new one."""

    old: str
    new: str | None
    case_sensitive: bool = False
    taxonomy: Taxonomy | None = None

    def _key(self, name: str) -> str:
        return name_key(name, self.case_sensitive)

    def is_old(self, name: str) -> bool:
        return self._key(name) == self._key(self.old)

    def is_new(self, name: str) -> bool:
        if self.new is None or self.is_old(name):
            return False
        if self._key(name) == self._key(self.new):
            return True
        if self.taxonomy is None:
            return False
        mine, theirs = self.taxonomy.resolve(name), self.taxonomy.resolve(self.new)
        return mine is not None and theirs is not None and mine.canonical == theirs.canonical


def _pass_edits(note: Note, match: Matcher) -> list[Edit]:
    has_new = any(o.field is not None and match.is_new(o.name) for o in note.tags)
    edits: list[Edit] = []
    for occ in note.tags:
        if not match.is_old(occ.name):
            continue
        # In the front matter a second copy is a duplicate; in prose each #tag stands on its own.
        if match.new is None or (occ.field is not None and has_new):
            if occ.removal is None:
                raise RetagError(f'cannot remove "{occ.name}" here without rewriting more than the tag')
            edits.append(Edit(occ.removal, ""))
            continue
        rendered = tag_syntax.render_tag(occ, match.new)
        if rendered is None:
            raise RetagError(f'cannot write "{match.new}" where "{occ.name}" stands ({occ.style} style)')
        edits.append(Edit(occ.span, rendered))
        has_new = has_new or occ.field is not None
    return edits


def retag_note(note: Note, match: Matcher, tag_fields: Sequence[str] = ("tags", "tag"), inline_tags: bool = False) -> tuple[Note, int]:
    """The note with the old tag renamed or removed, and how many occurrences changed."""
    original, changes = note, 0
    for _ in range(MAX_PASSES):
        edits = _pass_edits(note, match)
        if not edits:
            break
        text = apply_edits(note.text, edits)
        changes += len(select_edits(edits))  # overlapping ones wait for the next pass
        note = parse_text(note.path, SourceText(text, note.source.bom), tag_fields, inline_tags)
    problem = verify(original, note, tuple(tag_fields))
    if problem is None and any(match.is_old(o.name) for o in note.tags):
        problem = "the tag could not be rewritten everywhere; left unchanged"
    if problem is None:
        def others(n: Note) -> set[str]:
            return {o.name for o in n.tags if not match.is_old(o.name) and not match.is_new(o.name)}

        if others(original) != others(note):
            problem = "the rewrite would change other tags; left unchanged"
    if problem is not None:
        raise RetagError(problem)
    return note, changes


def retagger(config: Config, match: Matcher) -> Rewriter:
    """``rename``/``remove``'s part in the rewrite pipeline: only notes carrying the old tag change."""

    def transform(note: Note) -> Change | None:
        if not note.parsed or not any(match.is_old(o.name) for o in note.tags):
            return None
        try:
            after, changes = retag_note(note, match, config.tag_fields, config.inline_tags)
        except RetagError as exc:
            return Change(note, refused=str(exc))
        return Change(after, changes)

    return Rewriter(config, transform)


def retag_paths(paths: Sequence[str], config: Config, match: Matcher, write: bool) -> Iterator[Outcome]:
    """Rename/remove in every note the selection yields; the outcome of each note changed, refused or unreadable."""
    return rewrite_paths(paths, retagger(config, match), write)
