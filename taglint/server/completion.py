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
with their description, parents and aliases (on resolve); aliases as items
of their own that insert their canonical tag. A stored ``taglint suggest``
model's picks (``api.suggested_tags``) sort first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import attrs
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
    for back, line in enumerate(reversed(lines)):  # noqa: B007 - ``back`` is read after the loop
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


def _written(name: str, style: TagStyle, quote: str, closed: bool) -> str | None:
    """The text that writes ``name`` at a slot of this kind, or None when it cannot be written there."""
    if style is TagStyle.INLINE:
        rendered = api.render_tag(name, TagStyle.INLINE)
        return rendered[1:] if rendered else None
    if style is TagStyle.STRING:
        return api.render_tag(name, TagStyle.STRING, quote)
    rendered = api.render_tag(name, style, quote)
    if rendered is None or not quote:
        return rendered
    return rendered[1:-1] if closed else rendered[1:]


@lru_cache(maxsize=16)
def _items(taxonomy: Any, style: TagStyle, quote: str, closed: bool) -> tuple[tuple[str, types.CompletionItem], ...]:
    """Every item a slot of this kind can offer, each with its canonical tag.

    Built once per taxonomy and kind of slot, and kept small: the edit range
    is the list's default, the documentation comes on ``completionItem/resolve``.
    Building and sending 1,000 full items cost 60-190 ms here; these, a few ms.
    """
    found: list[tuple[str, types.CompletionItem]] = []
    for tag in taxonomy.tags.values():
        if tag.deprecated:
            continue
        text = _written(tag.name, style, quote, closed)
        if text is None:
            continue
        written = None if text == tag.name else text
        found.append(
            (
                tag.name,
                types.CompletionItem(label=tag.name, kind=types.CompletionItemKind.EnumMember, text_edit_text=written, data=tag.name),
            )
        )
        for alias in tag.aliases:
            # Sorted after the canonical tags; inserts the canonical tag.
            item = types.CompletionItem(
                label=alias,
                kind=types.CompletionItemKind.Reference,
                detail=f"→ {tag.name}",
                sort_text=f"~{alias}",
                text_edit_text=text,
                data=tag.name,
            )
            found.append((tag.name, item))
    return tuple(found)


def completions(
    buffer: str, offset: int, path: str, project: api.Setup, text_map: TextMap, default_range: bool = True
) -> types.CompletionList | None:
    """The items for the tag typed at ``offset``; ``default_range``: the client takes the list's default edit range (LSP 3.17)."""
    slot = find_slot(buffer, offset, path, project)
    if slot is None:
        return None
    present = set(api.canonical_tags(slot.present, project))
    items = [item for canonical, item in _items(project.taxonomy, slot.style, slot.quote, slot.closed) if canonical not in present]
    ranked = {name: rank for rank, name in enumerate(api.suggested_tags(buffer, path, project))}
    if ranked:
        items = [_suggested(item, ranked[item.label]) if item.label in ranked else item for item in items]
    edit_range = types.Range(start=text_map.position(slot.start), end=text_map.position(offset))
    if default_range:
        return types.CompletionList(is_incomplete=False, item_defaults=types.CompletionItemDefaults(edit_range=edit_range), items=items)
    # An older client: each item carries its edit.
    items = [
        attrs.evolve(item, text_edit=types.TextEdit(range=edit_range, new_text=item.text_edit_text or item.label), text_edit_text=None)
        for item in items
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def _suggested(item: types.CompletionItem, rank: int) -> types.CompletionItem:
    """A canonical tag the stored suggest model ranks ``rank``-th: sorted first, the best preselected."""
    return attrs.evolve(item, sort_text=f" {rank:03d}", detail="suggested", preselect=rank == 0)


def resolve(item: types.CompletionItem, taxonomy: Any) -> types.CompletionItem:
    """The item with its tag's description, parents and aliases as documentation."""
    tag = taxonomy.tags.get(item.data) if isinstance(item.data, str) else None
    if tag is None:
        return item
    lines = [tag.description] if tag.description else []
    if tag.parents:
        lines.append("Parents: " + ", ".join(tag.parents))
    if tag.aliases:
        lines.append("Aliases: " + ", ".join(tag.aliases))
    if lines:
        item.documentation = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(lines))
    return item
