"""Options and loading: the config, the taxonomy and the whole project (``Setup``) a run checks against."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from taglint.lint.setup import load_setup_cached, unknown_rule_names
from taglint.project.config import (
    Config,
    find_config,
    load_config_file,
    require_confined,
    with_overrides,
)
from taglint.project.dialects import resolve as resolve_dialect
from taglint.project.located import DataFileErrors
from taglint.project.setup import Setup
from taglint.project.taxonomy import Taxonomy, TaxonomyMissing
from taglint.project.taxonomy import load_taxonomy as _load_taxonomy

# The checking and fixing machinery (the rule modules above all) is imported where a run needs it: the
# taxonomy tools (`taglint tags`, `tree`, `graph`) load their config through this module, and importing
# it all here made their start-up ~20 ms longer (59 -> 78 ms measured here).

# Every located problem of one data file (config, taxonomy, a rule set); str() gives one ``path:line:col: message`` a line.
ProjectError = DataFileErrors

PathLike: TypeAlias = "str | os.PathLike[str]"
Paths: TypeAlias = "PathLike | Iterable[PathLike]"  # one path, or several


class OptionsError(ValueError):
    """An option that cannot be used: a rule name in ``select`` or ``ignore`` that names no rule."""


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Options:
    """What a run is asked to do beyond the project's own config: the CLI's shared options, as data.

    ``None`` and empty mean "as the config says". ``cache`` is the result cache
    (``--no-cache`` turns it off); the compiled setup is reused whenever its
    input files are byte-identical, like ``.pyc`` files, so it is always on.
    """

    config: str | None = None  # config file; default: the nearest taglint.toml/pyproject.toml above the first path
    taxonomy: str | None = None  # taxonomy file instead of the config's
    rules: str | None = None  # rule-set file or directory instead of the config's
    select: tuple[str, ...] = ()  # only these rules (names or code prefixes); empty: the config's choice
    ignore: tuple[str, ...] = ()  # these rules off, on top of the config's ignore
    force_exclude: bool = False  # exclude patterns apply to files named explicitly too (pre-commit)
    jobs: int | None = None  # worker processes for large runs; None: one per CPU
    cache: bool = True  # read and write the result cache
    cache_dir: str | None = None  # where the caches live; None: the config's cache-dir (results), the user's cache (setup)
    respect_gitignore: bool | None = None  # walks skip what git ignores; None: the config's respect-gitignore
    dialect: str | None = None  # how notes are read (auto, obsidian, jekyll, hugo, generic); None: as the config says

    def __post_init__(self) -> None:
        # A single name is a common slip for a one-name tuple: ("TG001") is a str, iterated letter by letter.
        object.__setattr__(self, "select", _names(self.select))
        object.__setattr__(self, "ignore", _names(self.ignore))

    def overrides_project(self) -> bool:
        """Whether these options load something other than what the config alone gives for the paths."""
        return bool(self.config or self.taxonomy or self.rules or self.select or self.ignore or self.cache_dir or self.dialect)


def _paths(paths: Paths) -> list[str]:
    """The paths as strings; a single path is accepted as well as a list of them."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def load_config(paths: Paths = (), options: Options = Options()) -> Config:
    """The config for ``paths``: ``options.config``, else the nearest one above the first path; with the options' files.

    Raises ``ProjectError`` when the config file cannot be read or holds an unknown or mistyped setting.
    """
    targets = _paths(paths)
    config = load_config_file(options.config) if options.config else find_config(targets[0] if targets else ".")
    overrides: dict[str, object] = {
        key: os.path.abspath(value) for key, value in (("taxonomy", options.taxonomy), ("rules", options.rules)) if value
    }
    config = with_overrides(config, respect_gitignore=options.respect_gitignore, dialect=options.dialect, **overrides)
    # The dialect decided (auto: from the markers above the first path) and the tag fields it reads.
    return resolve_dialect(config, targets[0] if targets else ".")


def load_taxonomy(config: Config) -> Taxonomy:
    """The config's taxonomy alone (the taxonomy tools need no rule sets); raises ``ProjectError``."""
    from taglint.project.taxonomy import for_dialect

    return for_dialect(_load_taxonomy(require_confined(config).taxonomy_path), config.dialect)


def load_project(paths: Paths = (), options: Options = Options()) -> Setup:
    """Config, taxonomy and rule sets for ``paths``, with each rule's effective severity.

    Raises ``ProjectError`` (every located problem) or ``OptionsError``. A
    project loaded exactly as its config says (no option overriding it) is
    also remembered for the pre-commit fast path, which proves notes clean
    without loading anything. With no taxonomy file at all (none found, none
    named) the project is one ``without_taxonomy``: its notes' spellings are
    checked against each other, as inferred from the notes under ``paths``.
    """
    targets = _paths(paths)
    config = load_config(targets, options)
    try:
        project = load_setup_cached(config, options.select, options.ignore, options.cache_dir)
    except TaxonomyMissing:
        if "taxonomy" in config.explicit:
            raise  # a taxonomy the config or the options name must exist
        # Checking machinery, imported on use (see the top).
        from taglint.tools.infer.variants import setup_without_taxonomy

        project = setup_without_taxonomy(config, targets, options.select, options.ignore)
    custom = [name for rule in project.ruleset.custom for name in (rule.id, rule.code)]
    unknown = unknown_rule_names((*options.select, *options.ignore), custom)
    if unknown:
        raise OptionsError(f"unknown rule {', '.join(repr(name) for name in unknown)}; see `taglint rules`")
    if not options.cache:
        # Nothing read from the repository's cache directory, a stored tag model included:
        # CI runs with --no-cache so that a model committed by a pull request is not trusted.
        from taglint.lint.tagmodel import KEY

        project.derived[KEY] = None
    if not (options.overrides_project() or project.without_taxonomy):
        # Checking machinery, imported on use (see the top).
        from taglint.lint.precommit import remember

        remember(project)
    return project
