"""taglint findings as LSP diagnostics, and when to send them.

A note's diagnostics are exactly what ``taglint check`` reports for the
buffer's text (``api.check_text``): same codes, messages, severities,
suppressions and per-file ignores. A located error of a data file (the
taxonomy, a rule set, the config) becomes a diagnostic at its line and
column in that file.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterable

from lsprotocol import types

from taglint import api
from taglint.model import Diagnostic, Severity
from taglint.server.positions import TextMap
from taglint.server.state import Project

SOURCE = "taglint"
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}
# Editors draw these specially: a deprecated tag struck through, an unused suppression faded.
_TAGS = {"deprecated-tag": [types.DiagnosticTag.Deprecated], "unused-suppression": [types.DiagnosticTag.Unnecessary]}


def lsp_diagnostic(diagnostic: Diagnostic, text_map: TextMap) -> types.Diagnostic:
    return types.Diagnostic(
        range=text_map.range(diagnostic.span),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        tags=_TAGS.get(diagnostic.rule),
        data={"rule": diagnostic.rule},
    )


def located_diagnostic(
    line: int,
    column: int,
    message: str,
    text_map: TextMap,
    severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error,
    code: str | None = None,
) -> types.Diagnostic:
    """A data file's problem at 1-based ``line``/``column``, underlined to the end of its line."""
    start = text_map.line_col(line, column)
    end = text_map.line_end(start.line)
    return types.Diagnostic(range=types.Range(start=start, end=end), message=message, severity=severity, code=code, source=SOURCE)


def data_file_diagnostics(projects: Iterable[Project], text_map_of: Callable[[str], TextMap]) -> dict[str, list[types.Diagnostic]]:
    """By data file: each project's located load errors, or, when it loaded, its taxonomy's own findings (TG1xx)."""
    found: dict[str, list[types.Diagnostic]] = {}
    maps: dict[str, TextMap] = {}

    def text_map(path: str) -> TextMap:
        if path not in maps:
            maps[path] = text_map_of(path)
        return maps[path]

    for project in projects:
        for error in project.errors:  # LocatedError: path, line, column, message
            path = os.path.abspath(getattr(error, "path", "") or project.root)
            line, column = getattr(error, "line", 1), getattr(error, "column", 1)
            message = getattr(error, "message", str(error))
            found.setdefault(path, []).append(located_diagnostic(line, column, message, text_map(path)))
        result = api.taxonomy_findings(project.setup) if project.setup is not None else None
        if result is None:
            continue
        for d in result.diagnostics:
            line, column = result.position(d.span.start)
            found.setdefault(result.path, []).append(
                located_diagnostic(line, column, d.message, text_map(result.path), _SEVERITY[d.severity], d.code)
            )
    return found


def not_checked(reason: str) -> types.Diagnostic:
    """The one diagnostic of a note whose project does not load: where to look instead."""
    origin = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=origin, end=origin),
        message=f"not checked: {reason}",
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
    )


class Throttle:
    """Runs a job per document at most once per ``window`` seconds, always on the latest text.

    A change after a quiet spell is checked at once (the latency target is
    the check itself); changes arriving within ``window`` of the last run
    are coalesced into one run at the window's end, so a burst of keystrokes
    costs one check per window, not one per keystroke.
    """

    def __init__(self, window: float, job: Callable[[str], None]) -> None:
        self.window = window
        self._job = job
        self._last: dict[str, float] = {}
        self._pending: dict[str, asyncio.TimerHandle | asyncio.Handle] = {}

    def touch(self, key: str) -> None:
        if key in self._pending:
            return  # the pending run will read the latest text
        loop = asyncio.get_running_loop()
        wait = self._last.get(key, float("-inf")) + self.window - time.monotonic()
        if wait > 0:
            self._pending[key] = loop.call_later(wait, self._run, key)
        else:
            self._pending[key] = loop.call_soon(self._run, key)

    def _run(self, key: str) -> None:
        self._pending.pop(key, None)
        self._last[key] = time.monotonic()
        self._job(key)

    def cancel(self, key: str) -> None:
        handle = self._pending.pop(key, None)
        if handle is not None:
            handle.cancel()
        self._last.pop(key, None)
