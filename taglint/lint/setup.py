"""Load the setup of a run: taxonomy, rule sets, and which rules are on at which severity.

``load_setup`` builds it from the files; ``load_setup_cached`` answers from
the setup cache while every file it was built from digests the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from taglint.model import Severity
from taglint.project.config import Config, require_confined, rule_name_errors
from taglint.project.located import DataFileErrors, LocatedError
from taglint.project.ruleset import EMPTY, RuleSet, load_ruleset
from taglint.project.setup import Setup, rule_matches
from taglint.project.taxonomy import load_taxonomy


def load_setup(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Setup:
    """Load taxonomy and rule sets; raise DataFileErrors with every located problem."""
    from taglint import checks
    from taglint.checks import custom as custom_rules

    require_confined(config)
    taxonomy = load_taxonomy(config.taxonomy_path)
    rules_path = config.rules_path
    builtin = frozenset(checks.RULES)
    ruleset = load_ruleset(rules_path, builtin, _schema_root(config, rules_path)) if rules_path else EMPTY
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
    all_rules = [(m.RULE.name, m.RULE.code, m.RULE.severity) for m in checks.RULES.values()]
    all_rules += [(c.id, c.code, Severity(c.severity)) for c in ruleset.custom]
    severities = _severities(config, ruleset, all_rules, select, ignore)
    return Setup(config, taxonomy, ruleset, severities)


# The note rules that mean something without a taxonomy (variant-tag only means something without one).
# unused-suppression is off: suppressions of the taxonomy rules would all look unused.
WITHOUT_TAXONOMY = ("duplicate-tag", "missing-field", "invalid-field", "parse-error", "variant-tag")


def load_setup_without_taxonomy(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Setup:
    """The setup of a check in a collection with no taxonomy file: an empty taxonomy, the rules in WITHOUT_TAXONOMY.

    The rule sets still give required fields, the note schema and severities;
    custom rules are left out, since their tag conditions name tags of a
    taxonomy that does not exist.  ``variants`` is for the caller to fill in
    (``taglint.tools.infer.variants``): it needs every checked note.
    """
    from dataclasses import replace

    from taglint import checks
    from taglint.project.taxonomy import empty_taxonomy

    rules_path = config.rules_path
    ruleset = load_ruleset(rules_path, frozenset(checks.RULES)) if rules_path else EMPTY
    ruleset = replace(ruleset, custom=())
    wanted = [(m.RULE.name, m.RULE.code, m.RULE.severity) for m in checks.RULES.values() if m.RULE.name in WITHOUT_TAXONOMY]
    severities = dict.fromkeys(checks.RULES) | _severities(config, ruleset, wanted, select, ignore)
    return with_dialect(Setup(config, empty_taxonomy(config.taxonomy_path), ruleset, severities, without_taxonomy=True))


def _severities(
    config: Config, ruleset: RuleSet, rules: Iterable[tuple[str, str, Severity]], select: Sequence[str], ignore: Sequence[str]
) -> dict[str, Severity | None]:
    """Each rule's effective severity: its default, the rule sets' override, then select and ignore."""
    overrides = ruleset.severity_overrides()
    chosen_select = tuple(select) or config.select
    chosen_ignore = (*config.ignore, *ignore)
    severities: dict[str, Severity | None] = {}
    # An opt-in rule is on only when a rule set gives it a severity or select names it exactly.
    from taglint import checks

    opt_in = {m.RULE.name for m in checks.RULES.values() if m.RULE.opt_in}
    for name, code, default in rules:
        named = any(pattern in (name, code) or pattern.upper() == code for pattern in chosen_select)
        level: Severity | None = default if name not in opt_in or named else None
        if name in overrides:
            level = None if overrides[name] == "off" else Severity(overrides[name])
        if chosen_select and not rule_matches(name, code, chosen_select):
            level = None
        if rule_matches(name, code, chosen_ignore):
            level = None
        severities[name] = level
    return severities


def load_setup_cached(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (), directory: str | None = None) -> Setup:
    """``load_setup``, answered from the setup cache while every file it was built from digests the same.

    By default the cache lives in the user's cache directory, not in the
    repository: a stranger's pull request cannot plant a compiled setup there.
    """
    from taglint.cache import setup as setup_cache
    from taglint.cache.fingerprint import fingerprints

    stored = setup_cache.lookup(config, select, ignore, directory)
    if stored is not None:
        return with_dialect(stored)
    # Fingerprinted before the load: a file edited while it loads then leaves a stale entry, never a wrong one.
    before = fingerprints(setup_cache.input_paths(config))
    setup = load_setup(config, select, ignore)
    setup_cache.store(setup, select, ignore, directory, before)
    return with_dialect(setup)


def with_dialect(setup: Setup) -> Setup:
    """``setup`` with its taxonomy comparing spellings as the dialect's platform does (``taxonomy.for_dialect``).

    Done after the setup cache, which stores the taxonomy as written: recompiling costs a few dict inserts per tag.
    """
    from dataclasses import replace

    from taglint.project.taxonomy import for_dialect

    taxonomy = for_dialect(setup.taxonomy, setup.config.dialect)
    return setup if taxonomy is setup.taxonomy else replace(setup, taxonomy=taxonomy)


def _schema_root(config: Config, rules_path: str) -> str:
    """Where a rule set's ``note-schema`` file may lie: the project, or the rules named on the command line."""
    import os

    if "rules" in config.from_command_line:
        return os.path.realpath(rules_path if os.path.isdir(rules_path) else os.path.dirname(rules_path))
    return os.path.realpath(config.root)


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
