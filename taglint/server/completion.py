"""Completion of canonical tags where a tag is being written.

Where the cursor writes a tag is decided by the note parser itself: the
buffer is parsed with one probe letter inserted at the cursor, and if the
parser reads a tag occurrence through the probe, the cursor is in a tag
field (flow list, block list, or string of any style) or, with
``inline-tags``, at a ``#tag`` in prose (markdown-it decides what is
prose, so code and headings get nothing). The occurrence also says how an
item there is written (its style and quote). While a flow list is still
open (``tags: [NLP, Mu``) the YAML does not parse at all; then a small line
scan of the front matter stands in (``_open_field``), only for that case.

Offered: canonical tags that are not deprecated and not yet on the note,
each with its description and parents; aliases as items of their own that
insert their canonical tag. A stored ``taglint suggest`` model's picks
(``api.suggested_tags``) sort first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lsprotocol import types

from taglint import api
from taglint.model import TagOccurrence, TagStyle
from taglint.server.positions import TextMap

PROBE = "x"  # a letter every tag grammar continues a name with
TRIGGERS = ["#", "[", ",", " ", "-", '"', "'"]
_QUOTES = "'\""


@dataclass(frozen=True)
class Slot:
    """Where a tag is being typed: the name so far starts at ``start`` (after any quote or ``#``)."""

    start: int  # taglint offset
    prefix: str
    style: TagStyle
    quote: str  # the occurrence's quote ("," first for a comma-separated string)
    closed: bool  # an opening quote is closed after the cursor already
    present: tuple[str, ...]  # the other tags written in the note


def find_slot(buffer: str, offset: int, path: str, project: api.Setup) -> Slot | None:
    """The tag being typed at taglint ``offset`` of ``buffer``, or None where no tag goes."""
    shift = 1 if buffer.startswith("\ufeff") else 0
    at = offset + shift
    probed = buffer[:at] + PROBE + buffer[at:]
    occurrences = api.tag_occurrences(probed, path, project)
    for index, occ in enumerate(occurrences):
        if not occ.span.start <= offset < occ.span.end:
            continue
        start = occ.span.start + _opening(occ)
        if offset < start:
            return None  # before the opening quote or the '#'
        others = tuple(o.name for i, o in enumerate(occurrences) if i != index)
        closed = occ.style in (TagStyle.FLOW, TagStyle.BLOCK) and bool(occ.quote)
        return Slot(start, probed[start + shift : at], occ.style, occ.quote, closed, others)
    return _open_field(buffer[shift:], offset, project.config.tag_fields)


def _opening(occ: TagOccurrence) -> int:
    if occ.style is TagStyle.INLINE:
        return 1  # '#'
    if occ.style in (TagStyle.FLOW, TagStyle.BLOCK):
        return len(occ.quote)
    return 0  # a piece of a string: its span holds the name only


_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEY = re.compile(r"([^\s#'\"\-\[{][^:]*?)[ \t]*:(?:[ \t]|$)")
_EOL = re.compile(r"\r\n|\r|\n")


def _open_field(text: str, offset: int, tag_fields: tuple[str, ...]) -> Slot | None:
    """An unclosed flow list of a tag field around ``offset`` (YAML that does not parse yet), or None."""
    fence = _FENCE.match(text)
    if fence is None or offset < fence.end():
        return None
    close = _CLOSE.search(text, fence.end())
    if close is not None and close.start() < offset:
        return None
    lines = _EOL.split(text[fence.end() : offset])
    for back, line in enumerate(reversed(lines)):
        key = _KEY.match(line)
        if key is not None:
            break
        if line[:1] not in (" ", "\t", "-", ""):
            return None  # another top-level line first: not inside a key's value
    else:
        return None
    if key.group(1).strip() not in tag_fields:
        return None
    value = "\n".join([line[key.end() :], *lines[len(lines) - back :]])
    if value.count("[") <= value.count("]"):
        return None  # not an open flow list: the probe would have found any other style
    piece = re.split(r"[\[,]", value)[-1].lstrip()
    quote = piece[0] if piece[:1] in ("'", '"') else ""
    prefix = piece[len(quote) :]
    if any(c in prefix for c in _QUOTES + "]"):
        return None
    present = tuple(name.strip().strip(_QUOTES) for name in re.split(r"[\[\],]", value)[:-1] if name.strip())
    return Slot(offset - len(prefix), prefix, TagStyle.FLOW, quote, False, present)


@dataclass(frozen=True)
class _Entry:
    label: str  # what is written (alias) or inserted (canonical)
    canonical: str
    detail: str
    documentation: types.MarkupContent | None


@lru_cache(maxsize=4)
def _entries(taxonomy: object) -> tuple[_Entry, ...]:
    """What can be offered, per taxonomy (built once: a 1,000-tag taxonomy has a few thousand spellings)."""
    entries: list[_Entry] = []
    for tag in taxonomy.tags.values():  # type: ignore[attr-defined]
        if tag.deprecated:
            continue
        lines = [tag.description] if tag.description else []
        if tag.parents:
            lines.append("Parents: " + ", ".join(tag.parents))
        if tag.aliases:
            lines.append("Aliases: " + ", ".join(tag.aliases))
        doc = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(lines)) if lines else None
        entries.append(_Entry(tag.name, tag.name, "canonical tag" + (f" · {', '.join(tag.parents)}" if tag.parents else ""), doc))
        for alias in tag.aliases:
            entries.append(_Entry(alias, tag.name, f"alias → {tag.name}", doc))
    return tuple(entries)


def _written(name: str, slot: Slot) -> str | None:
    """The text to put at the slot for ``name``, or None when it cannot be written there."""
    if slot.style is TagStyle.INLINE:
        rendered = api.render_tag(name, TagStyle.INLINE)
        return rendered[1:] if rendered else None
    if slot.style is TagStyle.STRING:
        return api.render_tag(name, TagStyle.STRING, slot.quote)
    rendered = api.render_tag(name, slot.style, slot.quote)
    if rendered is None or not slot.quote:
        return rendered
    return rendered[1:-1] if slot.closed else rendered[1:]


def completions(buffer: str, offset: int, path: str, project: api.Setup, text_map: TextMap) -> types.CompletionList | None:
    slot = find_slot(buffer, offset, path, project)
    if slot is None:
        return None
    present = set(api.canonical_tags(slot.present, project))
    present.update(slot.present)
    suggested = {name: rank for rank, name in enumerate(api.suggested_tags(buffer, path, project))}
    edit_range = types.Range(start=text_map.position(slot.start), end=text_map.position(offset))
    items: list[types.CompletionItem] = []
    written: dict[str, str | None] = {}
    for entry in _entries(project.taxonomy):
        if entry.canonical in present:
            continue
        text = written[entry.canonical] if entry.canonical in written else written.setdefault(entry.canonical, _written(entry.canonical, slot))
        if text is None:
            continue
        rank = suggested.get(entry.canonical)
        order = f"0{rank:04d}" if rank is not None else ("1" if entry.label == entry.canonical else "2")
        items.append(
            types.CompletionItem(
                label=entry.label,
                kind=types.CompletionItemKind.EnumMember if entry.label == entry.canonical else types.CompletionItemKind.Reference,
                detail=entry.detail if rank is None else f"suggested · {entry.detail}",
                documentation=entry.documentation,
                sort_text=order + entry.label,
                filter_text=entry.label,
                text_edit=types.TextEdit(range=edit_range, new_text=text),
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)
