"""missing-parent (TG006): a tag present without one of its parents.

**What it does.** For each tag in a note, checks that every parent the
taxonomy declares for it is tagged too (directly, or through an alias).
Each missing parent is reported once per note, at the first child that needs it.

**Why.** Parents are what a tag page for the broader topic lists; a note about
``LanguageModel`` that lacks ``NLP`` is missing from the NLP page.

**Example.**

    tags: [LanguageModel]      # taxonomy: LanguageModel: {parents: [NLP]}

**Use instead.**

    tags: [LanguageModel, NLP]

**Fix safety.** Unsafe: the parent is added right after the child, in the same
list style, only with ``--unsafe-fixes``, since adding tags changes meaning
more than renaming does. Default severity: warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity
from taglint.parse import tag_syntax

RULE = Rule("TG006", "missing-parent", Severity.WARNING, Applicability.UNSAFE, "Tag without its parent tag", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    present = subject.canonical_present
    tags = subject.taxonomy.tags
    reported: set[str] = set()
    for occurrence, resolution in zip(subject.note.tags, subject.resolutions, strict=False):
        if resolution is None:
            continue
        child = tags.get(resolution.tag.replaced_by or resolution.canonical)
        if child is None:
            continue
        for parent in child.parents:
            if parent in present or parent in reported:
                continue
            reported.add(parent)
            fix = None
            insertion = tag_syntax.insertion_after(subject.note.text, occurrence, parent)
            if insertion is not None:
                fix = Fix((Edit(*insertion),), Applicability.UNSAFE, f'Add "{parent}"')
            yield RULE.diagnostic(f'"{occurrence.name}" needs its parent tag "{parent}"', occurrence.span, fix)
