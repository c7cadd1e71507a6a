"""under-tagged (TG012): a note with fewer tags than the collection usually gives a note.

**What it does.** Opt-in (a rule set turns it on with ``under-tagged:
warning``, or ``--select under-tagged``), and silent until ``taglint suggest``
has stored a tag model for the collection (with the ``suggest`` extra
installed). Then it reports a tagged note that carries fewer tags than three
of four tagged notes of the collection do, and names the tags the model
suggests for it. Untagged notes are ``missing-field``'s when ``tags`` is
required.

**Why.** A note tagged from memory tends to get one or two tags where its
neighbours have five: it then misses the tag pages where it belongs.

**Example.**

    ---
    title: Scaling laws for neural language models
    tags: [NLP]
    ---

in a collection whose notes usually carry three or more tags reports
``1 tag where notes usually have 3 or more; taglint suggest: "LanguageModel"
(0.91), "Scaling Laws" (0.74), "Pretraining" (0.55)``.

**Use instead.**

    ---
    title: Scaling laws for neural language models
    tags: [NLP, LanguageModel, Scaling Laws]
    ---

**Fix safety.** Unsafe: the fix adds the suggested tags after the note's last
tag, in its style; they are a model's guess, so check them.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.checks.tagmodel import hints
from taglint.model import Applicability, Diagnostic, Severity, Span

RULE = Rule(
    "TG012",
    "under-tagged",
    Severity.WARNING,
    Applicability.UNSAFE,
    "Fewer tags than the collection's notes usually have",
    __doc__ or "",
    opt_in=True,
)


def check(subject: Subject) -> Iterator[Diagnostic]:
    model = subject.tag_model
    if model is None:
        return
    field_tags = [o for o in subject.note.tags if o.field is not None]
    present = len({r.canonical for r in subject.resolutions if r is not None})
    usual = int(model.header["usual"])
    if not field_tags or present >= usual:
        return
    found = hints.suggestions(subject)
    where = subject.note.fields[field_tags[0].field].key_span if field_tags[0].field in subject.note.fields else Span(0, 0)
    noun = "tag" if present == 1 else "tags"
    yield RULE.diagnostic(
        f"{present} {noun} where notes usually have {usual} or more{hints.phrase(found)}", where, hints.add_fix(subject, found)
    )
