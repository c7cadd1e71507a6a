"""Apply the fixes that diagnostics carry, and prove the result is safe to write.

The loop: check, collect the applicable fixes, drop overlapping ones, splice
them in (``apply_edits``), re-parse, repeat until nothing changes (capped).
A result is refused when its front matter no longer parses or any field other
than the tag fields changed value.
"""

from __future__ import annotations

from dataclasses import dataclass

from taglint.edits import apply_edits, select_fixes
from taglint.engine import Setup, check_note
from taglint.model import Applicability, Diagnostic
from taglint.notes import Note, parse_text
from taglint.textio import SourceText

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    note: Note  # the note after fixing (the original when nothing changed or the result was refused)
    applied: int  # number of fixes applied
    remaining: list[Diagnostic]  # findings left on ``note``
    refused: str | None = None  # why a fixed version was not accepted

    @property
    def changed(self) -> bool:
        return self.applied > 0


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def fix_note(note: Note, setup: Setup, unsafe: bool = False) -> FixOutcome:
    """Fix ``note`` as far as the safe (or also unsafe) fixes go."""
    diagnostics = check_note(note, setup)
    if not note.parsed:
        return FixOutcome(note, 0, diagnostics)
    original = note
    applied = 0
    for _ in range(MAX_PASSES):
        fixes = select_fixes(d.fix for d in diagnostics if applicable(d, unsafe) and d.fix is not None)
        if not fixes:
            break
        text = apply_edits(note.text, [e for f in fixes for e in f.edits])
        if text == note.text:
            break
        candidate = parse_text(note.path, SourceText(text, note.source.bom), setup.config.tag_fields, setup.config.inline_tags)
        problem = verify(original, candidate, setup.config.tag_fields)
        if problem is not None:
            return FixOutcome(original, 0, check_note(original, setup), problem)
        note = candidate
        applied += len(fixes)
        diagnostics = check_note(note, setup)
    return FixOutcome(note, applied, diagnostics)


def verify(before: Note, after: Note, tag_fields: tuple[str, ...]) -> str | None:
    """Why ``after`` must not replace ``before``, or None if it is safe."""
    if not after.parsed:
        return "the fixed front matter would not parse; left unchanged"
    if after.has_front_matter != before.has_front_matter:
        return "fixing would change where the front matter ends; left unchanged"
    old = {k: v for k, v in before.data().items() if k not in tag_fields}
    new = {k: v for k, v in after.data().items() if k not in tag_fields}
    if old != new or list(before.fields) != list(after.fields):
        return "fixing would change fields other than tags; left unchanged"
    if after.text[after.body_start :] != before.text[before.body_start :] and not before_has_inline(before):
        return "fixing would change the body; left unchanged"
    return None


def before_has_inline(note: Note) -> bool:
    return any(o.field is None for o in note.tags)
