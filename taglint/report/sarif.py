"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

One run: ``tool.driver`` lists every rule (built-in and custom) with its
documentation as help text; each finding becomes a result with ``ruleId``,
``level``, ``message`` and a region in 1-based lines and Unicode code-point
columns (``columnKind``). URIs are relative to the repository root (the
nearest directory holding ``.git`` above the working directory), under the
base id ``%SRCROOT%``; a name that is not UTF-8 keeps its raw bytes,
percent-encoded. Fixable findings carry ``fixes``; every result has a
``partialFingerprints`` entry that survives the finding moving to another line.
The taxonomy's own checks (TG101-TG106) are listed as rules too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from taglint import checks
from taglint._version import __version__
from taglint.checks import taxonomy as taxonomy_checks
from taglint.model import Diagnostic, FileResult, Severity
from taglint.project.setup import Setup
from taglint.report.escape import json_text, uri_path
from taglint.report.fingerprint import Fingerprints

if TYPE_CHECKING:
    from taglint.report.formats import FormatOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"


def repository_root(start: str | None = None) -> str:
    """The nearest directory at or above ``start`` (default: cwd) holding ``.git``, else ``start``."""
    here = Path(os.path.abspath(start or os.getcwd()))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return str(here)


def relative_uri(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(os.path.abspath(path)).as_uri()
    return uri_path(rel.replace(os.sep, "/"))


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def rule_descriptors(setup: Setup) -> list[dict[str, Any]]:
    descriptors: list[dict[str, Any]] = []
    for module in checks.RULES.values():
        rule = module.RULE
        level = setup.severities.get(rule.name) or rule.severity
        descriptors.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc.strip().split("\n\n")[0]},
                "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
                "defaultConfiguration": {"level": _level(level), "enabled": setup.severities.get(rule.name) is not None},
                "properties": {"fixable": rule.fixable.value if rule.fixable else "none"},
            }
        )
    for custom in setup.ruleset.custom:
        text = custom.description or custom.message
        descriptors.append(
            {
                "id": custom.code,
                "name": custom.id,
                "shortDescription": {"text": custom.message},
                "fullDescription": {"text": text},
                "help": {"text": f"{text}\n\nCustom rule defined at {custom.origin}." if custom.origin else text},
                "defaultConfiguration": {"level": _level(Severity(custom.severity))},
            }
        )
    descriptors.extend(taxonomy_descriptor(lint) for lint in taxonomy_checks.RULES)
    return descriptors


def taxonomy_descriptor(lint: taxonomy_checks.LintRule) -> dict[str, Any]:
    """A taxonomy check (TG1xx): reported on the taxonomy file, always a warning.

    ``taglint check`` runs the ones that need only the taxonomy, but for
    missing-description, which it runs only when selected; unused-tag and
    unused-alias need the notes' usage (``taglint taxonomy check``). Those three
    are listed but not enabled.
    """
    if lint.needs_usage:
        where = "`taglint taxonomy check`"
    elif not lint.in_check:
        where = "`taglint taxonomy check` (and `taglint check` when selected)"
    else:
        where = "`taglint check` and `taglint taxonomy check`"
    return {
        "id": lint.code,
        "name": lint.name,
        "shortDescription": {"text": lint.summary},
        "fullDescription": {"text": f"{lint.summary}. A quality check of the taxonomy file, run by {where}."},
        "defaultConfiguration": {"level": "warning", "enabled": lint.in_check and not lint.needs_usage},
        "properties": {"fixable": "none", "target": "taxonomy"},
    }


def _region(result: FileResult, start: int, end: int) -> dict[str, int]:
    line, column = result.position(start)
    end_line, end_column = result.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def result_object(result: FileResult, d: Diagnostic, uri: str, index: dict[str, int], prints: Fingerprints) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": uri, "uriBaseId": ROOT_ID} if not uri.startswith("file:") else {"uri": uri}}
    item: dict[str, Any] = {
        "ruleId": d.code,
        "level": _level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {**location, "region": _region(result, d.span.start, d.span.end)}}],
        "partialFingerprints": {"taglint/v1": prints.of(uri, d)},
    }
    if d.code in index:
        item["ruleIndex"] = index[d.code]
    if d.fix is not None:
        replacements = [
            {"deletedRegion": _region(result, e.span.start, e.span.end), "insertedContent": {"text": e.content}} for e in d.fix.edits
        ]
        item["fixes"] = [
            {
                "description": {"text": f"{d.fix.message} ({d.fix.applicability.value} fix)"},
                "artifactChanges": [{**location, "replacements": replacements}],
            }
        ]
    return item


def document(results: Sequence[FileResult], setup: Setup, root: str | None = None) -> dict[str, Any]:
    base = root or repository_root()
    rules = rule_descriptors(setup)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    prints = Fingerprints()
    items = [result_object(r, d, relative_uri(r.path, base), index, prints) for r in results for d in r.diagnostics]
    driver = {"name": "taglint", "version": __version__, "semanticVersion": __version__, "rules": rules}
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {ROOT_ID: {"uri": Path(base).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": items,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifWriter:
    """Keeps the files with findings (clean ones are not listed) and writes one document at the end."""

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out, self.setup = out, options.setup
        self.results: list[FileResult] = []

    def add_all(self, results: Iterable[FileResult]) -> None:
        self.results.extend(result for result in results if result.diagnostics)

    def finish(self) -> None:
        write(self.results, self.out, self.setup)


def write(results: Sequence[FileResult], out: TextIO, setup: Setup, root: str | None = None) -> None:
    out.write(json_text(json.dumps(document(results, setup, root), ensure_ascii=False, indent=2)))
    out.write("\n")
