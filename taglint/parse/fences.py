"""Where a note's front matter lies: between a ``---`` line at the very start and the next ``---`` or ``...`` line.

Both readers (``frontmatter`` for located fields, ``yaml_values`` for values
only) find the block here, so they can never disagree on it. No dataclasses:
the pre-commit path imports this module, and ``dataclasses`` (with
``inspect``) would cost it more than checking a note.
"""

from __future__ import annotations

import re

from taglint.files.read import MAX_FRONT_MATTER_CHARS

_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)", re.MULTILINE)


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
    size = closing.start() - opening.end()
    if size > MAX_FRONT_MATTER_CHARS:
        # Parsing YAML costs ~5 s per MB in pure Python; a note's fields never need this much.
        raise FrontMatterError(f"front matter is {size // 1024} KB, over the {MAX_FRONT_MATTER_CHARS // 1024} KB limit; not parsed", 0)
    return opening.end(), closing.start(), closing.end()


def yaml_text_of(text: str) -> str | None:
    """The YAML between the fences of a note's ``text``, or None when it has no readable block."""
    try:
        found = locate(text)
    except FrontMatterError:
        return None
    return text[found[0] : found[1]] if found is not None else None
