"""duplicate-tag (TG004): the same tag twice in one note's front matter.

**What it does.** Reports every front-matter tag that repeats an earlier one,
after resolving aliases, case and deprecations: ``MultiModal`` and
``MulltiModal`` are the same tag. Inline ``#tags`` in the body are not
compared: repeating a tag in prose is normal.

In the hugo dialect each taxonomy is its own list (a term in ``tags`` and in
``categories`` is no repeat), in the jekyll dialect ``tag``/``tags`` and
``category``/``categories`` are two lists.

**Why.** Duplicates inflate counts and show up twice on tag pages; they are a
sign of a merge that was done by hand.

**Example.**

    tags: [MultiModal, NLP, MulltiModal]

**Use instead.**

    tags: [MultiModal, NLP]

**Fix safety.** Safe: the later occurrence is removed with its separator (or
its whole ``- item`` line); the first one stays where it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject, remove_fix
from taglint.files.text import LineIndex
from taglint.model import Applicability, Diagnostic, Severity, TagOccurrence
from taglint.parse import dialects

RULE = Rule("TG004", "duplicate-tag", Severity.ERROR, Applicability.SAFE, "Same tag twice in one note", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    seen: dict[str, TagOccurrence] = {}
    key_of = subject.taxonomy.key
    lines: LineIndex | None = None
    for occurrence, resolution in subject.front_matter_tags:
        group = dialects.field_group(subject.dialect, occurrence.field)
        if resolution is not None:
            key = group + "\0" + (resolution.tag.replaced_by or resolution.canonical)
        else:
            key = group + "\0" + key_of(occurrence.name)
        first = seen.get(key)
        if first is None:
            seen[key] = occurrence
            continue
        if lines is None:
            lines = LineIndex(subject.note.text)
        line = lines.position(first.span.start)[0]
        same = first.name == occurrence.name
        what = f'"{occurrence.name}" is already tagged' if same else f'"{occurrence.name}" duplicates "{first.name}"'
        yield RULE.diagnostic(
            f"{what} (line {line}); remove the repeat",
            occurrence.span,
            remove_fix(occurrence, Applicability.SAFE, f'Remove the repeated "{occurrence.name}"'),
        )
