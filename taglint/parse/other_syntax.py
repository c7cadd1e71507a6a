"""Writing a tag name into TOML or JSON front matter, checked by the reference reader of each format.

A replacement must read back as exactly the name: it is built in the item's
own quote style where that can hold the name (a TOML literal string ``'...'``
holds no ``'`` and no control character), else as an escaped basic string,
and then parsed by ``tomllib`` or ``json`` before it is offered.
"""

from __future__ import annotations

import functools
import json
import tomllib


def render_other(syntax: str, quote: str, name: str) -> str | None:
    """``name`` written as one array item of ``syntax`` ("toml" or "json") in the style ``quote``, or None."""
    if syntax == "json":
        rendered = json.dumps(name, ensure_ascii=False)
    elif quote == "'" and "'" not in name and name.isprintable():
        rendered = "'" + name + "'"
    else:
        rendered = _toml_basic(name)
    return rendered if reads_back(syntax, rendered, name) else None


def _toml_basic(name: str) -> str:
    """A TOML basic string: backslash and quote escaped, every control character as ``\\uXXXX``."""
    out = []
    for char in name:
        if char in '"\\':
            out.append("\\" + char)
        elif not char.isprintable() and char not in "\u00a0":
            out.append(f"\\u{ord(char):04X}" if ord(char) < 0x10000 else f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@functools.lru_cache(maxsize=4096)
def reads_back(syntax: str, rendered: str, name: str) -> bool:
    """Whether ``rendered``, as an array item, is read by ``tomllib``/``json`` as the string ``name``."""
    try:
        if syntax == "json":
            return bool(json.loads(f"[{rendered}]") == [name])
        return bool(tomllib.loads(f"x = [{rendered}]")["x"] == [name])
    except (ValueError, tomllib.TOMLDecodeError):
        return False
