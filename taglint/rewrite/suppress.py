"""``taglint check --add-ignore``: write a suppression for every current finding.

So an existing collection can adopt taglint today and fix over time. Findings
at an inline ``#tag`` get an HTML comment on the line before (extending one
that is already there); every other finding gets its rule added to the note's
front-matter key ``taglint: {ignore: [...]}``, created when absent (with a
front-matter block when the note has none). All changes are span edits applied
by ``apply_edits``: every other byte stays as it was. The result is re-parsed
and re-checked; fields other than ``taglint`` must read the same. Files are
read, verified (``fix.verify`` with this command's allowance: the ``taglint``
key and suppression comments) and written by ``fix.pipeline``, as for ``fix``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from taglint.files.text import SourceText
from taglint.lint.check import apply_per_file_ignores, check_note, preload
from taglint.model import Diagnostic, Edit, Span
from taglint.parse.notes import Note, parse_text
from taglint.parse.suppressions import _COMMENT, _RULE_TOKEN, KEY
from taglint.project.setup import Setup
from taglint.rewrite.edits import apply_edits
from taglint.rewrite.outcome import Outcome
from taglint.rewrite.pipeline import Change, Rewriter, rewrite_paths
from taglint.rewrite.verify import Allowance

MAX_PASSES = 3
_BLOCK_ITEM = re.compile(r"[ \t]*-[ \t]+")


class CannotSuppress(Exception):
    pass


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start of the line holding ``offset`` and the start of the line after it."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    if start > 0 and text[start - 1] == "\r" and offset < len(text) and text[start] == "\n":
        start += 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end + 1)


def _comment_edits(note: Note, by_line: dict[int, list[str]]) -> list[Edit]:
    text, newline = note.text, _newline(note.text)
    edits: list[Edit] = []
    for line_start, rules in sorted(by_line.items()):
        previous = text[:line_start].splitlines(keepends=True)[-1] if line_start > note.body_start else ""
        match = _COMMENT.search(previous) if previous else None
        if match is not None:
            tokens = list(_RULE_TOKEN.finditer(match.group("rules")))
            at = line_start - len(previous) + match.start("rules") + (tokens[-1].end() if tokens else 0)
            edits.append(Edit(Span(at, at), "".join(f" {r}" for r in rules)))
        else:
            indent = re.match(r"[ \t]*", text[line_start:]).group(0)  # type: ignore[union-attr]
            edits.append(Edit(Span(line_start, line_start), f"{indent}<!-- {KEY}: ignore {' '.join(rules)} -->{newline}"))
    return edits


def _front_matter_edits(note: Note, rules: list[str]) -> list[Edit]:
    text, newline = note.text, _newline(note.text)
    if note.format != "yaml":
        return _other_front_matter_edits(note, rules, newline)
    flow = "{ignore: [" + ", ".join(rules) + "]}"
    if not note.has_front_matter:
        return [Edit(Span(0, 0), f"---{newline}{KEY}: {flow}{newline}---{newline}")]
    assert note.yaml_span is not None
    fld = note.fields.get(KEY)
    if fld is None:
        at = note.yaml_span.end
        return [Edit(Span(at, at), f"{KEY}: {flow}{newline}")]
    node, base = fld.node, note.yaml_span.start
    if node is None or node.id != "mapping":
        raise CannotSuppress(f'the "{KEY}" key is not a mapping; fix it first')
    for key_node, value in node.value:  # noqa: B007 - value is the ignore list found, used after the loop
        if key_node.id == "scalar" and key_node.value == "ignore":
            break
    else:
        raise CannotSuppress(f'the "{KEY}" key has no "ignore" list; fix it first')
    start, end = base + value.start_mark.index, base + value.end_mark.index
    if value.id == "scalar":
        return [Edit(Span(start, start), "["), Edit(Span(end, end), ", " + ", ".join(rules) + "]")]
    if value.id != "sequence":
        raise CannotSuppress(f'"{KEY}: ignore" is not a list; fix it first')
    if value.flow_style:
        if not value.value:
            return [Edit(Span(start + 1, start + 1), ", ".join(rules))]
        at = base + value.value[-1].end_mark.index
        return [Edit(Span(at, at), "".join(f", {r}" for r in rules))]
    last = value.value[-1]
    line_start, next_line = _line_bounds(text, base + last.start_mark.index)
    prefix = _BLOCK_ITEM.match(text, line_start, base + last.start_mark.index)
    if prefix is None or next_line > len(text) or not text[:next_line].endswith(("\n", "\r")):
        raise CannotSuppress(f'cannot extend the "{KEY}: ignore" list here')
    return [Edit(Span(next_line, next_line), "".join(f"{prefix.group(0)}{r}{newline}" for r in rules))]


def _other_front_matter_edits(note: Note, rules: list[str], newline: str) -> list[Edit]:
    """The ``taglint`` key in TOML (``+++``) or JSON front matter, written in that format (Hugo would read a
    YAML block put in front of it as the start of the body)."""
    assert note.yaml_span is not None
    quoted = ", ".join(json.dumps(rule) for rule in rules)  # a JSON string is a TOML basic string too
    fld = note.fields.get(KEY)
    if fld is None:
        if note.format == "toml":  # first, so no [table] header comes before it
            return [Edit(Span(note.yaml_span.start, note.yaml_span.start), f"{KEY} = {{ ignore = [{quoted}] }}{newline}")]
        after_brace = note.yaml_span.start + 1
        comma = "," if note.fields else ""
        return [Edit(Span(after_brace, after_brace), f'{newline}  "{KEY}": {{"ignore": [{quoted}]}}{comma}')]
    node = fld.node
    value = next((v for k, v in (node.value if node is not None and node.id == "mapping" else ()) if k.value == "ignore"), None)
    if value is None or value.id != "sequence":
        raise CannotSuppress(f'the "{KEY}" key has no "ignore" list; fix it first')
    base = fld.value_span.start - node.start_mark.index
    if not value.value:
        at = base + value.start_mark.index + 1
        return [Edit(Span(at, at), quoted)]
    at = base + value.value[-1].end_mark.index
    return [Edit(Span(at, at), "".join(f", {json.dumps(rule)}" for rule in rules))]


def suppression_edits(note: Note, diagnostics: Sequence[Diagnostic]) -> tuple[list[Edit], int]:
    """Edits that suppress each of ``diagnostics`` in ``note``, and how many rule entries they write."""
    inline = {o.span.start for o in note.tags if o.field is None}
    by_line: dict[int, list[str]] = {}
    note_wide: list[str] = []
    for d in diagnostics:
        if d.span.start in inline:
            line_rules = by_line.setdefault(_line_bounds(note.text, d.span.start)[0], [])
            if d.rule not in line_rules:
                line_rules.append(d.rule)
        elif d.rule not in note_wide:
            note_wide.append(d.rule)
    edits = _comment_edits(note, by_line)
    if note_wide:
        edits += _front_matter_edits(note, note_wide)
    return edits, len(note_wide) + sum(len(rules) for rules in by_line.values())


def _findings(note: Note, setup: Setup) -> list[Diagnostic]:
    found = apply_per_file_ignores(note.path, check_note(note, setup), setup)
    # A stale suppression is removed, not suppressed.
    return [d for d in found if d.rule != "unused-suppression"]


def suppress_note(note: Note, setup: Setup) -> tuple[Note, int]:
    """``note`` with every finding suppressed, and how many entries were written."""
    if not note.parsed:
        raise CannotSuppress("the front matter does not parse; fix it first")
    original, added = note, 0
    for _ in range(MAX_PASSES):
        found = _findings(note, setup)
        if not found:
            return note, added
        edits, count = suppression_edits(note, found)
        text = apply_edits(note.text, edits)
        candidate = parse_text(
            note.path, SourceText(text, note.source.bom), setup.config.tag_fields, setup.config.inline_tags, setup.config.dialect
        )
        if not candidate.parsed:
            raise CannotSuppress("adding suppressions would break the front matter; left unchanged")
        if {k: v for k, v in candidate.data().items() if k != KEY} != {k: v for k, v in original.data().items() if k != KEY}:
            raise CannotSuppress("adding suppressions would change other fields; left unchanged")
        note, added = candidate, added + count
    if _findings(note, setup):
        raise CannotSuppress("some findings could not be suppressed; left unchanged")
    return note, added


def _unparsed(note: Note) -> str:
    if not note.has_front_matter:  # the bytes did not decode: say why, as the parse-error does
        return next((p.message for p in note.problems if p.rule == "parse-error"), "the note cannot be read")
    return "the front matter does not parse; fix it first"


# Suppression comments are what add-ignore may add to a body, besides the ``taglint`` key.
ALLOWANCE = Allowance(key=KEY, comments=_COMMENT)


def suppressor(setup: Setup) -> Rewriter:
    """``check --add-ignore``'s part in the rewrite pipeline: suppress every finding of a note."""

    def transform(note: Note) -> Change | None:
        if not note.parsed:
            return Change(note, refused=_unparsed(note))
        try:
            fixed, added = suppress_note(note, setup)
        except CannotSuppress as exc:
            return Change(note, refused=str(exc))
        return None if fixed is note else Change(fixed, added)

    return Rewriter(setup.config, transform, ALLOWANCE, preload=lambda: preload(setup))


def add_ignores(paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None) -> Iterator[Outcome]:
    """Suppress every finding in every selected note; the outcome of each note changed or refused, in walk order."""
    return rewrite_paths(paths, suppressor(setup), write=True, force_exclude=force_exclude, jobs=jobs)
