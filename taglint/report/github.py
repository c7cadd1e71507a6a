"""GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per finding.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
Property values and the message are encoded as the Actions toolkit encodes
them (``taglint.report.escape.workflow_property`` / ``workflow_data``), so no
text from a note can end the command or start another line. GitHub shows only
the first annotations of a step, so the full text report follows them, escaped
like any text report: a line of it can never begin a workflow command.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from taglint.model import Diagnostic, FileResult, Severity
from taglint.report.escape import workflow_data, workflow_property
from taglint.report.output import text_line

if TYPE_CHECKING:
    from taglint.report.formats import FormatOptions


def workspace_path(path: str, root: str | None = None) -> str:
    """``path`` relative to the workspace (the current directory), as GitHub matches annotations to files."""
    base = root if root is not None else os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    return (path if rel.startswith("..") else rel).replace(os.sep, "/")


def annotation(result: FileResult, d: Diagnostic, root: str | None = None) -> str:
    line, column = result.position(d.span.start)
    end_line, end_column = result.position(d.span.end)
    level = "error" if d.severity is Severity.ERROR else "warning"
    props = {
        "file": workspace_path(result.path, root),
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": f"taglint ({d.code})",
    }
    rendered = ",".join(f"{key}={workflow_property(value)}" for key, value in props.items())
    return f"::{level} {rendered}::{workflow_data(f'{d.rule}: {d.message}')}"


class GithubWriter:
    """The annotations of each batch of files, then the text report of that batch."""

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out, self.color = out, options.color

    def add_all(self, results: Iterable[FileResult]) -> None:
        lines: list[str] = []
        for result in results:
            lines.extend(annotation(result, d) for d in result.diagnostics)
            lines.extend(text_line(result, d, self.color) for d in result.diagnostics)
        if lines:
            self.out.write("\n".join(lines) + "\n")

    def finish(self) -> None:
        pass
