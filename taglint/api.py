"""The library API: load a project, check notes, fix notes. The CLI only parses options into these calls and prints.

    import taglint

    run = taglint.check(["notes/"], taglint.Options(select=("alias-tag",)))
    for result in run.results():
        for d in result.diagnostics:
            print(result.path, *result.position(d.span.start), d.code, d.message)
    print(run.totals.errors, "errors")

A run streams: ``batches()`` and ``results()`` yield in walk order while the
notes are checked (by worker processes on large collections) and fill
``run.totals`` as they go, so memory stays flat however many notes there are.
A run is iterated once. Loading errors are raised by the call itself, before
any note is read: ``ProjectError`` (every located problem of the config,
taxonomy or rule sets, one ``path:line:col: message`` per line) or
``OptionsError`` (a rule name in ``select``/``ignore`` that names no rule).

For text that is not (yet) a file, an editor's unsaved buffer, the same
engine answers per text (``taglint.tools.buffer``): ``check_text``,
``fix_text`` and ``apply_fix`` (one finding's fix, verified as ``fix``
verifies it), ``tag_occurrences``, ``render_tag``, ``did_you_mean``,
``selects``, ``tag_counts``/``collection_tags``, ``rename_tag`` (``taglint
rename`` without the CLI) and ``retag_text``, ``taxonomy_findings``, and
``suggested_tags`` (a stored ``taglint suggest`` model's ranking, when there is one).

May import every layer below it (tools, fix, lint, report, checks, cache,
project, parse, files, model); nothing below imports it, and it never imports click.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from taglint.lint.setup import load_setup_cached, unknown_rule_names
from taglint.model import Batch, FileResult
from taglint.project.config import (
    Config,
    find_config,
    load_config_file,
    require_confined,
    with_overrides,
)
from taglint.project.dialects import resolve as resolve_dialect
from taglint.project.located import DataFileErrors
from taglint.project.setup import Setup
from taglint.project.taxonomy import Taxonomy, TaxonomyMissing
from taglint.project.taxonomy import load_taxonomy as _load_taxonomy
from taglint.report.output import Totals, fails
from taglint.tools.buffer import (
    RenameError,
    TextFix,
    apply_fix,
    canonical_tags,
    check_text,
    collection_tags,
    did_you_mean,
    fix_text,
    rename_tag,
    render_tag,
    retag_text,
    selects,
    suggested_tags,
    tag_counts,
    tag_occurrences,
    taxonomy_findings,
)

if TYPE_CHECKING:
    from taglint.rewrite.files import FileFix, FixBatch

# The checking and fixing machinery (the rule modules above all) is imported where a run needs it: the
# taxonomy tools (`taglint tags`, `tree`, `graph`) load their config through this module, and importing
# it all here made their start-up ~20 ms longer (59 -> 78 ms measured here).

__all__ = [
    "CheckRun",
    "FixRun",
    "Options",
    "OptionsError",
    "ProjectError",
    # one text at a time (an editor's buffer): taglint.tools.buffer
    "RenameError",
    "Setup",
    "TextFix",
    "apply_fix",
    "canonical_tags",
    "check",
    "check_text",
    "collection_tags",
    "did_you_mean",
    "fix",
    "fix_text",
    "load_config",
    "load_project",
    "load_taxonomy",
    "rename_tag",
    "render_tag",
    "retag_text",
    "selects",
    "suggested_tags",
    "tag_counts",
    "tag_occurrences",
    "taxonomy_findings",
]

# Every located problem of one data file (config, taxonomy, a rule set); str() gives one ``path:line:col: message`` a line.
ProjectError = DataFileErrors

PathLike: TypeAlias = "str | os.PathLike[str]"
Paths: TypeAlias = "PathLike | Iterable[PathLike]"  # one path, or several


class OptionsError(ValueError):
    """An option that cannot be used: a rule name in ``select`` or ``ignore`` that names no rule."""


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Options:
    """What a run is asked to do beyond the project's own config: the CLI's shared options, as data.

    ``None`` and empty mean "as the config says". ``cache`` is the result cache
    (``--no-cache`` turns it off); the compiled setup is reused whenever its
    input files are byte-identical, like ``.pyc`` files, so it is always on.
    """

    config: str | None = None  # config file; default: the nearest taglint.toml/pyproject.toml above the first path
    taxonomy: str | None = None  # taxonomy file instead of the config's
    rules: str | None = None  # rule-set file or directory instead of the config's
    select: tuple[str, ...] = ()  # only these rules (names or code prefixes); empty: the config's choice
    ignore: tuple[str, ...] = ()  # these rules off, on top of the config's ignore
    force_exclude: bool = False  # exclude patterns apply to files named explicitly too (pre-commit)
    jobs: int | None = None  # worker processes for large runs; None: one per CPU
    cache: bool = True  # read and write the result cache
    cache_dir: str | None = None  # where the caches live; None: the config's cache-dir (results), the user's cache (setup)
    dialect: str | None = None  # how notes are read (auto, obsidian, jekyll, hugo, generic); None: as the config says

    def __post_init__(self) -> None:
        # A single name is a common slip for a one-name tuple: ("TG001") is a str, iterated letter by letter.
        object.__setattr__(self, "select", _names(self.select))
        object.__setattr__(self, "ignore", _names(self.ignore))

    def overrides_project(self) -> bool:
        """Whether these options load something other than what the config alone gives for the paths."""
        return bool(self.config or self.taxonomy or self.rules or self.select or self.ignore or self.cache_dir or self.dialect)


def _paths(paths: Paths) -> list[str]:
    """The paths as strings; a single path is accepted as well as a list of them."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def load_config(paths: Paths = (), options: Options = Options()) -> Config:
    """The config for ``paths``: ``options.config``, else the nearest one above the first path; with the options' files.

    Raises ``ProjectError`` when the config file cannot be read or holds an unknown or mistyped setting.
    """
    targets = _paths(paths)
    config = load_config_file(options.config) if options.config else find_config(targets[0] if targets else ".")
    overrides = {"taxonomy": options.taxonomy, "rules": options.rules}
    config = with_overrides(config, **{key: os.path.abspath(value) for key, value in overrides.items() if value})
    if options.dialect is not None:
        config = with_overrides(config, dialect=options.dialect)
    return resolve_dialect(config, targets[0] if targets else ".")


