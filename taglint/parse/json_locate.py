"""Read JSON front matter (Hugo's ``{`` ... ``}``) into located fields: ``json`` for the values, a scanner for the spans.

The standard library's ``json`` is the reference: every field's value comes
from it. A small scanner locates each member of the top-level object; every
string token is decoded by ``json.loads`` itself, and a field whose located
value differs from the reference's is kept without a node (read, never edited).
"""

from __future__ import annotations

import json
import re
from typing import Any

from taglint.parse.located_nodes import Node, mapping, plain_value, scalar, sequence
from taglint.parse.yaml_types import INT, NULL

_SYNTAX = "json"
_GAP = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"')
_OTHER = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")


class _Unlocated(Exception):
    pass


class JsonError(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


def read(text: str) -> tuple[dict[str, Any], dict[str, tuple[tuple[int, int], Node]]]:
    """``(values, located)`` of the JSON object ``text``, as ``toml_locate.read`` gives them for TOML."""
    try:
        values = json.loads(text)
    except ValueError as exc:
        raise JsonError(f"front matter is not valid JSON: {getattr(exc, 'msg', exc)}", getattr(exc, "pos", 0)) from None
    if not isinstance(values, dict):
        raise JsonError("front matter is not a JSON object", 0)
    try:
        node, _end = _value(text, _GAP.match(text).end())  # type: ignore[union-attr]
    except _Unlocated:
        return values, {}
    located: dict[str, tuple[tuple[int, int], Node]] = {}
    for key, value in node.value:
        if key.value in values and plain_value(value) == _as_located(values[key.value]):
            located.setdefault(key.value, ((key.start_mark.index, key.end_mark.index), value))
    return values, located


def _as_located(value: Any) -> Any:
    """``value`` as the scanner holds it: strings as they are, other scalars as their JSON text."""
    if isinstance(value, list):
        return [_as_located(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_located(item) for key, item in value.items()}
    return value if isinstance(value, str) else json.dumps(value)


def _value(text: str, pos: int) -> tuple[Node, int]:
    if text.startswith('"', pos):
        match = _STRING.match(text, pos)
        if match is None:
            raise _Unlocated
        return scalar(json.loads(match.group(0)), pos, match.end(), _SYNTAX, '"'), match.end()
    if text.startswith("[", pos):
        items: list[Node] = []
        start = pos
        pos = _GAP.match(text, pos + 1).end()  # type: ignore[union-attr]
        while not text.startswith("]", pos):
            item, pos = _value(text, pos)
            items.append(item)
            pos = _next(text, pos, "]")
        return sequence(items, start, pos + 1, _SYNTAX), pos + 1
    if text.startswith("{", pos):
        start = pos
        pairs: list[tuple[Node, Node]] = []
        pos = _GAP.match(text, pos + 1).end()  # type: ignore[union-attr]
        while not text.startswith("}", pos):
            key, pos = _value(text, pos)
            if key.id != "scalar" or key.style != '"':
                raise _Unlocated
            pos = _GAP.match(text, pos).end()  # type: ignore[union-attr]
            if not text.startswith(":", pos):
                raise _Unlocated
            value, pos = _value(text, _GAP.match(text, pos + 1).end())  # type: ignore[union-attr]
            pairs.append((key, value))
            pos = _next(text, pos, "}")
        return mapping(pairs, start, pos + 1, _SYNTAX), pos + 1
    other = _OTHER.match(text, pos)
    if other is None:
        raise _Unlocated
    tag = NULL if other.group(0) == "null" else INT  # a null item is no tag name, as in YAML
    return scalar(other.group(0), pos, other.end(), _SYNTAX, "", tag), other.end()


def _next(text: str, pos: int, closer: str) -> int:
    """After one member: skip a comma, or stop before ``closer``."""
    pos = _GAP.match(text, pos).end()  # type: ignore[union-attr]
    if text.startswith(",", pos):
        return _GAP.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith(closer, pos):
        return pos
    raise _Unlocated
