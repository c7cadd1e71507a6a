"""unused-suppression (TG010): a suppression that no longer suppresses anything.

**What it does.** Reports each rule named in a note's suppressions (the
front-matter key ``taglint: {ignore: [...]}`` or an HTML comment
``<!-- taglint: ignore RULE -->`` on the line before a finding) that
silenced no finding in this run: the problem was fixed, the rule is switched
off, or the comment sits on the wrong line. Also reports suppressions that
name no known rule and a ``taglint`` key that is not ``{ignore: [...]}``.

**Why.** A stale suppression hides the next real problem of that kind in the
note; a misspelt one silences nothing while looking as if it did.

**Example.**

    taglint: {ignore: [alias-tag]}
    tags: [LanguageModel]        # nothing here is an alias any more

**Use instead.**

    tags: [LanguageModel]

**Fix safety.** None: remove the entry by hand (``taglint check --add-ignore``
writes fresh suppressions for the findings that remain).

**Options.** Switch it off like any rule (``ignore = ["unused-suppression"]``),
or suppress it in a note with ``taglint: {ignore: [unused-suppression]}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from taglint.checks.base import Rule, Subject
from taglint.model import Diagnostic, Severity
from taglint.parse.notes import Note
from taglint.parse.suppressions import Suppression, parse, partition

RULE = Rule("TG010", "unused-suppression", Severity.WARNING, None, "Suppression that suppresses nothing", __doc__ or "")


def known_rules(subject: Subject) -> set[str]:
    from taglint import checks

    names = {m.RULE.name for m in checks.RULES.values()} | {m.RULE.code for m in checks.RULES.values()}
    for custom in subject.ruleset.custom:
        names |= {custom.id, custom.code}
    return names


def _is_known(entry: Suppression, known: set[str]) -> bool:
    return entry.rule in known or entry.rule.upper() in known


def check(subject: Subject) -> Iterator[Diagnostic]:
    """Suppressions that cannot work: malformed ``taglint`` keys and unknown rule names."""
    found, problems = parse(subject.note)
    for problem in problems:
        yield RULE.diagnostic(problem.message, problem.span)
    if not found:
        return
    known = known_rules(subject)
    for entry in found:
        if not _is_known(entry, known):
            yield RULE.diagnostic(f'Suppression names unknown rule "{entry.rule}"; see `taglint rules`', entry.span)


def _names_self(entry: Suppression) -> bool:
    return entry.rule == RULE.name or entry.rule.upper() == RULE.code


def apply(subject: Subject, diagnostics: Sequence[Diagnostic], level: Severity | None) -> list[Diagnostic]:
    """Drop suppressed findings; with the rule enabled (``level``), add one per unused suppression."""
    note: Note = subject.note
    found, _ = parse(note)
    if not found:
        return list(diagnostics)
    kept, used = partition(diagnostics, found)
    if level is None:
        return kept
    known = known_rules(subject)
    stale = [i for i, s in enumerate(found) if i not in used and _is_known(s, known)]
    reports = [_unused(found[i], level) for i in stale if not _names_self(found[i])]
    # A suppression of unused-suppression itself is used when it silences one of these reports.
    reports, used_here = partition(reports, found)
    reports += [_unused(found[i], level) for i in stale if _names_self(found[i]) and i not in used_here]
    return kept + reports


def _unused(entry: Suppression, level: Severity) -> Diagnostic:
    where = "in this note" if entry.scope is None else "on the next line"
    message = f'Unused suppression: "{entry.rule}" finds nothing to suppress {where}; remove it'
    diagnostic = RULE.diagnostic(message, entry.span)
    return diagnostic if level is RULE.severity else Diagnostic(diagnostic.code, diagnostic.rule, level, message, entry.span)
