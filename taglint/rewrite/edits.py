"""The one place where edits are applied to text: choose the non-overlapping ones, splice them in.

Choosing is O(N log N) in the number of edits: a note can carry thousands of
fixes (a list of 8,000 repeated aliases took 39-69 s when every fix was compared
with every edit already taken; under 2 s now, start-up included).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from taglint.model import Edit, Fix, Span


def select_edits(edits: Iterable[Edit]) -> list[Edit]:
    """Sort edits by position and drop any that overlap an earlier-kept one."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        # Kept edits are sorted and disjoint, so the last one reaches furthest.
        if kept and kept[-1].span.overlaps(edit.span):
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-overlapping edits into ``text``, front to back, in one pass.

    The edits are sorted and disjoint, and every span is an offset into the
    original ``text``, which is only ever sliced, never modified: so, unlike
    splicing into a changing string (which must go back to front to keep the
    later offsets valid), the pieces can be taken in order and joined once.
    Every character outside the edited spans comes back identical.
    """
    chosen = select_edits(edits)
    for edit in chosen:
        if edit.span.end > len(text):
            raise ValueError(f"edit {edit} lies beyond the text ({len(text)} chars)")
    pieces: list[str] = []
    pos = 0
    for edit in chosen:
        pieces.append(text[pos : edit.span.start])
        pieces.append(edit.content)
        pos = edit.span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def select_fixes(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes whose edits overlap no edit of an earlier-kept fix; a fix is applied whole or not at all.

    Earlier means by first edit. A fix whose own edits overlap each other could
    not be applied whole either, so it is dropped too.
    """
    kept: list[Fix] = []
    taken = _Taken()
    for fix in sorted(fixes, key=lambda f: min((e.span.start, e.span.end) for e in f.edits)):
        spans = [e.span for e in fix.edits]
        if any(taken.overlaps(span) for span in spans) or _overlap_each_other(spans):
            continue
        kept.append(fix)
        for span in spans:
            taken.add(span)
    return kept


def _overlap_each_other(spans: list[Span]) -> bool:
    if len(spans) < 2:
        return False
    ordered = sorted(spans)
    return any(ordered[i].overlaps(ordered[i + 1]) for i in range(len(ordered) - 1))


class _Taken:
    """The spans of the edits kept so far, sorted, no two overlapping: ``overlaps`` in O(log N).

    ``overlaps`` looks at the span that starts last before the query's start
    (the only earlier one that can reach into it: kept spans are disjoint) and
    at those starting inside it, of which at most two do not overlap it (an
    insertion at its start, and, for an insertion query, a span starting there).
    Fixes come sorted by their first edit, so a one-edit fix (every fix taglint
    makes) lands at the end of the list; an edit of a later fix that lands
    further back costs a list insertion.
    """

    def __init__(self) -> None:
        self._spans: list[Span] = []

    def add(self, span: Span) -> None:
        spans = self._spans
        if not spans or spans[-1] <= span:
            spans.append(span)
        else:
            insort(spans, span)

    def overlaps(self, span: Span) -> bool:
        spans = self._spans
        start, end = span
        index = bisect_left(spans, (start,))  # the first kept span starting at or after ``start``
        if index and spans[index - 1].overlaps(span):
            return True
        while index < len(spans) and (spans[index][0] < end or spans[index][0] == start):
            if spans[index].overlaps(span):
                return True
            index += 1
        return False
