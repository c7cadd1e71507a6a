"""unknown-tag (TG001): a tag the taxonomy does not know.

**What it does.** Reports a tag that is neither a canonical tag nor an alias
(nor, when the taxonomy is case-insensitive, a case variant of one).

**Why.** An unknown tag is usually a typo (``MultiModel``) or a tag someone
invented without adding it to the taxonomy; either way notes tagged with it
drop out of every tag page and search.

**Example.**

    tags: [MultiModel]

**Use instead.**

    tags: [MultiModal]

**Fix safety.** Unsafe: when a canonical tag is close enough (same letters,
a plural, a truncation, or a small edit distance) the message names it as a
did-you-mean, and ``taglint fix --unsafe-fixes`` writes it in. It is unsafe
because a new tag that simply is not in the taxonomy yet would be renamed.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks import didyoumean, trailing_comma_tag
from taglint.checks.base import Rule, Subject, replace_fix
from taglint.model import Applicability, Diagnostic, Severity
from taglint.parse import tag_syntax

RULE = Rule("TG001", "unknown-tag", Severity.ERROR, Applicability.UNSAFE, "Tag is not in the taxonomy", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    for occurrence, resolution in zip(subject.note.tags, subject.resolutions, strict=False):
        if resolution is not None or trailing_comma_tag.applies(subject, occurrence):
            continue  # a Jekyll tag ending in "," is trailing-comma-tag's finding, with its fix
        guess = didyoumean.suggest(occurrence.name, subject.taxonomy)
        if guess is None:
            yield RULE.diagnostic(f'Unknown tag "{occurrence.name}"; add it to the taxonomy or use a known tag', occurrence.span)
            continue
        fix = None
        if guess.score >= didyoumean.FIX:
            content = tag_syntax.render_tag(occurrence, guess.name)
            fix = replace_fix(occurrence, content, Applicability.UNSAFE, f'Replace with "{guess.name}"')
        yield RULE.diagnostic(f'Unknown tag "{occurrence.name}"; did you mean "{guess.name}"?', occurrence.span, fix)
