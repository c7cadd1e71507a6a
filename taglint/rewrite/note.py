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

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from taglint.files.text import SourceText
from taglint.lint import clean_proof
from taglint.lint.check import apply_per_file_ignores, check_note
from taglint.model import Applicability, Diagnostic, Edit, Span
from taglint.parse.notes import Note, parse_text
from taglint.project.setup import Setup
from taglint.rewrite.edits import apply_edits, select_fixes
from taglint.rewrite.verify import verify

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
            allowed = AllowedSpans(_tag_spans(note))  # once per pass, not once per fix
            fixes = [f for f in fixes if edits_only_tags(note, f.edits, allowed)]
        text = apply_edits(note.text, [e for f in fixes for e in f.edits]) if fixes else note.text
        if text == note.text:
            break
        source = SourceText(text, note.source.bom)
        candidate = parse_text(note.path, source, setup.config.tag_fields, setup.config.inline_tags, setup.config.dialect)
        # The proof re-reads the result like any note, with the one front-matter reader
        # (libyaml; held to ruamel.yaml's reading by tests/test_yaml_reader_differential.py).
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


def edits_only_tags(note: Note, edits: Sequence[Edit], spans: AllowedSpans | None = None) -> bool:
    """True when every edit replaces, removes or inserts next to a tag occurrence and touches nothing else.

    ``spans`` are ``note``'s allowed spans when the caller has them already (one set per pass, not per fix).
    """
    allowed = AllowedSpans(_tag_spans(note)) if spans is None else spans
    return all(allowed.covers(edit.span) for edit in edits)


class AllowedSpans:
    """The spans a fix may edit in one note, sorted once: ``covers`` in O(log N).

    A span is covered when one allowed span starts at or before it and ends at
    or after it: among the allowed spans starting at or before it, the one that
    reaches furthest decides (``_reach`` holds that furthest end, per prefix).
    Testing every edit against every allowed span made fixing N tags of one note
    take N² steps: 8,000 repeated aliases in one list took 39 s.
    """

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [span[0] for span in ordered]
        self._reach = list(itertools.accumulate((span[1] for span in ordered), max))

    def covers(self, span: Span) -> bool:
        index = bisect_right(self._starts, span[0]) - 1
        return index >= 0 and self._reach[index] >= span[1]


def _tag_spans(note: Note) -> Iterator[Span]:
    line_ends = _LineEnds(note.text)
    for occ in note.tags:
        if not occ.editable:
            continue
        yield occ.span
        if occ.removal is not None:
            yield occ.removal
        # Insertions go right after the tag, or (block lists) at the start of the next line.
        yield Span(occ.span.end, occ.span.end)
        end = line_ends.after(occ.span.end)
        yield Span(end, end)


_BREAK = re.compile(r"[\r\n]")


class _LineEnds:
    """Where the line holding a position ends (after its line break, ``\\r\\n`` counted whole).

    Tags come in text order, so each answer is usually the previous one:
    searching again from every tag of a long line (a million inline tags on
    one line) would scan it once per tag.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._from = self._break = -1  # the first line break at or after ``_from`` is at ``_break``

    def after(self, pos: int) -> int:
        text = self._text
        if not self._from <= pos <= self._break:
            found = _BREAK.search(text, pos)
            self._from, self._break = pos, (found.start() if found else len(text))
        first = self._break
        if first == len(text):
            return first
        return first + 2 if text.startswith("\r\n", first) else first + 1
