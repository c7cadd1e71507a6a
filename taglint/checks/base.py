"""What every check module shares: its metadata record and the subject it inspects."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity, Span, TagOccurrence, TagVariant
from taglint.parse import dialects
from taglint.parse.notes import Note
from taglint.project.ruleset import RuleSet
from taglint.project.taxonomy import Resolution, Taxonomy


class cached_property:
    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fixable: Applicability | None
    summary: str
    doc: str = ""
    opt_in: bool = False  # off unless a rule set gives it a severity or --select names it

    def diagnostic(self, message: str, span: Span, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(self.code, self.name, self.severity, message, span, fix)


@dataclass(frozen=True)
class Subject:
    """One note and everything a check needs to judge it."""

    note: Note
    taxonomy: Taxonomy
    ruleset: RuleSet
    root: str = ""  # the config root; path globs in rule sets are relative to it
    variants: Mapping[str, TagVariant] = field(default_factory=dict)  # inferred when there is no taxonomy
    tag_model: Any = None  # the stored tag model (checks.tagmodel) when the run has one, for suggestions
    dialect: str = "generic"  # how the notes are read (parse.dialects)
    hash_convention: str = "with"  # obsidian: whether front-matter tags are written "with" or "without" a leading "#"

    @cached_property
    def relative_path(self) -> str:
        """The note's path relative to ``root`` with forward slashes (as given when there is no root)."""
        return relative_to_root(self.note.path, self.root)

    @cached_property
    def resolutions(self) -> tuple[Resolution | None, ...]:
        resolve = self.taxonomy.resolve
        return tuple(resolve(occ.name) for occ in self.note.tags)

    @cached_property
    def front_matter_tags(self) -> list[tuple[TagOccurrence, Resolution | None]]:
        return [(o, r) for o, r in zip(self.note.tags, self.resolutions, strict=False) if o.field is not None]

    @cached_property
    def canonical_present(self) -> set[str]:
        """Canonical names of every resolved tag (deprecated ones as their replacement too).

        With nested tags (the obsidian dialect), ``a/b`` also stands for ``a``: Obsidian lists a
        note tagged ``#a/b`` under ``#a`` and finds it by ``tag:#a``.
        """
        present: set[str] = set()
        for res in self.resolutions:
            if res is not None:
                present.add(res.canonical)
                if res.tag.replaced_by:
                    present.add(res.tag.replaced_by)
        if dialects.nested(self.dialect):
            resolve = self.taxonomy.resolve
            for occurrence in self.note.tags:
                for prefix in dialects.prefixes(occurrence.name):
                    found = resolve(prefix)
                    if found is not None:
                        present.add(found.canonical)
        return present

    @cached_property
    def with_ancestors(self) -> set[str]:
        return with_ancestors(self.canonical_present, self.taxonomy)


def relative_to_root(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes (as given when there is no root)."""
    if not root:
        return path
    import os

    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def with_ancestors(names: set[str], taxonomy: Taxonomy) -> set[str]:
    """``names`` and every ancestor of each."""
    return set(taxonomy.with_ancestors(names))


class CheckModule(Protocol):
    RULE: Rule

    def check(self, subject: Subject) -> Iterator[Diagnostic]: ...


def replace_fix(occurrence: TagOccurrence, content: str | None, applicability: Applicability, message: str) -> Fix | None:
    if content is None:
        return None
    return Fix((Edit(occurrence.span, content),), applicability, message)


def remove_fix(occurrence: TagOccurrence, applicability: Applicability, message: str) -> Fix | None:
    if occurrence.removal is None:
        return None
    return Fix((Edit(occurrence.removal, ""),), applicability, message)
