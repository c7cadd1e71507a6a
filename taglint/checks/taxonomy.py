"""Quality checks of the taxonomy itself (after qSKOS), beyond the hard errors of loading.

Each finding is a warning-severity ``Diagnostic`` with a span into the
taxonomy text.  ``taglint check`` runs the checks that need only the taxonomy
(redundant-parent, exclusive-hierarchy, slug-collision; missing-description
only when selected by name or code, since a fresh ``taglint init`` taxonomy
has no descriptions and every check would repeat one warning per tag);
``taglint taxonomy check`` runs all of those and also scans the notes for
unused-tag and unused-alias.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from taglint.model import Diagnostic, Severity, Span
from taglint.project.located import node_at
from taglint.project.taxonomy import Taxonomy, name_key


@dataclass(frozen=True, slots=True)
class LintRule:
    code: str
    name: str
    summary: str
    needs_usage: bool = False
    in_check: bool = True  # run by `taglint check` by default (else only when selected, and by `taxonomy check`)


REDUNDANT_PARENT = LintRule("TG101", "redundant-parent", "A parent that is already an ancestor through another parent")
MISSING_DESCRIPTION = LintRule("TG102", "missing-description", "A canonical tag without a description", in_check=False)
UNUSED_TAG = LintRule("TG103", "unused-tag", "A canonical tag no note uses", needs_usage=True)
UNUSED_ALIAS = LintRule("TG104", "unused-alias", "An alias no note uses", needs_usage=True)
EXCLUSIVE_HIERARCHY = LintRule("TG105", "exclusive-hierarchy", "Members of one exclusive group in a parent/child relation")
SLUG_COLLISION = LintRule("TG106", "slug-collision", "Tags that Jekyll or Hugo would turn into the same URL slug")
RULES = (REDUNDANT_PARENT, MISSING_DESCRIPTION, UNUSED_TAG, UNUSED_ALIAS, EXCLUSIVE_HIERARCHY, SLUG_COLLISION)


class Locator:
    """Character spans of values in the taxonomy text, found through the composed node tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: Any = None
        self._parsed = False

    def span(self, path: Sequence[Any], key: bool = False) -> Span:
        # Parsed on the first finding only: a clean taxonomy costs `taglint check` no second parse.
        if not self._parsed:
            from taglint.project.located import compose

            self._root = compose(self.text) if self.text.strip() else None
            self._parsed = True
        if self._root is None:
            return Span(0, 0)
        target = node_at(self._root, path, key)
        if target is None:  # not even the first step: an empty span at the document start
            return Span(self._root.start_mark.index, self._root.start_mark.index)
        return Span(target.start_mark.index, target.end_mark.index)


def _diag(rule: LintRule, message: str, span: Span) -> Diagnostic:
    return Diagnostic(rule.code, rule.name, Severity.WARNING, message, span)


def jekyll_slug(name: str) -> str:
    """Jekyll's ``slugify`` (default mode): lower case, runs of non-alphanumerics become one dash."""
    return re.sub(r"[^\w]+|_+", "-", name.lower()).strip("-")


def hugo_slug(name: str) -> str:
    """Hugo's ``urlize`` approximated: lower case, spaces to dashes, unsafe characters dropped."""
    text = unicodedata.normalize("NFC", name.lower()).replace(" ", "-")
    return re.sub(r"[^\w.\-/+~#]", "", text)


def lint_static(taxonomy: Taxonomy, text: str, descriptions: bool = True) -> list[Diagnostic]:
    """The checks that need only the taxonomy (missing-description only with ``descriptions``)."""
    where = Locator(text)
    found = [*_redundant_parents(taxonomy, where), *(_missing_descriptions(taxonomy, where) if descriptions else ())]
    found += [*_exclusive_hierarchy(taxonomy, where), *_slug_collisions(taxonomy, where)]
    return sorted(found, key=lambda d: (d.span.start, d.code))


