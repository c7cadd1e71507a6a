"""``taglint suggest --apply``: add the accepted suggestions through the one rewrite pipeline.

The edits come from ``checks.tagmodel.edits`` (the same ones the linter's
unsafe fixes carry); ``rewriter`` hands them to ``rewrite.pipeline`` as a
transform, so they are applied, verified and written like every other
rewrite: ``rewrite.verify.verify`` with an ``Allowance`` for the one tag
field written (which may be new, or an empty value filled), and the note's
tags must read back as the old ones plus the new ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from taglint.checks.tagmodel.edits import CannotAdd, add_tags_edits
from taglint.files.text import SourceText
from taglint.parse.notes import Note, parse_text
from taglint.project.config import Config
from taglint.rewrite.edits import apply_edits
from taglint.rewrite.pipeline import Change, Rewriter
from taglint.rewrite.verify import Allowance, verify


def field_written(note: Note, tag_fields: Sequence[str]) -> str:
    """The tag field the new tags go into: the one holding the last tag, else the first one present, else the first configured."""
    field_tags = [o for o in note.tags if o.field is not None]
    if field_tags:
        return str(max(field_tags, key=lambda o: o.span.end).field)
    return next((key for key in tag_fields if key in note.fields), tag_fields[0] if tag_fields else "tags")


def add_tags(note: Note, names: Sequence[str], tag_fields: Sequence[str], inline_tags: bool = False, dialect: str = "generic") -> Note:
    """``note`` with ``names`` added to its tags; CannotAdd when that cannot be done safely."""
    if not note.parsed:
        raise CannotAdd("the front matter does not parse; fix it first")
    text = apply_edits(note.text, add_tags_edits(note, names, tag_fields))
    after = parse_text(note.path, SourceText(text, note.source.bom), tag_fields, inline_tags, dialect)
    problem = verify(note, after, tag_fields, Allowance(key=field_written(note, tag_fields)))
    if problem is None and sorted(o.name for o in after.tags) != sorted([o.name for o in note.tags] + list(names)):
        problem = "the tags would not read back as the old ones plus the new ones; left unchanged"
    if problem is not None:
        raise CannotAdd(problem)
    return after


def rewriter(config: Config, names_by_path: Mapping[str, Sequence[str]]) -> Rewriter:
    """The pipeline's part for ``--apply``: add each note's accepted suggestions."""

    def transform(note: Note) -> Change | None:
        names = names_by_path.get(note.path)
        if not names:
            return None
        try:
            return Change(add_tags(note, names, config.tag_fields, config.inline_tags, config.dialect), len(names))
        except CannotAdd as exc:
            return Change(note, refused=str(exc))

    # verify runs again in the pipeline: the one field written may change kind or be created.
    first = config.tag_fields[0] if config.tag_fields else "tags"
    return Rewriter(config, transform, allow=Allowance(key=first))
