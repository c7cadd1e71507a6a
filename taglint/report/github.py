"""GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per finding.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
Property values escape ``%``, CR, LF, ``:`` and ``,``; the message escapes
``%``, CR and LF, as the Actions toolkit does.
"""

from __future__ import annotations

import os

from taglint.model import FileResult
from taglint.model import Diagnostic, Severity


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{level} {rendered}::{escape_data(f'{d.rule}: {d.message}')}"
