"""parse-error (TG009): a note taglint cannot read.

**What it does.** Reports front matter that is not valid YAML (at the YAML
error's line and column), is not a mapping, never closes, has a duplicate key,
or a file that is not UTF-8 text. Other rules skip that note; the run goes on
with the other files.

**Why.** A static site generator fails on the same note, or silently drops
its front matter.

**Example.**

    ---
    tags: [NLP, LanguageModel
    ---

**Use instead.**

    ---
    tags: [NLP, LanguageModel]
    ---

**Fix safety.** None.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Diagnostic, Severity

RULE = Rule("TG009", "parse-error", Severity.ERROR, None, "Note cannot be read", __doc__ or "")


def check(subject: Subject) -> Iterator[Diagnostic]:
    for problem in subject.note.problems:
        if problem.rule == RULE.name:
            yield RULE.diagnostic(problem.message, problem.span)
