"""Rename, remove or split a tag in notes, touching only the bytes of the tag occurrences.

Edits are built from each ``TagOccurrence``: its ``span`` re-rendered with
``tag_syntax.render_tag`` (keeping quote style) for a rename, its ``removal``
span for a removal, and for a split the first new tag rendered there with the
others inserted after it (``tag_syntax.insertion_after``, as ``missing-parent``
adds a tag).  A new tag already on the note is not written twice: when all of
them are there, the old one is removed instead.  Overlapping removals
(two neighbours in one list) are finished in a further pass.  Every result is
re-parsed and verified like ``taglint fix``; ``rewrite.pipeline`` reads, verifies
once more and writes the notes, as for every rewriting command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.files.text import SourceText
from taglint.model import Applicability, Edit, Fix, Span, TagOccurrence
from taglint.parse import dialects, tag_syntax
from taglint.parse.notes import Note, parse_text
from taglint.project.config import Config
from taglint.project.taxonomy import Taxonomy, name_key
from taglint.rewrite.edits import apply_edits, select_fixes
from taglint.rewrite.outcome import Outcome
from taglint.rewrite.pipeline import Change, Rewriter, rewrite_paths
from taglint.rewrite.verify import verify

MAX_PASSES = 10


class RetagError(Exception):
    pass


@dataclass(frozen=True)
class Matcher:
    """Which written names are the old tag, and which already stand for one of the new ones."""

    old: str
    new: tuple[str, ...] = ()  # what replaces it: one tag (rename, merge), none (remove), several (split)
    case_sensitive: bool = False
    taxonomy: Taxonomy | None = None
    old_spellings: tuple[str, ...] = ()  # more spellings of the old tag in notes (a split's aliases, which go with it)
    nested: bool = False  # Obsidian's nested tags: renaming "a" renames "a/b" to "new/b" too

    def _key(self, name: str) -> str:
        # The taxonomy's own folding when there is one (Hugo's term key in the hugo dialect).
        return self.taxonomy.key(name) if self.taxonomy is not None else name_key(name, self.case_sensitive)

    def child_rest(self, name: str) -> str | None:
        """For a nested rename, what follows the old tag in ``name`` ("/b" of "a/b"), else None."""
        if not self.nested or len(self.new) != 1 or "/" not in name:
            return None
        head = name[: len(self.old)]
        if name[len(self.old) : len(self.old) + 1] != "/" or self._key(head) != self._key(self.old):
            return None
        return name[len(self.old) :]

    def targets(self, name: str) -> tuple[str, ...]:
        """What an old ``name`` becomes: the new tags, or for a nested child its new path."""
        rest = self.child_rest(name)
        return (self.new[0] + rest,) if rest is not None else self.new

    def is_old(self, name: str) -> bool:
        # A new name written exactly is never old: in a case-only rename ("NLP" to "nlp") both share a key.
        if any(name_key(name, True) == name_key(new, True) for new in self.new):
            return False
        key = self._key(name)
        if key == self._key(self.old) or any(key == self._key(other) for other in self.old_spellings):
            return True
        rest = self.child_rest(name)
        return rest is not None and name_key(name, True) != name_key(self.new[0] + rest, True)

    def new_index(self, name: str) -> int | None:
        """Which of the new tags ``name`` already stands for (its spelling, or through the taxonomy), if any."""
        if self.is_old(name):
            return None
        if self.nested and len(self.new) == 1 and self._key(name).startswith(self._key(self.new[0]) + "/"):
            return 0  # a tag already under the new name (the others-check must not count it as changed)
        for index, new in enumerate(self.new):
            if self._key(name) == self._key(new):
                return index
        if self.taxonomy is None:
            return None
        mine = self.taxonomy.resolve(name)
        if mine is None:
            return None
        for index, new in enumerate(self.new):
            theirs = self.taxonomy.resolve(new)
            if theirs is not None and mine.canonical == theirs.canonical:
                return index
        return None

    def is_new(self, name: str) -> bool:
        return self.new_index(name) is not None


def _pass_edits(note: Note, match: Matcher, dialect: str = "generic") -> list[Fix]:
    """One group of edits per occurrence of the old tag, to be applied whole or not at all."""
    # New tags already in the same tag list are not written again (a Hugo term in tags and in categories
    # is in two lists: parse.dialects.field_group); in prose each #tag stands on its own.
    present = {
        (dialects.field_group(dialect, o.field), i) for o in note.tags if o.field is not None and (i := match.new_index(o.name)) is not None
    }
    groups: list[Fix] = []
    written = {(dialects.field_group(dialect, o.field), match._key(o.name)) for o in note.tags if o.field is not None}
    for occ in note.tags:
        if not match.is_old(occ.name):
            continue
        group = dialects.field_group(dialect, occ.field)
        if match.child_rest(occ.name) is not None:  # a nested child: renamed on its own, or dropped when its new path is there
            target = match.targets(occ.name)[0]
            if occ.field is not None and (group, match._key(target)) in written:
                if occ.removal is None:
                    raise RetagError(f'cannot remove "{occ.name}" here without rewriting more than the tag')
                groups.append(Fix((Edit(occ.removal, ""),), Applicability.SAFE, f'remove "{occ.name}"'))
            else:
                groups.append(Fix(_replacement(note, occ, [target]), Applicability.SAFE, f'rewrite "{occ.name}"'))
                written.add((group, match._key(target)))
            continue
        wanted = [i for i in range(len(match.new)) if occ.field is None or (group, i) not in present]
        if not wanted:
            if occ.removal is None:
                raise RetagError(f'cannot remove "{occ.name}" here without rewriting more than the tag')
            groups.append(Fix((Edit(occ.removal, ""),), Applicability.SAFE, f'remove "{occ.name}"'))
            continue
        groups.append(Fix(_replacement(note, occ, [match.new[i] for i in wanted]), Applicability.SAFE, f'rewrite "{occ.name}"'))
        if occ.field is not None:
            present.update((group, i) for i in wanted)
    return groups


def _replacement(note: Note, occ: TagOccurrence, names: list[str]) -> tuple[Edit, ...]:
    """The edits writing ``names`` where ``occ`` stands: the first in its place, the others after it, in the same style."""
    rendered = tag_syntax.render_tag(occ, names[0])
    if rendered is None:
        raise RetagError(f'cannot write "{names[0]}" where "{occ.name}" stands ({occ.style} style)')
    following: list[str] = []  # block list: whole "- item" lines after the one of ``occ``
    below: Span | None = None
    for name in names[1:]:
        insertion = tag_syntax.insertion_after(note.text, occ, name)
        if insertion is None:
            raise RetagError(f'cannot add "{name}" after "{occ.name}" ({occ.style} style)')
        span, text = insertion
        if span.start == occ.span.end:
            rendered += text  # flow list, string or #tag: right after the tag, one edit with it
        else:
            below = span
            following.append(text)
    if below is None:
        return (Edit(occ.span, rendered),)
    return (Edit(occ.span, rendered), Edit(below, "".join(following)))


def retag_note(
    note: Note, match: Matcher, tag_fields: Sequence[str] = ("tags", "tag"), inline_tags: bool = False, dialect: str = "generic"
) -> tuple[Note, int]:
    """The note with the old tag renamed, removed or split, and how many occurrences changed."""
    original, changes = note, 0
    for _ in range(MAX_PASSES):
        groups = _pass_edits(note, match, dialect)
        if not groups:
            break
        kept = select_fixes(groups)  # overlapping ones wait for the next pass
        text = apply_edits(note.text, [edit for group in kept for edit in group.edits])
        changes += len(kept)
        note = parse_text(note.path, SourceText(text, note.source.bom), tag_fields, inline_tags, dialect)
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
    """``rename``/``remove``/``split``'s part in the rewrite pipeline: only notes carrying the old tag change."""

    def transform(note: Note) -> Change | None:
        if not note.parsed or not any(match.is_old(o.name) for o in note.tags):
            return None
        try:
            after, changes = retag_note(note, match, config.tag_fields, config.inline_tags, config.dialect)
        except RetagError as exc:
            return Change(note, refused=str(exc))
        return Change(after, changes)

    return Rewriter(config, transform)


def retag_paths(paths: Sequence[str], config: Config, match: Matcher, write: bool) -> Iterator[Outcome]:
    """Rename/remove/split in every note the selection yields; the outcome of each note changed, refused or unreadable."""
    return rewrite_paths(paths, retagger(config, match), write)
