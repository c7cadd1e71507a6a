"""Runs over many notes: ``check`` and ``fix`` stream their batches in walk order, filling totals as they go."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from taglint.api.project import Options, Paths, _paths, load_project
from taglint.model import Batch, FileResult
from taglint.project.setup import Setup
from taglint.report.output import Totals, fails

if TYPE_CHECKING:
    from taglint.rewrite.files import FileFix, FixBatch


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
