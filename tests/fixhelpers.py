"""Shared setup for the fix tests: the golden-case taxonomy and in-memory fixing."""

from __future__ import annotations

import re
from pathlib import Path

from taglint.lint.setup import load_setup
from taglint.model import Span, TagOccurrence, TagStyle
from taglint.parse.notes import Note, parse_note
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.rewrite.note import FixOutcome, fix_note

FIX_DATA = Path(__file__).resolve().parent / "data" / "fix"


def golden_cases() -> list[str]:
    return sorted(p.name[: -len(".md")] for p in FIX_DATA.glob("*.md") if not p.name.endswith(".fixed.md"))


def setup(inline_tags: bool = True, ignore: tuple[str, ...] = ()) -> Setup:
    config = Config(root=str(FIX_DATA), taxonomy="taxonomy.yaml", rules=None, inline_tags=inline_tags)
    return load_setup(config, ignore=ignore)


def fix_bytes(data: bytes, unsafe: bool = False, the_setup: Setup | None = None, path: str = "note.md") -> tuple[bytes, FixOutcome]:
    chosen = the_setup or setup()
    note = parse_note(path, data, chosen.config.tag_fields, chosen.config.inline_tags)
    outcome = fix_note(note, chosen, unsafe)
    return outcome.note.source.encode(), outcome


def _extent(note: Note, occ: TagOccurrence) -> Span:
    """An occurrence with the separators around it, or its whole line (a ``- item`` or a flow item alone on it).

    A comment after an item alone on its line is not part of the item: the line
    is cut from the item (or its dash) to the comment.

    Computed here, not taken from ``occ.removal``, so before and after are cut the
    same way even where taglint declines to offer a removal.
    """
    text, (start, end) = note.text, (occ.span.start, occ.span.end)
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    alone = (
        occ.style is TagStyle.FLOW
        and not text[line_start:start].strip(" \t")
        and re.match(r"[ \t]*,?[ \t]*(#[^\r\n]*)?(\r|\n)", text[end:])
    )
    if occ.style is TagStyle.BLOCK or alone:
        comment = re.compile(r"[ \t]*,?[ \t]*#").match(text, end)
        if comment is not None:
            # A comment after the item is the user's text and stays, on its line, where the item began.
            indent = len(text[line_start:start]) - len(text[line_start:start].lstrip(" \t"))
            return Span(line_start + indent, comment.end() - 1)
        start = line_start
        newline = [i for i in (text.find("\n", end), text.find("\r", end)) if i != -1]
        end = min(newline) if newline else len(text)
        end += 2 if text.startswith("\r\n", end) else (1 if end < len(text) else 0)
        return Span(start, end)
    blanks = " \t" if occ.style is TagStyle.INLINE else " \t,"
    while start > 0 and text[start - 1] in blanks:
        start -= 1
    if occ.style is not TagStyle.INLINE:
        while end < len(text) and text[end] in blanks:
            end += 1
    return Span(start, end)


def skeleton(note: Note) -> str:
    """The note's text with the union of all tag extents cut out."""
    pieces, pos = [], 0
    for span in sorted(_extent(note, o) for o in note.tags):
        if span.start > pos:
            pieces.append(note.text[pos : span.start])
        pos = max(pos, span.end)
    pieces.append(note.text[pos:])
    return "".join(pieces)
