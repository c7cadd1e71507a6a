"""What a note says, as the tag model reads it: its title, its text and a few facts about its fields.

Pure Python (no numpy), so the evaluation script and the tests can build the
same documents. A note's own tags are never part of its document: tag fields
are skipped and inline ``#tags`` are cut out of the body, or a model would
learn a note's tags from the tags themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from taglint.parse.notes import Note

MAX_BODY = 4000  # characters of body read: the start says what a note is about, and it bounds the cost
MAX_FIELD = 400  # characters of one other field
_DATE = re.compile(r"(\d{4})-(\d{2})-\d{2}")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#\s]+)", re.IGNORECASE)
_SKIP_FIELDS = frozenset({"taglint"})  # suppressions are about taglint, not about the note


@dataclass(frozen=True, slots=True)
class Doc:
    title: str
    text: str  # title, other fields and body, in that order
    meta: tuple[str, ...]  # facts as tokens: "has:url", "year:2024", "host:arxiv.org", "body:3"


def doc_of(note: Note, tag_fields: Sequence[str]) -> Doc:
    """The document of a parsed note."""
    body = note.text[note.body_start :]
    inline = sorted((o.span for o in note.tags if o.field is None), key=lambda s: s.start)
    if inline:
        pieces, pos = [], note.body_start
        for span in inline:
            pieces.append(note.text[pos : span.start])
            pos = max(pos, span.end)
        pieces.append(note.text[pos:])
        body = "".join(pieces)
    fields = {key: fld.value for key, fld in note.fields.items() if key not in tag_fields}
    return make_doc(fields, body)


def make_doc(fields: Mapping[str, Any], body: str) -> Doc:
    """The document of a note given its non-tag front-matter values and its body."""
    title = fields.get("title")
    title_text = title if isinstance(title, str) else ""
    extra: list[str] = []
    meta: list[str] = []
    for key, value in fields.items():
        if key in _SKIP_FIELDS:
            continue
        meta.append(f"has:{key.lower()}")
        if key == "title":
            continue
        for item in _strings(value):
            date = _DATE.match(item)
            host = _HOST.match(item)
            if date:
                meta.append(f"year:{date.group(1)}")
            elif host:
                meta.append(f"host:{host.group(1).lower()}")
            else:
                extra.append(item[:MAX_FIELD])
    body = body[:MAX_BODY]
    lines = sum(1 for line in body.splitlines() if line.strip())
    meta.append(f"body:{_bucket(len(body.strip()))}")
    meta.append(f"lines:{min(lines, 8)}")
    text = "\n".join([title_text, *extra, body])
    return Doc(title_text, text, tuple(meta))


def _strings(value: Any) -> Iterable[str]:
    """The scalar strings in a field value (dates as ISO text), nested lists and mappings included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value[:50]:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in list(value.values())[:50]:
            yield from _strings(item)
    elif hasattr(value, "isoformat"):
        yield value.isoformat()


def _bucket(length: int) -> int:
    """0 for an empty body, then one bucket per doubling from 50 characters."""
    bucket, size = 0, 50
    while length >= size and bucket < 8:
        bucket += 1
        size *= 2
    return bucket
