"""A fast, exact reader for the simple front matter most notes have.

It understands top-level ``key: value`` lines whose values are plain or quoted
one-line scalars, one-line flow lists of such scalars, and block lists of
them, plus blank and comment lines. It produces the same fields (values and
spans) as the ruamel.yaml path and node look-alikes that ``tagsyntax`` reads
like ruamel nodes, so tag occurrences are built by one piece of code. Anything
else (nesting, anchors, tags, escapes, multi-line scalars, odd numbers,
duplicate keys) returns None and the caller falls back to ruamel.yaml; a
differential test holds the two paths to identical results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taglint.frontmatter import Field
from taglint.model import Span

_STR, _NULL, _BOOL, _INT, _SEQ = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:seq",
)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*):(?=[ ]|$)")
# First characters that make a plain scalar something else (indicators, numbers handled apart).
_SPECIAL_START = frozenset("[]{}#&*!|>'\"%@`,?:-~")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset(("null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass(frozen=True, slots=True)
class Mark:
    index: int


@dataclass(frozen=True, slots=True)
class Node:
    """Just enough of a ruamel.yaml node for ``tagsyntax``."""

    id: str
    tag: str
    value: object
    start_mark: Mark
    end_mark: Mark
    style: str | None = None
    flow_style: bool | None = None


class _Fallback(Exception):
    pass


def _plain(raw: str, start: int) -> tuple[Node, object]:
    """A plain scalar (already stripped of comment and trailing space) and its value."""
    if not raw or "\t" in raw or ": " in raw or raw.endswith(":") or " #" in raw:
        raise _Fallback
    end = start + len(raw)
    if raw == "~" or raw in _NULLS:
        return Node("scalar", _NULL, raw, Mark(start), Mark(end)), None
    if raw in _BOOLS:
        return Node("scalar", _BOOL, raw, Mark(start), Mark(end)), _BOOLS[raw]
    if raw[0] in _SPECIAL_START:
        raise _Fallback
    if raw[0] in "+.0123456789":
        if _INT_RE.match(raw):
            return Node("scalar", _INT, raw, Mark(start), Mark(end)), int(raw)
        if _DATE.match(raw):
            return Node("scalar", _TIMESTAMP, raw, Mark(start), Mark(end)), raw
        raise _Fallback  # floats, octal, hex, underscores, times: leave to the full resolver
    return Node("scalar", _STR, raw, Mark(start), Mark(end)), raw


def _quoted(line: str, at: int, start: int) -> tuple[Node, int]:
    """A one-line quoted scalar starting at ``line[at]``; returns it and the index after it."""
    quote = line[at]
    close = line.find(quote, at + 1)
    if close == -1:
        raise _Fallback
    inner = line[at + 1 : close]
    if quote == '"' and "\\" in inner:
        raise _Fallback
    if quote == "'" and line[close + 1 : close + 2] == "'":
        raise _Fallback  # '' escape
    node = Node("scalar", _STR, inner, Mark(start + at), Mark(start + close + 1), style=quote)
    return node, close + 1


def _rest_is_comment(line: str, at: int) -> bool:
    rest = line[at:]
    stripped = rest.lstrip(" ")
    return not stripped or (stripped.startswith("#") and len(rest) > len(stripped)) or (stripped.startswith("#") and at == 0)


def _value_node(line: str, at: int, base: int) -> tuple[Node, object]:
    """The value starting at ``line[at]`` (non-empty, no leading space)."""
    first = line[at]
    if first in "'\"":
        node, after = _quoted(line, at, base)
        if not _rest_is_comment(line, after) or (after < len(line) and line[after] not in " "):
            raise _Fallback
        return node, node.value
    if first == "[":
        return _flow(line, at, base)
    text = line[at:]
    cut = text.find(" #")
    raw = (text[:cut] if cut != -1 else text).rstrip(" ")
    return _plain(raw, base + at)


def _flow(line: str, at: int, base: int) -> tuple[Node, object]:
    items: list[Node] = []
    values: list[object] = []
    i = at + 1
    n = len(line)
    while True:
        while i < n and line[i] == " ":
            i += 1
        if i >= n:
            raise _Fallback
        if line[i] == "]":
            if items:
                raise _Fallback  # trailing comma
            end = i + 1
            break
        if line[i] in "'\"":
            node, i = _quoted(line, i, base)
            value: object = node.value
        else:
            j = i
            while j < n and line[j] not in ",]":
                j += 1
            raw = line[i:j].rstrip(" ")
            if not raw or any(c in raw for c in "[]{}") or raw.startswith("-") or raw == "~":
                raise _Fallback
            node, value = _plain(raw, base + i)
            if node.tag != _STR:
                raise _Fallback  # keep flow items to plain strings; the rest goes the full way
            i = j
        items.append(node)
        values.append(value)
        while i < n and line[i] == " ":
            i += 1
        if i >= n:
            raise _Fallback
        if line[i] == ",":
            i += 1
            continue
        if line[i] == "]":
            end = i + 1
            break
        raise _Fallback
    if not _rest_is_comment(line, end):
        raise _Fallback
    node = Node("sequence", _SEQ, items, Mark(base + at), Mark(base + end), flow_style=True)
    return node, values


def read_fields(yaml_text: str, base: int) -> dict[str, Field] | None:
    """Fields of simple front matter with spans offset by ``base``, or None to use ruamel.yaml."""
    try:
        return _read(yaml_text, base)
    except _Fallback:
        return None


def _read(yaml_text: str, base: int) -> dict[str, Field]:
    if "\r" in yaml_text.replace("\r\n", "") or "\t" in yaml_text or "\ufeff" in yaml_text:
        raise _Fallback
    fields: dict[str, Field] = {}
    # A key whose value is empty so far: (key, key span, items, item values, item indent).
    pending: tuple[str, Span, list[Node], list[object]] | None = None
    pending_indent = -1
    pos = 0
    length = len(yaml_text)

    def close_pending(next_token: int) -> None:
        nonlocal pending
        if pending is None:
            return
        key, key_span, items, values = pending
        if items:
            start = items[0].start_mark.index - pending_dash_offset[0]
            node = Node("sequence", _SEQ, items, Mark(start), Mark(next_token), flow_style=False)
            fields[key] = Field(key, key_span, Span(base + start, base + next_token), values, node)
        else:
            node = Node("scalar", _NULL, "", Mark(next_token), Mark(next_token))
            fields[key] = Field(key, key_span, Span(base + next_token, base + next_token), None, node)
        pending = None

    pending_dash_offset = [0]
    while pos < length:
        newline = yaml_text.find("\n", pos)
        line_end = length if newline == -1 else newline
        after = length if newline == -1 else newline + 1
        line = yaml_text[pos:line_end]
        if line.endswith("\r"):
            line = line[:-1]
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            pos = after
            continue
        indent = len(line) - len(stripped)
        if stripped.startswith("-") and pending is not None and stripped[1:2] in (" ", ""):
            if pending_indent == -1:
                pending_indent = indent
            elif indent != pending_indent:
                raise _Fallback
            body = stripped[1:].lstrip(" ")
            if not body or body.startswith("#") or body[0] in "-[{?" or len(stripped) - len(body) < 2:
                raise _Fallback
            at = indent + (len(stripped) - len(body))
            node, value = _value_node(line, at, pos)
            if node.id != "scalar" or node.tag == _NULL:
                raise _Fallback
            if not pending[2]:
                pending_dash_offset[0] = at - indent
            pending[2].append(node)
            pending[3].append(value)
            pos = after
            continue
        if indent:
            raise _Fallback
        close_pending(pos)
        match = _KEY.match(line)
        if match is None:
            raise _Fallback
        key = match.group(1)
        if key in fields:
            raise _Fallback  # duplicate keys are reported by the full parser
        key_span = Span(base + pos, base + pos + len(key))
        rest_at = match.end()
        while rest_at < len(line) and line[rest_at] == " ":
            rest_at += 1
        if rest_at >= len(line) or line[rest_at] == "#":
            if rest_at < len(line) and rest_at == match.end():
                raise _Fallback
            pending = (key, key_span, [], [])
            pending_indent = -1
            pos = after
            continue
        node, value = _value_node(line, rest_at, pos)
        fields[key] = Field(key, key_span, Span(base + node.start_mark.index, base + node.end_mark.index), value, node)
        pos = after
    close_pending(length)
    return fields
