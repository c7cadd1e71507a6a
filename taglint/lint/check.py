"""Check notes: load the setup once, run every enabled rule on every file."""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from taglint.lint import clean_proof as quickcheck
from taglint.project.config import Config, rule_name_errors
from taglint.project.located import DataFileErrors, LocatedError
from taglint.model import Diagnostic, Severity, Span
from taglint.files.read import read_note, tree_roots
from taglint.project.ruleset import EMPTY, RuleSet, load_ruleset
from taglint.project.taxonomy import Taxonomy, load_taxonomy
from taglint.files.text import LineIndex

# The rules (and the full note model) are imported where they are first needed: a warm run
# answered by the cache never checks a note, and they are a third of a full start-up.
if TYPE_CHECKING:
    from taglint.cache.results import ResultCache
    from taglint.parse.notes import Note
    from taglint.lint.clean_proof import Plan as QuickPlan


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    line_starts: tuple[int, ...] = (0,)

    def position(self, offset: int) -> tuple[int, int]:
        # bisect on the tuple itself: copying it per finding made 100,000 findings quadratic.
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


@dataclass(frozen=True)
class Batch:
    """Consecutive files of a run, checked: ``found`` holds the results with findings.

    A clean file is known by its absence from ``found``; large runs hand
    batches on so that a clean note never becomes an object of its own.
    """

    paths: Sequence[str]
    found: tuple[tuple[int, FileResult], ...]  # (index into paths, result), in order

    def results(self) -> Iterator[FileResult]:
        """Every file's result, clean ones included, in order."""
        found = iter(self.found)
        upcoming = next(found, None)
        for index, path in enumerate(self.paths):
            if upcoming is not None and upcoming[0] == index:
                yield upcoming[1]
                upcoming = next(found, None)
            else:
                yield FileResult(path, ())


@dataclass(frozen=True)
class Setup:
    """Everything loaded once per run."""

    config: Config
    taxonomy: Taxonomy
    ruleset: RuleSet
    severities: dict[str, Severity | None]  # rule name -> effective severity (None = off)

    def enabled(self, rule: str, path: str | None = None) -> Severity | None:
        return self.severities.get(rule)

    @cached_property
    def quick_plan(self) -> QuickPlan | None:
        """How to accept clean notes quickly under this setup (None: always the full check)."""
        from taglint.lint.clean_proof import plan_for

        return plan_for(self)


