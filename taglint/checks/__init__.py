"""The built-in rules: one module each, registered here explicitly.

Each module declares its ``RULE`` (code, name, default severity, fix
safety; its docstring is the rule's documentation) and one ``check(subject)``
generator. ``taxonomy`` holds the taxonomy's own quality rules (TG1xx),
``custom`` the rule sets' declared rules, ``didyoumean`` and ``tagmodel/``
the suggestions findings quote.

May import project, parse, files, model.
"""

from __future__ import annotations

from taglint.checks import (
    alias_tag,
    conflicting_tags,
    deprecated_tag,
    duplicate_tag,
    front_matter_hash,
    invalid_field,
    missing_field,
    missing_parent,
    parse_error,
    trailing_comma_tag,
    under_tagged,
    unknown_tag,
    unused_suppression,
    variant_tag,
)
from taglint.checks.base import CheckModule, Rule

_MODULES: tuple[CheckModule, ...] = (
    unknown_tag,
    alias_tag,
    deprecated_tag,
    duplicate_tag,
    conflicting_tags,
    missing_parent,
    missing_field,
    invalid_field,
    parse_error,
    unused_suppression,
    variant_tag,
    under_tagged,
    trailing_comma_tag,
    front_matter_hash,
)

# Ordered by code; codes are stable forever: never renumber, only append.
RULES: dict[str, CheckModule] = {module.RULE.name: module for module in _MODULES}
BY_CODE: dict[str, Rule] = {module.RULE.code: module.RULE for module in _MODULES}


def rule_named(name_or_code: str) -> Rule | None:
    module = RULES.get(name_or_code)
    if module is not None:
        return module.RULE
    return BY_CODE.get(name_or_code.upper())
