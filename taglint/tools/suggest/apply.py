"""``taglint suggest --apply``: add the accepted suggestions to the notes, byte-exact elsewhere.

The edits come from ``checks.tagmodel.edits`` (the same ones the linter's
unsafe fixes carry) and go through ``fix.edits.apply_edits``. Before a note
is written, the result is re-parsed and verified: with ``fix.note.verify``
when the note already had a tag list (every other field, the body and the
field's kind unchanged), otherwise by the same tests with the one intended
difference allowed (a new ``tags`` key, or an empty one filled); in both
cases the note's tags must read back as the old ones plus the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taglint.checks.tagmodel.edits import CannotAdd, add_tags_edits
from taglint.files.text import SourceText
from taglint.fix.edits import apply_edits
from taglint.fix.note import body_skeleton, typed, verify
from taglint.parse.notes import Note, parse_text


@dataclass(frozen=True)
class Added:
    path: str
    names: tuple[str, ...]
    before: str
    after: str
    error: str | None = None
    written: bool = False


def add_tags(note: Note, names: Sequence[str], tag_fields: Sequence[str], inline_tags: bool = False) -> Note:
    """``note`` with ``names`` added to its tags; CannotAdd when that cannot be done safely."""
    if not note.parsed:
        raise CannotAdd("the front matter does not parse; fix it first")
    edits = add_tags_edits(note, names, tag_fields)
    text = apply_edits(note.text, edits)
    after = parse_text(note.path, SourceText(text, note.source.bom), tag_fields, inline_tags)
    problem = verify_added(note, after, tag_fields, names)
    if problem is not None:
        raise CannotAdd(problem)
    return after


def verify_added(before: Note, after: Note, tag_fields: Sequence[str], names: Sequence[str]) -> str | None:
    """Why ``after`` is not ``before`` with ``names`` added and nothing else changed, or None."""
    if not after.parsed:
        return "the new front matter would not parse; left unchanged"
    had_list = any(o.field is not None for o in before.tags) or any(
        isinstance(before.fields[k].value, list) for k in tag_fields if k in before.fields
    )
    if had_list:
        problem = verify(before, after, tag_fields)
        if problem is not None:
            return problem
    else:
        problem = _verify_new_field(before, after, tag_fields)
        if problem is not None:
            return problem
    expected = [o.name for o in before.tags] + list(names)
    if sorted(o.name for o in after.tags) != sorted(expected):
        return "the tags would not read back as the old ones plus the new ones; left unchanged"
    return None


def _verify_new_field(before: Note, after: Note, tag_fields: Sequence[str]) -> str | None:
    if after.source.bom != before.source.bom:
        return "adding tags would change the byte order mark; left unchanged"
    old_keys = [k for k in before.fields if k not in tag_fields]
    new_keys = [k for k in after.fields if k not in tag_fields]
    if old_keys != new_keys or len(after.fields) - len(before.fields) > 1:
        return "adding tags would add, drop or reorder other front-matter keys; left unchanged"
    for key in old_keys:
        if typed(before.fields[key].value) != typed(after.fields[key].value):
            return f'adding tags would change the field "{key}"; left unchanged'
    if before.has_front_matter:
        if body_skeleton(after) != body_skeleton(before):
            return "adding tags would change the body; left unchanged"
    elif after.text[after.body_start :] != before.text:
        return "adding a front matter would change the note's text; left unchanged"
    return None


def diff(added: Added) -> str:
    import difflib

    if added.before == added.after:
        return ""
    lines = difflib.unified_diff(added.before.splitlines(True), added.after.splitlines(True), f"a/{added.path}", f"b/{added.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