def _matches(rule_name: str, code: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern == "ALL" or pattern == rule_name or code.upper().startswith(pattern.upper()):
            return True
    return False


def load_setup(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Setup:
    """Load taxonomy and rule sets; raise DataFileErrors with every located problem."""
    from taglint import checks
    from taglint.checks import custom as custom_rules

    taxonomy = load_taxonomy(config.taxonomy_path)
    rules_path = config.rules_path
    builtin = frozenset(checks.RULES)
    ruleset = load_ruleset(rules_path, builtin) if rules_path else EMPTY
    errors: list[LocatedError] = []
    for rule in ruleset.custom:
        for problem in custom_rules.unknown_references(rule, taxonomy):
            path, line, column = _split_origin(rule.origin)
            errors.append(LocatedError(path, line, column, f'custom rule "{rule.id}": {problem}'))
    # A misspelt name in select would otherwise switch every rule off without a word.
    custom_names = [n for r in ruleset.custom for n in (r.id, r.code)]
    errors.extend(rule_name_errors(config, lambda names: unknown_rule_names(names, custom_names)))
    if errors:
        raise DataFileErrors(errors)
    overrides = ruleset.severity_overrides()
    chosen_select = tuple(select) or config.select
    chosen_ignore = (*config.ignore, *ignore)
    severities: dict[str, Severity | None] = {}
    all_rules = [(m.RULE.name, m.RULE.code, m.RULE.severity) for m in checks.RULES.values()]
    all_rules += [(c.id, c.code, Severity(c.severity)) for c in ruleset.custom]
    for name, code, default in all_rules:
        level: Severity | None = default
        if name in overrides:
            level = None if overrides[name] == "off" else Severity(overrides[name])
        if chosen_select and not _matches(name, code, chosen_select):
            level = None
        if _matches(name, code, chosen_ignore):
            level = None
        severities[name] = level
    return Setup(config, taxonomy, ruleset, severities)


def _split_origin(origin: str) -> tuple[str, int, int]:
    path, line, column = origin.rsplit(":", 2)
    return path, int(line), int(column)


def unknown_rule_names(names: Iterable[str], setup_rules: Iterable[str] = ()) -> list[str]:
    names = [n for n in names if n != "ALL"]
    if not names:
        return []
    from taglint import checks
    from taglint.checks.taxonomy import RULES as TAXONOMY_LINTS  # check reports these too, so they can be selected

    known = set(checks.RULES) | set(setup_rules) | {r.name for r in TAXONOMY_LINTS}
    codes = {m.RULE.code for m in checks.RULES.values()} | {r.code for r in TAXONOMY_LINTS}
    return [n for n in names if n != "ALL" and n not in known and not any(c.startswith(n.upper()) for c in codes)]


def check_note(note: Note, setup: Setup) -> list[Diagnostic]:
    """Every enabled rule's findings for one parsed note, sorted by position."""
    from taglint import checks
    from taglint.checks import custom as custom_rules
    from taglint.checks.base import Subject

    subject = Subject(note, setup.taxonomy, setup.ruleset, setup.config.root)
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


def read_bytes(path: str, roots: Sequence[str] | None = None) -> bytes:
    """A note's bytes: regular files only, size-capped, symlinks not followed out of ``roots``."""
    return read_note(path, roots)


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
        plan = setup.quick_plan
        if plan is not None and quickcheck.is_clean(path, data, plan):
            return None
        from taglint.parse import notes

        note = notes.parse_note(path, data, setup.config.tag_fields, setup.config.inline_tags)
        result = result_for(note, check_note(note, setup), setup)
        return result if result.diagnostics else None
    except Exception as exc:  # noqa: BLE001 - last resort: one bad file must never stop the run
        return internal_error(path, exc)


def preload(setup: Setup) -> None:
    """Load what checking notes needs (rule modules, note model, did-you-mean index, quick plan) before a pool forks.

    Workers inherit it; loaded lazily, each worker would pay for it again (~35 ms of CPU here).
    """
    from taglint import checks
    from taglint.parse import notes
    from taglint.checks import didyoumean as suggest  # noqa: F401

    if setup.severities.get("unknown-tag") is not None:  # the did-you-mean is that rule's
        suggest.preload(setup.taxonomy)
    setup.quick_plan  # noqa: B018 - a cached property: computed here, inherited by every worker


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
    import pathspec

    rel = os.path.relpath(os.path.abspath(path), setup.config.root).replace(os.sep, "/")
    ignored: list[str] = []
    for pattern, rules in entries:
        if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(rel):
            ignored.extend(rules)
    if not ignored:
        return diagnostics
    return [d for d in diagnostics if not _matches(d.rule, d.code, ignored)]


def _io_error(path: str, exc: OSError) -> FileResult:
    from taglint import checks

    parse_error = checks.RULES["parse-error"].RULE
    reason = exc.strerror or str(exc)
    if isinstance(exc, IsADirectoryError):
        reason = "is a directory, not a note"
    diagnostic = parse_error.diagnostic(f"cannot read file: {reason}", Span(0, 0))
    return FileResult(path, (diagnostic,))


def check_paths(
    paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None, cache: ResultCache | None = None
) -> Iterator[FileResult]:
    """Results for every selected file in walk order (worker processes and cache: see runner)."""
    from taglint.lint.runner import run_checks

    return run_checks(paths, setup, force_exclude, jobs, cache)


def check_batches(
    paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None, cache: ResultCache | None = None
) -> Iterator[Batch]:
    """What ``check_paths`` yields, a batch of consecutive files at a time (cheaper for big runs)."""
    from taglint.lint.runner import run_batches

    return run_batches(paths, setup, force_exclude, jobs, cache)


__all__ = ["Batch", "DataFileErrors", "FileResult", "Setup", "check_batches", "check_file", "check_note", "check_paths", "load_setup"]
