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


# One regular expression per line kind, so each line costs one C-level match.
# A plain scalar may not start with an indicator, a digit or a sign: those go
# the full way unless they are the date or small integer forms matched apart.
_PLAIN_START = r"""[^\s#'"\[\]{}&*!|>%@`,?:~\-+.0-9]"""
_TAIL = r"[ ]*(?:[ ]\#[^\n]*)?\r?\n"
_LINE = re.compile(
    rf"""
    (?P<blank>[ ]*(?:\#[^\n]*)?\r?\n)
    | (?P<indent>[ ]*)-[ ]+(?:(?P<i_dq>"[^"\\\n]*")|(?P<i_sq>'[^'\n]*')|(?P<i_pl>{_PLAIN_START}[^\n]*?)){_TAIL}
    | (?P<key>[A-Za-z_][A-Za-z0-9_\-]*):(?:[ ]+(?:(?P<dq>"[^"\\\n]*")|(?P<sq>'[^'\n]*')|\[(?P<flow>[^\]\n]*)\]
        |(?P<date>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})|(?P<int>0|[1-9][0-9]*)|(?P<pl>{_PLAIN_START}[^\n]*?)))?{_TAIL}
    """,
    re.VERBOSE,
)
_FLOW_ITEM = re.compile(rf"""[ ]*(?:(?P<dq>"[^"\\\n]*")|(?P<sq>'[^'\n]*')|(?P<pl>{_PLAIN_START}[^,\[\]{{}}\n]*?))[ ]*(?P<comma>,|\Z)""")


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
    if "\t" in yaml_text or "\ufeff" in yaml_text or ("\r" in yaml_text and "\r" in yaml_text.replace("\r\n", "")) or not yaml_text.endswith("\n"):
        raise _Fallback
    fields: dict[str, Field] = {}
    pending_key: str | None = None  # a key whose value is empty so far
    pending_span = Span(0, 0)
    items: list[Node] = []
    values: list[object] = []
    item_indent = -1
    seq_start = 0
    pos = 0
    length = len(yaml_text)
    match = _LINE.match

    def close(next_token: int) -> None:
        assert pending_key is not None
        if items:
            node = Node("sequence", _SEQ, list(items), seq_start, next_token, flow_style=False)
            fields[pending_key] = Field(pending_key, pending_span, Span(base + seq_start, base + next_token), list(values), node)
        else:
            node = Node("scalar", _NULL, "", next_token, next_token)
            fields[pending_key] = Field(pending_key, pending_span, Span(base + next_token, base + next_token), None, node)

    while pos < length:
        m = match(yaml_text, pos)
        if m is None:
            raise _Fallback
        if m.group("blank") is not None:
            pos = m.end()
            continue
        indent = m.group("indent")
        if indent is not None:
            if pending_key is None or (item_indent != -1 and len(indent) != item_indent):
                raise _Fallback
            if item_indent == -1:
                item_indent = len(indent)
                seq_start = pos + item_indent
            if m.group("i_pl") is not None:
                node, value = _plain_node(m.group("i_pl"), m.start("i_pl"))
                if node.tag == _NULL:
                    raise _Fallback
            else:
                group = "i_dq" if m.group("i_dq") is not None else "i_sq"
                node = _quoted_node(m.group(group), m.start(group))
                value = node.value
            items.append(node)
            values.append(value)
            pos = m.end()
            continue
        if pending_key is not None:
            close(pos)
            pending_key = None
        key = m.group("key")
        if key in fields:
            raise _Fallback  # duplicate keys are reported by the full parser
        key_span = Span(base + pos, base + pos + len(key))
        if m.group("pl") is not None:
            node, value = _plain_node(m.group("pl"), m.start("pl"))
        elif m.group("dq") is not None or m.group("sq") is not None:
            group = "dq" if m.group("dq") is not None else "sq"
            node = _quoted_node(m.group(group), m.start(group))
            value = node.value
        elif m.group("flow") is not None:
            node, value = _flow_node(m.group("flow"), m.start("flow"))
        elif m.group("date") is not None:
            raw = m.group("date")
            node, value = Node("scalar", _TIMESTAMP, raw, m.start("date"), m.end("date")), raw
        elif m.group("int") is not None:
            raw = m.group("int")
            node, value = Node("scalar", _INT, raw, m.start("int"), m.end("int")), int(raw)
        else:
            pending_key, pending_span = key, key_span
            items, values, item_indent = [], [], -1
            pos = m.end()
            continue
        fields[key] = Field(key, key_span, Span(base + node.start_mark.index, base + node.end_mark.index), value, node)
        pos = m.end()
    if pending_key is not None:
        close(length)
    return fields
