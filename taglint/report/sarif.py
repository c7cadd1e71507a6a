"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

One run: ``tool.driver`` lists every rule (built-in and custom) with its
documentation as help text; each finding becomes a result with ``ruleId``,
``level``, ``message`` and a region in 1-based lines and Unicode code-point
columns (``columnKind``). URIs are relative to the repository root (the
nearest directory holding ``.git`` above the working directory), under the
base id ``%SRCROOT%``. Fixable findings carry ``fixes``; every result has a
``partialFingerprints`` entry that survives the finding moving to another line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from taglint import checks
from taglint._version import __version__
from taglint.model import FileResult
from taglint.project.setup import Setup
from taglint.model import Diagnostic, Severity

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
    if rel.startswith(".."):
        return Path(os.path.abspath(path)).as_uri()
    return quote(rel.replace(os.sep, "/"))


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
    return descriptors


def _region(result: FileResult, start: int, end: int) -> dict[str, int]:
    line, column = result.position(start)
    end_line, end_column = result.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fingerprint(d: Diagnostic, uri: str, seen: Counter[str]) -> str:
    # Line numbers are left out on purpose: a finding that moves keeps its identity;
    # the ordinal tells apart equal findings in one file.
    key = f"{uri}\0{d.code}\0{d.message}"
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def result_object(result: FileResult, d: Diagnostic, uri: str, index: dict[str, int], seen: Counter[str]) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": uri, "uriBaseId": ROOT_ID} if not uri.startswith("file:") else {"uri": uri}}
    item: dict[str, Any] = {
        "ruleId": d.code,
        "level": _level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {**location, "region": _region(result, d.span.start, d.span.end)}}],
        "partialFingerprints": {"taglint/v1": _fingerprint(d, uri, seen)},
    }
    if d.code in index:
        item["ruleIndex"] = index[d.code]
    if d.fix is not None:
        replacements = [
            {"deletedRegion": _region(result, e.span.start, e.span.end), "insertedContent": {"text": e.content}}
            for e in d.fix.edits
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
    seen: Counter[str] = Counter()
    items = [
        result_object(r, d, relative_uri(r.path, base), index, seen)
        for r in results
        for d in r.diagnostics
    ]
    driver = {"name": "taglint", "version": __version__, "semanticVersion": __version__, "rules": rules}
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {ROOT_ID: {"uri": Path(base).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": items,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(results: Sequence[FileResult], out: TextIO, setup: Setup, root: str | None = None) -> None:
    json.dump(document(results, setup, root), out, ensure_ascii=False, indent=2)
    out.write("\n")
