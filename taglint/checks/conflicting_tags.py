"""conflicting-tags (TG005): two or more tags of one ``exclusive`` group.

**What it does.** Reports a note carrying more than one member of a group
declared under ``exclusive:`` in the taxonomy (for example two publication
venues), pointing at each member after the first.

**Why.** Some tags cannot both be true: a paper appears at one venue.

**Example.**

    tags: [ACL, EMNLP]      # taxonomy: exclusive: {venue: [ACL, EMNLP, ...]}

**Use instead.**

    tags: [ACL]

**Fix safety.** None: only a person knows which tag is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Diagnostic, Severity

RULE = Rule("TG005", "conflicting-tags", Severity.ERROR, None, "Several tags of one exclusive group", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    group_of = subject.taxonomy.group_of
    first_in_group: dict[str, tuple[str, str]] = {}
    for occurrence, resolution in zip(subject.note.tags, subject.resolutions, strict=False):
        if resolution is None:
            continue
        canonical = resolution.tag.replaced_by or resolution.canonical
        for group in group_of.get(canonical, ()):
            first = first_in_group.get(group)
            if first is None:
                first_in_group[group] = (canonical, occurrence.name)
            elif first[0] != canonical:
                yield RULE.diagnostic(
                    f'"{occurrence.name}" conflicts with "{first[1]}": at most one tag of the exclusive group "{group}" per note',
                    occurrence.span,
                )
