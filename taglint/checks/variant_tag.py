"""variant-tag (TG011): with no taxonomy yet, a tag spelled as a variant of another tag in use.

**What it does.** Runs when ``taglint check`` finds no taxonomy file (none
named in the config or on the command line, and no ``taxonomy.yaml`` at the
project root). Instead of failing, ``check`` compares the spellings the
checked notes use with each other, on the same evidence as ``taglint init``:
case and separators, plural forms, well-known short forms, misspellings, and
truncations, acronyms or renames that the notes confirm (never on the same
note, one spelling giving way to the other in time, or the same neighbouring
tags). Each note that writes the less established spelling of such a group
gets one finding, naming both spellings and how many notes use each. Weaker
pairs, which ``init`` writes as commented-out candidates, are not reported.
With a taxonomy this rule is silent: the taxonomy decides what is one tag.

**Why.** Two spellings of one tag split its tag page and its counts; the
sooner a collection picks one, the fewer notes need fixing.

**Example.**

    tags: [Postgres, performance]   # on 3 notes
    tags: [postgresql]              # on 12 notes

reports ``"Postgres" (3 notes) and "postgresql" (12 notes) look like one tag``
on each of the three notes, with the evidence.

**Use instead.** Run ``taglint init`` to write a starting ``taxonomy.yaml``
that lists ``Postgres`` as an alias of ``postgresql`` (with the evidence in a
comment), review it, then ``taglint fix``.

**Fix safety.** None: without a taxonomy nothing says which spelling is
right; ``init`` proposes, you decide, ``fix`` applies.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Diagnostic, Severity

RULE = Rule("TG011", "variant-tag", Severity.WARNING, None, "No taxonomy yet: a spelling that looks like another tag in use", __doc__ or "")


def _notes(count: int) -> str:
    return f"{count} note{'s' if count != 1 else ''}"


def check(subject: Subject) -> Iterator[Diagnostic]:
    variants = subject.variants
    if not variants:
        return
    written = {occurrence.name for occurrence in subject.note.tags}
    for occurrence in subject.note.tags:
        variant = variants.get(occurrence.name)
        if variant is None or variant.canonical in written:
            continue  # beside the other spelling it is a repeat, which duplicate-tag reports
        yield RULE.diagnostic(
            f'"{variant.name}" ({_notes(variant.count)}) and "{variant.canonical}" ({_notes(variant.canonical_count)}) look like one tag: {variant.evidence}',
            occurrence.span,
        )
