"""Editor edits: taglint span edits as LSP ``TextEdit``s, and the edits between two texts.

A single fix arrives as span edits and is sent as exactly those edits. A
result reached in several steps (the fix loop's passes, a rename) is known
only as before and after; ``edits_between`` finds small edits that turn the
one into the other, so the editor changes the tags and leaves the rest of
the buffer (cursor, marks, undo history) alone. Applying them gives
``after`` exactly: the test suite holds that on arbitrary texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from lsprotocol import types

from taglint.model import Edit, Span
from taglint.server.positions import TextMap

# Lines for diffing, each with its line ending; any EOL style diffs fine, since offsets are what count.
_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def text_edits(edits: Iterable[Edit], text_map: TextMap) -> list[types.TextEdit]:
    """The span edits as LSP edits on the buffer ``text_map`` describes."""
    return [types.TextEdit(range=text_map.range(edit.span), new_text=edit.content) for edit in edits]


def edits_between(before: str, after: str) -> list[Edit]:
    """Sorted, disjoint edits into ``before`` that make ``after``: changed lines, trimmed to the characters that differ."""
    if before == after:
        return []
    old_lines, new_lines = _LINES.findall(before), _LINES.findall(after)
    old_starts, new_starts = _starts(old_lines), _starts(new_lines)
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = old_starts[i1], old_starts[i2]
        old, new = before[start:end], after[new_starts[j1] : new_starts[j2]]
        head = _common_prefix(old, new)
        tail = _common_prefix(old[head:][::-1], new[head:][::-1])
        edits.append(Edit(Span(start + head, end - tail), new[head : len(new) - tail]))
    return edits


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    n = 0
    while n < limit and a[n] == b[n]:
        n += 1
    return n
