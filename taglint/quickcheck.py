"""Quick acceptance of clean notes: prove "no finding" without building the full note model.

Nearly every note of a maintained collection is clean, and for those the full
pipeline (tag occurrences with spans and removals, a Subject, every rule's
generator) is the main cost of a check. ``is_clean`` reads simple front matter
with the fast reader and tests the conditions under which every built-in rule
is silent: each tag is a canonical, non-deprecated name, written once; at most
one tag per exclusive group; every parent present; required fields present and
non-empty; the note schema certainly satisfied; no custom rule applies; no
suppression anywhere in the file. Any doubt answers False and the note takes
the full path, which alone produces findings. So a False costs time only; a
True is held to the full check by a property test
(tests/test_quickcheck.py). A rule this module does not know disables it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from taglint import quickread, quickschema
from taglint.checks.base import relative_to_root, with_ancestors
from taglint.textio import DecodeError, decode_text

# The built-in rules whose silence ``is_clean`` proves; a new rule must be added here deliberately.
COVERED = frozenset(
    (
        "unknown-tag",
        "alias-tag",
        "deprecated-tag",
        "duplicate-tag",
        "conflicting-tags",
        "missing-parent",
        "missing-field",
        "invalid-field",
        "parse-error",
        "unused-suppression",
    )
)


@dataclass(frozen=True)
class Plan:
    """What ``is_clean`` needs from a setup, computed once per run."""

    tag_fields: tuple[str, ...]
    canonical: frozenset[str]  # non-deprecated canonical names
    constrained: dict[str, tuple[frozenset[str], tuple[str, ...]]]  # tag -> (parents, exclusive groups), if any
    required: tuple[str, ...]
    schema: dict[str, Any] | None
    custom: tuple[Any, ...]  # enabled custom rules
    setup: Any


def plan_for(setup: Any) -> Plan | None:
    """A plan, or None when quick acceptance cannot be trusted for this setup."""
    from taglint import checks

    if setup.config.inline_tags or set(checks.RULES) - COVERED:
        return None
    taxonomy = setup.taxonomy
    canonical = frozenset(name for name, tag in taxonomy.tags.items() if not tag.deprecated)
    constrained = {
        name: (frozenset(taxonomy.tags[name].parents), tuple(taxonomy.group_of.get(name, ())))
        for name in canonical
        if taxonomy.tags[name].parents or taxonomy.group_of.get(name)
    }
    return Plan(
        tag_fields=tuple(setup.config.tag_fields),
        canonical=canonical,
        constrained=constrained,
        required=tuple(setup.ruleset.required_fields),
        schema=setup.ruleset.note_schema,
        custom=tuple(rule for rule in setup.ruleset.custom if setup.severities.get(rule.id) is not None),
        setup=setup,
    )


_EMPTY: tuple[Any, ...] = (None, "", [], {})


def _names(value: Any) -> list[str] | None:
    """Tag names of a tag field's value, split as tagsyntax splits strings; None if unusual."""
    if value is None:
        return []
    if isinstance(value, str):
        if "," in value:
            return [part.strip() for part in value.split(",") if part.strip()]
        return value.split()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def is_clean(path: str, data: bytes, plan: Plan) -> bool:
    """True only when the full check of this note would report nothing."""
    try:
        text = decode_text(data)
    except DecodeError:
        return False
    if "taglint" in text:
        return False  # a suppression (front-matter key or comment) may be in play
    values = quickread.read_values(text)
    if values is None:
        return False
    seen: set[str] = set()
    written = 0
    for key in plan.tag_fields:
        value = values.get(key)
        if value is None:
            continue
        names = value.split() if isinstance(value, str) and "," not in value else _names(value)
        if names is None:
            return False
        seen.update(names)
        written += len(names)
    # Set operations in C: every name canonical and written once.
    if len(seen) != written or not seen <= plan.canonical:
        return False
    constrained = plan.constrained
    groups: set[str] = set()
    for name in seen.intersection(constrained):
        parents, tag_groups = constrained[name]
        if not parents <= seen:
            return False
        for group in tag_groups:
            if group in groups:
                return False
            groups.add(group)
    for name in plan.required:
        if values.get(name) in _EMPTY:  # is_empty, inline: this runs per field of every note
            return False
    if plan.schema is not None and not quickschema.certainly_valid(values, plan.schema):
        return False
    if plan.custom:
        from taglint.checks import custom

        subject = _QuickSubject(path, values, seen, plan)
        if any(custom.applies(rule, subject) for rule in plan.custom):  # type: ignore[arg-type]
            return False
    return True


class _QuickField:
    """A field as ``checks.custom`` reads it: only its value."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _QuickNote:
    def __init__(self, path: str, values: dict[str, Any]) -> None:
        self.path = path
        self.fields = {key: _QuickField(value) for key, value in values.items()}


class _QuickSubject:
    """The attributes ``checks.custom.applies`` reads, from the quick reading."""

    def __init__(self, path: str, values: dict[str, Any], present: set[str], plan: Plan) -> None:
        self.note = _QuickNote(path, values)
        self.taxonomy = plan.setup.taxonomy
        self.root = plan.setup.config.root
        self._present = present

    @cached_property
    def with_ancestors(self) -> set[str]:
        return with_ancestors(self._present, self.taxonomy)

    @cached_property
    def relative_path(self) -> str:
        return relative_to_root(self.note.path, self.root)
