"""Report formats: human text, JSON (the machine contract of the core issue) and JSON Lines; the run's totals.

Paths, rule ids and messages pass through ``taglint.report.escape``: ``visible``
for text, ``json_text`` for JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from taglint.model import Applicability, Batch, Diagnostic, FileResult, Severity
from taglint.report.escape import json_text, visible, visible_line

if TYPE_CHECKING:
    from taglint.report.formats import FormatOptions


@dataclass
class Totals:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    safe_fixable: int = 0
    unsafe_fixable: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    fixable_by_rule: Counter[str] = field(default_factory=Counter)

    def add_batch(self, batch: Batch) -> None:
        self.files += len(batch.paths)
        for _, result in batch.found:
            self.add_findings(result)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.add_findings(result)

    def add_findings(self, result: FileResult) -> None:
        for d in result.diagnostics:
            if d.severity is Severity.ERROR:
                self.errors += 1
            else:
                self.warnings += 1
            self.by_rule[f"{d.code} {d.rule}"] += 1
            if d.fix is not None:
                self.fixable_by_rule[f"{d.code} {d.rule}"] += 1
                if d.fix.applicability is Applicability.SAFE:
                    self.safe_fixable += 1
                else:
                    self.unsafe_fixable += 1


def position_dict(result: FileResult, offset: int) -> dict[str, int]:
    line, column = result.position(offset)
    return {"line": line, "column": column}


def diagnostic_dict(result: FileResult, d: Diagnostic) -> dict[str, Any]:
    start = result.position(d.span.start)
    end = result.position(d.span.end)
    fix: dict[str, Any] | None = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message,
            "edits": [
                {"start": position_dict(result, e.span.start), "end": position_dict(result, e.span.end), "content": e.content}
                for e in d.fix.edits
            ],
        }
    return {
        "path": result.path,
        "line": start[0],
        "column": start[1],
        "end_line": end[0],
        "end_column": end[1],
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "fix": fix,
    }


def text_line(result: FileResult, d: Diagnostic, color: bool = False) -> str:
    line, column = result.position(d.span.start)
    marker = " [*]" if d.fix is not None and d.fix.applicability is Applicability.SAFE else ""
    if not color:
        # Escaped as one line: the path starts it (so it must not start a workflow command), and
        # the rule id (a custom rule's comes from the rule set) and the message may hold anything.
        return visible_line(f"{result.path}:{line}:{column}: {d.code} {d.rule}{marker} {d.message}")
    tint = "\x1b[31m" if d.severity is Severity.ERROR else "\x1b[33m"
    location = visible_line(f"{result.path}:{line}:{column}:")
    return f"\x1b[1m{location}\x1b[0m {tint}{visible(f'{d.code} {d.rule}')}\x1b[0m{marker} {visible(d.message)}"


def summary(totals: Totals, verb: str = "Checked") -> str:
    noun = "file" if totals.files == 1 else "files"
    if not totals.errors and not totals.warnings:
        return f"All checks passed ({verb.lower()} {totals.files} {noun})."
    parts = [f"{totals.errors} error{'s' if totals.errors != 1 else ''}", f"{totals.warnings} warning{'s' if totals.warnings != 1 else ''}"]
    text = f"{verb} {totals.files} {noun}: {', '.join(parts)}."
    if totals.safe_fixable:
        text += f" {totals.safe_fixable} fixable with `taglint fix` (marked [*])"
        text += f"; {totals.unsafe_fixable} more with `--unsafe-fixes`." if totals.unsafe_fixable else "."
    elif totals.unsafe_fixable:
        text += f" {totals.unsafe_fixable} fixable with `taglint fix --unsafe-fixes`."
    return text


def statistics(totals: Totals) -> str:
    lines = []
    for key, count in sorted(totals.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        fixable = totals.fixable_by_rule.get(key, 0)
        lines.append(f"{count:6d}  {visible(key)}" + (f"  ({fixable} fixable)" if fixable else ""))
    return "\n".join(lines)


class TextWriter:
    """The text report: one line per finding, a batch of files with one write."""

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out, self.color = out, options.color

    def add_all(self, results: Iterable[FileResult]) -> None:
        lines = [text_line(result, d, self.color) for result in results for d in result.diagnostics]
        if lines:
            self.out.write("\n".join(lines) + "\n")  # one write a batch, not one a line

    def finish(self) -> None:
        pass


def json_finding(result: FileResult, d: Diagnostic) -> str:
    """One finding as one line of JSON, from the C encoder, escaped for any reader."""
    return json_text(json.dumps(diagnostic_dict(result, d), ensure_ascii=False))


class JsonWriter:
    """The JSON report, written as results come: memory does not grow with the findings.

    One finding per line: readable and diff-friendly, and each line comes from
    the C encoder (an indented dump runs the pure-Python one, several times slower).
    """

    def __init__(self, out: TextIO, options: FormatOptions | None = None) -> None:
        self.out = out
        self.started = False

    def add_all(self, results: Iterable[FileResult]) -> None:
        """Write the findings of many files with one write: each write is a system call once the buffer fills."""
        pieces = []
        for result in results:
            for d in result.diagnostics:
                pieces.append((",\n  " if self.started else "[\n  ") + json_finding(result, d))
                self.started = True
        if pieces:
            self.out.write("".join(pieces))

    def finish(self) -> None:
        self.out.write("\n]\n" if self.started else "[]\n")


class JsonLinesWriter:
    """JSON Lines (https://jsonlines.org): one finding per line, the same object as in ``json``; nothing for a clean run."""

    def __init__(self, out: TextIO, options: FormatOptions | None = None) -> None:
        self.out = out

    def add_all(self, results: Iterable[FileResult]) -> None:
        lines = [json_finding(result, d) for result in results for d in result.diagnostics]
        if lines:
            self.out.write("\n".join(lines) + "\n")

    def finish(self) -> None:
        pass


def failing(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails the run: warnings fail only with ``--fail-on warning``."""
    return severity is Severity.ERROR or fail_on == "warning"


def fails(totals: Totals, fail_on: str) -> bool:
    """Whether a run with these totals exits 1 (before ``--exit-zero``)."""
    return bool(totals.errors or (fail_on == "warning" and totals.warnings))
