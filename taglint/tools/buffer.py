"""A note's text that is not (yet) the file on disk: an editor's unsaved buffer.

``check`` and ``fix`` read files; an editor holds text the user has not
saved. These functions take that text and the path it belongs to and give
exactly what the file commands would give for those bytes: the same parser,
rules, suppressions and per-file ignores (``check_text``), the same fix loop
and verification (``fix_text``, ``apply_fix``), the same tag rewriting as
``taglint rename`` (``retag_text``). The library API (``taglint.api``)
re-exports them; the language server (``taglint.server``) is built on them.

A leading U+FEFF in the text is a UTF-8 BOM as the file would hold it: it is
set aside as ``decode`` sets it aside from bytes, so every span is an offset
into the text after it, as for a file read from disk.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from taglint.model import Diagnostic, Edit, FileResult, Fix, Span, TagOccurrence, TagStyle

if TYPE_CHECKING:
    from taglint.parse.notes import Note
    from taglint.project.setup import Setup
    from taglint.tools.rename_tag import Retagging

BOM = "\ufeff"


class RenameError(ValueError):
    """A rename that cannot be made: the taxonomy cannot be edited so, or a note cannot be rewritten; the message says why."""


def _note(text: str, path: str, project: Setup) -> Note:
    from taglint.files.text import SourceText
    from taglint.parse.notes import parse_text

    bom = text.startswith(BOM)
    source = SourceText(text[1:] if bom else text, bom)
    return parse_text(path, source, project.config.tag_fields, project.config.inline_tags, project.config.dialect)


def check_text(text: str, path: str, project: Setup) -> FileResult:
    """What ``taglint check`` reports for a file at ``path`` holding ``text``."""
    from taglint.lint.check import check_note, internal_error, result_for

    try:
        note = _note(text, path, project)
        return result_for(note, check_note(note, project), project)
    except Exception as exc:
        return internal_error(path, exc)


@dataclass(frozen=True)
class TextFix:
    """What ``taglint fix`` makes of a text: the fixed text, what it fixed, what remains, or why it refused."""

    text: str  # the fixed text, its BOM kept; the text as given when nothing changed or the fix was refused
    fixed: int  # findings the fixes resolved
    remaining: tuple[Diagnostic, ...]  # findings left on ``text``
    refused: str | None = None  # why the fixed text was not accepted


def fix_text(text: str, path: str, project: Setup, unsafe: bool = False) -> TextFix:
    """``taglint fix`` (``--unsafe-fixes`` with ``unsafe``) on ``text``: the same fix loop, verification and result."""
    from taglint.lint.check import apply_per_file_ignores
    from taglint.rewrite.note import fix_note

    note = _note(text, path, project)
    outcome = fix_note(note, project, unsafe)
    remaining = tuple(apply_per_file_ignores(path, outcome.remaining, project))
    fixed_text = (BOM if note.source.bom else "") + outcome.note.text
    return TextFix(fixed_text, outcome.fixed, remaining, outcome.refused)


def apply_fix(text: str, path: str, fix: Fix, project: Setup) -> tuple[Edit, ...] | None:
    """The edits of one finding's ``fix`` that ``taglint fix`` would apply to ``text``, or None when it would refuse them.

    A fix is refused as the fix loop refuses one: an edit outside the tags, or
    a result that no longer parses or changes anything but tags. The edits are
    sorted and disjoint, with spans into ``text`` after its BOM.
    """
    from taglint.files.text import SourceText
    from taglint.parse.notes import parse_text
    from taglint.rewrite.edits import apply_edits, select_edits
    from taglint.rewrite.note import edits_only_tags
    from taglint.rewrite.verify import verify

    note = _note(text, path, project)
    edits = tuple(select_edits(fix.edits))
    if not note.parsed or not edits or not edits_only_tags(note, edits):
        return None
    config = project.config
    candidate = parse_text(
        path, SourceText(apply_edits(note.text, edits), note.source.bom), config.tag_fields, config.inline_tags, config.dialect
    )
    return None if verify(note, candidate, config.tag_fields) is not None else edits


def tag_occurrences(text: str, path: str, project: Setup) -> tuple[TagOccurrence, ...]:
    """Every tag written in ``text`` (front matter and, with ``inline-tags``, the body), as ``check`` reads them."""
    return _note(text, path, project).tags


def render_tag(name: str, style: TagStyle, quote: str = "", field: str | None = "tags") -> str | None:
    """How ``name`` is written as a tag item of ``style`` opened with ``quote`` (``'``, ``"`` or none), or None if it cannot be.

    The same rule ``fix`` writes tags with: a plain name when YAML reads it
    back as that string, else double quotes; ``#name`` inline when that reads
    back as one tag. For ``STRING`` style, ``quote`` may start with ``,`` for
    a comma-separated string.
    """
    from taglint.parse import tag_syntax

    occurrence = TagOccurrence(name, Span(0, 0), None if style is TagStyle.INLINE else field, style, quote)
    return tag_syntax.render_tag(occurrence, name)


def did_you_mean(name: str, project: Setup) -> str | None:
    """The canonical tag ``unknown-tag`` would suggest for ``name``, or None."""
    from taglint.checks import didyoumean

    guess = didyoumean.suggest(name, project.taxonomy)
    return guess.name if guess is not None else None


def selects(path: str, project: Setup) -> bool:
    """Whether ``taglint check`` on the project checks the file at ``path`` (its include and exclude patterns)."""
    from taglint.files.select import FileSelector

    selector = FileSelector(project.config)
    return selector.included(path) and not selector.excluded(path)


def canonical_tags(names: Iterable[str], project: Setup) -> frozenset[str]:
    """The canonical tags that written tag ``names`` stand for, by any spelling the taxonomy knows (unknown ones left out)."""
    found = (project.taxonomy.resolve(name) for name in names)
    return frozenset(resolution.canonical for resolution in found if resolution is not None)


def collection_tags(project: Setup, paths: Sequence[str] = ()) -> Iterator[tuple[str, frozenset[str]]]:
    """Each note under ``paths`` (default: the project root) with its canonical tags, as ``taglint tags`` reads them."""
    from taglint.tools.usage import read_notes

    for note in read_notes(list(paths) or [project.config.root], project.config):
        yield note.path, canonical_tags((o.name for o in note.tags), project)


def tag_counts(project: Setup, paths: Sequence[str] = ()) -> Counter[str]:
    """How many notes under ``paths`` (default: the project root) carry each canonical tag."""
    counts: Counter[str] = Counter()
    for _, tags in collection_tags(project, paths):
        counts.update(tags)
    return counts


def rename_tag(project: Setup, old: str, new: str, paths: Sequence[str] = (), keep_alias: bool = True, write: bool = True) -> Retagging:
    """``taglint rename OLD NEW PATHS`` (default: the project root): iterate ``notes()``, then ``finish()``.

    Raises ``RenameError`` when the taxonomy cannot be edited so (nothing is
    written then); ``finish()`` raises ``TaxonomyProblem`` when the edited
    taxonomy cannot be written.
    """
    from taglint.tools import rename_tag as rename

    targets = list(paths) or [project.config.root]
    try:
        return rename.rename_tag(targets, project.config, project.taxonomy, old, new, keep_alias=keep_alias, write=write)
    except rename.TaxonomyProblem as exc:
        raise RenameError(str(exc)) from None


def retag_text(text: str, path: str, old: str, new: str, project: Setup) -> str:
    """``text`` with tag ``old`` renamed to ``new`` as ``taglint rename`` rewrites a note; raises ``RenameError`` when it cannot."""
    from taglint.rewrite.retag import Matcher, RetagError, retag_note

    note = _note(text, path, project)
    config = project.config
    match = Matcher(old, (new,), project.taxonomy.case_sensitive, project.taxonomy)
    if not note.parsed or not any(match.is_old(o.name) for o in note.tags):
        return text
    try:
        after, _ = retag_note(note, match, config.tag_fields, config.inline_tags, config.dialect)
    except RetagError as exc:
        raise RenameError(str(exc)) from None
    return (BOM if note.source.bom else "") + after.text


def taxonomy_findings(project: Setup) -> FileResult | None:
    """The taxonomy's own findings (TG1xx) that ``taglint check`` reports, with the taxonomy's path; None when clean."""
    from dataclasses import replace

    from taglint.checks.taxonomy import check_result

    if project.without_taxonomy:
        return None
    result = check_result(project)
    return None if result is None else replace(result, path=os.path.abspath(project.taxonomy.path))


def suggested_tags(text: str, path: str, project: Setup, limit: int = 10) -> tuple[str, ...]:
    """Canonical tags a stored ``taglint suggest`` model ranks first for ``text``, best first; () without one.

    The hook for editors: ``taglint.tools.suggest`` provides
    ``ranked_for_text(project, path, text, limit)`` once it can answer for
    one text; until then, or when no model is stored, nothing is suggested.
    """
    try:
        from taglint.tools.suggest import ranked_for_text  # type: ignore[attr-defined]
    except ImportError:
        return ()
    try:
        return tuple(ranked_for_text(project, path, text, limit))[:limit]
    except Exception:
        return ()
