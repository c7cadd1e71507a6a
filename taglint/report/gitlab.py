"""GitLab Code Quality: the JSON list a CI job publishes as ``artifacts:reports:codequality``.

The format is the subset of the Code Climate issue spec that GitLab reads
(https://docs.gitlab.com/ci/testing/code_quality/, "Implement a custom tool"):
``description``, ``check_name``, ``fingerprint``, ``severity`` (``info``,
``minor``, ``major``, ``critical`` or ``blocker``) and ``location`` with a
repository-relative ``path`` and the line (``positions.begin.line``). GitLab
validates each entry against ``app/validators/json_schemas/codeclimate.json``
of its source; tests/data/schemas holds a copy the tests validate against.

Errors are ``major`` and warnings ``minor``: GitLab sorts by severity, and
nothing taglint finds stops a build the way ``blocker`` suggests. Findings
are written as they come, one per line, like the ``json`` format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from taglint.model import Diagnostic, FileResult, Severity
from taglint.report.escape import json_text
from taglint.report.fingerprint import Fingerprints
from taglint.report.sarif import repository_root

if TYPE_CHECKING:
    from taglint.report.formats import FormatOptions


def repository_path(path: str, root: str) -> str:
    """``path`` relative to the repository root with ``/`` separators (GitLab matches it to the merge request's files)."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute  # outside the repository: GitLab cannot show it in a diff, but the path still says which file
    return rel.replace(os.sep, "/")


def issue(result: FileResult, d: Diagnostic, path: str, fingerprint: str) -> dict[str, Any]:
    line, column = result.position(d.span.start)
    end_line, end_column = result.position(d.span.end)
    return {
        "type": "issue",
        "check_name": d.code,
        "description": f"{d.rule}: {d.message}",
        "categories": ["Style"],
        "severity": "major" if d.severity is Severity.ERROR else "minor",
        "fingerprint": fingerprint,
        "location": {
            "path": path,
            "positions": {"begin": {"line": line, "column": column}, "end": {"line": end_line, "column": end_column}},
        },
    }


class GitlabWriter:
    """The Code Quality list, streamed a batch at a time; ``[]`` for a clean run."""

    def __init__(self, out: TextIO, options: FormatOptions | None = None, root: str | None = None) -> None:
        self.out = out
        self.root = root or repository_root()
        self.prints = Fingerprints()
        self.started = False

    def add_all(self, results: Iterable[FileResult]) -> None:
        pieces = []
        for result in results:
            if not result.diagnostics:
                continue
            path = repository_path(result.path, self.root)
            for d in result.diagnostics:
                item = issue(result, d, path, self.prints.of(path, d))
                pieces.append((",\n  " if self.started else "[\n  ") + json_text(json.dumps(item, ensure_ascii=False)))
                self.started = True
        if pieces:
            self.out.write("".join(pieces))

    def finish(self) -> None:
        self.out.write("\n]\n" if self.started else "[]\n")
