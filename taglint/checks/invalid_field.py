"""invalid-field (TG008): front matter that fails the rule set's note schema.

**What it does.** Validates the front matter against the JSON Schema given as
``note-schema`` in the active rule set and reports each failure at the field,
naming the field path and what was expected (``date is "2023/10/26", which is
not a valid date``). Also reports tag fields holding something that is not a
tag name (a mapping, an empty item). Fields already reported as missing or
empty by ``missing-field`` are not reported twice.

**Why.** Static site generators and scripts read these fields; a date that
is not a date breaks sorting, a url that is not a URL breaks links.

**Example.**

    date: 26/10/2023

**Use instead.**

    date: 2023-10-26

**Fix safety.** None.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.checks.missing_field import missing_fields
from taglint.model import Diagnostic, Severity, Span
from taglint.project import schema_fast

RULE = Rule("TG008", "invalid-field", Severity.ERROR, None, "Field fails the note schema", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    note = subject.note
    for problem in note.problems:
        if problem.rule == RULE.name:
            yield RULE.diagnostic(problem.message, problem.span)
    schema = subject.ruleset.note_schema
    if schema is None:
        return
    # The `taglint` key holds suppressions, taglint's own; a note schema need not allow it.
    data = {k: v for k, v in note.data().items() if k != "taglint"}
    source = note.text[note.yaml_span.start : note.yaml_span.end] if note.yaml_span is not None else ""
    if schema_fast.certainly_valid(data, schema, source):
        return  # the common case, without jsonschema's cost
    from taglint.project.schema import humanize, validate

    reported = set(missing_fields(subject))
    for error in validate(data, schema):
        path = list(error.absolute_path)
        top = str(path[0]) if path else None
        if top in reported:
            continue
        # Absent fields are missing-field's to report when required by the rule set.
        if top is None and error.validator == "required" and all(k in reported or k in note.fields for k in error.validator_value):
            continue
        fld = note.fields.get(top) if top is not None else None
        span = _span_for(subject, path) or (fld.value_span if fld else Span(0, 3 if note.has_front_matter else 0))
        yield RULE.diagnostic(humanize(error), span)


def _span_for(subject: Subject, path: list[object]) -> Span | None:
    """The exact tag item for ``tags[2]``-style paths."""
    if len(path) == 2 and isinstance(path[1], int):
        items = [o for o in subject.note.tags if o.field == path[0]]
        if 0 <= path[1] < len(items):
            return items[path[1]].span
    return None