def load_taxonomy(config: Config) -> Taxonomy:
    """The config's taxonomy alone (the taxonomy tools need no rule sets); raises ``ProjectError``."""
    from taglint.project.taxonomy import for_dialect

    return for_dialect(_load_taxonomy(require_confined(config).taxonomy_path), config.dialect)


def load_project(paths: Paths = (), options: Options = Options()) -> Setup:
    """Config, taxonomy and rule sets for ``paths``, with each rule's effective severity.

    Raises ``ProjectError`` (every located problem) or ``OptionsError``. A
    project loaded exactly as its config says (no option overriding it) is
    also remembered for the pre-commit fast path, which proves notes clean
    without loading anything. With no taxonomy file at all (none found, none
    named) the project is one ``without_taxonomy``: its notes' spellings are
    checked against each other, as inferred from the notes under ``paths``.
    """
    targets = _paths(paths)
    config = load_config(targets, options)
    try:
        project = load_setup_cached(config, options.select, options.ignore, options.cache_dir)
    except TaxonomyMissing:
        if "taxonomy" in config.explicit:
            raise  # a taxonomy the config or the options name must exist
        # Checking machinery, imported on use (see the top).
        from taglint.tools.infer.variants import setup_without_taxonomy

        project = setup_without_taxonomy(config, targets, options.select, options.ignore)
    custom = [name for rule in project.ruleset.custom for name in (rule.id, rule.code)]
    unknown = unknown_rule_names((*options.select, *options.ignore), custom)
    if unknown:
        raise OptionsError(f"unknown rule {', '.join(repr(name) for name in unknown)}; see `taglint rules`")
    if not options.cache:
        # Nothing read from the repository's cache directory, a stored tag model included:
        # CI runs with --no-cache so that a model committed by a pull request is not trusted.
        from taglint.lint.tagmodel import KEY

        project.derived[KEY] = None
    if not (options.overrides_project() or project.without_taxonomy):
        # Checking machinery, imported on use (see the top).
        from taglint.lint.precommit import remember

        remember(project)
    return project


