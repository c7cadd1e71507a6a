"""Load the setup of a run: taxonomy, rule sets, and which rules are on at which severity.

``load_setup`` builds it from the files; ``load_setup_cached`` answers from
the setup cache while every file it was built from is byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from taglint.model import Severity
from taglint.project.config import Config, rule_name_errors
from taglint.project.located import DataFileErrors, LocatedError
from taglint.project.ruleset import EMPTY, load_ruleset
from taglint.project.setup import Setup, rule_matches
from taglint.project.taxonomy import load_taxonomy


def load_setup(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Setup:
    """Load taxonomy and rule sets; raise DataFileErrors with every located problem."""
    from taglint import checks
    from taglint.checks import custom as custom_rules

    taxonomy = load_taxonomy(config.taxonomy_path)
    rules_path = config.rules_path
    builtin = frozenset(checks.RULES)
    ruleset = load_ruleset(rules_path, builtin) if rules_path else EMPTY
    errors: list[LocatedError] = []
    for rule in ruleset.custom:
        for problem in custom_rules.unknown_references(rule, taxonomy):
            path, line, column = _split_origin(rule.origin)
            errors.append(LocatedError(path, line, column, f'custom rule "{rule.id}": {problem}'))
    # A misspelt name in select would otherwise switch every rule off without a word.
    custom_names = [n for r in ruleset.custom for n in (r.id, r.code)]
    errors.extend(rule_name_errors(config, lambda names: unknown_rule_names(names, custom_names)))
    if errors:
        raise DataFileErrors(errors)
    overrides = ruleset.severity_overrides()
    chosen_select = tuple(select) or config.select
    chosen_ignore = (*config.ignore, *ignore)
    severities: dict[str, Severity | None] = {}
    all_rules = [(m.RULE.name, m.RULE.code, m.RULE.severity, m.RULE.opt_in) for m in checks.RULES.values()]
    all_rules += [(c.id, c.code, Severity(c.severity), False) for c in ruleset.custom]
    for name, code, default, opt_in in all_rules:
        # An opt-in rule is on only when a rule set gives it a severity or select names it exactly.
        named = any(pattern in (name, code) or pattern.upper() == code for pattern in chosen_select)
        level: Severity | None = default if not opt_in or named else None
        if name in overrides:
            level = None if overrides[name] == "off" else Severity(overrides[name])
        if chosen_select and not rule_matches(name, code, chosen_select):
            level = None
        if rule_matches(name, code, chosen_ignore):
            level = None
        severities[name] = level
    return Setup(config, taxonomy, ruleset, severities)


def load_setup_cached(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None) -> Setup:
    """``load_setup``, answered from the setup cache when nothing it depends on has changed.

    By default the cache lives in the user's cache directory, not in the
    repository: a stranger's pull request cannot plant a compiled setup there.
    """
    from taglint.cache import setup as setup_cache

    stored = setup_cache.lookup(config, select, ignore, directory)
    if stored is not None:
        return stored
    setup = load_setup(config, select, ignore)
    setup_cache.store(setup, select, ignore, directory)
    return setup


def _split_origin(origin: str) -> tuple[str, int, int]:
    path, line, column = origin.rsplit(":", 2)
    return path, int(line), int(column)


def unknown_rule_names(names: Iterable[str], setup_rules: Iterable[str] = ()) -> list[str]:
    """The names in ``names`` that select no rule (note, custom or taxonomy rule)."""
    names = [n for n in names if n != "ALL"]
    if not names:
        return []
    from taglint import checks
    from taglint.checks.taxonomy import RULES as TAXONOMY_LINTS  # check reports these too, so they can be selected

    known = set(checks.RULES) | set(setup_rules) | {r.name for r in TAXONOMY_LINTS}
    codes = {m.RULE.code for m in checks.RULES.values()} | {r.code for r in TAXONOMY_LINTS}
    return [n for n in names if n not in known and not any(c.startswith(n.upper()) for c in codes)]