def lint_usage(taxonomy: Taxonomy, text: str, used: set[str]) -> list[Diagnostic]:
    """unused-tag and unused-alias, given the written tag names the notes use."""
    where = Locator(text)

    def fold(name: str) -> str:
        return name_key(name, taxonomy.case_sensitive)

    seen = {fold(n) for n in used}
    found: list[Diagnostic] = []
    for tag in taxonomy.tags.values():
        spellings = [tag.name, *tag.aliases]
        if not tag.deprecated and not any(fold(s) in seen for s in spellings):
            found.append(_diag(UNUSED_TAG, f'no note uses "{tag.name}" (nor any of its aliases)', where.span(["tags", tag.name], key=True)))
        for index, alias in enumerate(tag.aliases):
            if fold(alias) not in seen:
                found.append(
                    _diag(
                        UNUSED_ALIAS,
                        f'alias "{alias}" of "{tag.name}" is never used in the notes',
                        where.span(["tags", tag.name, "aliases", index]),
                    )
                )
    return sorted(found, key=lambda d: (d.span.start, d.code))


def _redundant_parents(taxonomy: Taxonomy, where: Locator) -> Iterator[Diagnostic]:
    for tag in taxonomy.tags.values():
        for index, parent in enumerate(tag.parents):
            via = [p for p in tag.parents if p != parent and taxonomy.is_ancestor(parent, of=p)] if len(tag.parents) > 1 else []
            if via:
                yield _diag(
                    REDUNDANT_PARENT,
                    f'parent "{parent}" of "{tag.name}" is already an ancestor through "{via[0]}"; drop it',
                    where.span(["tags", tag.name, "parents", index]),
                )


def _missing_descriptions(taxonomy: Taxonomy, where: Locator) -> Iterator[Diagnostic]:
    for tag in taxonomy.tags.values():
        if not tag.description.strip() and not tag.deprecated:
            yield _diag(MISSING_DESCRIPTION, f'tag "{tag.name}" has no description', where.span(["tags", tag.name], key=True))


def _exclusive_hierarchy(taxonomy: Taxonomy, where: Locator) -> Iterator[Diagnostic]:
    for group, members in taxonomy.exclusive.items():
        for index, member in enumerate(members):
            for other in members:
                if other != member and taxonomy.is_ancestor(other, of=member):
                    yield _diag(
                        EXCLUSIVE_HIERARCHY,
                        f'exclusive group "{group}": "{member}" is a descendant of "{other}", so a note with "{member}" implies both',
                        where.span(["exclusive", group, index]),
                    )


def _slug_collisions(taxonomy: Taxonomy, where: Locator) -> Iterator[Diagnostic]:
    clashes: dict[tuple[str, str], list[str]] = {}  # (tag, earlier tag) -> "Jekyll: slug", ...
    for slug_of, site in ((jekyll_slug, "Jekyll"), (hugo_slug, "Hugo")):
        first: dict[str, str] = {}
        for tag in taxonomy.tags.values():
            slug = slug_of(tag.name)
            if slug in first:
                clashes.setdefault((tag.name, first[slug]), []).append(f'{site} "{slug}"')
            first.setdefault(slug, tag.name)
    for (name, other), sites in clashes.items():
        yield _diag(
            SLUG_COLLISION, f'"{name}" and "{other}" get the same URL slug ({", ".join(sites)})', where.span(["tags", name], key=True)
        )


def check_result(setup: Any, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Any:
    """The taxonomy-only lints as a ``FileResult`` for ``taglint check`` (None when clean or deselected)."""
    from taglint.files.text import LineIndex
    from taglint.model import FileResult
    from taglint.project.setup import rule_matches

    chosen_select = tuple(select) or setup.config.select
    chosen_ignore = (*setup.config.ignore, *ignore)

    def wanted(d: Diagnostic) -> bool:
        return (not chosen_select or rule_matches(d.rule, d.code, chosen_select)) and not rule_matches(d.rule, d.code, chosen_ignore)

    path = setup.taxonomy.path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    # missing-description only when the selection names it (or its codes): see the module docstring.
    descriptions = bool(chosen_select) and rule_matches(MISSING_DESCRIPTION.name, MISSING_DESCRIPTION.code, chosen_select)
    found = [d for d in lint_static(setup.taxonomy, text, descriptions) if wanted(d)]
    if not found:
        return None
    # Relative to the working directory, as the walk names notes (and as `taglint taxonomy check` prints it).
    return FileResult(os.path.relpath(path), tuple(found), tuple(LineIndex(text).starts))
