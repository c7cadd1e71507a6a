"""alias-tag (TG002): an alias or case variant used instead of the canonical tag.

**What it does.** Reports a tag written as one of a canonical tag's
``aliases`` (``MulltiModal`` for ``MultiModal``), or, when the taxonomy is
case-insensitive, spelled with different case (``Test-time`` for
``Test-Time``), or in another Unicode normalization form (``Cafe`` plus a
combining accent for ``Café``). Case-insensitive matching lowercases
NFC-normalized names; it does not fold ``ß`` into ``ss`` (``Masse`` is not
``Maße``). In the hugo dialect, spellings Hugo files under one term page
(``Community Building`` and ``community-building``: its ``urlize`` key) are
reported too.

**Why.** Tag pages, search and counts treat spellings as different tags; one
spelling per tag keeps the collection findable.

**Example.**

    tags: [MulltiModal, Test-time]

**Use instead.**

    tags: [MultiModal, Test-Time]

**Fix safety.** Safe: the taxonomy says both spellings mean the same tag.
The replacement keeps the item's quote style. An alias of a deprecated tag
is reported by ``deprecated-tag`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject, replace_fix
from taglint.model import Applicability, Diagnostic, Severity
from taglint.parse import tag_syntax

RULE = Rule("TG002", "alias-tag", Severity.ERROR, Applicability.SAFE, "Alias or case variant instead of the canonical tag", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    for occurrence, resolution in zip(subject.note.tags, subject.resolutions, strict=False):
        if resolution is None or resolution.kind == "canonical" or resolution.tag.deprecated:
            continue
        canonical = resolution.canonical
        if resolution.kind == "case":
            message = f'"{occurrence.name}" differs from the canonical tag "{canonical}" only in case'
        elif resolution.kind == "term":
            message = f'"{occurrence.name}" is the Hugo term "{canonical}" (one page: {subject.taxonomy.key(canonical)}); use the canonical spelling'
        elif resolution.kind == "form":
            message = f'"{occurrence.name}" is "{canonical}" in another Unicode form (decomposed, NFD); use the canonical spelling'
        else:
            message = f'"{occurrence.name}" is an alias of "{canonical}"; use the canonical tag'
        content = tag_syntax.render_tag(occurrence, canonical)
        yield RULE.diagnostic(message, occurrence.span, replace_fix(occurrence, content, Applicability.SAFE, f'Replace with "{canonical}"'))
