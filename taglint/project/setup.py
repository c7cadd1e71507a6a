"""The loaded project: config, taxonomy, rule sets and each rule's effective severity.

A plain record; ``taglint.lint.setup`` builds it (and the setup cache stores
it). ``derived`` holds what later layers compute from a setup once per run
(the quick plan, the did-you-mean index), so a setup is never compared by it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from taglint.model import Severity, TagVariant
from taglint.project.config import Config
from taglint.project.ruleset import RuleSet
from taglint.project.taxonomy import Taxonomy


@dataclass(frozen=True)
class Setup:
    """Everything loaded once per run."""

    config: Config
    taxonomy: Taxonomy
    ruleset: RuleSet
    severities: dict[str, Severity | None]  # rule name -> effective severity (None = off)
    # No taxonomy file: the taxonomy is empty and ``variants`` holds the spellings that look like another tag.
    without_taxonomy: bool = False
    variants: Mapping[str, TagVariant] = field(default_factory=dict)
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def rule_matches(rule_name: str, code: str, patterns: Iterable[str]) -> bool:
    """Whether a select/ignore list names this rule: ``ALL``, its name, or a prefix of its code (``TG0``).

    The one matcher for select, ignore and per-file-ignores, for note and taxonomy rules alike.
    """
    return any(pattern == "ALL" or pattern == rule_name or code.upper().startswith(pattern.upper()) for pattern in patterns)
