"""Read TOML front matter (Hugo's ``+++``) into located fields: tomllib for the values, a small scanner for the spans.

``tomllib`` (the standard library's TOML 1.0 reader) is the reference: every
field's value comes from it. It gives no positions, so a scanner walks the
top-level ``key = value`` lines (up to the first ``[table]`` header) and
locates each value: strings of the four TOML kinds, arrays (across lines,
with comments), inline tables, and other scalars up to the end of the line.
Each located string is decoded by tomllib itself (``x = <token>``), and the
located value of every field must equal tomllib's reading of the whole
document, else the field is kept without a node (read, never edited). Keys
written dotted (``a.b = 1``) or under a table are not top-level fields.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from taglint.parse.located_nodes import Node, mapping, plain_value, scalar, sequence
from taglint.parse.yaml_types import INT

_SYNTAX = "toml"
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"[ \t]*")
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")  # inside arrays: blanks, line breaks, comments
_LINE_END = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\n|\r|\Z)")
_STRINGS = (
    ('"""', re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"{3,5}', re.DOTALL)),
    ("'''", re.compile(r"'''.*?'{3,5}", re.DOTALL)),
    ('"', re.compile(r'"(?:[^"\\\r\n]|\\.)*"')),
    ("'", re.compile(r"'[^'\r\n]*'")),
)
_OTHER = re.compile(r"[^,\]\}\r\n#]+")  # numbers, booleans, dates: up to a separator, comment or line end


class _Unlocated(Exception):
    """The scanner met something it does not follow; tomllib still reads the values."""


class TomlError(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


def read(text: str) -> tuple[dict[str, Any], dict[str, tuple[tuple[int, int], Node]]]:
    """``(values, located)``: tomllib's values of ``text``, and per top-level key its key span and value node.

    Raises TomlError (message in words, character index) when ``text`` is not TOML.
    """
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(f"front matter is not valid TOML: {_words(exc)}", _index(text, exc)) from None
    try:
        located = _scan(text)
    except _Unlocated:
        located = {}
    # The scanner's reading must be tomllib's, field by field: a field it read otherwise is not located.
    checked = {key: found for key, found in located.items() if key in values and _same(plain_value(found[1]), values[key])}
    return values, checked


def _same(located: Any, value: Any) -> bool:
    if isinstance(value, str):
        return located == value
    if isinstance(value, list):
        return isinstance(located, list) and len(located) == len(value) and all(_same(a, b) for a, b in zip(located, value, strict=True))
    if isinstance(value, dict):
        return isinstance(located, dict) and located.keys() == value.keys() and all(_same(located[k], value[k]) for k in value)
    return not isinstance(located, (list, dict))  # numbers, dates, booleans: located as their text


def _scan(text: str) -> dict[str, tuple[tuple[int, int], Node]]:
    found: dict[str, tuple[tuple[int, int], Node]] = {}
    pos, size = 0, len(text)
    while True:
        pos = _GAP.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= size or text[pos] == "[":
            return found  # a table header: what follows is not top level
        key_start = pos
        parts, pos = _key(text, pos)
        key_end = pos
        pos = _BLANK.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith("=", pos):
            raise _Unlocated
        pos = _BLANK.match(text, pos + 1).end()  # type: ignore[union-attr]
        node, pos = _value(text, pos)
        end = _LINE_END.match(text, pos)
        if end is None:
            raise _Unlocated
        pos = end.end()
        if len(parts) == 1:
            found[parts[0]] = ((key_start, key_end), node)


def _key(text: str, pos: int) -> tuple[list[str], int]:
    parts: list[str] = []
    while True:
        bare = _BARE_KEY.match(text, pos)
        if bare is not None:
            parts.append(bare.group(0))
            pos = bare.end()
        elif text.startswith(('"', "'"), pos) and not text.startswith(('"""', "'''"), pos):
            token, pos = _string(text, pos)
            parts.append(token.value)
        else:
            raise _Unlocated
        after = _BLANK.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(".", after):
            return parts, pos
        pos = _BLANK.match(text, after + 1).end()  # type: ignore[union-attr]


def _string(text: str, pos: int) -> tuple[Node, int]:
    for opener, pattern in _STRINGS:
        if text.startswith(opener, pos):
            match = pattern.match(text, pos)
            if match is None:
                raise _Unlocated
            raw = match.group(0)
            decoded = tomllib.loads("x = " + raw)["x"]  # the reference reader decodes the token
            style = opener if len(opener) == 1 else "|"  # a multi-line string is never edited in place
            return scalar(decoded, pos, match.end(), _SYNTAX, style), match.end()
    raise _Unlocated


def _value(text: str, pos: int) -> tuple[Node, int]:
    if pos >= len(text):
        raise _Unlocated
    char = text[pos]
    if char in "\"'":
        return _string(text, pos)
    if char == "[":
        return _array(text, pos)
    if char == "{":
        return _table(text, pos)
    other = _OTHER.match(text, pos)
    if other is None:
        raise _Unlocated
    raw = other.group(0).rstrip(" \t")
    return scalar(raw, pos, pos + len(raw), _SYNTAX, "", INT), pos + len(raw)


def _array(text: str, start: int) -> tuple[Node, int]:
    items: list[Node] = []
    pos = _GAP.match(text, start + 1).end()  # type: ignore[union-attr]
    while not text.startswith("]", pos):
        item, pos = _value(text, pos)
        items.append(item)
        pos = _GAP.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _GAP.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif not text.startswith("]", pos):
            raise _Unlocated
    return sequence(items, start, pos + 1, _SYNTAX), pos + 1


def _table(text: str, start: int) -> tuple[Node, int]:
    pairs: list[tuple[Node, Node]] = []
    pos = _BLANK.match(text, start + 1).end()  # type: ignore[union-attr]
    while not text.startswith("}", pos):
        key_start = pos
        parts, pos = _key(text, pos)
        if len(parts) != 1:
            raise _Unlocated
        key = scalar(parts[0], key_start, pos, _SYNTAX, "")
        pos = _BLANK.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith("=", pos):
            raise _Unlocated
        value, pos = _value(text, _BLANK.match(text, pos + 1).end())  # type: ignore[union-attr]
        pairs.append((key, value))
        pos = _BLANK.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _BLANK.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif not text.startswith("}", pos):
            raise _Unlocated
    return mapping(pairs, start, pos + 1, _SYNTAX), pos + 1


_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def _words(exc: tomllib.TOMLDecodeError) -> str:
    message = getattr(exc, "msg", None) or str(exc)
    return _WHERE.sub("", message).strip().rstrip(".")


def _index(text: str, exc: tomllib.TOMLDecodeError) -> int:
    """The character where tomllib stopped (its message gives line and column; 3.14 its ``pos``)."""
    pos = getattr(exc, "pos", None)
    if isinstance(pos, int):
        return pos
    found = _WHERE.search(str(exc))
    if found is None or found.group(1) is None:
        return len(text)
    line, column = int(found.group(1)), int(found.group(2))
    starts = [0, *(m.end() for m in re.finditer(r"\n", text))]
    return min(starts[min(line, len(starts)) - 1] + column - 1, len(text))
