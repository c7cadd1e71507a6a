"""``taglint fix`` on files: the fix loop (``fix.note``) as a transform of the rewrite pipeline.

A file is written only when its bytes change. A symlinked note is written
(through to its target) only when the target lies inside the checked tree
(the project root and every directory named, as ``check`` reads it);
taglint never follows a link out of it, neither to read nor to write
(``fix.pipeline`` reads and writes for every rewriting command).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from taglint.lint import clean_proof
from taglint.lint.check import _io_error, preload, result_for
from taglint.model import FileResult
from taglint.parse.notes import Note
from taglint.project.setup import Setup
from taglint.rewrite.note import findings, fix_note
from taglint.rewrite.outcome import Outcome, RewriteBatch
from taglint.rewrite.pipeline import Change, Rewriter, rewrite_batches

# Fix's names for the pipeline's records (the library API's).
FileFix = Outcome
FixBatch = RewriteBatch


def fixer(setup: Setup, unsafe: bool = False, allow_hardlinks: bool = False) -> Rewriter:
    """``fix``'s part in the pipeline: apply the safe (or also unsafe) fixes, report what remains.

    A note with other hard links is left alone (the rename would split them) unless ``allow_hardlinks``.
    """

    def transform(note: Note) -> Change:
        outcome = fix_note(note, setup, unsafe)
        return Change(outcome.note, outcome.fixed, result_for(outcome.note, outcome.remaining, setup), outcome.refused)

    def skip(path: str, data: bytes) -> bool:
        # A clean note (nothing to fix, nothing remains) is proved so without parsing it: most notes are.
        plan = clean_proof.plan_of(setup)
        return plan is not None and clean_proof.is_clean(path, data, plan)

    def unreadable(path: str, error: OSError) -> Outcome:
        # Reported as a parse-error finding ("cannot read file: ..."), which is an error.
        return Outcome(path, 0, False, False, _io_error(path, error))

    def unchanged(note: Note) -> FileResult:
        return result_for(note, findings(note, setup), setup)

    return Rewriter(
        setup.config,
        transform,
        skip=skip,
        unreadable=unreadable,
        unchanged=unchanged,
        preload=lambda: preload(setup),
        split_hardlinks=allow_hardlinks,
    )


def fix_batches(
    paths: Sequence[str],
    setup: Setup,
    unsafe: bool = False,
    write: bool = True,
    force_exclude: bool = False,
    jobs: int | None = None,
    allow_hardlinks: bool = False,
) -> Iterator[RewriteBatch]:
    """Fix every selected file, in walk order, a batch at a time; large runs fix in worker processes, the parent writes."""
    return rewrite_batches(paths, fixer(setup, unsafe, allow_hardlinks), write, force_exclude, jobs)
