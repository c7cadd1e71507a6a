"""Apply the fixes that diagnostics carry, and prove the result is safe to write.

The loop: check, collect the applicable fixes, drop overlapping ones, splice
them in (``apply_edits``), re-parse, verify, repeat until nothing changes.
The loop is capped: a note whose fixes still change it after ``MAX_PASSES``
passes is left as it was, since fixing it twice would not equal fixing it once.

A result is refused when a fix would edit text that is not a tag, or when
``fix.verify`` refuses it (only tags may change); the rewrite pipeline
verifies the final result once more before it is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from taglint.files.text import SourceText
from taglint.rewrite.edits import apply_edits, select_fixes
from taglint.rewrite.verify import verify
from taglint.lint import clean_proof
from taglint.lint.check import apply_per_file_ignores, check_note
from taglint.model import Applicability, Diagnostic, Edit, Span
from taglint.parse.notes import Note, parse_text
from taglint.project.setup import Setup

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    note: Note  # the note after fixing (the original when nothing changed or the result was refused)
    fixed: int  # findings of the original note that are gone after fixing
    remaining: list[Diagnostic]  # findings left on ``note`` (per-file ignores applied)
    refused: str | None = None  # why a fixed version was not accepted
    changed: bool = False  # ``note`` differs from the original


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def findings(note: Note, setup: Setup) -> list[Diagnostic]:
    """What ``check`` reports for ``note``: per-file ignores also keep their findings from being fixed."""
    return apply_per_file_ignores(note.path, check_note(note, setup), setup)


def fix_note(note: Note, setup: Setup, unsafe: bool = False) -> FixOutcome:
    """Fix ``note`` as far as the safe (or also unsafe) fixes go."""
    original = note
    before = findings(note, setup)
    if not note.parsed:
        return FixOutcome(note, 0, before)
    diagnostics = before
    for _ in range(MAX_PASSES):
        fixes = select_fixes(d.fix for d in diagnostics if d.fix is not None and applicable(d, unsafe))
        if fixes:
            allowed = list(_tag_spans(note))  # once per pass, not once per fix
            fixes = [f for f in fixes if edits_only_tags(note, f.edits, allowed)]
        text = apply_edits(note.text, [e for f in fixes for e in f.edits]) if fixes else note.text
        if text == note.text:
            break
        source = SourceText(text, note.source.bom)
        candidate = parse_text(note.path, source, setup.config.tag_fields, setup.config.inline_tags)
        # The proof re-reads the result like any note: the fast reader where it applies
        # (held identical to ruamel.yaml by tests/test_fastyaml_differential.py), ruamel.yaml
        # otherwise. Reading every fixed note twice with ruamel cost more than the whole check.
        problem = verify(original, candidate, setup.config.tag_fields)
        if problem is not None:
            return FixOutcome(original, 0, before, problem)
        note = candidate
        # Most fixed notes are clean: when the quick reader proves it, the full check has nothing to add.
        diagnostics = [] if _certainly_clean(note, setup) else findings(note, setup)
    else:
        return FixOutcome(original, 0, before, f"fixes did not settle after {MAX_PASSES} passes; left unchanged")
    if note is original:
        return FixOutcome(original, 0, before)
    return FixOutcome(note, resolved(before, diagnostics), diagnostics, changed=True)


def _certainly_clean(note: Note, setup: Setup) -> bool:
    plan = clean_proof.plan_of(setup)
    return plan is not None and clean_proof.is_clean_text(note.path, note.text, plan)


def resolved(before: Iterable[Diagnostic], after: Iterable[Diagnostic]) -> int:
    """How many findings fixing made disappear, counted per rule.

    Spans move and messages may quote line numbers, so findings are matched by
    rule: one fix can resolve two findings (an alias that is also a duplicate),
    and a finding a fix trades for another of the same rule is not counted.
    """
    gone = Counter(d.rule for d in before) - Counter(d.rule for d in after)
    return sum(gone.values())


def edits_only_tags(note: Note, edits: Sequence[Edit], spans: Sequence[Span] | None = None) -> bool:
    """True when every edit replaces, removes or inserts next to a tag occurrence and touches nothing else.

    ``spans`` are ``note``'s allowed spans when the caller has them already (one list per pass, not per fix).
    """
    allowed_spans = list(_tag_spans(note)) if spans is None else spans
    return all(any(_within(edit.span, allowed) for allowed in allowed_spans) for edit in edits)


def _within(span: Span, allowed: Span) -> bool:
    return allowed.start <= span.start and span.end <= allowed.end


def _tag_spans(note: Note) -> Iterable[Span]:
    text = note.text
    for occ in note.tags:
        if not occ.editable:
            continue
        yield occ.span
        if occ.removal is not None:
            yield occ.removal
        # Insertions go right after the tag, or (block lists) at the start of the next line.
        yield Span(occ.span.end, occ.span.end)
        end = _next_line(text, occ.span.end)
        yield Span(end, end)


def _next_line(text: str, pos: int) -> int:
    cut = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i != -1]
    if not cut:
        return len(text)
    first = min(cut)
    return first + 2 if text.startswith("\r\n", first) else first + 1
