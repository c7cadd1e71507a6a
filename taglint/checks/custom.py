"""Custom rules declared in rule-set files (``custom:`` in ``rules/*.yaml``).

A custom rule fires when all of its ``when`` conditions hold: ``tags``
(``any``/``all``/``none`` of the listed tags, resolved through aliases and
parents, ``@group`` meaning any member of an exclusive group), ``fields``
(``present``, ``missing`` or ``{matches: REGEX}``) and ``path`` (a gitignore-style
glob). Its actions then report missing ``require-fields``, missing
``require-tags`` and present ``forbid-tags``, with the rule's own id, code,
severity and message. Custom rules have no fixes.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.checks.missing_field import is_empty
from taglint.files.globs import glob_matches
from taglint.model import Diagnostic, Severity, Span
from taglint.project.patterns import search
from taglint.project.ruleset import CustomRule
from taglint.project.taxonomy import Taxonomy


def rule_of(custom: CustomRule) -> Rule:
    return Rule(custom.code, custom.id, Severity(custom.severity), None, custom.message, custom.description)


def unknown_references(custom: CustomRule, taxonomy: Taxonomy) -> list[str]:
    """Tag names and @groups in ``custom`` that the taxonomy does not know."""
    names = (*custom.any_tags, *custom.all_tags, *custom.none_tags, *custom.require_tags, *custom.forbid_tags)
    bad = []
    for name in names:
        if name.startswith("@"):
            if name[1:] not in taxonomy.exclusive:
                bad.append(f'unknown exclusive group "{name[1:]}"')
        elif taxonomy.resolve(name) is None:
            bad.append(f'unknown tag "{name}"')
    return bad


def _has(subject: Subject, name: str) -> bool:
    present = subject.with_ancestors
    if name.startswith("@"):
        return any(m in present for m in subject.taxonomy.exclusive.get(name[1:], ()))
    resolution = subject.taxonomy.resolve(name)
    return resolution is not None and resolution.canonical in present


def applies(custom: CustomRule, subject: Subject) -> bool:
    if custom.any_tags and not any(_has(subject, n) for n in custom.any_tags):
        return False
    if custom.all_tags and not all(_has(subject, n) for n in custom.all_tags):
        return False
    if custom.none_tags and any(_has(subject, n) for n in custom.none_tags):
        return False
    fields = subject.note.fields
    for condition in custom.fields:
        fld = fields.get(condition.name)
        present = fld is not None and not is_empty(fld.value)
        if condition.state == "present" and not present:
            return False
        if condition.state == "missing" and present:
            return False
        # RE2: linear in the value, whatever the pattern (project/patterns.py).
        if condition.state == "matches" and (fld is None or not search(condition.pattern or "", str(fld.value))):
            return False
    return not (custom.path is not None and not glob_matches(custom.path, subject.relative_path))


def check_rule(custom: CustomRule, subject: Subject) -> Iterator[Diagnostic]:
    if not applies(custom, subject):
        return
    rule = rule_of(custom)
    note = subject.note
    anchor = Span(0, 3) if note.has_front_matter else Span(0, 0)
    for name in custom.require_fields:
        fld = note.fields.get(name)
        if fld is None or is_empty(fld.value):
            yield rule.diagnostic(f'{custom.message} (field "{name}" is missing)', fld.key_span if fld else anchor)
    for name in custom.require_tags:
        if not _has(subject, name):
            yield rule.diagnostic(f'{custom.message} (tag "{name}" is missing)', anchor)
    for name in custom.forbid_tags:
        for occurrence, resolution in zip(note.tags, subject.resolutions, strict=False):
            if resolution is None:
                continue
            if name.startswith("@"):
                hit = resolution.canonical in subject.taxonomy.exclusive.get(name[1:], ())
            else:
                target = subject.taxonomy.resolve(name)
                hit = target is not None and (
                    resolution.canonical == target.canonical or subject.taxonomy.is_ancestor(target.canonical, of=resolution.canonical)
                )
            if hit:
                yield rule.diagnostic(f'{custom.message} (tag "{occurrence.name}" is not allowed here)', occurrence.span)
