"""deprecated-tag (TG003): a tag the taxonomy marks as deprecated.

**What it does.** Reports a tag declared ``deprecated: true`` (or an alias
of one) and names its ``replaced_by``.

**Why.** Retired tags split the collection between old and new names.

**Example.**

    tags: [Neural]      # taxonomy: Neural: {deprecated: true, replaced_by: NeuralNetwork}

**Use instead.**

    tags: [NeuralNetwork]

**Fix safety.** Safe when the taxonomy names a ``replaced_by``; no fix otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject, replace_fix
from taglint.model import Applicability, Diagnostic, Severity
from taglint.parse import tag_syntax

RULE = Rule("TG003", "deprecated-tag", Severity.WARNING, Applicability.SAFE, "Deprecated tag", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    for occurrence, resolution in zip(subject.note.tags, subject.resolutions, strict=False):
        if resolution is None or not resolution.tag.deprecated:
            continue
        tag = resolution.tag
        via = "" if resolution.kind == "canonical" else f' (a spelling of "{tag.name}")'
        if tag.replaced_by is None:
            yield RULE.diagnostic(f'"{occurrence.name}"{via} is deprecated', occurrence.span)
            continue
        content = tag_syntax.render_tag(occurrence, tag.replaced_by)
        fix = replace_fix(occurrence, content, Applicability.SAFE, f'Replace with "{tag.replaced_by}"')
        yield RULE.diagnostic(f'"{occurrence.name}"{via} is deprecated; use "{tag.replaced_by}"', occurrence.span, fix)
