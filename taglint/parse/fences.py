"""Where a note's front matter lies: YAML between ``---`` lines, TOML between ``+++`` lines, a JSON object.

YAML: a ``---`` line at the very start and the next ``---`` or ``...`` line.
TOML (``+++``) and JSON (an object opening the file, ``{`` ... ``}``) are Hugo's
other two front-matter formats (https://gohugo.io/content-management/front-matter/);
they are looked for only when the caller asks (the hugo dialect). A line ends at
CR LF, LF or a bare CR (old Mac files): YAML counts a lone CR as a line break
too, so a fence after one closes the block.

Both YAML readers (``frontmatter`` for located fields, ``yaml_values`` for values
only) find the block here, so they can never disagree on it. No dataclasses:
the pre-commit path imports this module, and ``dataclasses`` (with
``inspect``) would cost it more than checking a note.
"""

from __future__ import annotations

import re

from taglint.files.read import MAX_FRONT_MATTER_CHARS

_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\r)")
# A line start is the text start or the position after a line break: "^" in MULTILINE mode
# knows only LF, so a file with bare-CR line endings would never close its block.
_CLOSE = re.compile(r"(?:(?<=\n)|(?<=\r))(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)")
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r?\n|\r)")
_TOML_CLOSE = re.compile(r"(?:(?<=\n)|(?<=\r))\+\+\+[ \t]*(?:\r?\n|\r|\Z)")
_JSON_BODY_GAP = re.compile(r"[ \t]*(?:\r?\n|\r|\Z)")

YAML, TOML, JSON = "yaml", "toml", "json"


class FrontMatterError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def locate(text: str) -> tuple[int, int, int] | None:
    """``(start, end, body_start)`` of the YAML between the fences, or None when ``text`` opens with none.

    Raises FrontMatterError when the opening fence has no closing fence, or the block is too large.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise FrontMatterError("front matter opened on line 1 is never closed with '---'", 0)
    return _sized(opening.end(), closing.start(), closing.end())


def locate_any(text: str, formats: tuple[str, ...]) -> tuple[str, int, int, int] | None:
    """``(format, start, end, body_start)`` of the front matter in any of ``formats``, or None.

    For JSON the span is the whole object, braces included (the object is the front matter).
    Raises FrontMatterError as ``locate`` does.
    """
    if text.startswith("---"):
        found = locate(text)
        if found is not None:
            return (YAML, *found)
    if TOML in formats and text.startswith("+++"):
        opening = _TOML_OPEN.match(text)
        if opening is not None:
            closing = _TOML_CLOSE.search(text, opening.end())
            if closing is None:
                raise FrontMatterError("front matter opened on line 1 is never closed with '+++'", 0)
            return (TOML, *_sized(opening.end(), closing.start(), closing.end()))
    if JSON in formats and text.startswith("{"):
        end = json_object_end(text)
        if end is None:
            return None  # not a JSON object (a Liquid "{% ... %}" line, say): body text, as Hugo reads it
        gap = _JSON_BODY_GAP.match(text, end)
        return (JSON, *_sized(0, end, gap.end() if gap is not None else end))
    return None


def json_object_end(text: str) -> int | None:
    """The offset after the JSON object that opens ``text``, or None when it does not open with one."""
    import json

    try:
        _value, end = json.JSONDecoder().raw_decode(text[: MAX_FRONT_MATTER_CHARS + 1])
    except ValueError:
        return None
    return end if isinstance(_value, dict) else None


def _sized(start: int, end: int, body_start: int) -> tuple[int, int, int]:
    size = end - start
    if size > MAX_FRONT_MATTER_CHARS:
        # Parsing YAML costs ~5 s per MB in pure Python; a note's fields never need this much.
        raise FrontMatterError(f"front matter is {size // 1024} KB, over the {MAX_FRONT_MATTER_CHARS // 1024} KB limit; not parsed", 0)
    return start, end, body_start


def yaml_text_of(text: str) -> str | None:
    """The YAML between the fences of a note's ``text``, or None when it has no readable block."""
    try:
        found = locate(text)
    except FrontMatterError:
        return None
    return text[found[0] : found[1]] if found is not None else None
