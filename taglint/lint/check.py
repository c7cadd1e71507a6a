"""Check one note: run every enabled rule, apply suppressions and per-file ignores."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from taglint.files.read import read_note
from taglint.files.text import LineIndex
from taglint.lint import clean_proof
from taglint.lint.conventions import hash_convention
from taglint.lint.tagmodel import tag_model_of
from taglint.model import Diagnostic, FileResult, Span
from taglint.project.setup import Setup, rule_matches

# The rules (and the full note model) are imported where they are first needed: a warm run
# answered by the cache never checks a note, and they are a third of a full start-up.
if TYPE_CHECKING:
    from taglint.parse.notes import Note


def check_note(note: Note, setup: Setup) -> list[Diagnostic]:
    """Every enabled rule's findings for one parsed note, sorted by position."""
    from taglint import checks
    from taglint.checks import custom as custom_rules
    from taglint.checks.base import Subject

    config = setup.config
    subject = Subject(
        note, setup.taxonomy, setup.ruleset, config.root, setup.variants, tag_model_of(setup), config.dialect, hash_convention(setup)
    )
    found: list[Diagnostic] = []
    severities = setup.severities
    modules = [checks.RULES["parse-error"]] if not note.parsed else list(checks.RULES.values())
    for module in modules:
        level = severities.get(module.RULE.name)
        if level is None:
            continue
        for diagnostic in module.check(subject):
            found.append(diagnostic if diagnostic.severity is level else replace(diagnostic, severity=level))
    if note.parsed:
        for rule in setup.ruleset.custom:
            level = severities.get(rule.id)
            if level is None:
                continue
            for diagnostic in custom_rules.check_rule(rule, subject):
                found.append(diagnostic if diagnostic.severity is level else replace(diagnostic, severity=level))
        # In-note suppressions apply here, not later, so `fix` never rewrites a suppressed finding.
        found = checks.unused_suppression.apply(subject, found, severities.get("unused-suppression"))
    found.sort(key=lambda d: (d.span.start, d.span.end, d.code))
    return found


def check_file(path: str, setup: Setup, roots: Sequence[str] | None = None) -> FileResult:
    """Read and check one file; any I/O problem becomes a parse-error finding."""
    return findings_of(path, setup, roots) or FileResult(path, ())


def findings_of(path: str, setup: Setup, roots: Sequence[str] | None = None) -> FileResult | None:
    """``check_file``'s result when it has findings, else None (no object for each of a run's clean notes)."""
    try:
        data = read_note(path, roots)
    except OSError as exc:
        return _io_error(path, exc)
    try:
        plan = clean_proof.plan_of(setup)
        if plan is not None and clean_proof.is_clean(path, data, plan):
            return None
        from taglint.parse import notes

        note = notes.parse_note(path, data, setup.config.tag_fields, setup.config.inline_tags, setup.config.dialect)
        result = result_for(note, check_note(note, setup), setup)
        return result if result.diagnostics else None
    except Exception as exc:
        return internal_error(path, exc)


def preload(setup: Setup) -> None:
    """Load what checking notes needs (rule modules, note model, YAML reader, did-you-mean index, quick plan) before a pool forks.

    Workers inherit it; loaded lazily, each worker would pay for it again (~35 ms of CPU here).
    """
    from taglint.checks import didyoumean
    from taglint.parse import yaml_compose

    yaml_compose.loader_class()  # PyYAML imported once, and a missing libyaml reported once, not per worker

    if setup.severities.get("unknown-tag") is not None:  # the did-you-mean is that rule's
        didyoumean.preload(setup.taxonomy)
    clean_proof.plan_of(setup)  # computed here, inherited by every worker
    hash_convention(setup)  # likewise: the obsidian dialect's count of how the notes write tags
    tag_model_of(setup)  # likewise: a stored tag model is read once, not once per worker


def internal_error(path: str, exc: BaseException) -> FileResult:
    """A bug met while checking ``path``, reported as that file's parse-error instead of a traceback."""
    from taglint import checks

    parse_error = checks.RULES["parse-error"].RULE
    detail = f"{type(exc).__name__}: {exc}"[:300]
    diagnostic = parse_error.diagnostic(f"internal error while checking: {detail} (please report this file)", Span(0, 0))
    return FileResult(path, (diagnostic,))


def result_for(note: Note, diagnostics: list[Diagnostic], setup: Setup) -> FileResult:
    diagnostics = apply_per_file_ignores(note.path, diagnostics, setup)
    if not diagnostics:
        return FileResult(note.path, ())
    return FileResult(note.path, tuple(diagnostics), tuple(LineIndex(note.text).starts))


def apply_per_file_ignores(path: str, diagnostics: list[Diagnostic], setup: Setup) -> list[Diagnostic]:
    entries = setup.config.per_file_ignores
    if not entries or not diagnostics:
        return diagnostics
    from taglint.files.globs import glob_matches

    rel = os.path.relpath(os.path.abspath(path), setup.config.root).replace(os.sep, "/")
    ignored: list[str] = []
    for pattern, rules in entries:
        if glob_matches(pattern, rel):
            ignored.extend(rules)
    if not ignored:
        return diagnostics
    return [d for d in diagnostics if not rule_matches(d.rule, d.code, ignored)]


def _io_error(path: str, exc: OSError) -> FileResult:
    from taglint import checks

    parse_error = checks.RULES["parse-error"].RULE
    reason = exc.strerror or str(exc)
    if isinstance(exc, IsADirectoryError):
        reason = "is a directory, not a note"
    diagnostic = parse_error.diagnostic(f"cannot read file: {reason}", Span(0, 0))
    return FileResult(path, (diagnostic,))
