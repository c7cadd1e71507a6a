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

from taglint.parse.frontmatter import Field
from taglint.model import Span

_STR, _NULL, _BOOL, _INT_TAG, _SEQ = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:seq",
)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_NULLS = frozenset(("null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Mark:
    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class Node:
    """Just enough of a ruamel.yaml node for ``tagsyntax``."""

    __slots__ = ("id", "tag", "value", "start_mark", "end_mark", "style", "flow_style")

    def __init__(self, id: str, tag: str, value: object, start: int, end: int, style: str | None = None, flow_style: bool | None = None) -> None:
        self.id, self.tag, self.value = id, tag, value
        self.start_mark, self.end_mark = Mark(start), Mark(end)
        self.style, self.flow_style = style, flow_style


class _Fallback(Exception):
    pass


# Characters that may not start a plain scalar here: indicators, whitespace, and
# digits and signs (those go the full way unless they are a date or small integer).
_NOT_PLAIN_START = frozenset("#'\"[]{}&*!|>%@`,?:~-+.0123456789")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*:")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"0|[1-9][0-9]*")
_PLAIN_START = r"""[^\s#'"\[\]{}&*!|>%@`,?:~\-+.0-9]"""
_FLOW_ITEM = re.compile(rf"""[ ]*(?:(?P<dq>"[^"\\\n]*")|(?P<sq>'[^'\n]*')|(?P<pl>{_PLAIN_START}[^,\[\]{{}}\n]*?))[ ]*(?P<comma>,|\Z)""")


def _only_comment(rest: str) -> bool:
    """Whether what follows a value is nothing but spaces and an optional `` # comment``."""
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(rest) > len(stripped))


def _scalar(body: str, at: int) -> tuple[Node, object]:
    """The one-line scalar ``body`` (no leading space) that starts at offset ``at``."""
    first = body[0]
    if first == '"' or first == "'":
        close = body.find(first, 1)
        if close == -1 or not _only_comment(body[close + 1 :]):
            raise _Fallback
        raw = body[: close + 1]
        if first == '"' and "\\" in raw:
            raise _Fallback
        return _quoted_node(raw, at), raw[1:-1]
    cut = body.find(" #")
    raw = (body if cut == -1 else body[:cut]).rstrip(" ")
    if first in _NOT_PLAIN_START or first.isspace():
        if _DATE.fullmatch(raw):
            return Node("scalar", _TIMESTAMP, raw, at, at + len(raw)), raw
        if _INT.fullmatch(raw):
            return Node("scalar", _INT_TAG, raw, at, at + len(raw)), int(raw)
        raise _Fallback
    return _plain_node(raw, at)


def _plain_node(raw: str, start: int) -> tuple[Node, object]:
    if ": " in raw or raw.endswith(":") or " #" in raw:
        raise _Fallback
    end = start + len(raw)
    if raw in _NULLS:
        return Node("scalar", _NULL, raw, start, end), None
    if raw in _BOOLS:
        return Node("scalar", _BOOL, raw, start, end), _BOOLS[raw]
    return Node("scalar", _STR, raw, start, end), raw


def _quoted_node(raw: str, start: int) -> Node:
    if raw[0] == "'" and "''" in raw[1:-1]:
        raise _Fallback
    return Node("scalar", _STR, raw[1:-1], start, start + len(raw), style=raw[0])


def _flow_node(content: str, start: int) -> tuple[Node, list[object]]:
    """A one-line flow list whose items start at ``start`` (just after ``[``)."""
    items: list[Node] = []
    values: list[object] = []
    if content.strip(" "):
        pos = 0
        while True:
            m = _FLOW_ITEM.match(content, pos)
            if m is None:
                raise _Fallback
            if m.group("pl") is not None:
                node, value = _plain_node(m.group("pl"), start + m.start("pl"))
                if node.tag != _STR:
                    raise _Fallback  # keep flow items to plain strings; the rest goes the full way
            else:
                group = "dq" if m.group("dq") is not None else "sq"
                node = _quoted_node(m.group(group), start + m.start(group))
                value = node.value
            items.append(node)
            values.append(value)
            if not m.group("comma"):
                break
            pos = m.end()
            if pos >= len(content):
                raise _Fallback  # trailing comma
    return Node("sequence", _SEQ, items, start - 1, start + len(content) + 1, flow_style=True), values


def read_fields(yaml_text: str, base: int) -> dict[str, Field] | None:
    """Fields of simple front matter with spans offset by ``base``, or None to use ruamel.yaml."""
    try:
        return _read(yaml_text, base)
    except _Fallback:
        return None


def _read(yaml_text: str, base: int) -> dict[str, Field]:
    if not yaml_text:
        return {}
    if "\t" in yaml_text or "\ufeff" in yaml_text or not yaml_text.endswith("\n"):
        raise _Fallback
    if "\r" in yaml_text and yaml_text.count("\r") != yaml_text.count("\r\n"):
        raise _Fallback
    fields: dict[str, Field] = {}
    pending_key: str | None = None  # a key whose value is empty so far
    pending_span = Span(0, 0)
    items: list[Node] = []
    values: list[object] = []
    item_indent = -1
    seq_start = 0

    def close(next_token: int) -> None:
        assert pending_key is not None
        if items:
            node = Node("sequence", _SEQ, list(items), seq_start, next_token, flow_style=False)
            fields[pending_key] = Field(pending_key, pending_span, Span(base + seq_start, base + next_token), list(values), node)
        else:
            node = Node("scalar", _NULL, "", next_token, next_token)
            fields[pending_key] = Field(pending_key, pending_span, Span(base + next_token, base + next_token), None, node)

    pos = 0
    lines = yaml_text.split("\n")
    lines.pop()  # the text ends with a newline
    for line in lines:
        start = pos
        pos += len(line) + 1
        if line and line[-1] == "\r":
            line = line[:-1]
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue  # blank or comment line
        if stripped[0] == "-":
            indent = len(line) - len(stripped)
            if pending_key is None or stripped[1:2] != " " or (item_indent != -1 and indent != item_indent):
                raise _Fallback
            body = stripped[1:].lstrip(" ")
            if not body or body[0] in "#-":
                raise _Fallback
            if item_indent == -1:
                item_indent = indent
                seq_start = start + indent
            node, value = _scalar(body, start + len(line) - len(body))
            if node.tag == _NULL:
                raise _Fallback
            items.append(node)
            values.append(value)
            continue
        if len(stripped) != len(line):
            raise _Fallback  # an indented key or continuation line: nesting
        match = _KEY.match(line)
        if match is None:
            raise _Fallback
        if pending_key is not None:
            close(start)
            pending_key = None
        key = line[: match.end() - 1]
        if key in fields:
            raise _Fallback  # duplicate keys are reported by the full parser
        key_span = Span(base + start, base + start + len(key))
        rest = line[match.end() :]
        if rest and rest[0] != " ":
            raise _Fallback
        body = rest.lstrip(" ")
        if not body or body[0] == "#":
            pending_key, pending_span = key, key_span
            items, values, item_indent = [], [], -1
            continue
        at = start + len(line) - len(body)
        if body[0] == "[":
            closing = body.find("]")
            if closing == -1 or not _only_comment(body[closing + 1 :]):
                raise _Fallback
            node, value = _flow_node(body[1:closing], at + 1)
        else:
            node, value = _scalar(body, at)
        fields[key] = Field(key, key_span, Span(base + node.start_mark.index, base + node.end_mark.index), value, node)
    if pending_key is not None:
        close(len(yaml_text))
    return fields
