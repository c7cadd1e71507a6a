"""Quick acceptance of clean notes: prove "no finding" without building the full note model.

Nearly every note of a maintained collection is clean, and for those the full
pipeline (tag occurrences with spans and removals, a Subject, every rule's
generator) is the main cost of a check. ``is_clean`` reads the front matter's
values only (``yaml_values``: a regex reader for the plainest front matter,
libyaml for any other) and tests the conditions under
which every built-in rule is silent: each tag is a canonical, non-deprecated name, written once; at most
one tag per exclusive group; every parent present; required fields present and
non-empty; the note schema certainly satisfied; no custom rule applies; no
suppression anywhere in the file. Any doubt answers False and the note takes
the full path, which alone produces findings. So a False costs time only; a
True is held to the full check by a property test
(tests/test_quickcheck.py). A rule this module does not know disables it.
"""

from __future__ import annotations

from functools import cached_property

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see fastpath)

from taglint.files.text import DecodeError, decode_text  # noqa: E402 - after TYPE_CHECKING, which must precede no import
from taglint.lint.quick_names import front_matter_values, prefixes, written_names  # noqa: E402 - after TYPE_CHECKING, which must precede no import

if TYPE_CHECKING:
    from typing import Any

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
        # Silent unless the setup has no taxonomy; then no tag is canonical, so no tagged note is proven clean.
        "variant-tag",
        # Opt-in; when it is on, plan_for gives no plan (it counts tags against a stored model's usual count).
        "under-tagged",
        # Jekyll only: a tag ending in "," is never canonical, so no note that has one is proven clean.
        "trailing-comma-tag",
        # Obsidian only: a name written "#x" is read as "#x" here, never canonical (the quick reader keeps the "#").
        "front-matter-hash",
    )
)


class Plan:
    """What ``is_clean`` needs from a setup, computed once per run (or read back by ``fastpath``)."""

    __slots__ = ("canonical", "constrained", "custom", "dialect", "required", "schema", "setup", "tag_fields")

    def __init__(
        self,
        tag_fields: tuple[str, ...],
        canonical: frozenset[str],  # non-deprecated canonical names
        constrained: dict[str, tuple[frozenset[str], tuple[str, ...]]],  # tag -> (parents, exclusive groups), if any
        required: tuple[str, ...],
        schema: dict[str, Any] | None,
        custom: tuple[tuple[Any, tuple[frozenset[str], ...] | None], ...],  # (enabled custom rule, its tag_guard)
        setup: Any,  # None when read back without a setup (then every custom rule has a guard)
        dialect: str = "generic",  # how the notes are read (parse.dialects)
    ) -> None:
        self.dialect = dialect
        self.tag_fields = tag_fields
        self.canonical = canonical
        self.constrained = constrained
        self.required = required
        self.schema = schema
        self.custom = custom
        self.setup = setup


_MISSING = object()


def plan_of(setup: Any) -> Plan | None:
    """``plan_for(setup)``, computed once per setup (kept in ``setup.derived``, which forked workers inherit)."""
    plan = setup.derived.get("quick_plan", _MISSING)
    if plan is _MISSING:
        plan = setup.derived["quick_plan"] = plan_for(setup)
    return plan


def plan_for(setup: Any) -> Plan | None:
    """A plan, or None when quick acceptance cannot be trusted for this setup."""
    from taglint import checks

    if setup.config.inline_tags or set(checks.RULES) - COVERED or setup.severities.get("under-tagged") is not None:
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
        custom=tuple((rule, tag_guard(rule, taxonomy)) for rule in setup.ruleset.custom if setup.severities.get(rule.id) is not None),
        setup=setup,
        dialect=setup.config.dialect,
    )


