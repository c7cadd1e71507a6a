"""Suppressions written in notes, the ruff/yamllint way.

Two forms:

* the front-matter key ``taglint: {ignore: [unknown-tag, TG004]}`` silences
  those rules for the whole note;
* an HTML comment ``<!-- taglint: ignore unknown-tag -->`` (rules separated by
  spaces or commas) silences them on the next line only, e.g. for one inline
  ``#tag``.

Rules are named by name or code. Each named rule is one :class:`Suppression`,
so ``unused-suppression`` can point at exactly the entry that no longer
silences anything. The ``taglint`` key is taglint's own: it is never read as a
tag field and is removed before a note schema validates the front matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from taglint.model import Diagnostic, Span
from taglint.parse.inline_tags import code_blocks
from taglint.parse.notes import Note

KEY = "taglint"
_COMMENT = re.compile(r"<!--[ \t]*taglint:[ \t]*ignore\b(?P<rules>[^\r\n]*?)-->")
_RULE_TOKEN = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class Suppression:
    rule: str  # as written: a rule name or code
    span: Span  # where it is written
    scope: Span | None  # the text it covers; None for the whole note

    def covers(self, diagnostic: Diagnostic) -> bool:
        if self.rule != diagnostic.rule and self.rule.upper() != diagnostic.code:
            return False
        return self.scope is None or self.scope.start <= diagnostic.span.start < self.scope.end


@dataclass(frozen=True, slots=True)
class Malformed:
    """A ``taglint`` key that cannot be read as suppressions."""

    message: str
    span: Span


def parse(note: Note) -> tuple[list[Suppression], list[Malformed]]:
    """Every suppression written in ``note``, and the malformed ones."""
    found: list[Suppression] = []
    problems: list[Malformed] = []
    fld = note.fields.get(KEY)
    if fld is not None:
        found_fm, problems = _front_matter(note, fld)
        found.extend(found_fm)
    if "taglint:" in note.text[note.body_start :]:
        found.extend(_comments(note.text, note.body_start))
    return found, problems


def _absolute(note: Note, node: object) -> Span:
    base = note.yaml_span.start if note.yaml_span is not None else 0
    return Span(base + node.start_mark.index, base + node.end_mark.index)  # type: ignore[attr-defined]


def _front_matter(note: Note, fld: object) -> tuple[list[Suppression], list[Malformed]]:
    node = getattr(fld, "node", None)
    value_span: Span = fld.value_span  # type: ignore[attr-defined]
    wanted = f'"{KEY}" must be a mapping like {{ignore: [unknown-tag]}}'
    if node is None or node.id != "mapping":
        return [], [Malformed(wanted, value_span)]
    found: list[Suppression] = []
    problems: list[Malformed] = []
    for key_node, value_node in node.value:
        if key_node.id != "scalar" or key_node.value != "ignore":
            problems.append(Malformed(f'"{KEY}" knows only the key "ignore"', _absolute(note, key_node)))
            continue
        items = value_node.value if value_node.id == "sequence" else [value_node]
        for item in items:
            if item.id != "scalar" or not str(item.value).strip():
                problems.append(Malformed(f'"{KEY}: ignore" must list rule names or codes', _absolute(note, item)))
                continue
            found.append(Suppression(str(item.value).strip(), _absolute(note, item), None))
    return found, problems


def _comments(text: str, start: int) -> Iterator[Suppression]:
    """HTML-comment suppressions in the body, outside code blocks (read as inline tags are: a CommonMark parse)."""
    code = code_blocks(text, start)
    offset = start
    lines = text[start:].splitlines(keepends=True)
    for index, line in enumerate(lines):
        if "taglint:" in line and not any(block.start <= offset < block.end for block in code):
            next_start = offset + len(line)
            scope = Span(next_start, next_start + len(lines[index + 1])) if index + 1 < len(lines) else Span(next_start, next_start)
            for match in _COMMENT.finditer(line):
                base = offset + match.start("rules")
                for token in _RULE_TOKEN.finditer(match.group("rules")):
                    yield Suppression(token.group(0), Span(base + token.start(), base + token.end()), scope)
        offset += len(line)


def partition(diagnostics: Iterable[Diagnostic], found: Sequence[Suppression]) -> tuple[list[Diagnostic], set[int]]:
    """The diagnostics no suppression covers, and the indices of the suppressions that covered one."""
    kept: list[Diagnostic] = []
    used: set[int] = set()
    for diagnostic in diagnostics:
        hits = [i for i, s in enumerate(found) if s.covers(diagnostic)]
        if hits:
            used.update(hits)
        else:
            kept.append(diagnostic)
    return kept, used
