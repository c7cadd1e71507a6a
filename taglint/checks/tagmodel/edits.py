"""The span edits that add tags to a note, in the style its tags are written in.

- Tags already in a front-matter field: the new names follow the field's last
  tag (``tag_syntax.insertion_after``: ``, A`` in a flow list or a comma
  string, a new ``- A`` line with the same indent and line ending in a block
  list). All of them form one insertion, since two insertions at one point
  would be refused as overlapping.
- An empty field (``tags: []``): the names go inside the brackets.
- No tag field: a ``tags: [A, B]`` line at the end of the front matter, or a
  new front-matter block when the note has none (the first of the config's
  tag fields names the key).

Here, in the rules' layer, so that ``missing-field`` and ``under-tagged`` can
offer them as fixes; ``taglint suggest --apply`` writes the same edits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from taglint.model import Edit, Span
from taglint.parse import tag_syntax
from taglint.parse.notes import Note
from taglint.parse.other_syntax import render_other

_NEWLINE = re.compile(r"\r\n|\n|\r")


class CannotAdd(Exception):
    pass


def _flow_item(name: str) -> str:
    return name if tag_syntax.plain_is_safe(name) and "," not in name else tag_syntax.quote_double(name)


def _newline(text: str) -> str:
    match = _NEWLINE.search(text)
    return match.group(0) if match else "\n"


def add_tags_edits(note: Note, names: Sequence[str], tag_fields: Sequence[str]) -> list[Edit]:
    """Edits that add ``names`` (canonical, not yet on the note) to ``note``; CannotAdd when no style fits."""
    if not names:
        return []
    field_tags = [o for o in note.tags if o.field is not None]
    if field_tags:
        last = max(field_tags, key=lambda o: o.span.end)
        at: Span | None = None
        content = ""
        for name in names:
            insertion = tag_syntax.insertion_after(note.text, last, name)
            if insertion is None:
                raise CannotAdd(f'cannot write "{name}" in this {last.style} tag field')
            at, piece = insertion
            content += piece
        assert at is not None
        return [Edit(at, content)]
    if note.format != "yaml":  # TOML or JSON front matter: items written in that format, checked by its reader
        rendered = [render_other(note.format, '"', n) for n in names]
        if None in rendered:
            raise CannotAdd(f"cannot write these tags in {note.format.upper()} front matter")
        listing = "[" + ", ".join(r for r in rendered if r is not None) + "]"
    else:
        listing = "[" + ", ".join(_flow_item(n) for n in names) + "]"
    for key in tag_fields:
        fld = note.fields.get(key)
        if fld is None:
            continue
        raw = note.text[fld.value_span.start : fld.value_span.end]
        if raw.strip() == "[]":
            inside = fld.value_span.start + raw.index("[") + 1
            return [Edit(Span(inside, inside), listing[1:-1])]
        if fld.value is None and raw.strip() in ("~", "null", "Null", "NULL"):
            return [Edit(fld.value_span, listing)]
        if fld.value is None and raw.strip() == "":
            # "tags:" with nothing after it: the empty value's span may start on the next line.
            colon = note.text.find(":", fld.key_span.end)
            if colon == -1:
                raise CannotAdd(f'cannot find where "{key}" ends')
            return [Edit(Span(colon + 1, colon + 1), " " + listing)]
        raise CannotAdd(f'"{key}" holds a value taglint cannot add tags to')
    newline = _newline(note.text)
    key = tag_fields[0] if tag_fields else "tags"
    if note.format != "yaml" and note.yaml_span is not None:
        start = note.yaml_span.start
        if note.format == "toml":  # first in the block, so no [table] header comes before it
            return [Edit(Span(start, start), f"{key} = {listing}{newline}")]
        comma = "," if note.fields else ""
        return [Edit(Span(start + 1, start + 1), f'{newline}  "{key}": {listing}{comma}')]
    if not note.has_front_matter:
        return [Edit(Span(0, 0), f"---{newline}{key}: {listing}{newline}---{newline}")]
    if note.yaml_span is None:
        raise CannotAdd("the front matter could not be read")
    end = note.yaml_span.end
    if end > note.yaml_span.start and note.text[end - 1] not in "\r\n":
        return [Edit(Span(end, end), f"{newline}{key}: {listing}")]
    return [Edit(Span(end, end), f"{key}: {listing}{newline}")]