def plan_from_stored(stored: dict[str, Any]) -> tuple[Plan, dict[str, Any]]:
    """The plan the fast path stored (``taglint.lint.precommit``), and the stored record it came from."""
    constrained = {name: (frozenset(parents), tuple(groups)) for name, (parents, groups) in stored["constrained"].items()}
    custom = tuple((None, tuple(frozenset(tags) for tags in guard)) for guard in stored["custom_guards"])
    plan = Plan(
        tuple(stored["tag_fields"]),
        frozenset(stored["canonical"]),
        constrained,
        tuple(stored["required"]),
        stored["schema"],
        custom,
        None,
        stored["dialect"],
    )
    return plan, stored


def tag_guard(rule: Any, taxonomy: Any) -> tuple[frozenset[str], ...] | None:
    """Tag sets that prove a custom rule silent: when the note's tags miss one set entirely, the rule's
    ``when: tags`` cannot hold. None when the rule has no tag condition (only its full test can tell).

    ``any: [T...]`` needs some T, an alias of one, a descendant, or a member of ``@group`` in the
    note: one set, of all of those. ``all: [T...]`` needs each: a set per T.
    """

    def reach(names: tuple[str, ...]) -> frozenset[str]:
        targets: set[str] = set()
        for name in names:
            if name.startswith("@"):
                targets.update(taxonomy.exclusive.get(name[1:], ()))
            else:
                resolution = taxonomy.resolve(name)
                if resolution is not None:
                    targets.add(resolution.canonical)
        # A tag triggers the rule when it or one of its ancestors is a target.
        return frozenset(taxonomy.with_descendants(targets))

    guard = ([reach(rule.any_tags)] if rule.any_tags else []) + [reach((name,)) for name in rule.all_tags]
    return tuple(guard) or None


_EMPTY: tuple[Any, ...] = (None, "", [], {})


def is_clean(path: str, data: bytes, plan: Plan) -> bool:
    """True only when the full check of this note would report nothing."""
    try:
        text = decode_text(data)
    except DecodeError:
        return False
    return is_clean_text(path, text, plan)


def is_clean_text(path: str, text: str, plan: Plan) -> bool:
    """``is_clean`` for a note already decoded (``text`` without its BOM): e.g. a note just fixed."""
    if "taglint" in text:
        return False  # a suppression (front-matter key or comment) may be in play
    values = front_matter_values(text, plan.dialect)
    if values is None:
        return False
    names = written_names(values, plan.tag_fields, plan.dialect)
    if names is None:
        return False
    seen = set(names)
    written = len(names)
    # Set operations in C: every name canonical and written once.
    if len(seen) != written or not seen <= plan.canonical:
        return False
    constrained = plan.constrained
    groups: set[str] = set()
    # Obsidian's nested tags: "a/b" stands for "a" too (a parent written as a prefix is present).
    present = seen if plan.dialect != "obsidian" else seen.union(*(prefixes(name) for name in seen))
    for name in seen.intersection(constrained):
        parents, tag_groups = constrained[name]
        if not parents <= present:
            return False
        for group in tag_groups:
            if group in groups:
                return False
            groups.add(group)
    for name in plan.required:
        value = values.get(name)
        if not value and value in _EMPTY:  # is_empty, inline: this runs per field of every note
            return False
    if plan.schema is not None:
        from taglint.parse.fences import yaml_text_of
        from taglint.project.schema_fast import certainly_valid

        if not certainly_valid(values, plan.schema, yaml_text_of(text)):
            return False
    subject = None
    for rule, guard in plan.custom:
        if guard is not None and any(seen.isdisjoint(tags) for tags in guard):
            continue  # the rule's tag condition cannot hold: silent without a closer look
        if plan.setup is None:
            return False
        from taglint.checks import custom

        subject = subject or _QuickSubject(path, values, seen, plan)
        if custom.applies(rule, subject):  # type: ignore[arg-type]
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
        from taglint.checks.base import with_ancestors

        return with_ancestors(self._present, self.taxonomy)

    @cached_property
    def relative_path(self) -> str:
        from taglint.checks.base import relative_to_root

        return relative_to_root(self.note.path, self.root)
