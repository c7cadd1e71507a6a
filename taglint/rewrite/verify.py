"""The rule every rewritten note must pass before it is written: only its tags changed.

``verify(before, after, ...)`` compares the note read with the note a command
made of it, both parsed: the result must parse, keep its BOM and where its
front matter ends, keep every front-matter key in order, keep the kind of
value each tag field holds and its validity, keep every other field's value
(compared with types, so ``1`` never equals ``true``), and keep the body
except at ``#tags``. An ``Allowance`` names what one command may change
besides tags: ``check --add-ignore`` writes the ``taglint`` key (creating the
front matter for it) and suppression comments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from taglint.parse.notes import Note


@dataclass(frozen=True)
class Allowance:
    """What a rewrite may change besides tags (fix, rename and remove: nothing)."""

    key: str | None = None  # a front-matter key it may add or change; a front matter may be created to hold it
    comments: re.Pattern[str] | None = None  # body comments it may add or extend


TAGS_ONLY = Allowance()


def verify(before: Note, after: Note, tag_fields: Sequence[str], allow: Allowance = TAGS_ONLY) -> str | None:
    """Why ``after`` must not replace ``before``, or None if it is safe."""
    if not after.parsed:
        return "the fixed front matter would not parse; left unchanged"
    created = allow.key is not None and not before.has_front_matter and after.has_front_matter
    if (after.has_front_matter != before.has_front_matter and not created) or after.source.bom != before.source.bom:
        return "fixing would change where the front matter ends; left unchanged"
    if [k for k in before.fields if k != allow.key] != [k for k in after.fields if k != allow.key]:
        return "fixing would add, drop or reorder front-matter keys; left unchanged"
    tag_keys = {key.lower() for key in tag_fields}  # any capitalisation: the hugo and obsidian dialects read "Tags" too
    for key, old in before.fields.items():
        if key == allow.key:
            continue
        new = after.fields[key]
        if key.lower() in tag_keys:
            kinds = (getattr(old.node, "id", None), getattr(new.node, "id", None))
            # A string of tags may become a list of them (trailing-comma's fix); nothing else may change kind.
            if kinds[0] != kinds[1] and kinds != ("scalar", "sequence"):
                return f'fixing would change what kind of value "{key}" holds; left unchanged'
        elif typed(old.value) != typed(new.value):
            return f'fixing would change the field "{key}"; left unchanged'
    if len(after.problems) > len(before.problems):
        return "fixing would make a tag field invalid; left unchanged"
    if _body(after, allow) != _body(before, allow):
        return "fixing would change the body outside #tags; left unchanged"
    return None


def typed(value: Any) -> Any:
    """``value`` with every scalar paired with its type, so ``1``, ``1.0`` and ``true`` differ."""
    if isinstance(value, dict):
        return ("dict", tuple((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(typed(v) for v in value))
    return (type(value).__name__, value)


def body_skeleton(note: Note) -> str:
    """The body with every inline ``#tag`` (and the blank before it) cut out.

    Two bodies with equal skeletons differ only at tags: a tag renamed, added
    after another, or removed.
    """
    text, start = note.text, note.body_start
    pieces: list[str] = []
    pos = start
    for occ in sorted((o for o in note.tags if o.field is None), key=lambda o: o.span.start):
        cut = occ.removal.start if occ.removal is not None and occ.removal.start >= pos else occ.span.start
        pieces.append(text[pos:cut])
        pos = occ.span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _body(note: Note, allow: Allowance) -> str:
    skeleton = body_skeleton(note)
    if allow.comments is None:
        return skeleton
    # A comment alone on its line goes with its line (add-ignore inserts whole lines);
    # one beside other text goes alone (add-ignore may extend it).
    pattern = allow.comments.pattern
    alone = re.compile(rf"(?:\A|(?<=[\r\n]))[ \t]*(?:{pattern})[ \t]*(?:\r\n|\n|\r)")
    return allow.comments.sub("", alone.sub("", skeleton))
