"""Located nodes for TOML and JSON front matter, shaped like the YAML nodes libyaml composes.

``tag_syntax`` reads a tag field from a node's ``id`` (scalar, sequence,
mapping), ``tag``, ``value``, ``style`` (the quote), ``flow_style`` and the
character offsets of its marks. The TOML and JSON locators build the same
shape, so one reader of tag occurrences serves all three formats; ``syntax``
tells how a replacement must be written (``tag_syntax.render_tag``).
"""

from __future__ import annotations

from typing import Any

from taglint.parse.yaml_types import MAP, SEQ, STR


class Mark:
    """A position: ``index`` is a character offset into the front-matter text, ``line`` its 0-based line."""

    __slots__ = ("index", "line")

    def __init__(self, index: int, line: int = 0) -> None:
        self.index = index
        self.line = line


class Node:
    """One located value: a scalar (``value`` its text), a sequence or a mapping (``value`` its children)."""

    __slots__ = ("end_mark", "flow_style", "id", "start_mark", "style", "syntax", "tag", "value")

    def __init__(self, kind: str, tag: str, value: Any, start: int, end: int, syntax: str, style: str = "") -> None:
        self.id = kind
        self.tag = tag
        self.value = value
        self.start_mark = Mark(start)
        self.end_mark = Mark(end)
        self.style = style
        self.flow_style = True  # TOML arrays and JSON arrays are written like YAML flow lists
        self.syntax = syntax


def scalar(value: str, start: int, end: int, syntax: str, style: str, tag: str = STR) -> Node:
    return Node("scalar", tag, value, start, end, syntax, style)


def sequence(items: list[Node], start: int, end: int, syntax: str) -> Node:
    return Node("sequence", SEQ, items, start, end, syntax)


def mapping(pairs: list[tuple[Node, Node]], start: int, end: int, syntax: str) -> Node:
    return Node("mapping", MAP, pairs, start, end, syntax)


def plain_value(node: Node) -> Any:
    """What ``node`` holds as plain data: strings for scalars (other scalars as their text), lists, dicts."""
    if node.id == "sequence":
        return [plain_value(item) for item in node.value]
    if node.id == "mapping":
        return {key.value: plain_value(value) for key, value in node.value}
    return node.value