class _Run:
    """A run that can be iterated once: it reads the notes as it is iterated."""

    def __init__(self, paths: list[str], options: Options, project: Setup) -> None:
        self.paths = paths or ["."]
        self.options = options
        self.project = project
        self.totals = Totals()  # filled while the run streams
        self.done = False  # every batch has been yielded
        self._started = False

    def _start(self) -> None:
        if self._started:
            raise RuntimeError("a run streams its notes once; call taglint.check or taglint.fix again")
        self._started = True


def _taxonomy_findings(project: Setup, options: Options) -> FileResult | None:
    """The taxonomy's own quality findings (TG101..) that a run reports after the notes, or None."""
    if project.without_taxonomy:
        return None
    from taglint.checks.taxonomy import check_result

    return check_result(project, options.select, options.ignore)


class CheckRun(_Run):
    """A check of the notes under ``paths``: stream it with ``batches()`` or ``results()``.

    After the notes comes the taxonomy's own quality findings (TG101..), as one
    more result for the taxonomy file, when it has any: ``taglint check`` reports
    them too. ``totals.files`` counts the notes only.
    """

    def batches(self) -> Iterator[Batch]:
        """Consecutive files, in walk order; a batch's ``found`` holds the results with findings."""
        self._start()
        from taglint.cache.results import open_cache
        from taglint.lint.runner import run_batches

        options, project = self.options, self.project
        # Without a taxonomy a note's findings depend on every other note: nothing to cache per file.
        cached = options.cache and not project.without_taxonomy
        from taglint.lint.conventions import hash_convention

        extra = (options.select, options.ignore, hash_convention(project))  # a flip of the notes' convention re-checks them
        cache = open_cache(project, options.cache_dir, extra) if cached else None
        for batch in run_batches(self.paths, project, options.force_exclude, options.jobs, cache):
            self.totals.add_batch(batch)
            yield batch
        taxonomy = _taxonomy_findings(project, options)
        if taxonomy is not None:
            self.totals.add_findings(taxonomy)  # reported, but the taxonomy is not a checked note
            yield Batch((taxonomy.path,), ((0, taxonomy),))
        self.done = True

    def results(self) -> Iterator[FileResult]:
        """Every file's result, clean files included (empty ``diagnostics``), in walk order."""
        for batch in self.batches():
            yield from batch.results()

    def failed(self, fail_on: str = "error") -> bool:
        """Whether the findings so far fail the run: any error, or any warning with ``fail_on="warning"``."""
        return fails(self.totals, fail_on)


@dataclass
class FixCounts:
    """What a fix run did so far (``FixRun.counts``)."""

    fixed: int = 0  # findings resolved (or that would be, without writing)
    files: int = 0  # files changed (or that would be)
    not_fixed: int = 0  # files left alone because a fix could not be verified or written


