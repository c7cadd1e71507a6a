"""The pieces of a front-matter value: where a scalar's text lies, how a string splits into tag occurrences.

Split out of ``tag_syntax`` (which reads whole fields and writes tags back):
``split_scalar`` makes one occurrence per name of a string, split the way the
dialect splits it (``parse.dialects``), each with the span that removes it
cleanly when one exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from taglint.model import Span, TagOccurrence, TagStyle
from taglint.parse import dialects
from taglint.parse.frontmatter import Field


def scalar_inner(text: str, node: Any, base: int) -> tuple[Span, int | None, str]:
    """Raw span of a scalar node, offset where its value starts verbatim (None if it does not), quote."""
    start, end = base + node.start_mark.index, base + node.end_mark.index
    raw = text[start:end]
    style = node.style
    if not style:  # plain: libyaml says '', PyYAML's pure-Python parser None
        return Span(start, end), (start if raw == node.value else None), ""
    if style in ("'", '"') and len(raw) >= 2 and raw[1:-1] == node.value:
        return Span(start, end), start + 1, style
    return Span(start, end), None, style or ""


def split_marker(marker: str) -> tuple[str, str]:
    """``(split mode, quote)`` of a STRING occurrence's ``quote`` marker: the mode's character, then the quote.

    A generic string that splits on commas is marked ``","``; one that splits on whitespace has no mode character.
    """
    if marker[:1] in (",", dialects.SPLIT_WHITESPACE, dialects.SPLIT_NONE, dialects.SPLIT_OBSIDIAN):
        return marker[0], marker[1:]
    return "", marker


def split_scalar(text: str, node: Any, base: int, key: str, aliased: bool, mode: str) -> Iterator[TagOccurrence]:
    span, inner, quote = scalar_inner(text, node, base)
    value = str(node.value)
    pieces = dialects.pieces(value, mode)
    marker = ("," if mode == dialects.SPLIT_GENERIC and "," in value else mode) + quote
    editable = inner is not None and not aliased
    syntax = getattr(node, "syntax", "yaml")
    located: list[Span] = [Span(inner + a, inner + b) if inner is not None else span for a, b in pieces]
    for i, (a, b) in enumerate(pieces):
        removal: Span | None = None
        if editable and len(pieces) > 1:
            cut = (pieces[i - 1][1], b) if i > 0 else (a, pieces[1][0])
            rest = value[: cut[0]] + value[cut[1] :]
            # Dropping the last comma would make the rest split on whitespace: "A, B C" -> "B C".
            if dialects.pieces(rest, mode) == [
                (x, y) if y <= cut[0] else (x - (cut[1] - cut[0]), y - (cut[1] - cut[0])) for x, y in pieces if (x, y) != (a, b)
            ]:
                removal = Span(inner + cut[0], inner + cut[1]) if inner is not None else None
        yield TagOccurrence(
            name=dialects.name_of(value[a:b], mode),
            span=located[i],
            field=key,
            style=TagStyle.STRING,
            quote=marker,
            removal=removal,
            editable=editable,
            syntax=syntax,
        )


def comment_hint(text: str, item: Any, base: int) -> str:
    """For an empty block item followed by ``#word``: YAML read the would-be tag as a comment (a common Obsidian slip)."""
    at = base + item.start_mark.index
    line_end = min((i for i in (text.find("\n", at), text.find("\r", at)) if i != -1), default=len(text))
    comment = re.match(r"[ \t]*#(\S+)", text[at:line_end])
    if comment is None or not text[max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1 : at].strip().endswith("-"):
        return ""
    name = comment.group(1)
    return f' (YAML reads "#{name}" after "- " as a comment, so no tag is read here; write "{name}" or quote it: "#{name}")'


def unlocated(fld: Field, mode: str) -> list[TagOccurrence]:
    """Occurrences of a field whose value has no located node: at the key, never editable."""
    value = fld.value
    items = value if isinstance(value, list) else [value] if value is not None else []
    names: list[str] = []
    for item in items:
        if isinstance(item, str) and (not isinstance(value, list) or dialects.splits(item, mode)):
            names.extend(dialects.name_of(item[a:b], mode) for a, b in dialects.pieces(item, mode))
        elif isinstance(item, str):
            names.append(dialects.name_of(item.strip(), mode) if mode == dialects.SPLIT_OBSIDIAN else item)
        elif item is not None and not isinstance(item, (list, dict)):
            names.append(str(item).lower() if isinstance(item, bool) else str(item))
    return [TagOccurrence(name, fld.key_span, fld.key, TagStyle.STRING, "", None, False) for name in names if name]
