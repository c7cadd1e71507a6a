"""front-matter-hash (TG014): an Obsidian front-matter tag written with a leading ``#``.

**What it does.** In the obsidian dialect, reports a tag in the ``tags``
property written ``"#NLP"``, when the collection writes its front-matter tags
without the ``#`` (``front-matter-hash = "without"``, or ``"auto"``, the
default, when most of the collection's front-matter tags have none).

**Why.** Obsidian reads both as the tag ``NLP`` (one leading ``#`` is dropped:
Dataview's ``extractTags``, which follows Obsidian), but other tools do not:
Jekyll, Hugo, search and scripts see ``#NLP``. A vault that writes its tags
one way stays readable by all of them; Obsidian's own property editor writes
them without ``#``.

**Example.**

    tags: ["#NLP", LanguageModel]

**Use instead.**

    tags: ["NLP", LanguageModel]

**Fix safety.** Safe: the ``#`` is deleted and nothing else; Obsidian reads
the same tag before and after.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity, Span, TagOccurrence, TagStyle
from taglint.parse import dialects

RULE = Rule("TG014", "front-matter-hash", Severity.WARNING, Applicability.SAFE, "Obsidian front-matter tag written with '#'", __doc__ or "")


def hash_at(text: str, occurrence: TagOccurrence) -> int | None:
    """Where the leading ``#`` of a front-matter tag is written, or None when it has none."""
    start = occurrence.span.start
    quoted = occurrence.style is not TagStyle.STRING and occurrence.quote in ("'", '"')
    at = start + 1 if quoted else start
    return at if text.startswith("#", at) else None


def check(subject: Subject) -> Iterator[Diagnostic]:
    if subject.dialect != dialects.OBSIDIAN or subject.hash_convention != "without":
        return
    text = subject.note.text
    for occurrence in subject.note.tags:
        if occurrence.field is None:
            continue
        at = hash_at(text, occurrence)
        if at is None:
            continue
        fix = Fix((Edit(Span(at, at + 1), ""),), Applicability.SAFE, "Remove the '#'") if occurrence.editable else None
        yield RULE.diagnostic(
            f'"#{occurrence.name}" is written with "#" in "{occurrence.field}"; this collection writes front-matter tags without it',
            occurrence.span,
            fix,
        )
