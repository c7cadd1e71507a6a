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

When ``taglint suggest`` has stored a tag model for the collection (and the
``suggest`` extra is installed), a missing tag field's message names the
likeliest tags, e.g. ``Missing required field "tags"; taglint suggest:
"LanguageModel" (0.82), "NLP" (0.80)``.

**Fix safety.** None for most fields: taglint cannot know the value. For a
tag field with suggestions, unsafe: the fix adds the suggested tags, which
are a model's guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.checks.tagmodel import hints
from taglint.model import Applicability, Diagnostic, Fix, Severity, Span

RULE = Rule("TG007", "missing-field", Severity.ERROR, Applicability.UNSAFE, "Required field absent or empty", __doc__ or "")


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def missing_fields(subject: Subject) -> list[str]:
    fields = subject.note.fields
    return [name for name in subject.ruleset.required_fields if name not in fields or is_empty(fields[name].value)]


def check(subject: Subject) -> Iterator[Diagnostic]:
    note = subject.note
    for name in missing_fields(subject):
        fld = note.fields.get(name)
        hint, fix = _suggested(subject, name)
        if fld is not None:
            yield RULE.diagnostic(f'Required field "{name}" is empty{hint}', fld.key_span, fix)
        elif note.has_front_matter:
            yield RULE.diagnostic(f'Missing required field "{name}"{hint}', Span(0, 3), fix)
        else:
            yield RULE.diagnostic(f'Missing required field "{name}" (the note has no front matter){hint}', Span(0, 0), fix)


def _suggested(subject: Subject, name: str) -> tuple[str, Fix | None]:
    """The suggestions' words and fix for a missing tag field (nothing without a stored tag model)."""
    model = subject.tag_model
    if model is None or name not in model.header["tag_fields"] or subject.note.tags:
        return "", None
    found = hints.suggestions(subject)
    return hints.phrase(found), hints.add_fix(subject, found)
