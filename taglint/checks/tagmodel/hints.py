"""Suggestions inside the linter: the top tags for a note, as words for a message and as an unsafe fix.

Used by ``missing-field`` (for a tag field) and ``under-tagged`` when the run
has a stored tag model (``taglint.lint.tagmodel`` loads it, once per run, only
when the ``suggest`` extra is installed). Without one they report as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from taglint.model import Applicability, Fix

if TYPE_CHECKING:
    from taglint.checks.base import Subject
    from taglint.checks.tagmodel.choose import Suggestion

SHOWN = 3  # suggestions named in a message
MIN_SCORE = 0.2  # below this a guess is noise in a lint message


def suggestions(subject: Subject, k: int = SHOWN) -> list[Suggestion]:
    """The top suggestions for the subject's note, or [] when the run has no tag model."""
    model = subject.tag_model
    if model is None:
        return []
    from taglint.checks.tagmodel import score
    from taglint.checks.tagmodel.choose import Candidate, choose
    from taglint.checks.tagmodel.text import doc_of

    own = model.training_rows.get(subject.relative_path)
    ranked = score.rank(model, [doc_of(subject.note, model.header["tag_fields"])], [own])[0]
    candidates = [Candidate(model.tags[r.tag], r.score, score.evidence(r.signals)) for r in ranked]
    return choose(candidates, subject.taxonomy, subject.canonical_present, k, MIN_SCORE)


def phrase(found: Sequence[Suggestion]) -> str:
    """``; taglint suggest: "A" (0.82), "B" (0.64)`` for a message, or "" when there is none."""
    if not found:
        return ""
    return "; taglint suggest: " + ", ".join(
        f'"{s.tag}" (parent of "{s.parent_of}")' if s.parent_of else f'"{s.tag}" ({s.score:.2f})' for s in found
    )


def add_fix(subject: Subject, found: Sequence[Suggestion]) -> Fix | None:
    """An unsafe fix that adds the suggested tags, or None when none can be written here."""
    if not found or subject.tag_model is None:
        return None
    from taglint.checks.tagmodel.edits import CannotAdd, add_tags_edits

    names = [s.tag for s in found]
    try:
        edits = add_tags_edits(subject.note, names, subject.tag_model.header["tag_fields"])
    except CannotAdd:
        return None
    return Fix(tuple(edits), Applicability.UNSAFE, "Add " + ", ".join(f'"{n}"' for n in names))
