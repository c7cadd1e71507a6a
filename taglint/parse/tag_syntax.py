"""Tag occurrences in every style people write, and how to write a tag back.

Front matter: flow lists, block lists, quoted items, and strings split on
commas (when the string has one) or else on whitespace, as Jekyll does.  A tag
name containing a space therefore has to be written in a list or in a
comma-separated string.  Inline ``#tags`` in the body are found by
``taglint.parse.inline_tags``; ``render_tag`` writes them back with its grammar.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from taglint.model import Span, TagOccurrence, TagStyle
from taglint.parse import dialects
from taglint.parse.frontmatter import Field, Problem
from taglint.parse.inline_tags import is_inline_name
from taglint.parse.other_syntax import render_other
from taglint.parse.tag_pieces import comment_hint, scalar_inner, split_marker, split_scalar, unlocated

# Characters YAML lets a plain scalar hold in both block and flow context, for
# the names taglint itself writes; anything else gets double quotes.
# Printable non-ASCII only: C1 controls, U+2028/9 (YAML line breaks), the BOM and
# surrogates would not read back as the same plain scalar.
_PRINTABLE_HIGH = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_PLAIN_SAFE_PATTERN = rf"[A-Za-z0-9_({_PRINTABLE_HIGH}][\w .()/+&'\-{_PRINTABLE_HIGH}]*"


@functools.lru_cache(maxsize=1)
def _plain_safe() -> re.Pattern[str]:
    # Compiled on first use: the wide character classes cost milliseconds, and
    # checking a clean note never writes a tag.
    return re.compile(_PLAIN_SAFE_PATTERN)


_NON_PRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_NOT_STRINGS = re.compile(r"(?i:~|null|true|false|yes|no|on|off|y|n)|[-+]?[0-9][0-9_.:eE+-]*|\.(?i:inf|nan)|[-+]\.(?i:inf)")
_SEPARATOR = re.compile(r"\s*,\s*")


def plain_is_safe(name: str) -> bool:
    """True when ``name`` can be written as a plain YAML scalar and read back as this string."""
    return (
        _plain_safe().fullmatch(name) is not None and not name.endswith(" ") and " #" not in name and _NOT_STRINGS.fullmatch(name) is None
    )


def quote_double(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    # Control characters and YAML line breaks are escaped so the scalar stays on one line.
    escaped = _NON_PRINTABLE.sub(lambda m: _escape(m.group(0)), escaped)
    return f'"{escaped}"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.lru_cache(maxsize=4096)
def reads_back(rendered: str, name: str, flow: bool) -> bool:
    """True when ``rendered``, written as a list item, is read by YAML as the string ``name``."""
    from taglint.parse.yaml_compose import YamlError, compose
    from taglint.parse.yaml_types import STR

    try:
        root = compose(f"[{rendered}]\n" if flow else f"- {rendered}\n")
    except YamlError:
        return False
    if root is None or root.id != "sequence" or len(root.value) != 1:
        return False
    item = root.value[0]
    return bool(item.id == "scalar" and item.tag == STR and item.value == name)


def render_tag(occurrence: TagOccurrence, name: str) -> str | None:
    """The text that writes ``name`` where ``occurrence`` stands, or None if it cannot."""
    if not occurrence.editable:
        return None
    style = occurrence.style
    if style is TagStyle.INLINE:
        return "#" + name if is_inline_name(name) else None
    if style is TagStyle.STRING:
        # Inside a larger scalar: the new piece must not change how it splits or parses.
        mode, quote = split_marker(occurrence.quote)
        # A comma would make a whitespace-split string split on commas instead; outer
        # blanks would be stripped; control characters never read back.
        if name != name.strip() or _NON_PRINTABLE.search(name) or not name:
            return None
        if mode != dialects.SPLIT_NONE and "," in name:
            return None
        if mode not in (",", dialects.SPLIT_NONE) and any(c.isspace() for c in name):
            return None
        if mode == dialects.SPLIT_OBSIDIAN and name.startswith("#"):
            return None  # one leading "#" is dropped on reading: "#x" would read back as "x"
        if quote == "":
            return name if plain_is_safe(name) else None
        if quote in name or "\\" in name:
            return None
        return name
    if occurrence.syntax != "yaml":
        return render_other(occurrence.syntax, occurrence.quote, name)
    if occurrence.quote == "'":
        rendered = "'" + name.replace("'", "''") + "'"
    elif occurrence.quote == '"':
        rendered = quote_double(name)
    else:
        rendered = name if plain_is_safe(name) else quote_double(name)
    # A last guard, cached per name: what we write must read back as exactly ``name``.
    return rendered if reads_back(rendered, name, style is TagStyle.FLOW) else None


def _describe(node: Any) -> str:
    return {"mapping": "a mapping", "sequence": "a list"}.get(node.id, "a value")


def tags_from_field(text: str, fld: Field, mode: str = dialects.SPLIT_GENERIC) -> tuple[list[TagOccurrence], list[Problem]]:
    """Every tag occurrence of one front-matter field, with spans into ``text``; strings split the ``mode`` way."""
    node = fld.node
    if node is None:  # a value read but not located (TOML/JSON the locator did not follow): read, never edited
        return unlocated(fld, mode), []
    base = fld.value_span.start - node.start_mark.index
    # A value reached through a YAML alias lies elsewhere in the file: report, never edit, there.
    aliased = fld.value_span.start < fld.key_span.end
    if node.id == "mapping":
        return [], [Problem("invalid-field", f'"{fld.key}" must be a list or a string of tag names, not a mapping', fld.value_span)]
    if node.id == "scalar":
        if node.tag.endswith(":null"):
            return [], []
        return list(split_scalar(text, node, base, fld.key, aliased, mode)), []
    problems: list[Problem] = []
    flow = bool(node.flow_style)
    style = TagStyle.FLOW if flow else TagStyle.BLOCK
    syntax = getattr(node, "syntax", "yaml")
    spans: list[Span | None] = []
    found: list[tuple[int, str, Span, str, bool]] = []
    split_items: list[TagOccurrence] = []
    for index, item in enumerate(node.value):
        if item.id != "scalar" or item.tag.endswith(":null"):
            what = "empty" if item.id == "scalar" else _describe(item)
            where = Span(base + item.start_mark.index, base + item.end_mark.index)
            problems.append(
                Problem(
                    "invalid-field", f'"{fld.key}" item {index + 1} is {what}; expected a tag name{comment_hint(text, item, base)}', where
                )
            )
            spans.append(None)
            continue
        span, inner, quote = scalar_inner(text, item, base)
        inside = fld.value_span.start <= span.start and span.end <= fld.value_span.end
        spans.append(span)
        value = str(item.value)
        if dialects.splits(value, mode):  # an Obsidian list item holding several names: each is a piece of it
            split_items.extend(split_scalar(text, item, base, fld.key, aliased or not inside, mode))
            continue
        name = dialects.name_of(value.strip(), mode) if mode == dialects.SPLIT_OBSIDIAN else value
        found.append((index, name, span, quote, inner is not None and inside and not aliased))
    removals = _flow_removals(text, spans) if flow else _block_removals(text, spans)
    # Built once, removal included: notes with findings make many of these.
    occurrences = [
        TagOccurrence(name, span, fld.key, style, quote, removals[index] if editable else None, editable, syntax)
        for index, name, span, quote, editable in found
        if name or mode != dialects.SPLIT_OBSIDIAN  # Obsidian drops an empty item ("" or "#")
    ]
    if split_items:
        occurrences = sorted([*occurrences, *split_items], key=lambda o: o.span.start)
    return occurrences, problems


def _flow_removals(text: str, spans: list[Span | None]) -> list[Span | None]:
    """Removing a flow item takes the separator before it (or after it, for the first)."""
    result: list[Span | None] = []
    if None in spans:  # an invalid item in between: leave the list to a human
        return [None] * len(spans)
    for i, span in enumerate(spans):
        assert span is not None
        if i > 0:
            prev = spans[i - 1]
            assert prev is not None
            gap = text[prev.end : span.start]
            own = _own_flow_line(text, prev.end, span)
            result.append(own if own is not None else Span(prev.end, span.end) if _SEPARATOR.fullmatch(gap) else None)
        elif len(spans) > 1:
            nxt = spans[1]
            assert nxt is not None
            gap = text[span.end : nxt.start]
            result.append(Span(span.start, nxt.start) if _SEPARATOR.fullmatch(gap) else None)
        else:
            result.append(span)
    return result


_FLOW_LINE_TAIL = re.compile(r"[ \t]*,?[ \t]*(?P<comment>#[^\r\n]*)?(?:\r\n|\n|\r)")


def _own_flow_line(text: str, after_prev: int, span: Span) -> Span | None:
    """The whole line of a flow item written alone on its line (with its comma), but not its comment.

    Cutting only ", item" there would move the item's comment onto the line
    above; the comma that separated it from the previous item stays where it is
    (a trailing comma before ``]`` is valid YAML). A comment after the item is
    the user's text, which a fix never drops: only ``item,`` goes, and the
    comment stays on its line, where the item was.
    """
    line_start = max(text.rfind("\n", 0, span.start), text.rfind("\r", 0, span.start)) + 1
    if line_start <= after_prev or text[line_start : span.start].strip(" \t"):
        return None
    tail = _FLOW_LINE_TAIL.match(text, span.end)
    if tail is None:
        return None
    if tail.group("comment") is not None:
        return Span(span.start, tail.start("comment"))
    return Span(line_start, tail.end())


_BLOCK_LINE = re.compile(r"[ \t]*-[ \t]+")
_LINE_TAIL = re.compile(r"[ \t]*(?P<comment>#[^\r\n]*)?(?:\r\n|\n|\r|\Z)")


def _block_removals(text: str, spans: list[Span | None]) -> list[Span | None]:
    """Removing a block item takes its whole ``- item`` line, when the item is alone on it.

    A comment after the item stays: ``  - NLP  # why`` becomes ``  # why``, at
    the item's indentation (a comment line may stand anywhere in a block list).
    """
    result: list[Span | None] = []
    for span in spans:
        if span is None:
            result.append(None)
            continue
        line_start = max(text.rfind("\n", 0, span.start), text.rfind("\r", 0, span.start)) + 1
        head = _BLOCK_LINE.fullmatch(text, line_start, span.start)
        tail = _LINE_TAIL.match(text, span.end)
        if not head or not tail:
            result.append(None)
        elif tail.group("comment") is not None:
            dash = line_start + len(head.group(0)) - len(head.group(0).lstrip(" \t"))
            result.append(Span(dash, tail.start("comment")))
        else:
            result.append(Span(line_start, tail.end()))
    return result


def insertion_after(text: str, occurrence: TagOccurrence, name: str) -> tuple[Span, str] | None:
    """Where and what to insert so ``name`` follows ``occurrence`` in the same list, or None."""
    if not occurrence.editable:
        return None
    rendered = render_tag(occurrence, name)
    if rendered is None:
        return None
    at = occurrence.span.end
    style = occurrence.style
    if style is TagStyle.FLOW:
        return Span(at, at), ", " + rendered
    if style is TagStyle.INLINE:
        return Span(at, at), " " + rendered
    if style is TagStyle.STRING:
        return Span(at, at), (", " if occurrence.quote.startswith(",") else " ") + rendered
    # Block list: a new "- item" line below, with the same indent, dash and line ending.
    line_start = max(text.rfind("\n", 0, occurrence.span.start), text.rfind("\r", 0, occurrence.span.start)) + 1
    head = _BLOCK_LINE.fullmatch(text, line_start, occurrence.span.start)
    tail = _LINE_TAIL.match(text, at)
    if head is None or tail is None:
        return None
    ending = text[tail.start() : tail.end()]
    newline = "\r\n" if ending.endswith("\r\n") else ("\n" if ending.endswith("\n") else "")
    if not newline:
        return None
    return Span(tail.end(), tail.end()), head.group(0) + rendered + newline
