"""The one place where edits are applied to text: choose the non-overlapping ones, splice them in."""

from __future__ import annotations

from collections.abc import Iterable

from taglint.model import Edit, Fix


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
    """Fixes whose edits overlap no edit of an earlier-kept fix; a fix is applied whole or not at all."""
    kept: list[Fix] = []
    taken: list[Edit] = []
    for fix in sorted(fixes, key=lambda f: min((e.span.start, e.span.end) for e in f.edits)):
        if any(e.span.overlaps(t.span) for e in fix.edits for t in taken):
            continue
        kept.append(fix)
        taken.extend(fix.edits)
    return kept