class FixRun(_Run):
    """A fix of the notes under ``paths``: stream it with ``batches()`` or ``outcomes()``.

    ``totals`` counts the findings that remain; ``counts`` what was fixed.
    After the notes comes the taxonomy's own findings (TG101..), as for a
    check: an outcome that changed nothing (fix never edits the taxonomy).
    """

    def __init__(
        self, paths: list[str], options: Options, project: Setup, unsafe: bool, write: bool, allow_hardlinks: bool = False
    ) -> None:
        super().__init__(paths, options, project)
        self.unsafe = unsafe
        self.write = write
        self.allow_hardlinks = allow_hardlinks
        self.counts = FixCounts()

    def batches(self) -> Iterator[FixBatch]:
        """Consecutive files, in walk order; ``found`` holds the files fixed, not fixed, or with findings left."""
        self._start()
        from taglint.rewrite.files import fix_batches
        from taglint.rewrite.outcome import Outcome, RewriteBatch

        options = self.options
        batches = fix_batches(
            self.paths,
            self.project,
            self.unsafe,
            write=self.write,
            force_exclude=options.force_exclude,
            jobs=options.jobs,
            allow_hardlinks=self.allow_hardlinks,
        )
        for batch in batches:
            self.totals.add_batch(batch.remaining())
            for _, outcome in batch.found:
                self.counts.fixed += outcome.fixed
                self.counts.files += 1 if outcome.changed else 0
                self.counts.not_fixed += 1 if outcome.error else 0
            yield batch
        taxonomy = _taxonomy_findings(self.project, options)
        if taxonomy is not None:
            # What remains includes the taxonomy's findings, as `check` reports them: fix never edits the taxonomy.
            self.totals.add_findings(taxonomy)
            yield RewriteBatch((taxonomy.path,), ((0, Outcome(taxonomy.path, 0, False, False, taxonomy)),))
        self.done = True

    def fixed_by_rule(self, outcome: FileFix) -> Counter[tuple[str, str]]:
        """The findings fixing ``outcome``'s file resolved, per (code, rule), as ``fixed`` counts them (``--show-fixes``).

        The text before is checked again here: one check per changed file.
        """
        if not outcome.changed:
            return Counter()
        from taglint.files.text import SourceText
        from taglint.parse.notes import parse_text
        from taglint.rewrite.note import findings

        config = self.project.config
        before = parse_text(outcome.path, SourceText(outcome.before, False), config.tag_fields, config.inline_tags, config.dialect)
        return Counter((d.code, d.rule) for d in findings(before, self.project)) - Counter(
            (d.code, d.rule) for d in outcome.result.diagnostics
        )

    def outcomes(self) -> Iterator[FileFix]:
        """Every file's outcome, untouched clean files included, in walk order.

        Each says how many findings it fixed, whether the file changed and was
        written, why not (``error``), what remains (``result``), and ``diff()``.
        """
        for batch in self.batches():
            yield from batch.items()

    def failed(self, fail_on: str = "error") -> bool:
        """Whether the run fails as a pre-commit hook: a file changed or could not be fixed, or (when writing) errors remain."""
        counts = self.counts
        return counts.files > 0 or counts.not_fixed > 0 or (self.write and fails(self.totals, fail_on))


def check(paths: Paths = (), options: Options = Options(), project: Setup | None = None) -> CheckRun:
    """Check the notes under ``paths`` (files or directories; default the current directory).

    The project is loaded here (raising ``ProjectError``/``OptionsError``)
    unless given, as ``load_project(paths, options)`` returns it; the notes
    are read while the run is iterated.
    """
    targets = _paths(paths)
    return CheckRun(targets, options, project if project is not None else load_project(targets, options))


def fix(
    paths: Paths = (),
    options: Options = Options(),
    unsafe: bool = False,
    write: bool = True,
    project: Setup | None = None,
    allow_hardlinks: bool = False,
) -> FixRun:
    """Fix the notes under ``paths``: the safe fixes, and the unsafe ones too with ``unsafe=True``.

    With ``write=False`` nothing is written: each outcome says what would
    change (``diff()``). Files are written as the run is iterated. A note
    with other hard links is not written (the rename would split them: its
    outcome's ``error`` says so) unless ``allow_hardlinks``: then this name
    gets the fixed bytes in a file of its own, the other names keep the old.
    """
    targets = _paths(paths)
    return FixRun(targets, options, project if project is not None else load_project(targets, options), unsafe, write, allow_hardlinks)
