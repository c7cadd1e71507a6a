"""missing-field (TG007): a required front-matter field is absent or empty.

**What it does.** Reports each field listed under ``required-fields`` in the
active rule set that a note does not have, or has with an empty value
(nothing, ``""``, ``[]``). A note with no front matter at all misses every
required field.

**Why.** Notes without a date or tags fall out of timelines and tag pages.

**Example.**

    ---
    title: Attention Is All You Need
    ---

**Use instead.**

    ---
    title: Attention Is All You Need
    date: 2017-06-12
    tags: [Transformer]
    ---

**Fix safety.** None: taglint cannot know the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Diagnostic, Severity, Span

RULE = Rule("TG007", "missing-field", Severity.ERROR, None, "Required field absent or empty", __doc__ or "")


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def missing_fields(subject: Subject) -> list[str]:
    fields = subject.note.fields
    return [name for name in subject.ruleset.required_fields if name not in fields or is_empty(fields[name].value)]


def check(subject: Subject) -> Iterator[Diagnostic]:
    note = subject.note
    for name in missing_fields(subject):
        fld = note.fields.get(name)
        if fld is not None:
            yield RULE.diagnostic(f'Required field "{name}" is empty', fld.key_span)
        elif note.has_front_matter:
            yield RULE.diagnostic(f'Missing required field "{name}"', Span(0, 3))
        else:
            yield RULE.diagnostic(f'Missing required field "{name}" (the note has no front matter)', Span(0, 0))
